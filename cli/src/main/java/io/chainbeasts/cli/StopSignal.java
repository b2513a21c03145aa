package io.chainbeasts.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM for a command that runs until stopped (a node, a validator): the JVM's shutdown hook signals
 * {@link #stopped()} and then waits, up to 60 s, for the command to {@link #close} (its state saved, its last line
 * printed) before the JVM exits. Closing also removes the hook, so an in-process run leaves none behind.
 */
final class StopSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String threadName) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean stopped() {
        return stop.getCount() == 0;
    }

    /** Waits up to {@code seconds}; true as soon as a stop is signalled. */
    boolean await(long seconds) throws InterruptedException {
        return stop.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (the signal that stopped us)
        }
    }
}
