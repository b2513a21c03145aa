package io.chainbeasts.checkpoint;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@link Trainer}'s store writes on a thread of their own, one window at a time and in order, so the next window
 * computes while the last one's state is encoded, hashed and written (issue 15: done in line, the store added 60-80 %
 * to the compute time of {@code train}). Durability does not change: the same {@link BeastStore#commit} calls run in the
 * same order, one after the other, so HEAD still never refers to a file that is not durable, and a kill -9 finds what
 * it found before, at most the windows since the last durable commit missing, which the next run recomputes.
 *
 * <p>At most one commit is in flight: {@link #submit} first waits for the previous one ({@link #await}), which
 * rethrows its failure on the trainer's thread exactly as it was thrown (a {@link StoreException}, or an
 * {@link Error} such as a test's simulated crash).
 */
final class BackgroundCommits implements AutoCloseable {
    /** Null: commits run in line, on the caller's thread. */
    private final ExecutorService writer;
    private Future<?> inFlight;

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

    /** Runs {@code commit} on the writer thread once the previous commit has finished (rethrowing its failure). */
    void submit(Runnable commit) {
        await();
        if (writer == null) {
            commit.run();
            return;
        }
        inFlight = writer.submit(commit);
    }

    /** Waits for the commit in flight, if any; rethrows its failure as thrown. */
    void await() {
        Future<?> f = inFlight;
        if (f == null) return;
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the commit must finish (or fail) before anyone flushes: keep waiting
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Waits for the commit in flight (its failure is thrown, or suppressed by the failure being propagated), then stops the thread. */
    @Override
    public void close() {
        try {
            await();
        } finally {
            if (writer != null) writer.shutdown();
        }
    }
}
