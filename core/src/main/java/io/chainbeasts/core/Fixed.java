package io.chainbeasts.core;

/**
 * Fixed-point integer arithmetic: the only arithmetic allowed on the kernel path.
 *
 * <p>Every value is a two's-complement integer; "Q16" means 16 fractional bits ({@link #ONE} = 65536).
 * The semantics of each operation are written down in SPEC.md section "Fixed point" and mirrored
 * line by line in {@code fixed.cl}. In short:
 * <ul>
 *   <li>{@code sat*}: saturate to the target range, never wrap.</li>
 *   <li>{@code wrap*}: two's-complement wrap (Java's natural int/long behaviour; unsigned ops in OpenCL C).</li>
 *   <li>{@link #roundShift}: arithmetic right shift rounding half toward +infinity, exact for every input.</li>
 *   <li>{@link #div}: truncating division that never throws: x/0 = 0, MIN/-1 = MAX (saturated).</li>
 * </ul>
 */
public final class Fixed {
    private Fixed() {}

    /** Fractional bits of the Q16 format used for weights, activations and gradients. */
    public static final int FRAC_BITS = 16;
    /** 1.0 in Q16. */
    public static final int ONE = 1 << FRAC_BITS;
    /** 0.5 in Q16. */
    public static final int HALF = ONE >> 1;

    /** Saturates a 64-bit value to the int32 range. */
    public static int sat32(long x) {
        if (x > Integer.MAX_VALUE) return Integer.MAX_VALUE;
        if (x < Integer.MIN_VALUE) return Integer.MIN_VALUE;
        return (int) x;
    }

    /** Saturates to the closed range [lo, hi]; requires lo <= hi. */
    public static int clamp(int x, int lo, int hi) {
        assert lo <= hi : "clamp: lo > hi";
        return x < lo ? lo : (x > hi ? hi : x);
    }

    /** Saturates to the closed range [lo, hi]; requires lo <= hi. */
    public static long clamp64(long x, long lo, long hi) {
        assert lo <= hi : "clamp64: lo > hi";
        return x < lo ? lo : (x > hi ? hi : x);
    }

    /** Saturating int32 addition. */
    public static int satAdd(int a, int b) {
        return sat32((long) a + (long) b);
    }

    /** Saturating int32 subtraction. */
    public static int satSub(int a, int b) {
        return sat32((long) a - (long) b);
    }

    /** Wrapping int32 addition (two's complement). */
    public static int wrapAdd(int a, int b) {
        return a + b;
    }

    /** Wrapping int64 addition (two's complement): the accumulator rule. */
    public static long wrapAdd64(long a, long b) {
        return a + b;
    }

    /** Wrapping int64 multiplication (two's complement). */
    public static long wrapMul64(long a, long b) {
        return a * b;
    }

    /**
     * Arithmetic right shift by {@code s} (0..63) rounding half toward +infinity:
     * {@code floor(x / 2^s + 1/2)}. Computed without an intermediate that could overflow.
     */
    public static long roundShift(long x, int s) {
        assert s >= 0 && s <= 63 : "roundShift: shift out of range: " + s;
        if (s == 0) return x;
        return (x >> s) + ((x >> (s - 1)) & 1L);
    }

    /** Arithmetic right shift by {@code s} (0..63) rounding toward -infinity (Java {@code >>}). */
    public static long floorShift(long x, int s) {
        assert s >= 0 && s <= 63 : "floorShift: shift out of range: " + s;
        return x >> s;
    }

    /** Q16 product: {@code sat32(roundShift(a * b, 16))}. The 64-bit product cannot overflow. */
    public static int mul(int a, int b) {
        return sat32(roundShift((long) a * (long) b, FRAC_BITS));
    }

    /** Narrows a Q32 accumulator (sum of Q16 x Q16 products) to Q16: round-shift by 16, saturate. */
    public static int narrow(long acc) {
        return sat32(roundShift(acc, FRAC_BITS));
    }

    /**
     * Guarded truncating division: {@code a / b} rounded toward zero, except {@code b == 0 -> 0}
     * and {@code MIN_VALUE / -1 -> MAX_VALUE}. Never throws; OpenCL and Solidity mirror these cases.
     */
    public static int div(int a, int b) {
        if (b == 0) return 0;
        if (a == Integer.MIN_VALUE && b == -1) return Integer.MAX_VALUE;
        return a / b;
    }

    /** Guarded remainder consistent with {@link #div}: {@code b == 0 -> 0}, {@code MIN % -1 -> 0}. */
    public static int rem(int a, int b) {
        if (b == 0 || b == -1) return 0;
        return a % b;
    }

    /** Unsigned 64-bit remainder for PRNG index reduction; {@code n == 0 -> 0}. */
    public static long remUnsigned(long x, long n) {
        if (n == 0) return 0;
        return Long.remainderUnsigned(x, n);
    }
}
