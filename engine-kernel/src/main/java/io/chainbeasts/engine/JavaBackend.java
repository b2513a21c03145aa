package io.chainbeasts.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference backend: {@link Window#run} per beast. With {@code threads > 1} the beasts of a
 * batch run on a fixed pool, one beast per task; each beast's steps stay sequential and beasts share
 * nothing, so the results do not depend on the thread count or on scheduling.
 */
public final class JavaBackend implements TrainingBackend {
    private final int threads;
    private ExecutorService pool;

    public JavaBackend() {
        this(1);
    }

    public JavaBackend(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "Java reference, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
        check(states, inputs);
        int n = states.size();
        List<WindowResult> out = new ArrayList<>(n);
        if (threads == 1 || n == 1) {
            MicroStep.Scratch scratch = new MicroStep.Scratch();
            for (int b = 0; b < n; b++) out.add(Window.runRecords(states.get(b), inputs.get(b), scratch, r -> { }));
            return out;
        }
        List<Future<WindowResult>> futures = new ArrayList<>(n);
        ExecutorService ex = executor();
        for (int b = 0; b < n; b++) {
            BeastState s = states.get(b);
            WindowInputs in = inputs.get(b);
            futures.add(ex.submit(() -> Window.run(s, in)));
        }
        for (Future<WindowResult> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running windows", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error err) throw err;
                throw new IllegalStateException(c);
            }
        }
        return out;
    }

    @Override
    public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
        check(states, inputs);
        List<WindowResult> out = new ArrayList<>(states.size());
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        for (int b = 0; b < states.size(); b++) {
            BeastState s = states.get(b);
            int beast = b;
            int[] step = {0};
            out.add(Window.run(s, inputs.get(b), scratch, r -> observer.afterStep(beast, step[0]++, s)));
        }
        return out;
    }

    private static void check(List<BeastState> states, List<WindowInputs> inputs) {
        if (states.size() != inputs.size()) {
            throw new IllegalArgumentException(states.size() + " states but " + inputs.size() + " window inputs");
        }
    }

    private synchronized ExecutorService executor() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "chainbeasts-java-backend");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) pool.shutdownNow();
        pool = null;
    }
}
