package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.EngineVectors;
import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Full state bytes after EVERY micro-step, Java reference vs OpenCL, over seeded windows: public
 * and private beasts, windows 1..3 of the default plan (window 2 has a growth spurt at step 64),
 * batch sizes 1, 3 and 17 (mixed public/private beasts in one launch), in both {@link WindowLayout}s. On a mismatch: seed, beast,
 * window, step and the first differing byte (with the field it falls in).
 */
class StepDifferentialTest {
    static String field(int byteIndex) {
        int h = BeastState.HEADER_SIZE;
        if (byteIndex < h) return "header";
        int i = (byteIndex - h) / 4;
        int hidden = io.chainbeasts.engine.NetShape.HIDDEN;
        int w1 = hidden * io.chainbeasts.engine.NetShape.N_IN;
        int w2 = io.chainbeasts.engine.NetShape.N_OUT * hidden;
        if (i < w1) return "w1[" + i + "]";
        if (i < w1 + hidden) return "b1[" + (i - w1) + "]";
        if (i < w1 + hidden + w2) return "w2[" + (i - w1 - hidden) + "]";
        return "b2[" + (i - w1 - hidden - w2) + "]";
    }

    void runBatch(WindowLayout layout, int batch, long seedBase, int windows) {
        OpenClBackend cl = OpenCl.backend(layout);
        JavaBackend java = new JavaBackend();
        List<BeastState> js = new ArrayList<>(), cs = new ArrayList<>();
        List<Boolean> priv = new ArrayList<>();
        List<byte[]> roots = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            BeastState s = Hatchery.hatch(seedBase + b);
            js.add(s);
            cs.add(s.copy());
            priv.add(b % 3 == 1);
            roots.add(WindowContext.ZERO32);
        }
        long compared = 0;
        for (int w = 0; w < windows; w++) {
            List<WindowInputs> ins = new ArrayList<>();
            for (int b = 0; b < batch; b++) ins.add(EngineVectors.inputs(js.get(b), roots.get(b), priv.get(b)));
            byte[][][] javaSteps = new byte[batch][128][];
            List<WindowResult> jr = java.runWindows(js, ins, (b, i, st) -> javaSteps[b][i] = st.toBytes());
            int window = w;
            long[] count = {0};
            List<WindowResult> cr = cl.runWindows(cs, ins, (b, i, st) -> {
                byte[] got = st.toBytes();
                byte[] want = javaSteps[b][i];
                if (!Arrays.equals(want, got)) {
                    int k = Arrays.mismatch(want, got);
                    fail(layout.label() + ": state differs: batch " + batch + ", seed " + (seedBase + b) + " (beast " + b + (priv.get(b) ? ", private" : ", public")
                            + "), window " + window + ", step " + i + ": first differing byte " + k + " (" + field(k) + "): java 0x"
                            + String.format("%02x", want[k]) + " opencl 0x" + String.format("%02x", got[k]));
                }
                count[0]++;
            });
            compared += count[0];
            for (int b = 0; b < batch; b++) {
                String where = layout.label() + " batch " + batch + " seed " + (seedBase + b) + " window " + w;
                assertEquals(Hex.of(jr.get(b).h128()), Hex.of(cr.get(b).h128()), where + ": h128");
                assertEquals(Hex.of(jr.get(b).lineageHash()), Hex.of(cr.get(b).lineageHash()), where + ": lineage");
                assertEquals(jr.get(b).energyBurn(), cr.get(b).energyBurn(), where + ": energy");
                assertEquals(jr.get(b).lossDrop(), cr.get(b).lossDrop(), where + ": lossDrop");
                assertEquals(jr.get(b).windowLoss(), cr.get(b).windowLoss(), where + ": loss");
                assertEquals(jr.get(b).tally(), cr.get(b).tally(), where + ": head tally");
                assertEquals(Hex.of(js.get(b).toBytes()), Hex.of(cs.get(b).toBytes()), where + ": final state");
                roots.set(b, jr.get(b).h128());
            }
        }
        System.out.println("[diff] " + layout.label() + " batch " + batch + ": " + compared + " per-step states equal over " + windows + " windows");
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void batchOf1(WindowLayout layout) {
        runBatch(layout, 1, 101, 3);
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void batchOf3(WindowLayout layout) {
        runBatch(layout, 3, 201, 3);
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void batchOf17(WindowLayout layout) {
        runBatch(layout, 17, 301, 3);
    }
}
