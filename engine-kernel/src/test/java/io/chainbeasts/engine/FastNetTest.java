package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optimised kernel ({@link FastNet}, early-exit path search) against the reference ({@link Net}, full BFS): the
 * same bits for random states (saturated weights, every lrShift edge, extreme inputs and gradients) and for real
 * training, step by step, public and private.
 */
class FastNetTest {
    private static final int[] EXTREMES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -Fixed.ONE, -1, 0, 1, Fixed.ONE - 1, Fixed.ONE,
        Fixed.ONE + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    /** A value that is often an edge case: an extreme, a small Q16 number or any int. */
    private static int value(SplitMix64 r, int bigShift) {
        switch (r.nextInt(4)) {
            case 0: return EXTREMES[r.nextInt(EXTREMES.length)];
            case 1: return (int) r.next() >> bigShift;
            default: return r.nextInt(2 * Fixed.ONE + 1) - Fixed.ONE;
        }
    }

    /** A random state: weights from small to saturated, any slots live, lrShift 0, 31 or between. */
    static BeastState randomState(SplitMix64 r) {
        BeastState s = new BeastState();
        int bigShift = r.nextInt(3) == 0 ? 0 : 8 + r.nextInt(12); // a third of the states has weights near saturation
        for (int i = 0; i < s.w1.length; i++) s.w1[i] = value(r, bigShift);
        for (int i = 0; i < s.b1.length; i++) s.b1[i] = value(r, bigShift);
        for (int i = 0; i < s.w2.length; i++) s.w2[i] = value(r, bigShift);
        for (int i = 0; i < s.b2.length; i++) s.b2[i] = value(r, bigShift);
        s.activeMask = r.nextInt(4) == 0 ? NetShape.ALL_SLOTS_MASK : (int) r.next();
        int lr = r.nextInt(4);
        s.lrShift = lr == 0 ? 0 : lr == 1 ? 31 : r.nextInt(32);
        return s;
    }

    /** Inputs as the encoder makes them (mostly 0 and 1.0, some fractions), or, one time in three, anything. */
    static void randomInputs(SplitMix64 r, int[] x) {
        boolean wild = r.nextInt(3) == 0;
        for (int i = 0; i < x.length; i++) {
            int kind = r.nextInt(8);
            x[i] = kind < 4 ? 0 : kind < 7 ? Fixed.ONE : wild ? value(r, 0) : r.nextInt(Fixed.ONE + 1);
        }
    }

    @Property(tries = 400)
    void forwardBackwardAndUpdateMatchTheReference(@ForAll long seed) {
        matchesTheReference(seed, false);
    }

    /** The same with the scratch bound to the state (input-major weights, as in a window); two steps, so the copy is read after an update. */
    @Property(tries = 400)
    void boundToTheStateMatchesTheReference(@ForAll long seed) {
        matchesTheReference(seed, true);
    }

    private static void matchesTheReference(long seed, boolean bound) {
        SplitMix64 r = new SplitMix64(seed);
        BeastState ref = randomState(r);
        BeastState fast = ref.copy();
        NetScratch a = NetScratch.reference();
        NetScratch b = new NetScratch();
        if (bound) FastNet.bind(fast, b);
        for (int step = 0; step < (bound ? 2 : 1); step++) {
            step(r, seed + (bound ? " bound, step " + step : ""), ref, fast, a, b);
        }
        if (bound) {
            for (int j = 0; j < NetShape.HIDDEN; j++) {
                for (int i = 0; i < NetShape.N_IN; i++) assertEquals(fast.w1[j * NetShape.N_IN + i], b.w1t[i * NetShape.HIDDEN + j], "copy of w1");
            }
        }
    }

    /**
     * Forward passes on the same weights (the bound scratch then sums only the inputs that changed: a few of them, or all
     * at once), then one backward pass and update.
     */
    private static void step(SplitMix64 r, String seed, BeastState ref, BeastState fast, NetScratch a, NetScratch b) {
        randomInputs(r, a.x);
        int passes = 1 + r.nextInt(3);
        for (int pass = 0; pass < passes; pass++) {
            if (pass > 0) {
                if (r.nextInt(4) == 0) randomInputs(r, a.x);
                else for (int k = r.nextInt(30); k > 0; k--) a.x[r.nextInt(a.x.length)] = r.nextInt(2) == 0 ? 0 : r.nextInt(3) == 0 ? value(r, 0) : Fixed.ONE;
            }
            System.arraycopy(a.x, 0, b.x, 0, a.x.length);
            Net.forward(ref, a);
            FastNet.forward(fast, b);
            String where = "seed " + seed + " pass " + pass;
            assertArrayEquals(a.pre, b.pre, where + ": pre-activations");
            assertArrayEquals(a.out, b.out, where + ": outputs");
        }
        String where = "seed " + seed + " lrShift " + ref.lrShift + " mask 0x" + Integer.toHexString(ref.activeMask);
        assertArrayEquals(a.pre, b.pre, where + ": pre-activations");
        assertArrayEquals(a.h, b.h, where + ": hidden");
        assertArrayEquals(a.out, b.out, where + ": outputs");
        for (int k = 0; k < NetShape.N_OUT; k++) a.g[k] = r.nextInt(3) == 0 ? 0 : value(r, r.nextInt(2) == 0 ? 0 : 12);
        System.arraycopy(a.g, 0, b.g, 0, a.g.length);
        Net.backwardAndUpdate(ref, a);
        FastNet.backwardAndUpdate(fast, b);
        assertArrayEquals(a.gh, b.gh, where + ": hidden gradients");
        assertArrayEquals(ref.w1, fast.w1, where + ": w1");
        assertArrayEquals(ref.b1, fast.b1, where + ": b1");
        assertArrayEquals(ref.w2, fast.w2, where + ": w2");
        assertArrayEquals(ref.b2, fast.b2, where + ": b2");
    }

