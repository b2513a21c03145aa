package io.chainbeasts.metrics;

/**
 * Where the trainer sends one {@link TrainingMetrics} per micro-step.
 *
 * <p>Contract for every implementation: {@link #publish} never blocks and never throws for a
 * valid message; when the sink cannot keep up (bounded queue full, server gone) the message is
 * dropped and counted in {@link #dropped()}. Training speed and results never depend on a sink.
 */
public interface MetricsSink extends AutoCloseable {

    /** Hands over one message; returns at once. */
    void publish(TrainingMetrics metrics);

    /** Messages handed to {@link #publish} so far. */
    long published();

    /** Messages this sink dropped (queue full, not connected, closed) so far. */
    long dropped();

    /** Stops the sink; later {@link #publish} calls are dropped and counted. Never throws. */
    @Override
    void close();

    /** A sink that discards everything (counted as published, never as dropped). */
    static MetricsSink noop() {
        return new NoopMetricsSink();
    }
}
