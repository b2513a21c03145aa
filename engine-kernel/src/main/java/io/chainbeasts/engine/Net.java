package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;

/**
 * The creature net and its integer SGD (SPEC.md "Net" and "Training step"). Plain loops over
 * fixed-size arrays in a fixed order; the OpenCL kernel mirrors each function by name.
 *
 * <p>Forward: {@code pre_j = narrow((b1_j << 16) + sum_i w1_ji * x_i)}, {@code h_j = max(pre_j, 0)}
 * for live units (0 for dormant), {@code out_k = narrow((b2_k << 16) + sum_j w2_kj * h_j)}.
 */
public final class Net {
    private Net() {}

    private static final int N_IN = NetShape.N_IN;
    private static final int HIDDEN = NetShape.HIDDEN;
    private static final int N_OUT = NetShape.N_OUT;
    /** The power output is in units of 2^POWER_SHIFT attack-power points. */
    public static final int POWER_SHIFT = 2;

    /** Per-head losses of one step (Q16) and whether the head was trained. */
    public record Losses(int move, int power, int block) {
        public int total() {
            return Fixed.satAdd(Fixed.satAdd(move, power), block);
        }
    }

    public static void forward(BeastState s, NetScratch t) {
        for (int j = 0; j < HIDDEN; j++) {
            if (!NetShape.unitActive(s.activeMask, j)) {
                t.pre[j] = 0;
                t.h[j] = 0;
                continue;
            }
            long acc = (long) s.b1[j] << 16;
            int row = j * N_IN;
            for (int i = 0; i < N_IN; i++) acc += (long) s.w1[row + i] * t.x[i];
            t.pre[j] = Fixed.narrow(acc);
            t.h[j] = Math.max(t.pre[j], 0);
        }
        for (int k = 0; k < N_OUT; k++) {
            long acc = (long) s.b2[k] << 16;
            int row = k * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) acc += (long) s.w2[row + j] * t.h[j];
            t.out[k] = Fixed.narrow(acc);
        }
    }

    /**
     * Output gradients {@code t.g} (Q16) and losses for the trained heads; untrained heads get 0.
     * Move: softmax cross-entropy, {@code g = p - onehot}; skipped when the label has no move.
     * Power: squared error against {@code label / 4} (Q16: {@code label << 14}), {@code g = out - target}
     * (the factor 2 is part of the learning rate; the /4 scale keeps this gradient comparable to the
     * cross-entropy ones). Block: logistic cross-entropy, {@code g = sigmoid(out) - y}.
     */
    public static Losses lossAndGradient(NetScratch t, Label label, int heads) {
        for (int k = 0; k < N_OUT; k++) t.g[k] = 0;
        int move = 0;
        int power = 0;
        int block = 0;
        if ((heads & Curriculum.HEAD_MOVE) != 0 && label.hasMove()) {
            IntMath.softmax(t.out, 0, 4, t.p);
            for (int k = 0; k < 4; k++) t.g[k] = t.p[k] - (k == label.move() ? Fixed.ONE : 0);
            move = IntMath.negLn(t.p[label.move()]);
        }
        if ((heads & Curriculum.HEAD_POWER) != 0) {
            int target = label.power() << (16 - POWER_SHIFT);
            int err = Fixed.satSub(t.out[NetShape.OUT_POWER], target);
            t.g[NetShape.OUT_POWER] = err;
            power = Fixed.sat32(Fixed.roundShift((long) err * err, 16));
        }
        if ((heads & Curriculum.HEAD_BLOCK) != 0) {
            int sgm = IntMath.sigmoid(t.out[NetShape.OUT_BLOCK]);
            t.g[NetShape.OUT_BLOCK] = sgm - (label.block() == 1 ? Fixed.ONE : 0);
            block = IntMath.negLn(label.block() == 1 ? sgm : Fixed.ONE - sgm);
        }
        return new Losses(move, power, block);
    }

    /**
     * Backpropagates {@code t.g} and applies SGD with learning rate {@code 2^-lrShift}:
     * {@code w -= roundShift(grad_q32, 16 + lrShift)} (one rounding, half toward +infinity), saturating.
     * Hidden gradients use the weights before this step's update. Dormant units are untouched.
     */
    public static void backwardAndUpdate(BeastState s, NetScratch t) {
        int lr = s.lrShift;
        for (int j = 0; j < HIDDEN; j++) {
            if (!NetShape.unitActive(s.activeMask, j) || t.pre[j] <= 0) {
                t.gh[j] = 0;
                continue;
            }
            long acc = 0;
            for (int k = 0; k < N_OUT; k++) acc += (long) s.w2[k * HIDDEN + j] * t.g[k];
            t.gh[j] = Fixed.narrow(acc);
        }
        for (int k = 0; k < N_OUT; k++) {
            int gk = t.g[k];
            if (gk == 0) continue;
            int row = k * HIDDEN;
            for (int j = 0; j < HIDDEN; j++) {
                if (!NetShape.unitActive(s.activeMask, j)) continue;
                s.w2[row + j] = Fixed.satSub(s.w2[row + j], Fixed.sat32(Fixed.roundShift((long) gk * t.h[j], 16 + lr)));
            }
            s.b2[k] = Fixed.satSub(s.b2[k], Fixed.sat32(Fixed.roundShift(gk, lr)));
        }
        for (int j = 0; j < HIDDEN; j++) {
            int gj = t.gh[j];
            if (gj == 0) continue;
            int row = j * N_IN;
            for (int i = 0; i < N_IN; i++) {
                int xi = t.x[i];
                if (xi == 0) continue;
                s.w1[row + i] = Fixed.satSub(s.w1[row + i], Fixed.sat32(Fixed.roundShift((long) gj * xi, 16 + lr)));
            }
            s.b1[j] = Fixed.satSub(s.b1[j], Fixed.sat32(Fixed.roundShift(gj, lr)));
        }
    }

    /** The move the net predicts: the largest move logit (ties: N, S, E, W), as the appendage reads it. */
    public static int predictedMove(int[] out) {
        return io.chainbeasts.combat.Appendage.argmaxMove(out);
    }

    /** The block flag the net predicts: 1 when the block logit is positive (sigmoid above one half). */
    public static int predictedBlock(int[] out) {
        return out[NetShape.OUT_BLOCK] > 0 ? 1 : 0;
    }

    /** The attack power (label units, rounded) the power output stands for. */
    public static int powerOf(int out) {
        return Fixed.sat32(Fixed.roundShift((long) out << POWER_SHIFT, 16));
    }

    /** |power output - label| in Q16 label units (for error reporting). */
    public static long powerAbsErrorQ16(int out, int label) {
        return Math.abs(((long) out << POWER_SHIFT) - ((long) label << 16));
    }

    /** The six policy outputs the combat appendage reads, from the net's Q16 outputs. */
    public static int[] policyOutputs(int[] out) {
        int max = Math.max(Math.max(out[0], out[1]), Math.max(out[2], out[3]));
        int[] o = new int[6];
        for (int k = 0; k < 4; k++) o[k] = Fixed.satAdd(Fixed.satSub(out[k], max), 1); // argmax -> 1, others <= 0
        o[NetShape.OUT_POWER] = powerOf(out[NetShape.OUT_POWER]);
        o[NetShape.OUT_BLOCK] = predictedBlock(out);
        return o;
    }
}
