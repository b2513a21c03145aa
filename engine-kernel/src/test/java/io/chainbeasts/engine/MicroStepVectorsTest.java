package io.chainbeasts.engine;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java kernel against {@code spec/vectors/engine/microsteps.json}: every valid case re-run (post-state bytes and
 * hash, running values, source, board, label, losses, both digests), and the invalid cases Java itself decides
 * (a malformed state, a step outside the window, a growth slot already live) rejected. The other invalid cases are
 * the context's and the witness's encodings, which the Solidity reader checks (MicroStepVectorsOnChainTest).
 */
class MicroStepVectorsTest {
    @Test
    void everyValidCaseReproducesInJava() {
        List<MicroStepVectors.Case> cases = MicroStepVectors.cases();
        assertTrue(cases.size() >= 12, "cases " + cases.size());
        for (MicroStepVectors.Case c : cases) {
            MicroStepVectors.Result r = MicroStepVectors.runJava(c.pre(), c.inputs(), c.dataset(), c.secret(), c.k(), c.lineage(), c.loss(),
                    c.energy());
            Map<String, Object> e = MicroStepVectors.expected(c.pre(), r);
            assertEquals(Json.pretty(c.expected()), Json.pretty(e), c.name());
            assertArrayEquals(c.postBytes(), r.post(), c.name() + ": post-state bytes");
            assertEquals(c.hex("postStateHash"), Hex.of(io.chainbeasts.core.Keccak256.hash(c.postBytes())), c.name() + ": diff and hash agree");
        }
    }

    @Test
    void invalidCasesJavaDecidesAreRejected() {
        List<MicroStepVectors.Invalid> invalid = MicroStepVectors.invalid();
        assertTrue(invalid.size() >= 15, "invalid cases " + invalid.size());
        int checked = 0;
        for (MicroStepVectors.Invalid v : invalid) {
            MicroStepVectors.Case base = MicroStepVectors.cases().stream().filter(c -> c.name().equals(v.base())).findFirst().orElseThrow();
            if (v.mutate().containsKey("stateByte") || v.mutate().containsKey("stateLength")) {
                byte[] st = mutateState(base.preBytes(), v.mutate());
                assertThrows(DecodeException.class, () -> BeastState.decode(st), v.name());
                checked++;
            } else if (v.mutate().containsKey("k")) {
                int k = (int) Json.num(v.mutate(), "k");
                assertThrows(IllegalArgumentException.class, () -> MicroStepVectors.runJava(base.pre(), base.context(), base.pool(), k,
                        base.lineage(), base.loss(), base.energy()), v.name());
                checked++;
            } else if (v.name().equals("growth-slot-already-live")) {
                WindowContext c = base.context();
                WindowContext live = new WindowContext(c.season(), c.training(), c.epochSeed(), c.checkpointRoot(), c.datasetCommitment(),
                        c.realPoolCommitment(), 2);
                assertThrows(IllegalArgumentException.class, () -> Window.run(base.pre().copy(), WindowInputs.publicWindow(live, base.pool())), v.name());
                checked++;
            }
        }
        assertTrue(checked >= 9, "checked " + checked);
    }

    /** The state mutations of the invalid cases: {@code stateLength} (truncate or pad with 0) and {@code stateByte [offset, value]}. */
    static byte[] mutateState(byte[] st, Map<String, Object> m) {
        if (m.containsKey("stateLength")) st = Arrays.copyOf(st, (int) Json.num(m, "stateLength"));
        if (m.containsKey("stateByte")) {
            List<Object> b = Json.arr(m.get("stateByte"), "stateByte");
            st[((Long) b.get(0)).intValue()] = (byte) ((Long) b.get(1)).intValue();
        }
        return st;
    }
}
