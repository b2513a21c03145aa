package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;

/**
 * The optimised twin of {@link Net}'s forward pass and backward+update: the same integer arithmetic, bit for bit
 * (FastNetTest holds it to the reference over random, saturated and real training states), in fewer operations.
 * {@link Net} stays the readable reference (and the OpenCL work-group layout's model); the trainer, the verifier and
 * the per-beast OpenCL kernel ({@code fastnet_*} in net.cl) run this one
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
 *   <li>Eight units at a time: a slot's units are summed (forward) and updated (backward) together, so one index
 *       load feeds eight independent operations (a unit without gradient gets delta 0, which leaves its weights
 *       unchanged, as skipping it does).</li>
 *   <li>Branch-free saturation: the per-weight saturating subtract is done in int with an overflow mask, the
 *       int64 saturation with min/max.</li>
 * </ul>
 * <li>Input-major first-layer weights while bound ({@link #bind}, what a {@link Window} does for its 128 steps): a
 *       1.0 input's 64 weights are then one contiguous run, so the forward sums and the update of the 1.0 inputs are
 *       plain loops over the units.</li>
 *   <li>Incremental sums while the weights stay the same: a step's self-play turns and its training pass run the
 *       same weights on boards that differ in a few inputs, so a pass adds {@code w * (x - xBefore)} for the changed
 *       inputs only to the previous pass's sums (exact: int64 sums wrap the same in any order).</li>
 *   <li>SIMD when the JVM has the Vector API ({@link NetScratch#VECTORS}, a scratch's {@code vectors}): the loops over
 *       the 64 units of the bound kernel (the first layer's sums and update, the output layer, the hidden gradients, the
 *       second layer's update) run in {@link NetVectors}, whole rows at once.</li>
 * </ul>
 * The state's row-major weights are written on every update too (bound or not), so the state is current after every
 * step (step observers and digests read it), unless bound {@code deferred} ({@link #flush} writes them then); while
 * bound, only the step may write the weights.
 */
public final class FastNet {
    private FastNet() {}

    private static final int N_IN = NetShape.N_IN;
    private static final int HIDDEN = NetShape.HIDDEN;
    private static final int N_OUT = NetShape.N_OUT;
    private static final int ONE = Fixed.ONE;
    /** The forward and backward passes handle a slot's units eight at a time, written out. */
    private static final int UNITS = 8;
    /** {@code i * HIDDEN == i << HIDDEN_SHIFT}. */
    private static final int HIDDEN_SHIFT = 6;

    static {
        if (NetShape.UNITS_PER_SLOT != UNITS) throw new ExceptionInInitializerError("FastNet is written for 8 units per slot");
        if (HIDDEN != 1 << HIDDEN_SHIFT) throw new ExceptionInInitializerError("FastNet is written for 64 hidden units");
    }

    /**
     * Makes {@code t} keep an input-major copy of {@code s}'s w1 that {@link #forward} reads and
     * {@link #backwardAndUpdate} keeps equal, until {@link #unbind}. Until then nothing but those two may write
     * {@code s.w1} (a {@link Window} binds for its steps). Costs one transpose of w1.
     */
    public static void bind(BeastState s, NetScratch t) {
        bind(s, t, false);
    }

    /**
     * {@link #bind}; with {@code deferred}, the updates write only the input-major copy and the state's w1 is brought
     * up to date by {@link #flush} (or {@link #unbind}): what a window whose observer reads no weights does
     * ({@link Window#runRecords}), which saves scattering every changed weight into the row-major array.
     */
    public static void bind(BeastState s, NetScratch t, boolean deferred) {
        t.deferred = deferred;
        if (t.w1t == null) t.w1t = new int[N_IN * HIDDEN];
        int[] w1 = s.w1;
        int[] wt = t.w1t;
        for (int j = 0; j < HIDDEN; j++) {
            int row = j * N_IN;
            for (int i = 0; i < N_IN; i++) wt[i * HIDDEN + j] = w1[row + i];
        }
        t.w1tOf = w1;
        t.accCurrent = false;
    }

    /**
     * Writes the bound copy back into the state's w1 when the updates deferred it, and from then on the updates write
     * both again (so {@link #unbind} after a flush copies nothing); nothing otherwise.
     */
    public static void flush(NetScratch t) {
        if (!t.deferred || t.w1tOf == null) return;
        int[] w1 = t.w1tOf;
        int[] wt = t.w1t;
        for (int j = 0; j < HIDDEN; j++) {
            int row = j * N_IN;
            for (int i = 0; i < N_IN; i++) w1[row + i] = wt[(i << HIDDEN_SHIFT) + j];
        }
        t.deferred = false;
    }

