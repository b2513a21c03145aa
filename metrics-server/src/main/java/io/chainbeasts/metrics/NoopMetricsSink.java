package io.chainbeasts.metrics;

/** Discards every message: the sink for a training run with metrics switched off (counted as published, never as dropped). */
public final class NoopMetricsSink extends CountingSink {
    @Override
    protected boolean accept(TrainingMetrics metrics) {
        return true;
    }

    @Override
    public void close() {}
}
