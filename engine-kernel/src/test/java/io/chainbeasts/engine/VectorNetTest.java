package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FastNet} with the Vector API ({@link NetVectors}) against its scalar loops ({@link NetScratch#scalar()}) and
 * the reference ({@link Net}): the same bits for random bound states (saturated weights, every lrShift edge, extreme
 * inputs and gradients) over several steps, and for real training windows. The engine-kernel tests run with
 * {@code --add-modules jdk.incubator.vector}, and the vector side is always the vector code ({@code NetScratch.vectorsOn()}:
 * on a CPU without 512-bit vectors the Vector API's exact fallback runs it).
 */
class VectorNetTest {
    /** The kernel picks the vector code wherever the CPU has 512-bit vectors (the tests below run it on any CPU). */
    @Test
    void theseTestsRunTheVectorCode() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "engine-kernel's tests run with --add-modules jdk.incubator.vector");
        org.junit.jupiter.api.Assumptions.assumeTrue(NetVectors.worthwhile(), "this CPU has no 512-bit vectors: FastNet keeps its scalar loops");
        assertTrue(NetScratch.VECTORS);
        assertTrue(new NetScratch().vectors);
    }

    @Property(tries = 500)
    void boundStepsMatchTheScalarLoopsAndTheReference(@ForAll long seed) {
        SplitMix64 r = new SplitMix64(seed);
        BeastState ref = FastNetTest.randomState(r);
        BeastState scalar = ref.copy();
        BeastState vector = ref.copy();
        NetScratch a = NetScratch.reference();
        NetScratch b = NetScratch.scalar();
        NetScratch c = NetScratch.vectorsOn();
        FastNet.bind(scalar, b);
        FastNet.bind(vector, c);
        for (int step = 0; step < 3; step++) {
            FastNetTest.randomInputs(r, a.x);
            int passes = 1 + r.nextInt(3);
            for (int pass = 0; pass < passes; pass++) {
                if (pass > 0) for (int k = r.nextInt(30); k > 0; k--) a.x[r.nextInt(a.x.length)] = r.nextInt(2) == 0 ? 0 : Fixed.ONE;
                System.arraycopy(a.x, 0, b.x, 0, a.x.length);
                System.arraycopy(a.x, 0, c.x, 0, a.x.length);
                Net.forward(ref, a);
                FastNet.forward(scalar, b);
                FastNet.forward(vector, c);
                String where = "seed " + seed + " step " + step + " pass " + pass;
                assertArrayEquals(a.pre, c.pre, where + ": pre-activations");
                assertArrayEquals(b.out, c.out, where + ": outputs, scalar vs vector");
                assertArrayEquals(a.out, c.out, where + ": outputs");
            }
            for (int k = 0; k < NetShape.N_OUT; k++) {
                int gk = r.nextInt(3) == 0 ? 0 : r.nextInt(4) == 0 ? (r.nextInt(2) == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : (int) r.next() >> r.nextInt(24);
                a.g[k] = gk;
                b.g[k] = gk;
                c.g[k] = gk;
            }
            Net.backwardAndUpdate(ref, a);
            FastNet.backwardAndUpdate(scalar, b);
            FastNet.backwardAndUpdate(vector, c);
            String where = "seed " + seed + " step " + step + " lrShift " + ref.lrShift;
            assertArrayEquals(a.gh, c.gh, where + ": hidden gradients");
            assertArrayEquals(scalar.w1, vector.w1, where + ": w1, scalar vs vector");
            assertArrayEquals(ref.w1, vector.w1, where + ": w1");
            assertArrayEquals(ref.b1, vector.b1, where + ": b1");
            assertArrayEquals(ref.w2, vector.w2, where + ": w2");
            assertArrayEquals(ref.b2, vector.b2, where + ": b2");
        }
        assertArrayEquals(b.w1t, c.w1t, "seed " + seed + ": the input-major copies");
    }

    /** Whole windows from a late, all-slots state: vector and scalar optimised kernels give the same state hash after every step. */
    @Test
    void realWindowsAreBitIdenticalToTheScalarLoops() {
        for (long seed : new long[] {7, 0xBEEFL}) {
            BeastState scalar = Hatchery.hatch(seed);
            scalar.activeMask = NetShape.ALL_SLOTS_MASK;
            scalar.globalStep = 12_288 + (int) seed;
            BeastState vector = scalar.copy();
            MicroStep.Scratch sScratch = MicroStep.Scratch.scalar();
            MicroStep.Scratch vScratch = MicroStep.Scratch.vectorsOn();
            byte[] root = WindowContext.ZERO32;
            for (int w = 0; w < 3; w++) {
                WindowInputs in = EngineVectors.inputs(scalar, root, w == 1);
                java.util.List<byte[]> hashes = new java.util.ArrayList<>();
                WindowResult a = Window.run(scalar, in, sScratch, rec -> hashes.add(scalar.hash()));
                int[] k = {0};
                int window = w;
                WindowResult b = Window.run(vector, in, vScratch, rec -> assertArrayEquals(hashes.get(k[0]++), vector.hash(),
                        "seed " + seed + " window " + window + " step " + (k[0] - 1)));
                assertArrayEquals(a.h128(), b.h128(), "window " + w);
                root = a.h128();
            }
        }
    }

    /**
     * {@link Window#runRecords} (the weights written back once at the end of the window) against {@link Window#run}
     * (written at every update), scalar and vector: the same results and the same state bytes after every window.
     */
    @Test
    void recordOnlyWindowsEndInTheSameState() {
        BeastState base = Hatchery.hatch(0x5EED);
        base.activeMask = NetShape.ALL_SLOTS_MASK;
        base.globalStep = 12_288;
        BeastState perStep = base.copy();
        BeastState scalar = base.copy();
        BeastState vector = base.copy();
        MicroStep.Scratch p = new MicroStep.Scratch();
        MicroStep.Scratch sScratch = MicroStep.Scratch.scalar();
        MicroStep.Scratch vScratch = MicroStep.Scratch.vectorsOn();
        byte[] root = WindowContext.ZERO32;
        for (int w = 0; w < 3; w++) {
            WindowInputs in = EngineVectors.inputs(perStep, root, w == 2);
            WindowResult a = Window.run(perStep, in, p, rec -> { });
            java.util.List<StepRecord> records = new java.util.ArrayList<>();
            WindowResult b = Window.runRecords(scalar, in, sScratch, records::add);
            WindowResult c = Window.runRecords(vector, in, vScratch, rec -> { });
            assertEquals(Window.STEPS, records.size());
            assertArrayEquals(a.h128(), b.h128(), "window " + w + ", scalar");
            assertArrayEquals(a.h128(), c.h128(), "window " + w + ", vector");
            assertArrayEquals(perStep.toBytes(), scalar.toBytes(), "window " + w + ", scalar state");
            assertArrayEquals(perStep.toBytes(), vector.toBytes(), "window " + w + ", vector state");
            root = a.h128();
        }
    }
}