    /** Ends {@link #bind} (flushing a deferred copy first): the scratch reads the state's row-major weights again. */
    public static void unbind(NetScratch t) {
        flush(t);
        t.w1tOf = null;
        t.accCurrent = false;
    }

    /** {@link Net#forward}, bit-identical; also leaves the hidden list (and, unbound, the input lists) for {@link #backwardAndUpdate}. */
    public static void forward(BeastState s, NetScratch t) {
        int[] x = t.x;
        int[] pre = t.pre;
        int[] h = t.h;
        long[] acc = t.acc;
        int mask = s.activeMask;
        if (t.w1tOf == s.w1) {
            sumsInputMajor(t, x);
        } else {
            listInputs(t);
            sumsRowMajor(s, t, x, t.ones, t.nOnes, t.nz, t.nOthers);
        }
        int[] live = t.live;
        int nLive = 0;
        for (int j = 0; j < HIDDEN; j++) {
            if (((mask >>> (j / NetShape.UNITS_PER_SLOT)) & 1) == 0) {
                pre[j] = 0;
                h[j] = 0;
                continue;
            }
            int p = narrow(((long) s.b1[j] << 16) + acc[j]);
            pre[j] = p;
            int hj = Math.max(p, 0);
            h[j] = hj;
            live[nLive] = j;
            nLive += hj != 0 ? 1 : 0;
        }
        t.nLive = nLive;
        int[] w2 = s.w2;
        for (int k = 0; k < N_OUT; k++) {
            long sum = (long) s.b2[k] << 16;
            int row = k * HIDDEN;
            if (t.vectors) { // every unit: one with h == 0 adds nothing
                t.out[k] = narrow(sum + NetVectors.dot(w2, row, h));
                continue;
            }
            for (int n = 0; n < nLive; n++) {
                int j = live[n];
                sum += (long) w2[row + j] * h[j];
            }
            t.out[k] = narrow(sum);
        }
    }

    /** The non-zero inputs in two lists: those equal to 1.0 ({@code t.ones}) and the others ({@code t.nz}). */
    private static void listInputs(NetScratch t) {
        int[] x = t.x;
        int[] ones = t.ones;
        int[] others = t.nz;
        int nOnes = 0;
        int nOthers = 0;
        for (int i = 0; i < N_IN; i++) { // branch-free: which list an input joins is data, not a jump to mispredict
            int xi = x[i];
            ones[nOnes] = i;
            others[nOthers] = i;
            nOnes += xi == ONE ? 1 : 0;
            nOthers += xi != ONE && xi != 0 ? 1 : 0;
        }
        t.nOnes = nOnes;
        t.nOthers = nOthers;
    }

