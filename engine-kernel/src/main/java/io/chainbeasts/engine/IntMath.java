package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;

/**
 * Integer transcendental functions in Q16 by table lookup with linear interpolation
 * (SPEC.md "Integer softmax, sigmoid and log"). The tables were computed once offline
 * ({@code round(65536 * exp(-i/16))} and {@code round(65536 * log2(1 + i/64))}) and are part of the
 * spec: every backend uses these exact integers. Error bounds are measured in {@code IntMathTest}.
 */
public final class IntMath {
    private IntMath() {}

    /** Q16 ln(2). */
    public static final int LN2_Q16 = 45426;
    /** exp(-z) is 0 for z >= 16.0. */
    public static final int EXP_ZERO_AT = 16 << 16;
    /** The largest loss a single head reports (16.0 in Q16): -ln(0) is capped here. */
    public static final int MAX_LOSS = 16 << 16;

    /** EXP[i] = round(65536 * exp(-i / 16)), i = 0..256. */
    static final int[] EXP = {
        65536, 61565, 57835, 54331, 51039, 47947, 45042, 42313, 39750, 37341, 35079, 32954, 30957, 29081,
        27319, 25664, 24109, 22649, 21276, 19987, 18776, 17639, 16570, 15566, 14623, 13737, 12905, 12123,
        11388, 10698, 10050, 9441, 8869, 8332, 7827, 7353, 6907, 6489, 6096, 5726, 5380, 5054, 4747, 4460,
        4190, 3936, 3697, 3473, 3263, 3065, 2879, 2705, 2541, 2387, 2243, 2107, 1979, 1859, 1746, 1641, 1541,
        1448, 1360, 1278, 1200, 1128, 1059, 995, 935, 878, 825, 775, 728, 684, 642, 604, 567, 533, 500, 470,
        442, 415, 390, 366, 344, 323, 303, 285, 268, 252, 236, 222, 209, 196, 184, 173, 162, 153, 143, 135,
        127, 119, 112, 105, 99, 93, 87, 82, 77, 72, 68, 64, 60, 56, 53, 50, 47, 44, 41, 39, 36, 34, 32, 30,
        28, 27, 25, 23, 22, 21, 19, 18, 17, 16, 15, 14, 13, 13, 12, 11, 10, 10, 9, 9, 8, 8, 7, 7, 6, 6, 6, 5,
        5, 5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0
    };

    /** LOG2[i] = round(65536 * log2(1 + i / 64)), i = 0..64. */
    static final int[] LOG2 = {
        0, 1466, 2909, 4331, 5732, 7112, 8473, 9814, 11136, 12440, 13727, 14996, 16248, 17484, 18704, 19909,
        21098, 22272, 23433, 24579, 25711, 26830, 27936, 29029, 30109, 31178, 32234, 33279, 34312, 35334,
        36346, 37346, 38336, 39316, 40286, 41246, 42196, 43137, 44068, 44990, 45904, 46809, 47705, 48593,
        49472, 50344, 51207, 52063, 52911, 53751, 54584, 55410, 56229, 57040, 57845, 58643, 59434, 60219,
        60997, 61769, 62534, 63294, 64047, 64794, 65536
    };

    /** exp(-z) in Q16 for z >= 0 (Q16); 0 from 16.0 on. Index step 1/16 (4096 in Q16). */
    public static int expNeg(int z) {
        assert z >= 0 : "expNeg needs z >= 0, got " + z;
        if (z >= EXP_ZERO_AT) return 0;
        int idx = z >> 12;
        int frac = z & 0xFFF;
        int lo = EXP[idx];
        int hi = EXP[idx + 1];
        return lo + (int) Fixed.floorShift((long) (hi - lo) * frac, 12);
    }

    /** The logistic function 1 / (1 + exp(-z)) in Q16, for any Q16 z (clamped to +-16.0). */
    public static int sigmoid(int z) {
        int c = Fixed.clamp(z, -EXP_ZERO_AT, EXP_ZERO_AT);
        if (c >= 0) {
            int e = expNeg(c);
            return (int) ((1L << 32) / (Fixed.ONE + e));
        }
        int e = expNeg(-c);
        return (int) (((long) e << 16) / (Fixed.ONE + e));
    }

    /** log2(p / 65536) in Q16 for p > 0 (p is a Q16 value). */
    public static int log2(int p) {
        assert p > 0 : "log2 needs p > 0, got " + p;
        int msb = 31 - Integer.numberOfLeadingZeros(p);
        int m = msb >= 16 ? p >>> (msb - 16) : p << (16 - msb); // m in [65536, 131072)
        int frac = m - Fixed.ONE;
        int idx = frac >> 10;
        int rem = frac & 0x3FF;
        int lo = LOG2[idx];
        int hi = LOG2[idx + 1];
        int l = lo + (int) Fixed.floorShift((long) (hi - lo) * rem, 10);
        return ((msb - 16) << 16) + l;
    }

    /** -ln(p / 65536) in Q16, capped at {@link #MAX_LOSS}; p <= 0 gives the cap. */
    public static int negLn(int p) {
        if (p <= 0) return MAX_LOSS;
        long v = -Fixed.roundShift((long) log2(p) * LN2_Q16, 16);
        return (int) Fixed.clamp64(v, 0, MAX_LOSS);
    }

    /**
     * Softmax of {@code n} Q16 logits into Q16 probabilities: {@code p_k = floor(e_k * 65536 / sum)}
     * with {@code e_k = expNeg(max - z_k)}. The sum is at least 65536 (the max term), so the
     * division is always defined.
     */
    public static void softmax(int[] z, int off, int n, int[] p) {
        int max = z[off];
        for (int k = 1; k < n; k++) max = Math.max(max, z[off + k]);
        long sum = 0;
        for (int k = 0; k < n; k++) {
            long d = (long) max - z[off + k];
            p[k] = expNeg((int) Math.min(d, EXP_ZERO_AT));
            sum += p[k];
        }
        for (int k = 0; k < n; k++) p[k] = (int) (((long) p[k] << 16) / sum);
    }
}
