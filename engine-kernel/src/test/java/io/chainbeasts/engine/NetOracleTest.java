package io.chainbeasts.engine;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An independent oracle of the net's integer training step (issue 12 item 5), written from SPEC.md sections 2, 11 and
 * 13 and not from Net.java: every quantity is an exact BigInteger, the int64 accumulator is the exact sum reduced mod
 * 2^64 (SPEC §2: accumulators wrap), roundShift is floor(x / 2^s + 1/2) by floor division, the exp and log2 tables are
 * recomputed from their formulas (and must equal IntMath's). Checked against Net on random states (saturated
 * weights included, where the int64 sums wrap), on random inputs and labels, and on the states of real windows.
 */
class NetOracleTest {
    static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);
    static final BigInteger I64_MIN = BigInteger.ONE.shiftLeft(63).negate();
    static final long INT_MAX = Integer.MAX_VALUE;
    static final long INT_MIN = Integer.MIN_VALUE;
    static final long ONE = 65536;

    // ---- SPEC §2, exactly ----
    static BigInteger wrap64(BigInteger v) {
        BigInteger m = v.subtract(I64_MIN).mod(TWO64);
        return m.add(I64_MIN);
    }

    static long sat32(BigInteger v) {
        if (v.compareTo(BigInteger.valueOf(INT_MAX)) > 0) return INT_MAX;
        if (v.compareTo(BigInteger.valueOf(INT_MIN)) < 0) return INT_MIN;
        return v.longValueExact();
    }

    /** floor(x / 2^s + 1/2) = floor((2x + 2^s) / 2^(s+1)). */
    static BigInteger roundShift(BigInteger x, int s) {
        if (s == 0) return x;
        BigInteger num = x.shiftLeft(1).add(BigInteger.ONE.shiftLeft(s));
        return floorDiv(num, BigInteger.ONE.shiftLeft(s + 1));
    }

    static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && (qr[1].signum() != b.signum()) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    static long narrow(BigInteger acc) {
        return sat32(roundShift(wrap64(acc), 16));
    }

    static BigInteger b(long v) {
        return BigInteger.valueOf(v);
    }

    // ---- the tables of SPEC §11 "Integer softmax, sigmoid, log", from their formulas ----
    static final long[] EXP = new long[257];
    static final long[] LOG2 = new long[65];

    static {
        for (int i = 0; i <= 256; i++) EXP[i] = Math.round(65536 * Math.exp(-i / 16.0));
        for (int i = 0; i <= 64; i++) LOG2[i] = Math.round(65536 * (Math.log(1 + i / 64.0) / Math.log(2)));
    }

    static long expNeg(long z) {
        if (z >= 16 * ONE) return 0;
        int i = (int) (z / 4096);
        long frac = z % 4096;
        return EXP[i] + floorDiv(b(EXP[i + 1] - EXP[i]).multiply(b(frac)), b(4096)).longValueExact();
    }

    static long sigmoid(long z) {
        long c = Math.max(-16 * ONE, Math.min(16 * ONE, z));
        if (c >= 0) return (1L << 32) / (ONE + expNeg(c));
        long e = expNeg(-c);
        return (e * ONE) / (ONE + e);
    }

    static long log2(long p) {
        int msb = 63 - Long.numberOfLeadingZeros(p);
        long m = msb >= 16 ? p >> (msb - 16) : p << (16 - msb);
        long frac = m - ONE;
        int i = (int) (frac / 1024);
        long rem = frac % 1024;
        long l = LOG2[i] + floorDiv(b(LOG2[i + 1] - LOG2[i]).multiply(b(rem)), b(1024)).longValueExact();
        return (msb - 16) * ONE + l;
    }

    static long negLn(long p) {
        if (p <= 0) return 16 * ONE;
        long ln2 = Math.round(65536 * Math.log(2));
        long v = roundShift(b(log2(p)).multiply(b(ln2)), 16).negate().longValueExact();
        return Math.max(0, Math.min(16 * ONE, v));
    }

    /** The oracle's step: forward, losses, gradients, backward and update of SPEC §11 and §13 on a copy of the weights. */
    static final class Oracle {
        final long[] w1 = new long[64 * 200], b1 = new long[64], w2 = new long[7 * 64], b2 = new long[7];
        long[] pre = new long[64], h = new long[64], out = new long[7], g = new long[7];
        long lossMove, lossPower, lossBlock;
        final int mask;
        final int lr;

        Oracle(BeastState s, int lr) {
            for (int i = 0; i < w1.length; i++) w1[i] = s.w1[i];
            for (int i = 0; i < 64; i++) b1[i] = s.b1[i];
            for (int i = 0; i < w2.length; i++) w2[i] = s.w2[i];
            for (int i = 0; i < 7; i++) b2[i] = s.b2[i];
            mask = s.activeMask;
            this.lr = lr;
        }

        boolean live(int j) {
            return ((mask >> (j / 8)) & 1) == 1;
        }

        void forward(int[] x) {
            for (int j = 0; j < 64; j++) {
                if (!live(j)) continue;
                BigInteger acc = b(b1[j]).shiftLeft(16);
                for (int i = 0; i < 200; i++) acc = acc.add(b(w1[j * 200 + i]).multiply(b(x[i])));
                pre[j] = narrow(acc);
                h[j] = Math.max(0, pre[j]);
            }
            for (int k = 0; k < 7; k++) {
                BigInteger acc = b(b2[k]).shiftLeft(16);
                for (int j = 0; j < 64; j++) acc = acc.add(b(w2[k * 64 + j]).multiply(b(h[j])));
                out[k] = narrow(acc);
            }
        }

        void losses(Label label, int heads) {
            if ((heads & 1) != 0 && label.hasMove()) {
                long max = Long.MIN_VALUE;
                for (int k = 0; k < 5; k++) max = Math.max(max, out[k]);
                long[] e = new long[5];
                long sum = 0;
                for (int k = 0; k < 5; k++) {
                    e[k] = expNeg(Math.min(max - out[k], 16 * ONE));
                    sum += e[k];
                }
                for (int k = 0; k < 5; k++) {
                    long p = e[k] * ONE / sum;
                    g[k] = p - (k == label.move() ? ONE : 0);
                    if (k == label.move()) lossMove = negLn(p);
                }
            }
            if ((heads & 2) != 0 && label.hasPower()) lossPower = logistic(5, label.power());
            if ((heads & 4) != 0 && label.hasBlock()) lossBlock = logistic(6, label.block());
            for (int k = 0; k < 7; k++) g[k] = sat32(b(g[k]).shiftLeft(label.weightShift()));
        }

        long logistic(int k, int y) {
            long sg = sigmoid(out[k]);
            g[k] = sg - (y == 1 ? ONE : 0);
            return negLn(y == 1 ? sg : ONE - sg);
        }

        void backwardAndUpdate(int[] x) {
            long[] gh = new long[64];
            for (int j = 0; j < 64; j++) {
                if (!live(j) || pre[j] <= 0) continue;
                BigInteger acc = BigInteger.ZERO;
                for (int k = 0; k < 7; k++) acc = acc.add(b(w2[k * 64 + j]).multiply(b(g[k]))); // the old w2
                gh[j] = narrow(acc);
            }
            for (int k = 0; k < 7; k++) {
                for (int j = 0; j < 64; j++) if (live(j)) w2[k * 64 + j] = satSub(w2[k * 64 + j], b(g[k]).multiply(b(h[j])), 16 + lr);
                b2[k] = satSub(b2[k], b(g[k]), lr);
            }
            for (int j = 0; j < 64; j++) {
                if (!live(j)) continue;
                for (int i = 0; i < 200; i++) w1[j * 200 + i] = satSub(w1[j * 200 + i], b(gh[j]).multiply(b(x[i])), 16 + lr);
                b1[j] = satSub(b1[j], b(gh[j]), lr);
            }
        }

        static long satSub(long w, BigInteger grad, int shift) {
            return sat32(b(w).subtract(b(sat32(roundShift(grad, shift)))));
        }
    }

    @Test
    void tablesFromTheirFormulasEqualIntMath() {
        for (int i = 0; i <= 256; i++) assertEquals(EXP[i], IntMath.EXP[i], "EXP[" + i + "]");
        for (int i = 0; i <= 64; i++) assertEquals(LOG2[i], IntMath.LOG2[i], "LOG2[" + i + "]");
        assertEquals(IntMath.LN2_Q16, Math.round(65536 * Math.log(2)));
    }

    @Test
    void randomStatesInputsAndLabelsIncludingSaturatedWeights() {
        SplitMix64 r = new SplitMix64(0x0AC1EL);
        int wrapped = 0;
        for (int trial = 0; trial < 300; trial++) {
            BeastState s = Hatchery.hatch(r.next());
            s.activeMask = (int) (r.next() & 0xFF);
            int mode = trial % 3; // 0: hatch weights, 1: wide random, 2: saturated extremes
            if (mode > 0) {
                for (int i = 0; i < s.w1.length; i++) s.w1[i] = weight(r, mode);
                for (int i = 0; i < s.b1.length; i++) s.b1[i] = weight(r, mode);
                for (int i = 0; i < s.w2.length; i++) s.w2[i] = weight(r, mode);
                for (int i = 0; i < s.b2.length; i++) s.b2[i] = weight(r, mode);
            }
            int[] x = new int[200];
            for (int i = 0; i < 200; i++) {
                int v = (int) (r.next() & 7);
                x[i] = v == 0 ? 65536 : v == 1 ? (int) (r.next() & 0x1FFFF) : 0;
            }
            int move = (int) Long.remainderUnsigned(r.next(), 6);
            Label label = new Label(move == 5 ? Label.NONE : move, (int) (r.next() & 1), (int) (r.next() & 1), (int) (r.next() & 1));
            int lr = trial % 7 == 0 ? 0 : trial % 7 == 1 ? 31 : (int) Long.remainderUnsigned(r.next(), 12);
            if (compare(s, x, label, 7, lr, "random trial " + trial)) wrapped++;
        }
        assertTrue(wrapped > 0, "some trials must wrap an int64 sum (saturated weights)");
    }

    @Test
    void statesOfRealWindows() {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        for (long seed : new long[] {1, 0x22}) {
            BeastState s = Hatchery.hatch(seed);
            for (int w = 0; w < 3; w++) {
                WindowContext ctx = new WindowContext(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, new byte[32], new byte[32],
                        WindowContext.ZERO32, pool.commitment(), WindowContext.NO_GROWTH);
                WindowInputs in = WindowInputs.publicWindow(ctx, pool);
                MicroStep.Scratch scratch = new MicroStep.Scratch();
                for (int i = 0; i < 128; i++) {
                    BeastState before = s.copy();
                    StepRecord rec = MicroStep.run(s, in, scratch);
                    int[] x = new int[200];
                    InputEncoder.encode(rec.board(), SeasonConstants.DEFAULT, x);
                    before.lrShift = rec.lrShift();
                    compare(before, x, rec.label(), rec.heads(), rec.lrShift(), "seed " + seed + " window " + w + " step " + i);
                }
            }
        }
    }

    /** Runs Net and the oracle on the same inputs; returns whether some int64 sum wrapped. */
    static boolean compare(BeastState s, int[] x, Label label, int heads, int lr, String where) {
        Oracle o = new Oracle(s, lr);
        o.forward(x);
        o.losses(label, heads);
        o.backwardAndUpdate(x);
        BeastState t = s.copy();
        t.lrShift = lr;
        NetScratch sc = new NetScratch();
        System.arraycopy(x, 0, sc.x, 0, 200);
        Net.forward(t, sc);
        for (int k = 0; k < 7; k++) assertEquals(o.out[k], sc.out[k], where + ": out[" + k + "]");
        for (int j = 0; j < 64; j++) assertEquals(o.pre[j], sc.pre[j], where + ": pre[" + j + "]");
        Net.Losses losses = Net.lossAndGradient(sc, label, heads);
        assertEquals(o.lossMove, losses.move(), where + ": move loss");
        assertEquals(o.lossPower, losses.power(), where + ": power loss");
        assertEquals(o.lossBlock, losses.block(), where + ": block loss");
        for (int k = 0; k < 7; k++) assertEquals(o.g[k], sc.g[k], where + ": g[" + k + "]");
        Net.backwardAndUpdate(t, sc);
        for (int i = 0; i < t.w1.length; i++) if (o.w1[i] != t.w1[i]) fail(where + ": w1[" + i + "] oracle " + o.w1[i] + " net " + t.w1[i]);
        for (int i = 0; i < 64; i++) assertEquals(o.b1[i], t.b1[i], where + ": b1[" + i + "]");
        for (int i = 0; i < t.w2.length; i++) assertEquals(o.w2[i], t.w2[i], where + ": w2[" + i + "]");
        for (int i = 0; i < 7; i++) assertEquals(o.b2[i], t.b2[i], where + ": b2[" + i + "]");
        return wraps(s, o);
    }

    /** Whether an output or hidden-gradient sum of this state leaves the int64 range (so Java wrapped it). */
    static boolean wraps(BeastState s, Oracle o) {
        for (int k = 0; k < 7; k++) {
            BigInteger acc = b(s.b2[k]).shiftLeft(16);
            for (int j = 0; j < 64; j++) acc = acc.add(b(s.w2[k * 64 + j]).multiply(b(o.h[j])));
            if (!acc.equals(wrap64(acc))) return true;
        }
        for (int j = 0; j < 64; j++) {
            BigInteger acc = BigInteger.ZERO;
            for (int k = 0; k < 7; k++) acc = acc.add(b(s.w2[k * 64 + j]).multiply(b(o.g[k])));
            if (o.pre[j] > 0 && ((s.activeMask >> (j / 8)) & 1) == 1 && !acc.equals(wrap64(acc))) return true;
        }
        return false;
    }

    static int weight(SplitMix64 r, int mode) {
        if (mode == 1) return (int) r.next();
        long v = r.next() & 3;
        return v == 0 ? Integer.MAX_VALUE : v == 1 ? Integer.MIN_VALUE : v == 2 ? Integer.MAX_VALUE - (int) (r.next() & 0xFF) : Integer.MIN_VALUE + (int) (r.next() & 0xFF);
    }
}