    /** The first layer's sums per unit (before the bias) from the state's row-major w1. */
    private static void sumsRowMajor(BeastState s, NetScratch t, int[] x, int[] ones, int nOnes, int[] others, int nOthers) {
        int[] w1 = s.w1;
        long[] acc = t.acc;
        int mask = s.activeMask;
        // a slot's eight units at once: one index load feeds eight independent sums (rows are N_IN apart)
        for (int slot = 0; slot < NetShape.SLOTS; slot++) {
            int first = slot * UNITS;
            if (((mask >>> slot) & 1) == 0) continue; // dormant: its sums are never read
            int base = first * N_IN;
            long a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int n = 0; n < nOnes; n++) {
                int at = base + ones[n];
                a0 += w1[at];
                a1 += w1[at + N_IN];
                a2 += w1[at + 2 * N_IN];
                a3 += w1[at + 3 * N_IN];
                a4 += w1[at + 4 * N_IN];
                a5 += w1[at + 5 * N_IN];
                a6 += w1[at + 6 * N_IN];
                a7 += w1[at + 7 * N_IN];
            }
            a0 <<= 16;
            a1 <<= 16;
            a2 <<= 16;
            a3 <<= 16;
            a4 <<= 16;
            a5 <<= 16;
            a6 <<= 16;
            a7 <<= 16;
            for (int n = 0; n < nOthers; n++) {
                int i = others[n];
                long xi = x[i];
                int at = base + i;
                a0 += w1[at] * xi;
                a1 += w1[at + N_IN] * xi;
                a2 += w1[at + 2 * N_IN] * xi;
                a3 += w1[at + 3 * N_IN] * xi;
                a4 += w1[at + 4 * N_IN] * xi;
                a5 += w1[at + 5 * N_IN] * xi;
                a6 += w1[at + 6 * N_IN] * xi;
                a7 += w1[at + 7 * N_IN] * xi;
            }
            acc[first] = a0;
            acc[first + 1] = a1;
            acc[first + 2] = a2;
            acc[first + 3] = a3;
            acc[first + 4] = a4;
            acc[first + 5] = a5;
            acc[first + 6] = a6;
            acc[first + 7] = a7;
        }
    }

    /**
     * The first layer's sums per unit (before the bias) from the bound input-major copy; every unit, dormant or not.
     * They are kept from pass to pass: {@code acc_j = sum_i w_ji * xBefore_i}, and a pass adds {@code w_ji * (x_i -
     * xBefore_i)} for the inputs that changed. After a weight update the sums start again from zero inputs (about 54 of
     * 200 are non-zero); between updates (a step's self-play turns and its training pass all read the same weights, on
     * boards that differ in about 17 inputs) only the changes are summed. The same int64 sums: integer addition wraps
     * the same in any order.
     */
    private static void sumsInputMajor(NetScratch t, int[] x) {
        int[] wt = t.w1t;
        long[] acc = t.acc;
        int[] before = t.xBefore;
        if (!t.accCurrent) {
            java.util.Arrays.fill(acc, 0);
            java.util.Arrays.fill(before, 0);
            t.accCurrent = true;
        }
        int[] changedAt = t.changedAt;
        long[] changedBy = t.changedBy;
        int nChanged = 0;
        for (int i = 0; i < N_IN; i++) {
            int xi = x[i];
            int was = before[i];
            if (xi == was) continue;
            changedAt[nChanged] = i * HIDDEN;
            changedBy[nChanged++] = (long) xi - was;
            before[i] = xi;
        }
        if (t.vectors) {
            NetVectors.addChanges(acc, wt, changedAt, changedBy, nChanged);
            return;
        }
        // eight units at a time, their sums in registers: one index load feeds eight contiguous weights
        for (int j = 0; j < HIDDEN; j += UNITS) {
            long a0 = acc[j], a1 = acc[j + 1], a2 = acc[j + 2], a3 = acc[j + 3];
            long a4 = acc[j + 4], a5 = acc[j + 5], a6 = acc[j + 6], a7 = acc[j + 7];
            for (int c = 0; c < nChanged; c++) {
                int at = changedAt[c] + j;
                long dx = changedBy[c];
                a0 += wt[at] * dx;
                a1 += wt[at + 1] * dx;
                a2 += wt[at + 2] * dx;
                a3 += wt[at + 3] * dx;
                a4 += wt[at + 4] * dx;
                a5 += wt[at + 5] * dx;
                a6 += wt[at + 6] * dx;
                a7 += wt[at + 7] * dx;
            }
            acc[j] = a0;
            acc[j + 1] = a1;
            acc[j + 2] = a2;
            acc[j + 3] = a3;
            acc[j + 4] = a4;
            acc[j + 5] = a5;
            acc[j + 6] = a6;
            acc[j + 7] = a7;
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
        // hidden gradients from the weights before this step's update; dormant units have pre == 0
        if (t.vectors) NetVectors.hiddenGradients(w2, g, pre, gh);
        else for (int j = 0; j < HIDDEN; j++) {
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
            if (t.vectors) NetVectors.subScaled(w2, row, h, gk, 16 + lr); // h == 0 off the live list: no change
            else for (int n = 0; n < nLive; n++) {
                int j = live[n];
                w2[row + j] = satSub(w2[row + j], sat32(Fixed.roundShift((long) gk * h[j], 16 + lr)));
            }
            s.b2[k] = satSub(s.b2[k], sat32(Fixed.roundShift(gk, lr)));
        }
        t.accCurrent = false; // the weights change: the next forward pass sums afresh
        if (t.w1tOf == s.w1) {
            listInputs(t);
            updateInputMajor(s, t, lr);
        } else {
            updateRowMajor(s, t, lr);
        }
    }

    /** The first layer's update on the state's row-major w1 (and b1). */
    private static void updateRowMajor(BeastState s, NetScratch t, int lr) {
        int[] gh = t.gh;
        int mask = s.activeMask;
        int[] w1 = s.w1;
        int[] x = t.x;
        int[] ones = t.ones;
        int[] others = t.nz;
        int nOnes = t.nOnes;
        int nOthers = t.nOthers;
        int shift = 16 + lr;
        // a slot's eight units at once, as in the forward pass; a unit without gradient gets delta 0, which leaves
        // each of its weights as it is (satSub(w, 0) == w), exactly as skipping it does
        for (int slot = 0; slot < NetShape.SLOTS; slot++) {
            int first = slot * UNITS;
            long g0 = gh[first], g1 = gh[first + 1], g2 = gh[first + 2], g3 = gh[first + 3];
            long g4 = gh[first + 4], g5 = gh[first + 5], g6 = gh[first + 6], g7 = gh[first + 7];
            if ((g0 | g1 | g2 | g3 | g4 | g5 | g6 | g7) == 0) continue;
            assert NetShape.unitActive(mask, first) : "gradient on dormant slot " + slot;
            // roundShift(g * ONE, 16 + lr) == roundShift(g, lr), and it fits an int
            int d0 = (int) Fixed.roundShift(g0, lr), d1 = (int) Fixed.roundShift(g1, lr);
            int d2 = (int) Fixed.roundShift(g2, lr), d3 = (int) Fixed.roundShift(g3, lr);
            int d4 = (int) Fixed.roundShift(g4, lr), d5 = (int) Fixed.roundShift(g5, lr);
            int d6 = (int) Fixed.roundShift(g6, lr), d7 = (int) Fixed.roundShift(g7, lr);
            int base = first * N_IN;
            for (int n = 0; n < nOnes; n++) {
                int at = base + ones[n];
                w1[at] = satSub(w1[at], d0);
                w1[at + N_IN] = satSub(w1[at + N_IN], d1);
                w1[at + 2 * N_IN] = satSub(w1[at + 2 * N_IN], d2);
                w1[at + 3 * N_IN] = satSub(w1[at + 3 * N_IN], d3);
                w1[at + 4 * N_IN] = satSub(w1[at + 4 * N_IN], d4);
                w1[at + 5 * N_IN] = satSub(w1[at + 5 * N_IN], d5);
                w1[at + 6 * N_IN] = satSub(w1[at + 6 * N_IN], d6);
                w1[at + 7 * N_IN] = satSub(w1[at + 7 * N_IN], d7);
            }
            for (int n = 0; n < nOthers; n++) {
                int i = others[n];
                long xi = x[i];
                int at = base + i;
                w1[at] = satSub(w1[at], sat32(roundShift(g0 * xi, shift)));
                w1[at + N_IN] = satSub(w1[at + N_IN], sat32(roundShift(g1 * xi, shift)));
                w1[at + 2 * N_IN] = satSub(w1[at + 2 * N_IN], sat32(roundShift(g2 * xi, shift)));
                w1[at + 3 * N_IN] = satSub(w1[at + 3 * N_IN], sat32(roundShift(g3 * xi, shift)));
                w1[at + 4 * N_IN] = satSub(w1[at + 4 * N_IN], sat32(roundShift(g4 * xi, shift)));
                w1[at + 5 * N_IN] = satSub(w1[at + 5 * N_IN], sat32(roundShift(g5 * xi, shift)));
                w1[at + 6 * N_IN] = satSub(w1[at + 6 * N_IN], sat32(roundShift(g6 * xi, shift)));
                w1[at + 7 * N_IN] = satSub(w1[at + 7 * N_IN], sat32(roundShift(g7 * xi, shift)));
            }
            s.b1[first] = satSub(s.b1[first], d0);
            s.b1[first + 1] = satSub(s.b1[first + 1], d1);
            s.b1[first + 2] = satSub(s.b1[first + 2], d2);
            s.b1[first + 3] = satSub(s.b1[first + 3], d3);
            s.b1[first + 4] = satSub(s.b1[first + 4], d4);
            s.b1[first + 5] = satSub(s.b1[first + 5], d5);
            s.b1[first + 6] = satSub(s.b1[first + 6], d6);
            s.b1[first + 7] = satSub(s.b1[first + 7], d7);
        }
    }

    /**
     * The first layer's update on the bound input-major copy, each changed weight then written to the state's w1 too.
     * A 1.0 input's weight of unit j moves by {@code roundShift(gh_j, lr)} (0 for a unit without gradient, which
     * {@code satSub} leaves as it is); another input's by {@code roundShift(gh_j * x_i, 16 + lr)}, units with a
     * gradient only.
     */
    private static void updateInputMajor(BeastState s, NetScratch t, int lr) {
        int[] gh = t.gh;
        int[] d = t.delta;
        int[] graded = t.graded;
        int[] moved = t.moved;
        int nGraded = 0;
        int nMoved = 0;
        for (int j = 0; j < HIDDEN; j++) {
            int g = gh[j];
            d[j] = 0; // the vector update reads every unit's delta
            if (g == 0) continue;
            graded[nGraded++] = j;
            int dj = (int) Fixed.roundShift(g, lr); // roundShift(g * ONE, 16 + lr) == roundShift(g, lr), and it fits an int
            d[j] = dj;
            if (dj != 0) moved[nMoved++] = j;
        }
        int[] wt = t.w1t;
        int[] w1 = s.w1;
        int[] ones = t.ones;
        int nOnes = t.nOnes;
        boolean write = !t.deferred;
        if (t.vectors) {
            updateInputMajorVectors(s, t, lr, nGraded, nMoved);
            return;
        }
        // a 1.0 input's weights move by d_j; a unit whose d_j is 0 keeps them (satSub(w, 0) == w)
        for (int m = 0; m < nMoved; m++) {
            int j = moved[m];
            int dj = d[j];
            int row = j * N_IN;
            for (int n = 0; n < nOnes; n++) {
                int i = ones[n];
                int at = (i << HIDDEN_SHIFT) + j;
                int w = satSub(wt[at], dj);
                wt[at] = w;
                if (write) w1[row + i] = w;
            }
        }
        int[] x = t.x;
        int[] others = t.nz;
        int nOthers = t.nOthers;
        int shift = 16 + lr;
        for (int n = 0; n < nOthers; n++) {
            int i = others[n];
            long xi = x[i];
            int base = i * HIDDEN;
            for (int m = 0; m < nGraded; m++) {
                int j = graded[m];
                int w = satSub(wt[base + j], sat32(roundShift(gh[j] * xi, shift)));
                wt[base + j] = w;
                if (write) w1[j * N_IN + i] = w;
            }
        }
        int[] b1 = s.b1;
        for (int m = 0; m < nMoved; m++) {
            int j = moved[m];
            b1[j] = satSub(b1[j], d[j]);
        }
    }

    /**
     * {@link #updateInputMajor}'s loops with {@link NetVectors}: per input, one row of 64 weights at once (a unit
     * without gradient has delta 0 and gradient 0, so its weights stay), then the changed ones copied to the state's w1.
     */
    private static void updateInputMajorVectors(BeastState s, NetScratch t, int lr, int nGraded, int nMoved) {
        int[] wt = t.w1t;
        int[] w1 = s.w1;
        int[] d = t.delta;
        int[] moved = t.moved;
        int[] ones = t.ones;
        int nOnes = t.nOnes;
        if (nMoved > 0) {
            for (int n = 0; n < nOnes; n++) {
                int i = ones[n];
                int base = i << HIDDEN_SHIFT;
                NetVectors.subRow(wt, base, d);
                if (t.deferred) continue;
                for (int m = 0; m < nMoved; m++) {
                    int j = moved[m];
                    w1[j * N_IN + i] = wt[base + j];
                }
            }
        }
        int[] graded = t.graded;
        int[] gh = t.gh;
        int[] x = t.x;
        int[] others = t.nz;
        int nOthers = nGraded > 0 ? t.nOthers : 0;
        int shift = 16 + lr;
        for (int n = 0; n < nOthers; n++) {
            int i = others[n];
            int base = i << HIDDEN_SHIFT;
            NetVectors.subScaled(wt, base, gh, x[i], shift);
            if (t.deferred) continue;
            for (int m = 0; m < nGraded; m++) {
                int j = graded[m];
                w1[j * N_IN + i] = wt[base + j];
            }
        }
        int[] b1 = s.b1;
        for (int m = 0; m < nMoved; m++) {
            int j = moved[m];
            b1[j] = satSub(b1[j], d[j]);
        }
    }

    /** {@link Fixed#roundShift} for a shift of 16 or more (no zero case): floor(x / 2^s + 1/2). */
    static long roundShift(long x, int s) {
        return (x >> s) + ((x >> (s - 1)) & 1L);
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
