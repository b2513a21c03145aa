package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's parts on an honest public beast: the batcher replays all waiting windows in one
 * backend call per {@link Verifier#REPLAY_BATCH}, the judge names the first payload field a result
 * contradicts, and a backend that fails is a {@link Verifier.BackendFailure}, not a verdict.
 * (End to end, with tampered stores and exit codes: cli's VerifierTest.)
 */
class VerifierPartsTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;
    static final int W = 3;

    @TempDir
    static Path tmp;
    static BeastStore store;

    @BeforeAll
    static void train() {
        store = Trainer.hatch(tmp.resolve("beast"), new BeastStore.Identity(0xBE7CL, 31337, new byte[20], BigInteger.ONE, new byte[32], new byte[32]));
        new Trainer(store, SEASON, TC, RealBattlePool.defaultPool(SEASON), null, 0).train(W, new Trainer.Listener() { });
    }

    /** The Java reference, counting its calls and the windows of each. */
    static final class Counting implements TrainingBackend {
        final JavaBackend java = new JavaBackend(1);
        final List<Integer> calls = new ArrayList<>();
        boolean broken;

        public String name() {
            return "counting";
        }

        public String description() {
            return "the Java reference, counted";
        }

        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
            calls.add(states.size());
            if (broken) throw new IllegalStateException("device lost");
            return java.runWindows(states, inputs);
        }

        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyWindowIsReplayedInOneBatchAndVerified() {
        Counting b = new Counting();
        List<Verifier.WindowVerdict> seen = new ArrayList<>();
        Verifier.Report r = new Verifier(store, SEASON, TC, null, 0, b).verifyAll(seen::add);
        assertEquals(List.of(W), b.calls, "one backend call for all " + W + " windows");
        assertEquals(W, r.count(Verifier.Verdict.VERIFIED), r.verdicts().toString());
        assertEquals(r.verdicts(), seen, "each verdict is reported as it is made, in order");
        assertTrue(r.verdicts().get(0).detail().contains("on counting"), r.verdicts().get(0).detail());
    }

    @Test
    void theJudgeNamesTheFirstContradictedField() {
        CheckpointPayload p = store.window(W - 1).decodedPayload();
        BeastState pre = store.getState(store.window(W - 1).preStateHash());
        WindowInputs in = new WindowChecks(store, SEASON, TC, null, 0)
                .check(store.window(W - 1), WindowChecks.Link.of(store.window(W - 2))).pending().in();
        WindowResult honest = new JavaBackend(1).runWindows(List.of(pre.copy()), List.of(in)).get(0);
        assertNull(Judge.payloadDiff(p, honest));
        CheckpointPayload burn = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn() + 1, p.activeMask(), p.lrShift(), p.h128(), p.lineageHash(), !p.lossDrop());
        assertTrue(Judge.payloadDiff(burn, honest).startsWith("energyBurn: replay " + honest.energyBurn()), Judge.payloadDiff(burn, honest));
    }

    @Test
    void aFailingBackendReachesNoVerdict() {
        Counting b = new Counting();
        b.broken = true;
        Verifier.BackendFailure e = org.junit.jupiter.api.Assertions.assertThrows(Verifier.BackendFailure.class,
                () -> new Verifier(store, SEASON, TC, null, 0, b).verifyAll(v -> { }));
        assertTrue(e.getMessage().contains("device lost") && e.getMessage().contains("no verdict was reached"), e.getMessage());
    }
}
