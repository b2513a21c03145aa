package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;

/**
 * The optimised twin of {@link Net}'s forward pass and backward+update: the same integer arithmetic, bit for bit
 * (FastNetTest holds it to the reference over random, saturated and real training states), in fewer operations.
 * {@link Net} stays the readable reference and the OpenCL kernel's model; the trainer and the verifier run this one
 * ({@link MicroStep} with a default {@link NetScratch}).
 *
 * <p>What it exploits, each an exact identity of the reference's arithmetic:
 * <ul>
 *   <li>Sparse inputs: only the non-zero inputs (about 40 of 200) take part, split into the ones equal to 1.0
 *       (bits and one-hot codes, most of them) and the others. For a 1.0 input, {@code w * ONE == w << 16}, so a
 *       unit's forward sum over them is {@code (sum of w) << 16} (one shift per unit instead of a multiply per
 *       weight; the int64 sum cannot overflow), and its update {@code roundShift(g * ONE, 16 + lr)} equals
 *       {@code roundShift(g, lr)}: one delta per unit, shared by all its 1.0 inputs.</li>
 *   <li>Sparse hidden units: the output layer and its update visit only the units with {@code h > 0} (a unit with
 *       {@code h == 0} adds nothing and receives a zero delta); the hidden gradients only those with
 *       {@code pre > 0}.</li>
 *   <li>Branch-free saturation: the per-weight saturating subtract is done in int with an overflow mask, the
 *       int64 saturation with min/max.</li>
 * </ul>
 * The weights stay in the state's row-major layout, so the state is current after every step (step observers
 * and digests read it) and no copy is ever synchronised.
 */
public final class FastNet {
    private FastNet() {}

    private static final int N_IN = NetShape.N_IN;
    private static final int HIDDEN = NetShape.HIDDEN;
    private static final int N_OUT = NetShape.N_OUT;
    private static final int ONE = Fixed.ONE;

    /** {@link Net#forward}, bit-identical; also leaves the input and hidden lists for {@link #backwardAndUpdate}. */
    public static void forward(BeastState s, NetScratch t) {
        int[] x = t.x;
        int[] ones = t.ones;
        int[] others = t.nz;
        int nOnes = 0;
        int nOthers = 0;
        for (int i = 0; i < N_IN; i++) {
            int xi = x[i];
            if (xi == ONE) ones[nOnes++] = i;
            else if (xi != 0) others[nOthers++] = i;
        }
        t.nOnes = nOnes;
        t.nOthers = nOthers;
        int[] w1 = s.w1;
        int[] pre = t.pre;
        int[] h = t.h;
        int[] live = t.live;
        int nLive = 0;
        int mask = s.activeMask;
        for (int j = 0; j < HIDDEN; j++) {
            if (((mask >>> (j / NetShape.UNITS_PER_SLOT)) & 1) == 0) {
                pre[j] = 0;
                h[j] = 0;
                continue;
            }
            int row = j * N_IN;
            long sumOnes = 0;
            for (int n = 0; n < nOnes; n++) sumOnes += w1[row + ones[n]];
            long acc = ((long) s.b1[j] << 16) + (sumOnes << 16);
            for (int n = 0; n < nOthers; n++) {
                int i = others[n];
                acc += (long) w1[row + i] * x[i];
            }
            int p = narrow(acc);
            pre[j] = p;
            int hj = Math.max(p, 0);
            h[j] = hj;
            if (hj != 0) live[nLive++] = j;
        }
        t.nLive = nLive;
        int[] w2 = s.w2;
        for (int k = 0; k < N_OUT; k++) {
            long acc = (long) s.b2[k] << 16;
            int row = k * HIDDEN;
            for (int n = 0; n < nLive; n++) {
                int j = live[n];
                acc += (long) w2[row + j] * h[j];
            }
            t.out[k] = narrow(acc);
        }
    }

    /**
     * {@link Net#backwardAndUpdate}, bit-identical. Requires {@link #forward} on the same state and scratch just
     * before (with only {@link Net#lossAndGradient} in between), as a training step does.
     */
    public static void backwardAndUpdate(BeastState s, NetScratch t) {
        int lr = s.lrShift;
        int[] g = t.g;
        int[] gh = t.gh;
        int[] pre = t.pre;
        int[] w2 = s.w2;
        int mask = s.activeMask;
        // hidden gradients from the weights before this step's update; dormant units have pre == 0
        for (int j = 0; j < HIDDEN; j++) {
            if (pre[j] <= 0) {
                gh[j] = 0;
                continue;
            }
            long acc = 0;
            for (int k = 0; k < N_OUT; k++) acc += (long) w2[k * HIDDEN + j] * g[k];
            gh[j] = narrow(acc);
        }
        int[] h = t.h;
        int[] live = t.live;
        int nLive = t.nLive;
        for (int k = 0; k < N_OUT; k++) {
            int gk = g[k];
            if (gk == 0) continue;
            int row = k * HIDDEN;
            for (int n = 0; n < nLive; n++) {
                int j = live[n];
                w2[row + j] = satSub(w2[row + j], sat32(Fixed.roundShift((long) gk * h[j], 16 + lr)));
            }
            s.b2[k] = satSub(s.b2[k], sat32(Fixed.roundShift(gk, lr)));
        }
        int[] w1 = s.w1;
        int[] x = t.x;
        int[] ones = t.ones;
        int[] others = t.nz;
        int nOnes = t.nOnes;
        int nOthers = t.nOthers;
        for (int j = 0; j < HIDDEN; j++) {
            int gj = gh[j];
            if (gj == 0) continue;
            assert NetShape.unitActive(mask, j) : "gradient on dormant unit " + j;
            int row = j * N_IN;
            // roundShift(gj * ONE, 16 + lr) == roundShift(gj, lr), and it fits an int
            int delta = (int) Fixed.roundShift(gj, lr);
            for (int n = 0; n < nOnes; n++) {
                int at = row + ones[n];
                w1[at] = satSub(w1[at], delta);
            }
            for (int n = 0; n < nOthers; n++) {
                int i = others[n];
                w1[row + i] = satSub(w1[row + i], sat32(Fixed.roundShift((long) gj * x[i], 16 + lr)));
            }
            s.b1[j] = satSub(s.b1[j], delta);
        }
    }

    /** {@link Fixed#narrow} without branches. */
    static int narrow(long acc) {
        return sat32((acc >> 16) + ((acc >> 15) & 1L));
    }

    /** {@link Fixed#sat32} without branches. */
    static int sat32(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** {@link Fixed#satSub} in int: the wrapped difference, or the bound on the minuend's side when it overflowed. */
    static int satSub(int a, int b) {
        int r = a - b;
        int overflow = ((a ^ b) & (a ^ r)) >> 31; // all ones when the signs of a and b differ and r's differs from a's
        int bound = (a >> 31) ^ Integer.MAX_VALUE;  // MIN_VALUE when a < 0, else MAX_VALUE
        return (r & ~overflow) | (bound & overflow);
    }
}
