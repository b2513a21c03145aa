package io.chainbeasts.checkpoint;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@link Trainer}'s store writes on a thread of their own, in order, so the next windows compute while the last
 * ones' states are encoded and written (issue 15: done in line, the store added 60-80 % to the compute time of
 * {@code train}). Durability does not change: the same {@link BeastStore#commit} calls run in the same order, one after
 * the other, so HEAD still never refers to a file that is not durable, and a kill -9 finds what it found before, at most
 * the windows since the last durable commit missing, which the next run recomputes.
 *
 * <p>Up to {@link #DEPTH} commits may wait or run: a group's durable commit (fsyncs, ~2-6 ms on ext4) takes longer than
 * a window's compute (~1.2-1.5 ms), and with only one commit in flight the compute stopped for it once a group. After a
 * commit fails, the ones queued behind it do not run (they would not follow HEAD); its failure is rethrown on the
 * trainer's thread by {@link Pending#await} exactly as it was thrown (a {@link StoreException}, or an {@link Error}
 * such as a test's simulated crash).
 */
final class BackgroundCommits implements AutoCloseable {
    /** Commits waiting or running at most: enough to cover a group's fsyncs with compute. */
    static final int DEPTH = 8;

    /** Null: commits run in line, on the caller's thread. */
    private final ExecutorService writer;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Set on the writer thread by the first commit that fails; the later ones are skipped. */
    private volatile boolean failed;

    /** One submitted commit. */
    static final class Pending {
        private Future<?> future;
        /** Set by the writer thread when the commit failed (or was skipped after a failure). */
        private volatile boolean failed;
        /** Whether {@link #await} has thrown its failure to someone. */
        private boolean surfaced;

        private Pending(Future<?> future) {
            this.future = future;
        }

        boolean isDone() {
            return future == null || future.isDone();
        }

        /** Waits for the commit; rethrows its failure as thrown. */
        void await() {
            if (future == null) return;
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        future.get();
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true; // the commit must finish (or fail) before anyone flushes: keep waiting
                    }
                }
            } catch (ExecutionException e) {
                surfaced = true;
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    private BackgroundCommits(ExecutorService writer) {
        this.writer = writer;
    }

    /** Commits on a writer thread of their own. */
    static BackgroundCommits onWriterThread(BeastStore store) {
        return new BackgroundCommits(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chainbeasts-store-writer " + store.dir().getFileName());
            t.setDaemon(true); // a JVM that exits mid-commit is a crash the store already survives
            return t;
        }));
    }

    /** Commits in line, as {@link #submit} is called (nothing to overlap them with: a single window). */
    static BackgroundCommits inLine() {
        return new BackgroundCommits(null);
    }

    /**
     * Queues {@code commit} behind the ones submitted before (in line: runs it now, throwing its failure). The caller
     * keeps at most {@link #DEPTH} unfinished ({@link #full}).
     */
    Pending submit(Runnable commit) {
        if (writer == null) {
            commit.run();
            return new Pending(null);
        }
        Pending p = new Pending(null);
        p.future = writer.submit(() -> {
            try {
                if (failed) throw new IllegalStateException("not committed: an earlier commit failed");
                commit.run();
            } catch (RuntimeException | Error e) {
                p.failed = true;
                failed = true;
                throw e;
            }
        });
        queue.add(p);
        return p;
    }

    /** Whether as many commits as may be unfinished are: the caller awaits the oldest before submitting again. */
    boolean full() {
        queue.removeIf(p -> p.isDone() && !p.failed); // a failure stays until someone has seen it (close)
        return queue.size() >= DEPTH;
    }

    /**
     * Waits for every commit submitted, then stops the thread. A failure no {@link Pending#await} has thrown yet is
     * thrown (or suppressed by the failure being propagated); one already thrown is not thrown again.
     */
    @Override
    public void close() {
        try {
            Throwable first = null;
            boolean seen = false;
            for (Pending p : queue) {
                seen |= p.surfaced;
                if (p.surfaced) continue;
                try {
                    p.await();
                } catch (RuntimeException | Error e) {
                    if (first == null) first = e;
                }
            }
            if (first instanceof Error err && !seen) throw err;
            if (first instanceof RuntimeException r && !seen) throw r;
        } finally {
            queue.clear();
            if (writer != null) writer.shutdown();
        }
    }
}
