package io.chainbeasts.client.model;

import java.util.Arrays;

/**
 * A curve's whole history in at most {@code capacity} points: when full, neighbouring points are averaged
 * in pairs and each later point stands for twice as many raw values, so a long run stays one readable line.
 */
public final class Series {
    private final float[] values;
    private int size;
    private int stride = 1;
    private float pendingSum;
    private int pendingCount;
    private long raw;

    public Series(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and at least 2");
        values = new float[capacity];
    }

    public synchronized void add(float v) {
        raw++;
        pendingSum += v;
        if (++pendingCount < stride) return;
        if (size == values.length) {
            // full: merge pairs; the pending bucket keeps filling up to the doubled stride
            for (int i = 0; i < size / 2; i++) values[i] = (values[2 * i] + values[2 * i + 1]) / 2f;
            size /= 2;
            stride *= 2;
            return;
        }
        values[size++] = pendingSum / pendingCount;
        pendingSum = 0;
        pendingCount = 0;
    }

    /** The points to draw: the stored ones and the mean of a partly filled last bucket. */
    public synchronized float[] points() {
        float[] out = Arrays.copyOf(values, size + (pendingCount > 0 ? 1 : 0));
        if (pendingCount > 0) out[size] = pendingSum / pendingCount;
        return out;
    }

    /** Raw values added so far. */
    public synchronized long count() {
        return raw;
    }

    public synchronized int stride() {
        return stride;
    }
}
