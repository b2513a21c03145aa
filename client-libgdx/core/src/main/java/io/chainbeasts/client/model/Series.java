package io.chainbeasts.client.model;

import java.util.Arrays;

/**
 * A curve's whole history in at most {@code capacity} points: when full, neighbouring points are averaged
 * in pairs and each later point stands for twice as many raw values, so a long run stays one readable line.
 * NaN marks "no value here" (a head not trained in that window): it is left out of averages, and a point
 * made only of NaNs stays NaN (the chart leaves a gap).
 */
public final class Series {
    private final float[] values;
    private int size;
    private int stride = 1;
    private float pendingSum;
    private int pendingCount;
    private int pendingValues;
    private long raw;

    public Series(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and at least 2");
        values = new float[capacity];
    }

    public synchronized void add(float v) {
        raw++;
        if (!Float.isNaN(v)) {
            pendingSum += v;
            pendingValues++;
        }
        if (++pendingCount < stride) return;
        if (size == values.length) {
            // full: merge pairs; the pending bucket keeps filling up to the doubled stride
            for (int i = 0; i < size / 2; i++) values[i] = mean(values[2 * i], values[2 * i + 1]);
            size /= 2;
            stride *= 2;
            return;
        }
        values[size++] = pendingMean();
        pendingSum = 0;
        pendingCount = 0;
        pendingValues = 0;
    }

    /** The points to draw: the stored ones and the mean of a partly filled last bucket. */
    public synchronized float[] points() {
        float[] out = Arrays.copyOf(values, size + (pendingCount > 0 ? 1 : 0));
        if (pendingCount > 0) out[size] = pendingMean();
        return out;
    }

    private float pendingMean() {
        return pendingValues == 0 ? Float.NaN : pendingSum / pendingValues;
    }

    private static float mean(float a, float b) {
        if (Float.isNaN(a)) return b;
        if (Float.isNaN(b)) return a;
        return (a + b) / 2f;
    }

    /** Raw values added so far. */
    public synchronized long count() {
        return raw;
    }

    public synchronized int stride() {
        return stride;
    }
}
