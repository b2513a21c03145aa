package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointChain;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays the claimed history of a beast directory window by window (spec/verification.md). Every
 * window is replayed on its own from its stored pre-state and recorded context, so the verdicts do
 * not depend on each other; linkage between windows is checked separately (each window starts from
 * the previous record's post-state, payloads chain and stay bound to the beast).
 *
 * <p>Verdicts: {@link Verdict#VERIFIED} (replayed: public, or private with dataset and secret),
 * {@link Verdict#LINEAGE_ONLY} (private without the dataset: everything but the replay is checked,
 * see the spec; never reported as verified), {@link Verdict#FAILURE} (with the field that differs
 * and, when a replay ran, the first micro-step whose {@link StepDigest} differs from the claim).
 */
public final class Verifier {
    public enum Verdict { VERIFIED, LINEAGE_ONLY, PENDING, FAILURE }

    /** The first micro-step (0..127) whose replayed digest differs from the claimed one. */
    public record StepDivergence(int step, long globalStep, byte[] expected, byte[] claimed) {
        public String describe() {
            return "first bad micro-step " + step + " (globalStep " + globalStep + "): expected digest 0x" + Hex.of(expected)
                    + ", claimed 0x" + Hex.of(claimed);
        }
    }

    /** One window's verdict; {@code step} only for failures whose replay ran (null when all 128 steps match). */
    public record WindowVerdict(long window, Verdict verdict, String detail, boolean replayed, StepDivergence step) {
        public String line() {
            String s = "window " + window + ": " + verdict + " " + detail;
            if (verdict == Verdict.FAILURE && replayed) {
                s += step != null ? "; " + step.describe()
                        : "; all 128 micro-steps match the claimed step digests (the claim after the last step is wrong)";
            }
            return s;
        }
    }

    public record Report(BeastStore.Identity identity, long windows, List<WindowVerdict> verdicts) {
        public WindowVerdict firstFailure() {
            for (WindowVerdict v : verdicts) if (v.verdict() == Verdict.FAILURE) return v;
            return null;
        }

        public long count(Verdict v) {
            return verdicts.stream().filter(w -> w.verdict() == v).count();
        }
    }

    private final BeastStore store;
    private final SeasonConstants season;
    private final TrainingConstants training;
    private final SampleDataset dataset;
    private final long secretFold;
    private final TrainingBackend backend;
    private RealBattlePool pool;

    /** Windows replayed per backend call: one batch of independent replays (what fills a GPU). */
    public static final int REPLAY_BATCH = 64;

    /**
     * @param dataset the private dataset (already checked against the beast's C_dataset), or null
     * @param secretFold {@code PrivateSampling.fold(S_owner)}; ignored without a dataset
     */
    public Verifier(BeastStore store, SeasonConstants season, TrainingConstants training, SampleDataset dataset, long secretFold) {
        this(store, season, training, dataset, secretFold, new JavaBackend(1));
    }

    /** As above, replaying windows on {@code backend} ({@code REPLAY_BATCH} windows per call). */
    public Verifier(BeastStore store, SeasonConstants season, TrainingConstants training, SampleDataset dataset, long secretFold,
                    TrainingBackend backend) {
        this.store = store;
        this.season = season;
        this.training = training;
        this.dataset = dataset;
        this.secretFold = secretFold;
        this.backend = backend;
    }

    /** A window that passed every check but the replay: what the replay needs and what it must reproduce. */
    private record Pending(WindowRecord rec, CheckpointPayload payload, BeastState pre, WindowInputs in, WindowContext ctx) {}

    /** A window's place in the output: its verdict, or the replay it still waits for; {@code note} is appended to its detail. */
    private record Slot(WindowVerdict verdict, Pending pending, String note) {
        Slot(WindowVerdict verdict, Pending pending) {
            this(verdict, pending, "");
        }

        Slot noting(String more) {
            return new Slot(verdict, pending, note + more);
        }

        WindowVerdict withNote(WindowVerdict v) {
            return note.isEmpty() ? v : new WindowVerdict(v.window(), v.verdict(), v.detail() + note, v.replayed(), v.step());
        }
    }

    private RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(season);
        return pool;
    }

    /** Verifies every window up to HEAD (and reports records beyond it); {@code each} sees every verdict as it is made. */
    public Report verifyAll(Consumer<WindowVerdict> each) {
        BeastStore.Head head = store.head();
        List<WindowVerdict> out = new ArrayList<>();
        byte[] prevPost = Hatchery.hatch(store.identity().seedCore()).hash();
        byte[] prevCheckpoint = new byte[32];
        long prevStep = 0;
        List<Slot> slots = new ArrayList<>();
        int pendings = 0;
        boolean prevUnreadable = false;
        for (long i = 0; i < head.windows(); i++) {
            WindowRecord rec = null;
            Slot slot;
            try {
                rec = store.window(i);
                if (prevUnreadable) {
                    // The previous record is unreadable: take this window's linkage from its own claims so
                    // it is still judged on its merits, and say that the link itself was not checked.
                    CheckpointPayload own = rec.decodedPayload();
                    prevPost = rec.preStateHash();
                    prevCheckpoint = own.prevCheckpointHash();
                    prevStep = (own.globalStep() - Window.STEPS) & 0xFFFF_FFFFL;
                }
                slot = check(rec, prevPost, prevCheckpoint, prevStep);
                if (prevUnreadable) slot = slot.noting("; linkage to window " + (i - 1) + " not checked (its record is unreadable)");
                prevUnreadable = false;
            } catch (StoreException e) {
                slot = new Slot(new WindowVerdict(i, Verdict.FAILURE, e.getMessage(), false, null), null);
                prevUnreadable = true;
            }
            slots.add(slot);
            if (slot.pending() != null && ++pendings == REPLAY_BATCH) {
                flush(slots, out, each);
                pendings = 0;
            }
            if (rec != null) {
                prevPost = rec.postStateHash();
                prevCheckpoint = rec.checkpointHash();
                prevStep = rec.decodedPayload().globalStep();
            }
        }
        flush(slots, out, each);
        if (!Arrays.equals(head.checkpointHash(), prevCheckpoint) || !Arrays.equals(head.stateHash(), prevPost)) {
            WindowVerdict v = new WindowVerdict(head.windows(), Verdict.FAILURE, store.headFile() + ": HEAD does not point at the last window's checkpoint and post-state", false, null);
            out.add(v);
            each.accept(v);
        }
        for (long extra : store.windowFiles()) {
            if (extra < head.windows()) continue;
            WindowVerdict v = extra == head.windows()
                    ? new WindowVerdict(extra, Verdict.PENDING, store.windowPath(extra) + ": written but not committed by HEAD (an interrupted commit); not part of the history", false, null)
                    : new WindowVerdict(extra, Verdict.FAILURE, store.windowPath(extra) + ": a record beyond HEAD (" + head.windows() + " windows)", false, null);
            out.add(v);
            each.accept(v);
        }
        return new Report(store.identity(), head.windows(), out);
    }

    /** Replays the pending windows of {@code slots} in one backend call, then emits every slot's verdict in order. */
    private void flush(List<Slot> slots, List<WindowVerdict> out, Consumer<WindowVerdict> each) {
        List<BeastState> states = new ArrayList<>();
        List<WindowInputs> inputs = new ArrayList<>();
        for (Slot sl : slots) {
            if (sl.pending() == null) continue;
            states.add(sl.pending().pre().copy());
            inputs.add(sl.pending().in());
        }
        List<WindowResult> results = states.isEmpty() ? List.of() : backend.runWindows(states, inputs);
        int k = 0;
        for (Slot sl : slots) {
            WindowVerdict v = sl.withNote(sl.pending() == null ? sl.verdict() : judge(sl.pending(), results.get(k++)));
            out.add(v);
            each.accept(v);
        }
        slots.clear();
    }

    private WindowVerdict fail(long i, String detail) {
        return new WindowVerdict(i, Verdict.FAILURE, detail, false, null);
    }

    /** Verifies one window given what the previous record claims (post-state, checkpoint hash, globalStep). */
    public WindowVerdict verifyWindow(WindowRecord rec, byte[] prevPost, byte[] prevCheckpoint, long prevGlobalStep) {
        Slot slot = check(rec, prevPost, prevCheckpoint, prevGlobalStep);
        if (slot.pending() == null) return slot.verdict();
        BeastState s = slot.pending().pre().copy();
        return judge(slot.pending(), backend.runWindows(List.of(s), List.of(slot.pending().in())).get(0));
    }

    /** Every check of a window but the replay; a window that needs the replay comes back pending. */
    private Slot check(WindowRecord rec, byte[] prevPost, byte[] prevCheckpoint, long prevGlobalStep) {
        long i = rec.index();
        String file = store.windowPath(i).getFileName().toString();
        BeastStore.Identity id = store.identity();
        CheckpointPayload p = rec.decodedPayload();
        // binding and linkage
        if (p.chainId() != id.chainId()) return done(fail(i, "payload chainId " + Long.toUnsignedString(p.chainId()) + ", beast is bound to " + Long.toUnsignedString(id.chainId())));
        if (!Arrays.equals(p.ledger(), id.ledger())) return done(fail(i, "payload ledger 0x" + Hex.of(p.ledger()) + ", beast is bound to 0x" + Hex.of(id.ledger())));
        if (!p.beastId().equals(id.beastId())) return done(fail(i, "payload beastId " + p.beastId() + ", beast is " + id.beastId()));
        if (p.windowIndex() != i) return done(fail(i, "payload windowIndex " + p.windowIndex() + " in " + file + " (reordered or dropped windows)"));
        if (!Arrays.equals(p.prevCheckpointHash(), prevCheckpoint)) {
            return done(fail(i, "payload prevCheckpointHash 0x" + Hex.of(p.prevCheckpointHash()) + " is not the previous checkpoint 0x" + Hex.of(prevCheckpoint) + " (chain broken)"));
        }
        if (!CheckpointChain.stepAdvances(prevGlobalStep, p.globalStep())) return done(fail(i, "payload globalStep " + p.globalStep() + " does not advance past " + prevGlobalStep));
        if (!Arrays.equals(rec.preStateHash(), prevPost)) {
            return done(fail(i, "preStateHash 0x" + Hex.of(rec.preStateHash()) + " is not the previous post-state 0x" + Hex.of(prevPost)));
        }
        // context
        WindowContext ctx;
        try {
            ctx = ContextCodec.decode(rec.context());
        } catch (DecodeException e) {
            return done(fail(i, file + ": field 'context': " + e.getMessage()));
        }
        BeastState pre;
        try {
            pre = store.getState(rec.preStateHash());
        } catch (StoreException e) {
            return done(fail(i, e.getMessage()));
        }
        String ctxProblem = contextProblem(ctx, pre, prevCheckpoint);
        if (ctxProblem != null) return done(fail(i, "context field '" + ctxProblem + "' differs from the protocol's context for this window"));
        boolean replay = !ctx.hasPrivateDataset() || dataset != null;
        if (!replay) return done(lineageOnly(rec, p, pre, ctx));

        WindowInputs in;
        try {
            in = new WindowInputs(ctx, pool(), dataset, secretFold);
        } catch (IllegalArgumentException e) {
            return done(fail(i, e.getMessage()));
        }
        return new Slot(null, new Pending(rec, p, pre, in, ctx));
    }

    private static Slot done(WindowVerdict v) {
        return new Slot(v, null);
    }

    /** The verdict of a replayed window; on a mismatch the first bad micro-step is searched on the Java reference. */
    private WindowVerdict judge(Pending w, WindowResult r) {
        long i = w.rec().index();
        String diff = replayDiff(w.rec(), w.payload(), r);
        if (diff == null) {
            return new WindowVerdict(i, Verdict.VERIFIED, "replayed " + Window.STEPS + " micro-steps" + (w.ctx().hasPrivateDataset() ? " with the private dataset" : "")
                    + " on " + backend.name() + ", h128 0x" + Hex.of(r.h128()).substring(0, 16) + "…", true, null);
        }
        return new WindowVerdict(i, Verdict.FAILURE, diff, true, firstBadStep(w.pre(), w.in(), w.rec()));
    }

    /** Null when the recorded context is exactly the one the protocol gives this window; else the first differing field. */
    private String contextProblem(WindowContext ctx, BeastState pre, byte[] prevCheckpoint) {
        WindowContext want = TrainingPlan.context(pre, season, training, prevCheckpoint, store.identity().datasetCommitment(), pool());
        if (!ctx.season().equals(want.season())) return "season";
        if (!ctx.training().equals(want.training())) return "training";
        if (!Arrays.equals(ctx.epochSeed(), want.epochSeed())) return "epochSeed";
        if (!Arrays.equals(ctx.checkpointRoot(), want.checkpointRoot())) return "checkpointRoot";
        if (!Arrays.equals(ctx.datasetCommitment(), want.datasetCommitment())) return "datasetCommitment";
        if (!Arrays.equals(ctx.realPoolCommitment(), want.realPoolCommitment())) return "realPoolCommitment";
        if (ctx.growthSlot() != want.growthSlot()) return "growthSlot";
        return Arrays.equals(ctx.toBytes(), want.toBytes()) ? null : "encoding";
    }

    /** Null when the replay reproduces every claim of the record; else "field: replay X, claimed Y". */
    private static String replayDiff(WindowRecord rec, CheckpointPayload p, WindowResult r) {
        if (!Arrays.equals(r.stateHash(), rec.postStateHash())) {
            return "postStateHash: replay 0x" + Hex.of(r.stateHash()) + ", claimed 0x" + Hex.of(rec.postStateHash());
        }
        if (p.energyBurn() != r.energyBurn()) return "energyBurn: replay " + r.energyBurn() + ", payload " + Long.toUnsignedString(p.energyBurn());
        if (p.activeMask() != r.activeMask()) return "activeMask: replay 0x" + Integer.toHexString(r.activeMask()) + ", payload 0x" + Integer.toHexString(p.activeMask());
        if (p.lrShift() != r.lrShift()) return "lrShift: replay " + r.lrShift() + ", payload " + p.lrShift();
        long gs = r.globalStep() & 0xFFFF_FFFFL;
        if (p.globalStep() != gs) return "globalStep: replay " + gs + ", payload " + p.globalStep();
        if (!Arrays.equals(p.h128(), r.h128())) return "h128: replay 0x" + Hex.of(r.h128()) + ", payload 0x" + Hex.of(p.h128());
        if (!Arrays.equals(p.lineageHash(), r.lineageHash())) return "lineageHash: replay 0x" + Hex.of(r.lineageHash()) + ", payload 0x" + Hex.of(p.lineageHash());
        if (p.lossDrop() != r.lossDrop()) return "lossDrop: replay " + r.lossDrop() + ", payload " + p.lossDrop();
        Map<String, Object> want = Trainer.metrics(r);
        Map<String, Object> got = rec.metrics();
        for (Map.Entry<String, Object> e : want.entrySet()) {
            if (!Json.write(e.getValue()).equals(Json.write(got.get(e.getKey())))) {
                return "metrics." + e.getKey() + ": replay " + e.getValue() + ", claimed " + got.get(e.getKey());
            }
        }
        if (!got.keySet().equals(want.keySet())) return "metrics: fields " + got.keySet() + ", replay has " + want.keySet();
        return null;
    }

    /**
     * Re-executes the window step by step from {@code pre} and returns the first micro-step whose
     * {@link StepDigest} differs from the record's claim, or null if all 128 match. The off-chain half
     * of the bisection game.
     */
    public static StepDivergence firstBadStep(BeastState pre, WindowInputs in, WindowRecord rec) {
        BeastState s = pre.copy();
        StepDivergence[] first = {null};
        int[] k = {0};
        Window.run(s, in, new MicroStep.Scratch(), step -> {
            int i = k[0]++;
            if (first[0] != null) return;
            byte[] d = StepDigest.of(s);
            byte[] claimed = rec.stepDigest(i);
            if (!Arrays.equals(d, claimed)) first[0] = new StepDivergence(i, s.globalStep & 0xFFFF_FFFFL, d, claimed);
        });
        return first[0];
    }

    /**
     * A private window without its dataset: everything but the replay. The payload is checked against
     * the stored pre- and post-states (which are content-addressed) and the context: globalStep advances
     * by exactly 128, activeMask is the pre-state's plus the context's growth slot, lrShift is the
     * post-state's, energyBurn is the post-state's energy total minus the pre-state's (and the metrics'),
     * h128 commits to the post-state hash and the context hash, the post-state's prevWindowLoss is the
     * recorded window loss, and lossDrop follows from it and the pre-state's. The lineage hash is bound
     * into the checkpoint chain but cannot be recomputed without the samples.
     */
    private WindowVerdict lineageOnly(WindowRecord rec, CheckpointPayload p, BeastState pre, WindowContext ctx) {
        long i = rec.index();
        BeastState post;
        try {
            post = store.getState(rec.postStateHash());
        } catch (StoreException e) {
            return fail(i, e.getMessage());
        }
        long wantStep = (pre.globalStep + (long) Window.STEPS) & 0xFFFF_FFFFL;
        if ((post.globalStep & 0xFFFF_FFFFL) != wantStep) return fail(i, "post-state globalStep " + (post.globalStep & 0xFFFF_FFFFL) + ", expected pre + 128 = " + wantStep);
        if (p.globalStep() != wantStep) return fail(i, "globalStep: payload " + p.globalStep() + ", expected pre + 128 = " + wantStep);
        int wantMask = pre.activeMask | (ctx.growthSlot() == WindowContext.NO_GROWTH ? 0 : 1 << ctx.growthSlot());
        if (post.activeMask != wantMask || p.activeMask() != wantMask) {
            return fail(i, "activeMask: payload 0x" + Integer.toHexString(p.activeMask()) + ", post-state 0x" + Integer.toHexString(post.activeMask)
                    + ", expected 0x" + Integer.toHexString(wantMask));
        }
        if (p.lrShift() != post.lrShift) return fail(i, "lrShift: payload " + p.lrShift() + ", post-state " + post.lrShift);
        long burn = post.energyTotal - pre.energyTotal;
        if (p.energyBurn() != burn) return fail(i, "energyBurn: payload " + Long.toUnsignedString(p.energyBurn()) + ", post-state energyTotal - pre-state's = " + burn);
        long windowLoss;
        try {
            if (rec.metric("energyBurn") != burn) return fail(i, "metrics.energyBurn " + rec.metric("energyBurn") + ", energyTotal difference " + burn);
            windowLoss = rec.metric("windowLossQ16");
        } catch (IllegalArgumentException e) {
            return fail(i, "metrics: " + e.getMessage());
        }
        byte[] h128 = new CanonicalWriter(68).bytes(new byte[] {'C', 'B', 'H', '1'}).bytes32(rec.postStateHash()).bytes32(ctx.hash()).keccak();
        if (!Arrays.equals(h128, p.h128())) return fail(i, "h128: payload 0x" + Hex.of(p.h128()) + " does not commit to the post-state and context (0x" + Hex.of(h128) + ")");
        if (post.prevWindowLoss != windowLoss) return fail(i, "metrics.windowLossQ16 " + windowLoss + ", post-state prevWindowLoss " + post.prevWindowLoss);
        boolean drop = pre.prevWindowLoss > 0 && windowLoss < pre.prevWindowLoss;
        if (p.lossDrop() != drop) return fail(i, "lossDrop: payload " + p.lossDrop() + ", but window loss " + windowLoss + " vs previous " + pre.prevWindowLoss + " gives " + drop);
        return new WindowVerdict(i, Verdict.LINEAGE_ONLY, "private window, not replayed (no dataset): binding, chain, context, state transition fields,"
                + " h128 and loss-drop checked; lineage hash bound but not recomputed", false, null);
    }
}
