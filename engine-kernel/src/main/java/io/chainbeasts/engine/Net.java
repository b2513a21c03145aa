package io.chainbeasts.engine;

import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Dir;
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
    /** Per-head losses of one step (Q16) and whether the head was trained. */
    public record Losses(int move, int power, int block) {
        public int total() {
            return Fixed.satAdd(Fixed.satAdd(move, power), block);
        }
    }

    public static void forward(BeastState s, NetScratch t) {
        // Most inputs are zero (one-hot codes, bits): summing only the others gives the same int64 sum, exactly,
        // in a quarter of the work. The backward pass skips them the same way.
        int nonZero = 0;
        for (int i = 0; i < N_IN; i++) if (t.x[i] != 0) t.nz[nonZero++] = i;
        for (int j = 0; j < HIDDEN; j++) {
            if (!NetShape.unitActive(s.activeMask, j)) {
                t.pre[j] = 0;
                t.h[j] = 0;
                continue;
            }
            long acc = (long) s.b1[j] << 16;
            int row = j * N_IN;
            for (int n = 0; n < nonZero; n++) {
                int i = t.nz[n];
                acc += (long) s.w1[row + i] * t.x[i];
            }
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
     * Move: softmax cross-entropy over the five move classes, {@code g = p - onehot}. Power (attack or not) and
     * block: logistic cross-entropy, {@code g = sigmoid(out) - y}. A head is skipped when the label has none. The
     * gradients are then multiplied by the label's weight {@code 2^weightShift} (the losses are reported unweighted).
     */
    public static Losses lossAndGradient(NetScratch t, Label label, int heads) {
        for (int k = 0; k < N_OUT; k++) t.g[k] = 0;
        int move = 0;
        int power = 0;
        int block = 0;
        if ((heads & Curriculum.HEAD_MOVE) != 0 && label.hasMove()) {
            IntMath.softmax(t.out, 0, NetShape.MOVE_OUTS, t.p);
            for (int k = 0; k < NetShape.MOVE_OUTS; k++) t.g[k] = t.p[k] - (k == label.move() ? Fixed.ONE : 0);
            move = IntMath.negLn(t.p[label.move()]);
        }
        if ((heads & Curriculum.HEAD_POWER) != 0 && label.hasPower()) {
            power = logistic(t, NetShape.OUT_POWER, label.power());
        }
        if ((heads & Curriculum.HEAD_BLOCK) != 0 && label.hasBlock()) {
            block = logistic(t, NetShape.OUT_BLOCK, label.block());
        }
        if (label.weightShift() > 0) {
            for (int k = 0; k < N_OUT; k++) t.g[k] = Fixed.sat32((long) t.g[k] << label.weightShift());
        }
        return new Losses(move, power, block);
    }

    /** Logistic cross-entropy of output {@code k} against {@code y} (0 or 1): sets {@code g[k]}, returns the loss. */
    static int logistic(NetScratch t, int k, int y) {
        int sgm = IntMath.sigmoid(t.out[k]);
        t.g[k] = sgm - (y == 1 ? Fixed.ONE : 0);
        return IntMath.negLn(y == 1 ? sgm : Fixed.ONE - sgm);
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

    /** The move class the net predicts: the largest of the five move logits (ties: N, S, E, W, stay). */
    public static int predictedMove(int[] out) {
        int best = 0;
        for (int k = 1; k < NetShape.MOVE_OUTS; k++) if (out[k] > out[best]) best = k;
        return best;
    }

    /** The attack flag the net predicts: 1 when the power logit is positive (sigmoid above one half). */
    public static int predictedPower(int[] out) {
        return out[NetShape.OUT_POWER] > 0 ? 1 : 0;
    }

    /** The block flag the net predicts: 1 when the block logit is positive (sigmoid above one half). */
    public static int predictedBlock(int[] out) {
        return out[NetShape.OUT_BLOCK] > 0 ? 1 : 0;
    }

    /**
     * The six policy outputs the combat appendage reads, from the net's Q16 outputs: each direction's logit minus
     * stay's (the appendage moves in the best open direction when that is positive, else rests), and the attack
     * and block flags.
     */
    public static int[] policyOutputs(int[] out) {
        int[] o = new int[Appendage.OUTPUTS];
        for (int d = 0; d < Dir.COUNT; d++) o[d] = Fixed.satSub(out[d], out[NetShape.OUT_STAY]);
        o[Appendage.OUT_POWER] = predictedPower(out);
        o[Appendage.OUT_BLOCK] = predictedBlock(out);
        return o;
    }
}
