package io.chainbeasts.metrics;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counting every {@link MetricsSink} shares: each message handed to {@link #publish} is counted as
 * published, and as dropped when the sink is closed or {@link #accept} turns it away. Subclasses only
 * say where a message goes.
 */
abstract class CountingSink implements MetricsSink {
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    /** Takes one message without blocking; false when it cannot (queue full, not connected). */
    protected abstract boolean accept(TrainingMetrics metrics);

    @Override
    public final void publish(TrainingMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        published.increment();
        if (closed || !accept(metrics)) dropped.increment();
    }

    @Override
    public final long published() {
        return published.sum();
    }

    @Override
    public final long dropped() {
        return dropped.sum();
    }

    /** Counts messages lost after they were accepted (e.g. still queued when the sink stopped). */
    protected final void countDropped(long n) {
        dropped.add(n);
    }

    /** Later {@link #publish} calls are dropped and counted. */
    protected final void markClosed() {
        closed = true;
    }

    protected final boolean isClosed() {
        return closed;
    }
}