    @Property(tries = 2000)
    void saturatingSubtractMatchesFixed(@ForAll int a, @ForAll int b) {
        assertEquals(Fixed.satSub(a, b), FastNet.satSub(a, b), a + " - " + b);
    }

    @Property(tries = 2000)
    void narrowAndSat32MatchFixed(@ForAll long acc) {
        assertEquals(Fixed.narrow(acc), FastNet.narrow(acc), "narrow " + acc);
        assertEquals(Fixed.sat32(acc), FastNet.sat32(acc), "sat32 " + acc);
    }

    @Test
    void edgesOfTheBranchFreeHelpers() {
        for (int a : EXTREMES) {
            for (int b : EXTREMES) assertEquals(Fixed.satSub(a, b), FastNet.satSub(a, b), a + " - " + b);
        }
        for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L, -1, 0, 1,
            ((long) Integer.MAX_VALUE << 16) + 0x8000, ((long) Integer.MIN_VALUE << 16) - 0x8001}) {
            assertEquals(Fixed.narrow(v), FastNet.narrow(v), "narrow " + v);
            assertEquals(Fixed.sat32(v), FastNet.sat32(v), "sat32 " + v);
        }
    }

    /** Real training: every step's record and post-state, reference against optimised, public and private. */
    @Test
    void realTrainingIsBitIdenticalStepByStep() {
        for (boolean priv : new boolean[] {false, true}) {
            for (long seed : new long[] {5, 0xC0FFEEL}) {
                BeastState ref = Hatchery.hatch(seed);
                BeastState fast = ref.copy();
                MicroStep.Scratch refScratch = MicroStep.Scratch.reference();
                MicroStep.Scratch fastScratch = new MicroStep.Scratch();
                byte[] root = WindowContext.ZERO32;
                for (int w = 0; w < 6; w++) {
                    WindowInputs in = EngineVectors.inputs(ref, root, priv);
                    List<byte[]> refStates = new ArrayList<>();
                    List<StepRecord> refSteps = new ArrayList<>();
                    WindowResult a = Window.run(ref, in, refScratch, rec -> {
                        refSteps.add(rec);
                        refStates.add(ref.hash());
                    });
                    int[] k = {0};
                    int window = w;
                    WindowResult b = Window.run(fast, in, fastScratch, rec -> {
                        int i = k[0]++;
                        String where = "seed " + seed + (priv ? " private" : "") + " window " + window + " step " + i;
                        StepRecord want = refSteps.get(i);
                        assertArrayEquals(want.outputs(), rec.outputs(), where + ": outputs");
                        assertEquals(want.losses(), rec.losses(), where + ": losses");
                        assertArrayEquals(want.sampleKey(), rec.sampleKey(), where + ": sample");
                        assertArrayEquals(refStates.get(i), fast.hash(), where + ": post-state");
                    });
                    assertEquals(Window.STEPS, k[0]);
                    assertArrayEquals(a.h128(), b.h128(), "window " + w);
                    assertArrayEquals(a.lineageHash(), b.lineageHash(), "window " + w + " lineage");
                    assertEquals(a.tally(), b.tally(), "window " + w + " tally");
                    root = a.h128();
                }
                assertArrayEquals(ref.toBytes(), fast.toBytes());
            }
        }
    }

    /** Growth spurts and every slot live: the late-schedule states the trainer reaches (all heads, larger lrShift). */
    @Test
    void allSlotsLiveLateInTheScheduleIsBitIdentical() {
        BeastState ref = Hatchery.hatch(41);
        ref.activeMask = NetShape.ALL_SLOTS_MASK;
        ref.globalStep = 12_288;
        BeastState fast = ref.copy();
        WindowContext ctx = TrainingPlan.context(ref, io.chainbeasts.combat.SeasonConstants.DEFAULT,
                io.chainbeasts.curriculum.TrainingConstants.DEFAULT, WindowContext.ZERO32, WindowContext.ZERO32, EngineVectors.pool());
        WindowInputs in = WindowInputs.publicWindow(ctx, EngineVectors.pool());
        MicroStep.Scratch refScratch = MicroStep.Scratch.reference();
        MicroStep.Scratch fastScratch = new MicroStep.Scratch();
        for (int i = 0; i < 3 * Window.STEPS; i++) {
            StepRecord a = MicroStep.run(ref, in, refScratch);
            StepRecord b = MicroStep.run(fast, in, fastScratch);
            assertArrayEquals(a.outputs(), b.outputs(), "step " + i);
            assertTrue(Arrays.equals(ref.w1, fast.w1) && Arrays.equals(ref.w2, fast.w2) && Arrays.equals(ref.b1, fast.b1)
                    && Arrays.equals(ref.b2, fast.b2), "weights after step " + i);
        }
        assertArrayEquals(ref.hash(), fast.hash());
    }

    private static void assertTrue(boolean ok, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(ok, what);
    }
}
