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
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.Curriculum;
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
 * Replays the claimed history of a beast directory window by window (spec/verification.md). Windows
 * are replayed in independent batches from their stored pre-states, under the context the protocol
 * gives them. A pre-state counts only when it is <em>anchored</em>: the hatch state for window 0, else
 * the state the previous payload's h128 commits to. A window whose stored pre-state (or, for the chain
 * commands, whose record) is unusable waits for its predecessor's replay and starts from its post-state.
 *
 * <p>Verdicts: {@link Verdict#VERIFIED} (replayed: public, or private with dataset and secret),
 * {@link Verdict#LINEAGE_ONLY} (private without the dataset: everything but the replay is checked,
 * see the spec; never reported as verified), {@link Verdict#FAILURE} (the payload itself is wrong: a
 * replay from the anchored pre-state contradicts one of its fields; with the first micro-step whose
 * {@link StepDigest} differs from the claim), {@link Verdict#UNVERIFIABLE} (this store cannot judge the
 * payload, or contradicts itself: a missing, damaged, unanchored or reordered file, a record whose own
 * fields disagree with a replay that reproduces the payload). Only FAILURE proves a checkpoint invalid;
 * a validator abstains on UNVERIFIABLE rather than vote on what it could not establish.
 */
public final class Verifier {
    public enum Verdict { VERIFIED, LINEAGE_ONLY, PENDING, FAILURE, UNVERIFIABLE }

    /** The first micro-step (0..127) whose replayed digest differs from the claimed one. */
    public record StepDivergence(int step, long globalStep, byte[] expected, byte[] claimed) {
        public String describe() {
            return "first bad micro-step " + step + " (globalStep " + globalStep + "): expected digest 0x" + Hex.of(expected)
                    + ", claimed 0x" + Hex.of(claimed);
        }
    }

    /**
     * One window's verdict; {@code step} only for failures whose replay ran (null when all 128 steps match);
     * {@code preStateRederived} when the stored pre-state was unusable and the previous window's replay stood in.
     */
    public record WindowVerdict(long window, Verdict verdict, String detail, boolean replayed, StepDivergence step, boolean preStateRederived) {
        public WindowVerdict(long window, Verdict verdict, String detail, boolean replayed, StepDivergence step) {
            this(window, verdict, detail, replayed, step, false);
        }

        public String line() {
            String s = "window " + window + ": " + verdict + " " + detail;
            if (verdict == Verdict.FAILURE && replayed) {
                s += step != null ? "; " + step.describe()
                        : "; all 128 micro-steps match the claimed step digests (the claim after the last step is wrong)";
            }
            return s;
        }
    }

    /** The replay backend itself failed (an OpenCL error, say): no verdict was reached, none is implied. */
    public static final class BackendFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BackendFailure(String backend, RuntimeException cause) {
            super("the " + backend + " backend failed: " + cause.getMessage() + "; no verdict was reached", cause);
        }
    }

    public record Report(BeastStore.Identity identity, long windows, List<WindowVerdict> verdicts) {
        public WindowVerdict firstFailure() {
            return first(Verdict.FAILURE);
        }

        public WindowVerdict first(Verdict kind) {
            for (WindowVerdict v : verdicts) if (v.verdict() == kind) return v;
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

    /**
     * A window that passed every check but the replay: what the replay needs and what it must reproduce.
     * {@code ctx} is the protocol's context; {@code recordedContextOk} says whether the record holds exactly it.
     */
    private record Pending(WindowRecord rec, CheckpointPayload payload, BeastState pre, WindowInputs in, WindowContext ctx,
                           boolean recordedContextOk) {}

    /** What the previous window's payload commits to: the anchor of this window's pre-state and chain link. */
    private record Link(byte[] checkpoint, long globalStep, byte[] h128, byte[] contextHash) {
        static final Link GENESIS = new Link(new byte[32], 0, null, null);

        static Link of(WindowRecord rec) {
            CheckpointPayload p = rec.decodedPayload();
            return new Link(rec.checkpointHash(), p.globalStep(), p.h128(), io.chainbeasts.core.Keccak256.hash(rec.context()));
        }
    }

    /** A window's place in the output: its verdict, or the replay it still waits for. */
    private record Slot(WindowVerdict verdict, Pending pending, Repair repair) {}

    /**
     * A window whose stored pre-state is missing, damaged or unanchored (or whose record is unreadable,
     * {@code rec} null, with the payload taken from the chain): it can still be judged from the previous
     * window's replayed post-state, when that replay reproduced the previous payload (whose h128 commits to it).
     */
    private record Repair(WindowRecord rec, CheckpointPayload payload, byte[] prevCheckpoint) {}

    /**
     * Where a validator finds the payload of a window whose local record is unreadable: the checkpoint
     * submitted on chain for {@code window} on top of {@code prevCheckpoint} (its encoded bytes), or null.
     */
    @FunctionalInterface
    public interface ChainPayloads {
        byte[] payload(long window, byte[] prevCheckpoint);
    }

    private ChainPayloads chainPayloads;

    /** Judges windows whose record is unreadable from their payload on chain (validators; off for local {@code verify}). */
    public Verifier withChainPayloads(ChainPayloads source) {
        this.chainPayloads = source;
        return this;
    }

    /** The post-state of the last replay that reproduced its payload: the anchored pre-state of the next window. */
    private record Replayed(long window, BeastState post) {}

    private Replayed lastReplayed;

    private RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(season);
        return pool;
    }

    /** Verifies every window up to HEAD (and reports records beyond it); {@code each} sees every verdict as it is made. */
    public Report verifyAll(Consumer<WindowVerdict> each) {
        BeastStore.Head head = store.head();
        List<WindowVerdict> out = new ArrayList<>();
        lastReplayed = null;
        Link prev = Link.GENESIS;
        Link nextFromChain = null;
        byte[] lastPost = Hatchery.hatch(store.identity().seedCore()).hash();
        List<Slot> slots = new ArrayList<>();
        int pendings = 0;
        for (long i = 0; i < head.windows(); i++) {
            WindowRecord rec = null;
            Slot slot;
            try {
                rec = store.window(i);
                if (prev == null) {
                    // The previous record is unreadable: nothing anchors this window's pre-state or chain link.
                    slot = done(unverifiable(i, "window " + (i - 1) + "'s record is unreadable, so nothing anchors this window's pre-state"));
                } else {
                    slot = check(rec, prev);
                }
            } catch (StoreException e) {
                CheckpointPayload onChain = prev == null || chainPayloads == null ? null : payloadOnChain(i, prev.checkpoint());
                if (onChain != null) {
                    slot = new Slot(unverifiable(i, e.getMessage()), null, new Repair(null, onChain, prev.checkpoint()));
                    // the next window links to this payload; its context hash is known only after the replay
                    nextFromChain = new Link(onChain.hash(), onChain.globalStep(), onChain.h128(), null);
                } else {
                    slot = done(unverifiable(i, e.getMessage()));
                }
            }
            slots.add(slot);
            if (slot.pending() != null && ++pendings == REPLAY_BATCH) {
                flush(slots, out, each);
                pendings = 0;
            }
            if (rec != null) {
                prev = Link.of(rec);
                lastPost = rec.postStateHash();
            } else {
                prev = nextFromChain;
                lastPost = null;
            }
            nextFromChain = null;
        }
        flush(slots, out, each);
        List<WindowVerdict> tail = new ArrayList<>();
        if (prev == null || !Arrays.equals(head.checkpointHash(), prev.checkpoint()) || !Arrays.equals(head.stateHash(), lastPost)) {
            tail.add(unverifiable(head.windows(), store.headFile() + ": HEAD does not point at the last window's checkpoint and post-state"));
        } else {
            try {
                store.getState(head.stateHash()); // the state training resumes from must be there and whole
            } catch (StoreException e) {
                tail.add(unverifiable(head.windows(), "HEAD's state: " + e.getMessage()));
            }
        }
        for (long extra : store.windowFiles()) {
            if (extra < head.windows()) continue;
            tail.add(extra == head.windows()
                    ? new WindowVerdict(extra, Verdict.PENDING, store.windowPath(extra) + ": written but not committed by HEAD (an interrupted commit); not part of the history", false, null)
                    : unverifiable(extra, store.windowPath(extra) + ": a record beyond HEAD (" + head.windows() + " windows)"));
        }
        for (WindowVerdict v : tail) {
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
        List<WindowResult> results = states.isEmpty() ? List.of() : replay(states, inputs);
        int k = 0;
        for (Slot sl : slots) {
            WindowVerdict v;
            if (sl.pending() != null) {
                WindowResult r = results.get(k);
                v = judge(sl.pending(), r);
                lastReplayed = payloadDiff(sl.pending().payload(), r) == null ? new Replayed(sl.pending().payload().windowIndex(), states.get(k)) : null;
                k++;
            } else if (sl.repair() != null && (sl.repair().payload().windowIndex() == 0
                    || lastReplayed != null && lastReplayed.window() == sl.repair().payload().windowIndex() - 1)) {
                v = repair(sl);
            } else {
                v = sl.verdict();
                lastReplayed = null;
            }
            out.add(v);
            each.accept(v);
        }
        slots.clear();
    }

    /**
     * Judges a window from the previous window's replayed post-state instead of its unusable stored
     * pre-state: so neither a deleted blob nor a forged record keeps a payload from being judged.
     */
    private WindowVerdict repair(Slot sl) {
        Repair rp = sl.repair();
        // window 0 starts from the hatch state, which seed_core alone determines
        BeastState from = rp.payload().windowIndex() == 0 ? Hatchery.hatch(store.identity().seedCore()) : lastReplayed.post();
        Slot again = prepare(rp.rec(), rp.payload(), from, rp.prevCheckpoint());
        if (again.pending() == null) { // a private window without its dataset: nothing more to learn
            lastReplayed = null;
            return sl.verdict();
        }
        BeastState s = again.pending().pre().copy();
        WindowResult r = replay(List.of(s), List.of(again.pending().in())).get(0);
        WindowVerdict v = judge(again.pending(), r);
        long i = rp.payload().windowIndex();
        lastReplayed = payloadDiff(rp.payload(), r) == null ? new Replayed(i, s) : null;
        String source = i == 0 ? "the hatch state" : "window " + (i - 1) + "'s replay";
        String how = rp.rec() == null ? "; judged from the payload on chain and " + source + ", as the record is unusable ("
                : "; pre-state taken from " + source + ", as the stored one is unusable (";
        return new WindowVerdict(v.window(), v.verdict(), v.detail() + how + sl.verdict().detail() + ")", v.replayed(), v.step(), true);
    }

    private CheckpointPayload payloadOnChain(long window, byte[] prevCheckpoint) {
        byte[] bytes = chainPayloads.payload(window, prevCheckpoint);
        if (bytes == null) return null;
        try {
            CheckpointPayload p = CheckpointPayload.decode(bytes);
            return p.windowIndex() == window && Arrays.equals(p.prevCheckpointHash(), prevCheckpoint) ? p : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static WindowVerdict fail(long i, String detail) {
        return new WindowVerdict(i, Verdict.FAILURE, detail, false, null);
    }

    private static WindowVerdict unverifiable(long i, String detail) {
        return new WindowVerdict(i, Verdict.UNVERIFIABLE, detail, false, null);
    }

    private List<WindowResult> replay(List<BeastState> states, List<WindowInputs> inputs) {
        try {
            return backend.runWindows(states, inputs);
        } catch (RuntimeException e) {
            throw new BackendFailure(backend.name(), e);
        }
    }

    /**
     * Every check of a window but the replay; a window that needs the replay comes back pending.
     * Problems with this store's files (binding, order, chain link, an unanchored or unreadable
     * pre-state) make the window UNVERIFIABLE: they do not show the payload itself to be wrong.
     */
    private Slot check(WindowRecord rec, Link prev) {
        long i = rec.index();
        String file = store.windowPath(i).getFileName().toString();
        BeastStore.Identity id = store.identity();
        CheckpointPayload p = rec.decodedPayload();
        // binding and linkage
        if (p.chainId() != id.chainId()) return done(unverifiable(i, "payload chainId " + Long.toUnsignedString(p.chainId()) + ", beast is bound to " + Long.toUnsignedString(id.chainId())));
        if (!Arrays.equals(p.ledger(), id.ledger())) return done(unverifiable(i, "payload ledger 0x" + Hex.of(p.ledger()) + ", beast is bound to 0x" + Hex.of(id.ledger())));
        if (!p.beastId().equals(id.beastId())) return done(unverifiable(i, "payload beastId " + p.beastId() + ", beast is " + id.beastId()));
        if (p.windowIndex() != i) return done(unverifiable(i, "payload windowIndex " + p.windowIndex() + " in " + file + " (reordered or dropped windows)"));
        if (!Arrays.equals(p.prevCheckpointHash(), prev.checkpoint())) {
            return done(unverifiable(i, "payload prevCheckpointHash 0x" + Hex.of(p.prevCheckpointHash()) + " is not the previous checkpoint 0x" + Hex.of(prev.checkpoint()) + " (chain broken)"));
        }
        if (!CheckpointChain.stepAdvances(prev.globalStep(), p.globalStep())) return done(unverifiable(i, "payload globalStep " + p.globalStep() + " does not advance past " + prev.globalStep()));
        // the pre-state must be the one the chain commits to
        if (prev.h128() == null) {
            byte[] hatch = Hatchery.hatch(id.seedCore()).hash();
            if (!Arrays.equals(rec.preStateHash(), hatch)) {
                return preStateUnusable(unverifiable(i, "preStateHash 0x" + Hex.of(rec.preStateHash()) + " is not the hatch state 0x" + Hex.of(hatch)), rec, p, prev);
            }
        } else if (prev.contextHash() == null) {
            return preStateUnusable(unverifiable(i, "window " + (i - 1) + " was judged from the chain, so this window's stored pre-state cannot be"
                    + " checked against it"), rec, p, prev);
        } else if (!Arrays.equals(Window.h128(rec.preStateHash(), prev.contextHash()), prev.h128())) {
            return preStateUnusable(unverifiable(i, "preStateHash 0x" + Hex.of(rec.preStateHash()) + " is not the state window " + (i - 1)
                    + "'s h128 commits to"), rec, p, prev);
        }
        BeastState pre;
        try {
            pre = store.getState(rec.preStateHash());
        } catch (StoreException e) {
            return preStateUnusable(unverifiable(i, e.getMessage()), rec, p, prev);
        }
        return prepare(rec, p, pre, prev.checkpoint());
    }

    private static Slot preStateUnusable(WindowVerdict v, WindowRecord rec, CheckpointPayload p, Link prev) {
        return new Slot(v, null, new Repair(rec, p, prev.checkpoint()));
    }

    /** From an anchored pre-state: the lineage-only verdict, or the replay the window waits for. */
    private Slot prepare(WindowRecord rec, CheckpointPayload p, BeastState pre, byte[] prevCheckpoint) {
        long i = p.windowIndex();
        String file = store.windowPath(i).getFileName().toString();
        BeastStore.Identity id = store.identity();
        // the protocol's context; the record's copy only has to agree with it
        WindowContext ctx = TrainingPlan.context(pre, season, training, prevCheckpoint, id.datasetCommitment(), pool());
        boolean recordedContextOk = rec == null || Arrays.equals(rec.context(), ctx.toBytes());
        boolean replay = !ctx.hasPrivateDataset() || dataset != null;
        if (!replay && rec == null) return done(unverifiable(i, "a private window with no readable record and no dataset"));
        if (!replay) {
            if (!recordedContextOk) return done(unverifiable(i, file + ": " + contextProblem(rec.context(), ctx)));
            return done(lineageOnly(rec, p, pre, ctx));
        }
        WindowInputs in;
        try {
            in = new WindowInputs(ctx, pool(), dataset, secretFold);
        } catch (IllegalArgumentException e) {
            return done(unverifiable(i, e.getMessage()));
        }
        return new Slot(null, new Pending(rec, p, pre, in, ctx, recordedContextOk), null);
    }

    private static Slot done(WindowVerdict v) {
        return new Slot(v, null, null);
    }

    /**
     * The verdict of a replayed window: FAILURE when the replay contradicts the payload (with the first
     * bad micro-step, searched on the Java reference); UNVERIFIABLE when it reproduces the payload but
     * the record's own fields (post-state, context, metrics) disagree with it; else VERIFIED.
     */
    private WindowVerdict judge(Pending w, WindowResult r) {
        long i = w.payload().windowIndex();
        String diff = payloadDiff(w.payload(), r);
        if (diff != null) {
            // without a record there are no claimed step digests to search
            return w.rec() == null ? new WindowVerdict(i, Verdict.FAILURE, diff, false, null)
                    : new WindowVerdict(i, Verdict.FAILURE, diff, true, firstBadStep(w.pre(), w.in(), w.rec()));
        }
        String local = w.rec() == null ? null : !w.recordedContextOk() ? contextProblem(w.rec().context(), w.ctx()) : recordDiff(w.rec(), r);
        if (local != null) {
            return unverifiable(i, "the replay reproduces the payload, but the record disagrees with it: " + local);
        }
        return new WindowVerdict(i, Verdict.VERIFIED, "replayed " + Window.STEPS + " micro-steps" + (w.ctx().hasPrivateDataset() ? " with the private dataset" : "")
                + " on " + backend.name() + ", h128 0x" + Hex.of(r.h128()).substring(0, 16) + "…", true, null);
    }

    /** Which field of the recorded context differs from the protocol's context {@code want}. */
    private static String contextProblem(byte[] recorded, WindowContext want) {
        WindowContext ctx;
        try {
            ctx = ContextCodec.decode(recorded);
        } catch (DecodeException e) {
            return "field 'context': " + e.getMessage();
        }
        String field = !ctx.season().equals(want.season()) ? "season"
                : !ctx.training().equals(want.training()) ? "training"
                : !Arrays.equals(ctx.epochSeed(), want.epochSeed()) ? "epochSeed"
                : !Arrays.equals(ctx.checkpointRoot(), want.checkpointRoot()) ? "checkpointRoot"
                : !Arrays.equals(ctx.datasetCommitment(), want.datasetCommitment()) ? "datasetCommitment"
                : !Arrays.equals(ctx.realPoolCommitment(), want.realPoolCommitment()) ? "realPoolCommitment"
                : ctx.growthSlot() != want.growthSlot() ? "growthSlot" : "encoding";
        return "context field '" + field + "' differs from the protocol's context for this window";
    }

    /** Null when the record's own claims (post-state hash, metrics) match the replay; else "field: replay X, claimed Y". */
    private static String recordDiff(WindowRecord rec, WindowResult r) {
        if (!Arrays.equals(r.stateHash(), rec.postStateHash())) {
            return "postStateHash: replay 0x" + Hex.of(r.stateHash()) + ", claimed 0x" + Hex.of(rec.postStateHash());
        }
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

    /** Null when the replay reproduces every field of the payload (the on-chain claim); else "field: replay X, payload Y". */
    private static String payloadDiff(CheckpointPayload p, WindowResult r) {
        if (p.energyBurn() != r.energyBurn()) return "energyBurn: replay " + r.energyBurn() + ", payload " + Long.toUnsignedString(p.energyBurn());
        if (p.activeMask() != r.activeMask()) return "activeMask: replay 0x" + Integer.toHexString(r.activeMask()) + ", payload 0x" + Integer.toHexString(p.activeMask());
        if (p.lrShift() != r.lrShift()) return "lrShift: replay " + r.lrShift() + ", payload " + p.lrShift();
        long gs = r.globalStep() & 0xFFFF_FFFFL;
        if (p.globalStep() != gs) return "globalStep: replay " + gs + ", payload " + p.globalStep();
        if (!Arrays.equals(p.h128(), r.h128())) return "h128: replay 0x" + Hex.of(r.h128()) + ", payload 0x" + Hex.of(p.h128());
        if (!Arrays.equals(p.lineageHash(), r.lineageHash())) return "lineageHash: replay 0x" + Hex.of(r.lineageHash()) + ", payload 0x" + Hex.of(p.lineageHash());
        if (p.lossDrop() != r.lossDrop()) return "lossDrop: replay " + r.lossDrop() + ", payload " + p.lossDrop();
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
     * the stored pre- and post-states, once h128 shows the payload commits to that post-state (else
     * UNVERIFIABLE): seedCore is unchanged, globalStep advances by exactly 128, activeMask is the
     * pre-state's plus the context's growth slot, lrShift is the curriculum's, energyBurn is the
     * post-state's energy total minus the pre-state's, and lossDrop follows from the two states'
     * window losses (each a FAILURE of the payload). The record's metrics must agree (else UNVERIFIABLE:
     * they are the store's claims). The lineage hash is bound into the checkpoint chain but cannot be
     * recomputed without the samples.
     */
    private WindowVerdict lineageOnly(WindowRecord rec, CheckpointPayload p, BeastState pre, WindowContext ctx) {
        long i = rec.index();
        BeastState post;
        try {
            post = store.getState(rec.postStateHash());
        } catch (StoreException e) {
            return unverifiable(i, e.getMessage());
        }
        // Without a replay the stored post-state says something about the payload only if the payload commits to it.
        byte[] h128 = Window.h128(rec.postStateHash(), ctx.hash());
        if (!Arrays.equals(h128, p.h128())) {
            return unverifiable(i, "h128: payload 0x" + Hex.of(p.h128()) + " does not commit to the stored post-state and the context (0x" + Hex.of(h128)
                    + "); without the dataset nothing else can be checked");
        }
        if (post.seedCore != pre.seedCore) return fail(i, "post-state seedCore 0x" + Long.toHexString(post.seedCore) + " is not the beast's 0x" + Long.toHexString(pre.seedCore));
        long wantStep = (pre.globalStep + (long) Window.STEPS) & 0xFFFF_FFFFL;
        if ((post.globalStep & 0xFFFF_FFFFL) != wantStep) return fail(i, "post-state globalStep " + (post.globalStep & 0xFFFF_FFFFL) + ", expected pre + 128 = " + wantStep);
        if (p.globalStep() != wantStep) return fail(i, "globalStep: payload " + p.globalStep() + ", expected pre + 128 = " + wantStep);
        int wantMask = pre.activeMask | (ctx.growthSlot() == WindowContext.NO_GROWTH ? 0 : 1 << ctx.growthSlot());
        if (post.activeMask != wantMask || p.activeMask() != wantMask) {
            return fail(i, "activeMask: payload 0x" + Integer.toHexString(p.activeMask()) + ", post-state 0x" + Integer.toHexString(post.activeMask)
                    + ", expected 0x" + Integer.toHexString(wantMask));
        }
        int wantShift = Curriculum.lrShift(Curriculum.epoch((pre.globalStep + (long) Window.STEPS - 1) & 0xFFFF_FFFFL, ctx.training()), ctx.training());
        if (p.lrShift() != wantShift || post.lrShift != wantShift) {
            return fail(i, "lrShift: payload " + p.lrShift() + ", post-state " + post.lrShift + ", the curriculum gives " + wantShift + " for the window's last step");
        }
        long burn = post.energyTotal - pre.energyTotal;
        if (p.energyBurn() != burn) return fail(i, "energyBurn: payload " + Long.toUnsignedString(p.energyBurn()) + ", post-state energyTotal - pre-state's = " + burn);
        // the window's loss is the post-state's prevWindowLoss, which h128 commits to: lossDrop is judged from states only
        long windowLoss = post.prevWindowLoss;
        boolean drop = pre.prevWindowLoss > 0 && windowLoss < pre.prevWindowLoss;
        if (p.lossDrop() != drop) return fail(i, "lossDrop: payload " + p.lossDrop() + ", but window loss " + windowLoss + " vs previous " + pre.prevWindowLoss + " gives " + drop);
        // the record's metrics are the store's own claims, not the payload's: a mismatch is a store problem
        try {
            if (rec.metric("energyBurn") != burn) {
                return unverifiable(i, "the payload passes the lineage checks, but the record disagrees: metrics.energyBurn " + rec.metric("energyBurn")
                        + ", energyTotal difference " + burn);
            }
            if (rec.metric("windowLossQ16") != windowLoss) {
                return unverifiable(i, "the payload passes the lineage checks, but the record disagrees: metrics.windowLossQ16 "
                        + rec.metric("windowLossQ16") + ", post-state prevWindowLoss " + windowLoss);
            }
        } catch (IllegalArgumentException e) {
            return unverifiable(i, "metrics: " + e.getMessage());
        }
        return new WindowVerdict(i, Verdict.LINEAGE_ONLY, "private window, not replayed (no dataset): binding, chain, context, state transition fields,"
                + " h128 and loss-drop checked; lineage hash bound but not recomputed", false, null);
    }
}
