package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.cli.bench.NodeScale;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.engine.opencl.Backends;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.ChainReplay;
import io.chainbeasts.node.StateCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's batched replay ({@link ChainReplay#judgeAll}): several beasts' windows go to the backend in one call per
 * wave, and the verdicts are exactly those of judging each beast alone, on the Java backend and on OpenCL (PoCL here;
 * skipped with the reason where no platform exists). Two of the beasts were trained by a cheating owner (a nudge after
 * a micro-step mid-window, then training went on), one lies about a payload field outright.
 */
class NodeBackendsTest {
    static final int BEASTS = 5;
    static final int WINDOWS = 3;
    static final ChainBeast.Constants DEFAULTS = new ChainBeast.Constants(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, Map.of());

    @TempDir
    Path tmp;

    /** Counts the calls and the windows of each. */
    static class Counting implements TrainingBackend {
        final TrainingBackend inner;
        final List<Integer> calls = new ArrayList<>();

        Counting(TrainingBackend inner) {
            this.inner = inner;
        }

        @Override
        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
            calls.add(states.size());
            return inner.runWindows(states, inputs);
        }

        @Override
        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
            calls.add(states.size());
            return inner.runWindows(states, inputs, observer);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }
    }

    record Beast(BeastStore.Identity id, List<byte[]> payloads) {}

    /** Beast i trained for WINDOWS windows; {@code cheatWindow >= 0}: its owner nudges the net after micro-step {@code step} of that window. */
    static Beast train(int i, int cheatWindow, int step) {
        BeastStore.Identity id = new BeastStore.Identity(0xB0 + i, 31337, Hex.parse("0x00000000000000000000000000000000000000aa"), BigInteger.valueOf(i + 1),
                new byte[32], new byte[32]);
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        BeastState s = Hatchery.hatch(id.seedCore());
        CheckpointPayload prev = null;
        List<byte[]> payloads = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            byte[] pre = s.hash();
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, prev == null ? new byte[32] : prev.hash(),
                    id.datasetCommitment(), pool);
            WindowInputs in = WindowInputs.publicWindow(ctx, pool);
            WindowResult r;
            if (w == cheatWindow) {
                NodeScale.Cheated c = NodeScale.cheatedWindow(s, in, step);
                s = c.state();
                r = c.result();
            } else {
                r = Window.run(s, in);
            }
            WindowRecord rec = Trainer.record(id, w, pre, ctx, r, prev, new byte[0]);
            prev = rec.decodedPayload();
            payloads.add(rec.payload());
        }
        return new Beast(id, payloads);
    }

    static List<Beast> beasts() {
        List<Beast> out = new ArrayList<>();
        for (int i = 0; i < BEASTS; i++) out.add(train(i, i == 1 ? 1 : i == 3 ? 0 : -1, i == 1 ? 77 : 3));
        // beast 4 lies outright about window 2's ENERGY (the payload re-hashed; nothing after it)
        List<byte[]> p = new ArrayList<>(out.get(4).payloads());
        CheckpointPayload c = CheckpointPayload.decode(p.get(2));
        p.set(2, new CheckpointPayload(c.version(), c.chainId(), c.ledger(), c.beastId(), c.windowIndex(), c.prevCheckpointHash(), c.globalStep(),
                c.energyBurn() + 1, c.activeMask(), c.lrShift(), c.h128(), c.lineageHash(), c.lossDrop()).encode());
        out.set(4, new Beast(out.get(4).id(), p));
        return out;
    }

    static List<ChainReplay.Task> tasks(List<Beast> bs) {
        List<ChainReplay.Task> t = new ArrayList<>();
        for (Beast b : bs) t.add(new ChainReplay.Task(b.id(), b.payloads(), w -> DEFAULTS, List.of()));
        return t;
    }

    static String describe(List<List<ChainReplay.Judgement>> all) {
        StringBuilder sb = new StringBuilder();
        for (List<ChainReplay.Judgement> js : all) {
            for (ChainReplay.Judgement j : js) sb.append(j.window()).append(' ').append(j.outcome()).append(' ').append(j.detail()).append(' ')
                    .append(j.postStateHash() == null ? "-" : Hex.of(j.postStateHash())).append('\n');
            sb.append("--\n");
        }
        return sb.toString();
    }

    @Test
    void batchedVerdictsAreEachBeastsAloneOnJavaAndOnOpenCl() {
        List<Beast> bs = beasts();
        // each beast alone, one window per backend call: the reference
        List<List<ChainReplay.Judgement>> alone = new ArrayList<>();
        Counting single = new Counting(new JavaBackend(1));
        for (Beast b : bs) alone.add(new ChainReplay(new StateCache(tmp.resolve("alone")), single).judge(b.id(), b.payloads(), w -> DEFAULTS, List.of()));
        assertTrue(single.calls.stream().allMatch(n -> n == 1), "alone: one window per call " + single.calls);
        String want = describe(alone);
        assertEquals("FAILURE", alone.get(1).get(1).outcome().name(), want);
        assertEquals("NOT_JUDGED", alone.get(1).get(2).outcome().name(), want);
        assertEquals("FAILURE", alone.get(3).get(0).outcome().name(), want);
        assertEquals("FAILURE", alone.get(4).get(2).outcome().name(), want);
        assertTrue(alone.get(4).get(2).detail().startsWith("energyBurn"), want);

        Counting java = new Counting(new JavaBackend(2));
        ChainReplay.Batch jb = new ChainReplay(new StateCache(tmp.resolve("java")), java).judgeAll(tasks(bs), wave -> { });
        assertEquals(want, describe(jb.judgements()), "batched on Java");
        // wave 0: all 5 beasts' window 0; wave 1: the 4 whose window 0 verified; wave 2: the 3 still verified (beast 4's lie is replayed too)
        assertEquals(List.of(5, 4, 3), java.calls, "one backend call per wave, across beasts");
        assertEquals(12, jb.replayed());

        String why = Backends.probe();
        io.chainbeasts.core.RequiredTools.require(why == null, "no OpenCL platform (" + why + "); the Java batch was checked");
        try (TrainingBackend cl = Backends.select("opencl", System.err)) {
            Counting counted = new Counting(cl);
            ChainReplay.Batch ob = new ChainReplay(new StateCache(tmp.resolve("opencl")), counted).judgeAll(tasks(bs), wave -> { });
            assertEquals(want, describe(ob.judgements()), "batched on OpenCL (" + cl.description() + ")");
            assertEquals(List.of(5, 4, 3), counted.calls, "one OpenCL launch per wave");
            for (int i = 0; i < BEASTS; i++) {
                for (int w = 0; w < WINDOWS; w++) {
                    assertArrayEquals(jb.judgements().get(i).get(w).contextHash(), ob.judgements().get(i).get(w).contextHash());
                }
            }
        }
    }

    @Test
    void aWindowTheBackendRefusesStopsOnlyItsBeast() {
        List<Beast> bs = beasts();
        // a backend that refuses any batch holding beast #3's window 1 (as a device error would), and that window alone
        TrainingBackend flaky = new Counting(new JavaBackend(1)) {
            @Override
            public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
                for (BeastState s : states) {
                    if (s.seedCore == 0xB2 && s.globalStep == Window.STEPS) throw new IllegalStateException("device lost");
                }
                return super.runWindows(states, inputs);
            }
        };
        ChainReplay.Batch b = new ChainReplay(new StateCache(tmp.resolve("flaky")), flaky).judgeAll(tasks(bs), wave -> { });
        assertEquals("device lost", b.errors().get(2).getMessage());
        assertEquals(1, b.judgements().get(2).size(), "beast #3 keeps what it judged before the refusal");
        for (int i = 0; i < BEASTS; i++) {
            if (i == 2) continue;
            assertEquals(null, b.errors().get(i));
            assertEquals(WINDOWS, b.judgements().get(i).size(), "beast " + (i + 1) + " is judged in full");
        }
    }
}
