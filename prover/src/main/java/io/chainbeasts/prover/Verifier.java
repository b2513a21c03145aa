package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 *
 * <p>Three parts, each built with what it needs: {@link WindowChecks} (every check of a window but the
 * replay), {@link ReplayBatcher} (batched replays, and the repair of a window from its predecessor's
 * replay) and {@link Judge} (a replay's verdict). This class walks the store and wires them.
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
     * {@code preStateRederived} when the stored pre-state was unusable and the previous window's replay stood in;
     * {@code ofHead}: a verdict on HEAD itself (what it points at), filed at {@code window} = the windows HEAD counts.
     */
    public record WindowVerdict(long window, Verdict verdict, String detail, boolean replayed, StepDivergence step, boolean preStateRederived,
                                boolean ofHead) {
        public WindowVerdict(long window, Verdict verdict, String detail, boolean replayed, StepDivergence step) {
            this(window, verdict, detail, replayed, step, false, false);
        }

        /** Where the verdict points, as the verify lines name it: {@code window N} or {@code HEAD}. */
        public String where() {
            return ofHead ? "HEAD" : "window " + window;
        }

        public String line() {
            String s = where() + ": " + verdict + " " + detail;
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

        /** Verdicts of the {@link #windows} windows HEAD counts, leaving out those on HEAD itself and on records beyond it. */
        public long countInHistory(Verdict v) {
            return verdicts.stream().filter(w -> w.verdict() == v && !w.ofHead() && w.window() < windows).count();
        }
    }

    private final BeastStore store;
    private final TrainingBackend backend;
    private final ChainPayloads chainPayloads;
    private final WindowChecks checks;
    private final Judge judge;

    /** Windows replayed per backend call: one batch of independent replays (what fills a GPU). */
    public static final int REPLAY_BATCH = 64;

    /**
     * Where a validator finds the payload of a window whose local record is unreadable: the checkpoint
     * submitted on chain for {@code window} on top of {@code prevCheckpoint} (its encoded bytes), or null.
     */
    @FunctionalInterface
    public interface ChainPayloads {
        byte[] payload(long window, byte[] prevCheckpoint);
    }

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
        this(store, season, training, dataset, secretFold, backend, null);
    }

    /**
     * As above; {@code chainPayloads} (validators; null for a local {@code verify}) judges windows whose
     * record is unreadable from their payload on chain.
     */
    public Verifier(BeastStore store, SeasonConstants season, TrainingConstants training, SampleDataset dataset, long secretFold,
                    TrainingBackend backend, ChainPayloads chainPayloads) {
        this.store = store;
        this.backend = backend;
        this.chainPayloads = chainPayloads;
        this.checks = new WindowChecks(store, season, training, dataset, secretFold);
        this.judge = new Judge(backend.name());
    }

    /** Verifies every window up to HEAD (and reports records beyond it); {@code each} sees every verdict as it is made. */
    public Report verifyAll(Consumer<WindowVerdict> each) {
        BeastStore.Head head = store.head();
        List<WindowVerdict> out = new ArrayList<>();
        ReplayBatcher batcher = new ReplayBatcher(store, backend, checks, judge);
        WindowChecks.Link prev = WindowChecks.Link.GENESIS;
        WindowChecks.Link nextFromChain = null;
        byte[] lastPost = Hatchery.hatch(store.identity().seedCore()).hash();
        for (long i = 0; i < head.windows(); i++) {
            WindowRecord rec = null;
            WindowChecks.Slot slot;
            try {
                rec = store.window(i);
                if (prev == null) {
                    // The previous record is unreadable: nothing anchors this window's pre-state or chain link.
                    slot = WindowChecks.done(WindowChecks.unverifiable(i, "window " + (i - 1) + "'s record is unreadable, so nothing anchors this window's pre-state"));
                } else {
                    slot = checks.check(rec, prev);
                }
            } catch (StoreException e) {
                CheckpointPayload onChain = prev == null || chainPayloads == null ? null : payloadOnChain(i, prev.checkpoint());
                if (onChain != null) {
                    slot = new WindowChecks.Slot(WindowChecks.unverifiable(i, e.getMessage()), null, new WindowChecks.Repair(null, onChain, prev.checkpoint()));
                    // the next window links to this payload; its context hash is known only after the replay
                    nextFromChain = new WindowChecks.Link(onChain.hash(), onChain.globalStep(), onChain.h128(), null);
                } else {
                    slot = WindowChecks.done(WindowChecks.unverifiable(i, e.getMessage()));
                }
            }
            batcher.add(slot, out, each);
            if (rec != null) {
                prev = WindowChecks.Link.of(rec);
                lastPost = rec.postStateHash();
            } else {
                prev = nextFromChain;
                lastPost = null;
            }
            nextFromChain = null;
        }
        batcher.flush(out, each);
        List<WindowVerdict> tail = new ArrayList<>();
        if (prev == null || !Arrays.equals(head.checkpointHash(), prev.checkpoint()) || !Arrays.equals(head.stateHash(), lastPost)) {
            tail.add(WindowChecks.headUnverifiable(head.windows(), store.headFile() + ": does not point at the last window's checkpoint and post-state"));
        } else {
            try {
                store.getState(head.stateHash()); // the state training resumes from must be there and whole
            } catch (StoreException e) {
                tail.add(WindowChecks.headUnverifiable(head.windows(), "the state training resumes from: " + e.getMessage()));
            }
        }
        long next = head.windows(); // records from HEAD on without a gap: an interrupted (group) commit
        for (long extra : store.windowFiles()) {
            if (extra < head.windows()) continue;
            boolean pending = extra == next;
            if (pending) next++;
            tail.add(pending
                    ? new WindowVerdict(extra, Verdict.PENDING, store.windowSource(extra) + ": written but not committed by HEAD (an interrupted commit); not part of the history", false, null)
                    : WindowChecks.unverifiable(extra, store.windowSource(extra) + ": a record beyond HEAD (" + head.windows() + " windows) after a gap"));
        }
        for (WindowVerdict v : tail) {
            out.add(v);
            each.accept(v);
        }
        assert out.size() >= head.windows() : "only " + out.size() + " verdicts for " + head.windows() + " windows";
        return new Report(store.identity(), head.windows(), out);
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

    /**
     * Re-executes the window step by step from {@code pre} and returns the first micro-step whose
     * {@link StepDigest} differs from the record's claim, or null if all 128 match. The off-chain half
     * of the bisection game.
     */
    public static StepDivergence firstBadStep(BeastState pre, WindowInputs in, WindowRecord rec) {
        return Judge.firstBadStep(pre, in, rec);
    }
}
