package io.chainbeasts.engine.opencl;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.MicroStepVectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The OpenCL kernel against {@code spec/vectors/engine/microsteps.json}: the kernel runs whole windows, so the cases at
 * step 0 of a window (running values zero) are checked: the state after the first micro-step (bytes and hash), and
 * from the kernel's step trace the source, sample key (the board's Keccak), label, losses, running lineage, loss and
 * ENERGY, and so both digests (private cases run with their dataset and S_owner). The cases in the middle of a window (the growth step, running-value wraps) need a
 * window's first k steps, which a vector does not carry; Java and Solidity check those.
 */
class OpenClMicroStepVectorsTest {
    @Test
    void everyFirstStepCaseMatchesTheKernel() {
        OpenClBackend cl = OpenCl.backend();
        int checked = 0;
        for (MicroStepVectors.Case c : MicroStepVectors.cases()) {
            if (c.k() != 0) continue;
            byte[][] after = new byte[1][];
            BeastState s = c.pre().copy();
            OpenClBackend.Traced t = cl.runWindowsTraced(List.of(s), List.of(c.inputs()));
            cl.runWindows(List.of(c.pre().copy()), List.of(c.inputs()),
                    (beast, step, st) -> { if (step == 0) after[0] = st.toBytes(); });
            byte[] want = c.postBytes();
            int at = -1;
            for (int i = 0; i < want.length && at < 0; i++) if (after[0][i] != want[i]) at = i;
            assertEquals(-1, at, c.name() + ": post state differs first at byte " + at + " (" + StepDifferentialTest.field(Math.max(at, 0)) + ")");
            assertEquals(c.hex("postStateHash"), Hex.of(Keccak256.hash(after[0])), c.name());
            StepTrace st = t.steps()[0][0];
            assertEquals(c.num("source"), st.source(), c.name() + ": source");
            assertEquals(Hex.of(Keccak256.hash(Hex.parse(c.hex("board")))), Hex.of(st.sampleKey()), c.name() + ": sample key");
            List<Object> label = Json.arr(c.expected().get("label"), "label");
            assertEquals(List.of((long) st.label().move(), (long) st.label().power(), (long) st.label().block(), (long) st.label().weightShift()),
                    label, c.name() + ": label");
            List<Object> losses = Json.arr(c.expected().get("losses"), "losses");
            assertEquals(List.of((long) st.losses()[0], (long) st.losses()[1], (long) st.losses()[2]), losses, c.name() + ": losses");
            byte[] lineage = new Keccak256().update(new byte[32]).update(new byte[] {(byte) st.source()}).update(st.sampleKey()).digest();
            assertEquals(c.hex("postLineage"), Hex.of(lineage), c.name() + ": lineage");
            long loss = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) st.losses()[0] + st.losses()[1] + st.losses()[2]));
            assertEquals(c.num("postLoss"), loss, c.name() + ": loss");
            assertEquals(c.num("postEnergy"), st.energy(), c.name() + ": energy");
            byte[] d1 = MicroStepVectors.digest(1, Keccak256.hash(after[0]), lineage, loss, st.energy(), c.context().hash());
            assertEquals(c.hex("postDigest"), Hex.of(d1), c.name() + ": D_1");
            assertTrue(Arrays.equals(Hex.parse(c.hex("preDigest")), MicroStepVectors.digest(0, c.pre().hash(), new byte[32], 0, 0, c.context().hash())),
                    c.name() + ": D_0");
            checked++;
        }
        assertTrue(checked >= 12, "k = 0 cases checked: " + checked);
    }
}
