package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointChain;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.prover.Verifier.Verdict;
import io.chainbeasts.prover.Verifier.WindowVerdict;

import java.util.Arrays;

/**
 * Every check of a window but the replay (spec/verification.md): binding and linkage of its payload,
 * the anchoring of its pre-state (the hatch state for window 0, else the state the previous payload's
 * h128 commits to), the protocol's context, and for a private window without its dataset the
 * lineage-only checks. A window that needs the replay comes back {@link Slot#pending() pending}; one
 * whose stored pre-state is unusable comes back with a {@link Repair} for the {@link ReplayBatcher}.
 */
final class WindowChecks {
    /**
     * A window that passed every check but the replay: what the replay needs and what it must reproduce.
     * {@code ctx} is the protocol's context; {@code recordedContextOk} says whether the record holds exactly it.
     */
    record Pending(WindowRecord rec, CheckpointPayload payload, BeastState pre, WindowInputs in, WindowContext ctx,
                   boolean recordedContextOk) {}

    /** What the previous window's payload commits to: the anchor of this window's pre-state and chain link. */
    record Link(byte[] checkpoint, long globalStep, byte[] h128, byte[] contextHash) {
        static final Link GENESIS = new Link(new byte[32], 0, null, null);

        static Link of(WindowRecord rec) {
            CheckpointPayload p = rec.decodedPayload();
            return new Link(rec.checkpointHash(), p.globalStep(), p.h128(), io.chainbeasts.core.Keccak256.hash(rec.context()));
        }
    }

    /** A window's place in the output: its verdict, or the replay it still waits for. */
    record Slot(WindowVerdict verdict, Pending pending, Repair repair) {}

    /**
     * A window whose stored pre-state is missing, damaged or unanchored (or whose record is unreadable,
     * {@code rec} null, with the payload taken from the chain): it can still be judged from the previous
     * window's replayed post-state, when that replay reproduced the previous payload (whose h128 commits to it).
     */
    record Repair(WindowRecord rec, CheckpointPayload payload, byte[] prevCheckpoint) {}

    private final BeastStore store;
    private final SeasonConstants season;
    private final TrainingConstants training;
    private final SampleDataset dataset;
    private final long secretFold;
    private RealBattlePool pool;

    WindowChecks(BeastStore store, SeasonConstants season, TrainingConstants training, SampleDataset dataset, long secretFold) {
        this.store = store;
        this.season = season;
        this.training = training;
        this.dataset = dataset;
        this.secretFold = secretFold;
    }

    private RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(season);
        return pool;
    }

    static WindowVerdict fail(long i, String detail) {
        return new WindowVerdict(i, Verdict.FAILURE, detail, false, null);
    }

    static WindowVerdict unverifiable(long i, String detail) {
        return new WindowVerdict(i, Verdict.UNVERIFIABLE, detail, false, null);
    }

    /** HEAD itself cannot be trusted (filed after the {@code windows} windows it counts). */
    static WindowVerdict headUnverifiable(long windows, String detail) {
        return new WindowVerdict(windows, Verdict.UNVERIFIABLE, detail, false, null, false, true);
    }

    /**
     * Every check of a window but the replay; a window that needs the replay comes back pending.
     * Problems with this store's files (binding, order, chain link, an unanchored or unreadable
     * pre-state) make the window UNVERIFIABLE: they do not show the payload itself to be wrong.
     */
    /** How messages name window {@code i}'s record: its file's name, or its segment's and the window. */
    private String sourceName(long i) {
        String source = store.windowSource(i);
        return source.substring(source.lastIndexOf(java.io.File.separatorChar) + 1);
    }

    Slot check(WindowRecord rec, Link prev) {
        long i = rec.index();
        String file = sourceName(i);
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
    Slot prepare(WindowRecord rec, CheckpointPayload p, BeastState pre, byte[] prevCheckpoint) {
        long i = p.windowIndex();
        String file = sourceName(i);
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

    static Slot done(WindowVerdict v) {
        return new Slot(v, null, null);
    }

    /** Which field of the recorded context differs from the protocol's context {@code want}. */
    static String contextProblem(byte[] recorded, WindowContext want) {
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
