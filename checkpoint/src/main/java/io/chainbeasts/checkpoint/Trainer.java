package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a stored beast window by window and commits each window to its {@link BeastStore}:
 * the context comes from the default plan with the last checkpoint hash as checkpoint_root, the
 * payload chains to the previous one, and a crash at any point (kill -9 included) resumes from HEAD: the interrupted window is recomputed
 * bit for bit, so the final h128 equals an uninterrupted run's and no committed record is written twice. A window's commit runs
 * on a writer thread while the next windows compute ({@link BackgroundCommits}, up to {@link BackgroundCommits#DEPTH}
 * commits behind); the commits and their order are the same as in line.
 */
public final class Trainer {
    /**
     * Notified of every micro-step (with its record only: the state's weights catch up at the window's end,
     * {@link Window#runRecords}) and of every committed window, in order: a window's steps once it has run and the
     * previous window is committed, then the window once its own commit is done. Called on the trainer's thread.
     */
    public interface Listener {
        default void onStep(StepRecord step, long windowIndex) {}

        default void onWindow(WindowRecord record, WindowResult result) {}
    }

    private final BeastStore store;
    private final SeasonConstants season;
    private final TrainingConstants training;
    private final RealBattlePool pool;
    private final SampleDataset dataset;
    private final long secretFold;
    private final TrainingBackend backend;

    public Trainer(BeastStore store, SeasonConstants season, TrainingConstants training, RealBattlePool pool,
                   SampleDataset dataset, long secretFold) {
        this(store, season, training, pool, dataset, secretFold, null);
    }

    /**
     * With {@code backend} null or Java, windows run on the Java reference and the listener sees every
     * micro-step's {@link StepRecord}. Another backend (OpenCL) runs whole windows; its listener sees
     * windows only (no per-step records). No step digest is computed while training: {@link StepDigest#replay}
     * derives them when a dispute asks (issue 12: they cost ~41 % of the training time).
     */
    public Trainer(BeastStore store, SeasonConstants season, TrainingConstants training, RealBattlePool pool,
                   SampleDataset dataset, long secretFold, TrainingBackend backend) {
        this.backend = backend instanceof JavaBackend ? null : backend;
        this.store = store;
        this.season = season;
        this.training = training;
        this.pool = pool;
        this.dataset = dataset;
        this.secretFold = secretFold;
        byte[] committed = store.identity().datasetCommitment();
        boolean isPrivate = store.identity().isPrivate();
        if (isPrivate && dataset == null) {
            throw new StoreException(store.dir() + ": this beast trains on a private dataset (C_dataset 0x"
                    + Hex.of(committed) + "): pass --dataset and --secret");
        }
        if (!isPrivate && dataset != null) {
            throw new StoreException(store.dir() + ": this beast was hatched without a private dataset; hatch a new one with --dataset");
        }
        if (isPrivate && !Arrays.equals(dataset.commitment(), committed)) {
            throw new StoreException(store.dir() + ": the dataset's commitment 0x" + Hex.of(dataset.commitment())
                    + " is not the beast's C_dataset 0x" + Hex.of(committed));
        }
    }

    /** Hatches a new beast into {@code dir}. */
    public static BeastStore hatch(Path dir, BeastStore.Identity id) {
        return BeastStore.create(dir, id, Hatchery.hatch(id.seedCore()));
    }

    /** Runs {@code windows} more windows; returns the number of windows done afterwards. */
    public long train(int windows, Listener listener) {
        try (BeastStore.WriterLock lock = store.lockForWriting()) {
            store.flush();
            long done;
            try {
                done = trainLocked(windows, listener);
            } catch (RuntimeException e) {
                try {
                    store.flush(); // the windows finished before the failure are kept (group commit)
                } catch (RuntimeException f) {
                    e.addSuppressed(f);
                }
                throw e;
            }
            store.flush();
            return done;
        }
    }

    private long trainLocked(int windows, Listener listener) {
        BeastStore.Head head = store.head();
        BeastState state = store.getState(head.stateHash());
        CheckpointPayload prev = null;
        if (head.windows() > 0) {
            WindowRecord last = store.window(head.windows() - 1);
            if (!Arrays.equals(last.postStateHash(), head.stateHash()) || !Arrays.equals(last.checkpointHash(), head.checkpointHash())) {
                throw new StoreException(store.headFile() + ": does not match the record of window " + (head.windows() - 1)
                        + " (" + store.windowSource(head.windows() - 1) + ")");
            }
            prev = last.decodedPayload();
        }
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        // windows computed, their commits queued or running, not yet reported to the listener (oldest first)
        ArrayDeque<Committing> inFlight = new ArrayDeque<>();
        // one window has nothing to overlap its commit with (the client trains window by window): it commits in line
        try (BackgroundCommits commits = windows > 1 ? BackgroundCommits.onWriterThread(store) : BackgroundCommits.inLine()) {
            try {
                for (int w = 0; w < windows; w++) {
                    long index = head.windows();
                    WindowContext ctx = TrainingPlan.context(state, season, training, head.checkpointHash(),
                            store.identity().datasetCommitment(), pool);
                    WindowInputs in = new WindowInputs(ctx, pool, dataset, secretFold);
                    List<StepRecord> steps = new ArrayList<>(backend == null ? Window.STEPS : 0);
                    WindowResult r = backend == null
                            ? Window.runRecords(state, in, scratch, steps::add)
                            : backend.runWindows(List.of(state), List.of(in)).get(0);
                    assert prev == null || (r.globalStep() & 0xFFFF_FFFFL) == ((prev.globalStep() + Window.STEPS) & 0xFFFF_FFFFL)
                            : "window " + index + " advanced globalStep from " + prev.globalStep() + " to " + Integer.toUnsignedString(r.globalStep());
                    WindowRecord rec = record(store.identity(), index, head.stateHash(), ctx, r, prev, new byte[0]);
                    BeastState post = state.copy(); // the next window changes state while this one is written
                    Committing c = new Committing(steps, rec, r);
                    // the listener sees a window's steps once the previous window is reported, in the order they ran
                    if (inFlight.isEmpty()) c.reportSteps(listener);
                    c.pending = commits.submit(() -> store.commit(rec, post));
                    inFlight.add(c);
                    reportCommitted(inFlight, commits, listener);
                    prev = rec.decodedPayload();
                    head = new BeastStore.Head(index + 1, rec.checkpointHash(), rec.postStateHash());
                }
            } catch (RuntimeException | Error e) {
                // the windows in flight are committed all the same (close waits for them): report them before failing
                try {
                    reportAll(inFlight, listener);
                } catch (RuntimeException | Error f) {
                    e.addSuppressed(f);
                }
                throw e;
            }
            reportAll(inFlight, listener);
        }
        return head.windows();
    }

    /**
     * Reports the windows whose commits are done, oldest first, each followed by the next one's steps; waits for the
     * oldest while as many commits are unfinished as may be ({@link BackgroundCommits#DEPTH}). A failed commit is
     * rethrown (its window is not reported).
     */
    private static void reportCommitted(ArrayDeque<Committing> inFlight, BackgroundCommits commits, Listener listener) {
        while (!inFlight.isEmpty() && (inFlight.peek().pending.isDone() || commits.full())) reportOldest(inFlight, listener);
    }

    private static void reportAll(ArrayDeque<Committing> inFlight, Listener listener) {
        while (!inFlight.isEmpty()) reportOldest(inFlight, listener);
    }

    private static void reportOldest(ArrayDeque<Committing> inFlight, Listener listener) {
        Committing c = inFlight.poll();
        c.pending.await();
        c.reportSteps(listener); // reported already, unless the listener failed on the window before
        listener.onWindow(c.record, c.result);
        Committing next = inFlight.peek();
        if (next != null) next.reportSteps(listener);
    }

    /** A window handed to the store's writer thread, reported to the listener once its commit is done. */
    private static final class Committing {
        final List<StepRecord> steps;
        final WindowRecord record;
        final WindowResult result;
        BackgroundCommits.Pending pending;

        Committing(List<StepRecord> steps, WindowRecord record, WindowResult result) {
            this.steps = steps;
            this.record = record;
            this.result = result;
        }

        private int stepsReported;

        /** The window's steps to the listener, each once (those a failing listener did not take, later). */
        void reportSteps(Listener listener) {
            while (stepsReported < steps.size()) listener.onStep(steps.get(stepsReported++), record.index());
        }
    }

    /**
     * The record of window {@code index} that ran from {@code preStateHash} under {@code ctx} with
     * result {@code r}: its payload chains to {@code prev} (null for window 0) and is bound to {@code id}.
     */
    public static WindowRecord record(BeastStore.Identity id, long index, byte[] preStateHash, WindowContext ctx, WindowResult r,
                                      CheckpointPayload prev, byte[] stepDigests) {
        long step = CheckpointPayload.globalStepOf(r.globalStep() & 0xFFFF_FFFFL);
        CheckpointPayload payload = prev == null
                ? new CheckpointPayload(1, id.chainId(), id.ledger(), id.beastId(), index, new byte[32], step, r.energyBurn(),
                        r.activeMask(), r.lrShift(), r.h128(), r.lineageHash(), r.lossDrop())
                : prev.next(step, r.energyBurn(), r.activeMask(), r.lrShift(), r.h128(), r.lineageHash(), r.lossDrop());
        if (payload.windowIndex() != index) {
            throw new IllegalArgumentException("window " + index + ": the previous payload is window " + prev.windowIndex());
        }
        return new WindowRecord(index, preStateHash, r.stateHash(), ctx.toBytes(), payload.encode(), payload.hash(), stepDigests, metrics(r));
    }

    /** The integer metrics a record keeps of a window. */
    public static Map<String, Object> metrics(WindowResult r) {
        WindowResult.HeadTally t = r.tally();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowLossQ16", r.windowLoss());
        m.put("moveSeen", (long) t.moveSeen());
        m.put("moveRight", (long) t.moveRight());
        m.put("moveLossQ16", t.moveLossQ16());
        m.put("powerSeen", (long) t.powerSeen());
        m.put("powerRight", (long) t.powerRight());
        m.put("powerLossQ16", t.powerLossQ16());
        m.put("blockSeen", (long) t.blockSeen());
        m.put("blockRight", (long) t.blockRight());
        m.put("blockLossQ16", t.blockLossQ16());
        m.put("energyBurn", r.energyBurn());
        return m;
    }
}
