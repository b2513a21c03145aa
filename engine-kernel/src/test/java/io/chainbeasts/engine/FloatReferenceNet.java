package io.chainbeasts.engine;

import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;

/**
 * Test-only float64 twin of {@link Net}: the same shape, the same initial weights (the integer
 * hatch state divided by 2^16), the same inputs, labels, heads, learning rates and growth spurts,
 * trained on the very boards the integer run drew. It measures what the integer arithmetic costs.
 */
final class FloatReferenceNet {
    private static final int N_IN = NetShape.N_IN;
    private static final int H = NetShape.HIDDEN;
    private static final int N_OUT = NetShape.N_OUT;

    final double[] w1 = new double[H * N_IN];
    final double[] b1 = new double[H];
    final double[] w2 = new double[N_OUT * H];
    final double[] b2 = new double[N_OUT];
    int activeMask;

    private final double[] x = new double[N_IN];
    private final double[] pre = new double[H];
    private final double[] h = new double[H];
    final double[] out = new double[N_OUT];
    private final double[] g = new double[N_OUT];
    private final double[] gh = new double[H];

    FloatReferenceNet(BeastState hatch) {
        for (int i = 0; i < w1.length; i++) w1[i] = hatch.w1[i] / 65536.0;
        for (int i = 0; i < w2.length; i++) w2[i] = hatch.w2[i] / 65536.0;
        activeMask = hatch.activeMask;
    }

    void setInputs(int[] xq) {
        for (int i = 0; i < N_IN; i++) x[i] = xq[i] / 65536.0;
    }

    void forward() {
        for (int j = 0; j < H; j++) {
            if (!NetShape.unitActive(activeMask, j)) {
                pre[j] = 0;
                h[j] = 0;
                continue;
            }
            double acc = b1[j];
            for (int i = 0; i < N_IN; i++) acc += w1[j * N_IN + i] * x[i];
            pre[j] = acc;
            h[j] = Math.max(acc, 0);
        }
        for (int k = 0; k < N_OUT; k++) {
            double acc = b2[k];
            for (int j = 0; j < H; j++) acc += w2[k * H + j] * h[j];
            out[k] = acc;
        }
    }

    void train(Label label, int heads, int lrShift) {
        double lr = Math.pow(2, -lrShift);
        java.util.Arrays.fill(g, 0);
        if ((heads & Curriculum.HEAD_MOVE) != 0 && label.hasMove()) {
            int n = NetShape.MOVE_OUTS;
            double max = out[0];
            for (int k = 1; k < n; k++) max = Math.max(max, out[k]);
            double sum = 0;
            double[] e = new double[n];
            for (int k = 0; k < n; k++) sum += e[k] = Math.exp(out[k] - max);
            for (int k = 0; k < n; k++) g[k] = e[k] / sum - (k == label.move() ? 1 : 0);
        }
        if ((heads & Curriculum.HEAD_POWER) != 0 && label.hasPower()) {
            g[NetShape.OUT_POWER] = 1 / (1 + Math.exp(-out[NetShape.OUT_POWER])) - label.power();
        }
        if ((heads & Curriculum.HEAD_BLOCK) != 0 && label.hasBlock()) {
            g[NetShape.OUT_BLOCK] = 1 / (1 + Math.exp(-out[NetShape.OUT_BLOCK])) - label.block();
        }
        for (int j = 0; j < H; j++) {
            gh[j] = 0;
            if (!NetShape.unitActive(activeMask, j) || pre[j] <= 0) continue;
            for (int k = 0; k < N_OUT; k++) gh[j] += w2[k * H + j] * g[k];
        }
        for (int k = 0; k < N_OUT; k++) {
            for (int j = 0; j < H; j++) if (NetShape.unitActive(activeMask, j)) w2[k * H + j] -= lr * g[k] * h[j];
            b2[k] -= lr * g[k];
        }
        for (int j = 0; j < H; j++) {
            if (gh[j] == 0) continue;
            for (int i = 0; i < N_IN; i++) w1[j * N_IN + i] -= lr * gh[j] * x[i];
            b1[j] -= lr * gh[j];
        }
    }

    /** Move-head agreement with the teacher's label on the held-out cases that have one. */
    double moveAccuracy(java.util.List<Evaluator.Case> cases, io.chainbeasts.combat.SeasonConstants season) {
        int[] xq = new int[N_IN];
        int seen = 0;
        int right = 0;
        for (Evaluator.Case c : cases) {
            if (!c.label().hasMove()) continue;
            InputEncoder.encode(c.board(), season, xq);
            setInputs(xq);
            forward();
            int best = 0;
            for (int k = 1; k < NetShape.MOVE_OUTS; k++) if (out[k] > out[best]) best = k;
            seen++;
            if (best == c.label().move()) right++;
        }
        return (double) right / seen;
    }
}
