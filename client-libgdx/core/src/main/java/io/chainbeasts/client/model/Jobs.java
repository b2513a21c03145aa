package io.chainbeasts.client.model;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Long work (battles against nets, training, verification, win rates) off the render thread: results and
 * errors come back on the {@code ui} executor ({@code Gdx.app::postRunnable} in the game), errors as one sentence.
 */
public final class Jobs implements AutoCloseable {
    private final ExecutorService workers;
    private final Executor ui;

    public Jobs(Executor ui, int threads) {
        this.ui = ui;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "client-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Executor ui() {
        return ui;
    }

    public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<String> onError) {
        workers.execute(() -> {
            try {
                T r = work.call();
                ui.execute(() -> onDone.accept(r));
            } catch (Throwable t) {
                String sentence = ClientError.sentence(t);
                if (!(t instanceof ClientError)) t.printStackTrace(); // a bug: keep the trace on stderr, the UI gets one sentence
                ui.execute(() -> onError.accept(sentence));
            }
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
