package io.chainbeasts.metrics;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/** Discards every message: the sink for a training run with metrics switched off. */
public final class NoopMetricsSink implements MetricsSink {
    private final LongAdder published = new LongAdder();

    @Override
    public void publish(TrainingMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        published.increment();
    }

    @Override
    public long published() {
        return published.sum();
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {}
}
