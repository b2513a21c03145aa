package io.chainbeasts.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD twins of {@link FastNet}'s loops over the 64 hidden units (the Vector API, {@code jdk.incubator.vector}): the
 * same wrapping int64 sums and the same saturating int32 updates, lane by lane (VectorNetTest holds each to its scalar
 * loop, FastNetTest the whole kernel to {@link Net}). Only loaded when the JVM resolves the module
 * ({@code --add-modules jdk.incubator.vector}; {@link NetScratch#VECTORS}); Java 17 vectorises none of the scalar loops.
 *
 * <p>Exact because every lane computes what the scalar loop computes for its unit: products of int32 operands widened
 * to int64 (no overflow), sums wrapping in int64 (the order does not matter in Z/2^64), and the saturation, rounding
 * and saturating subtraction written with the same shifts, masks and bounds as {@link FastNet}'s branch-free helpers.
 * A unit the scalar loop skips has a zero operand here (h == 0, gradient 0, delta 0), which leaves its weight as it is
 * ({@code satSub(w, 0) == w}).
 */
final class NetVectors {
    private NetVectors() {}

    private static final int HIDDEN = NetShape.HIDDEN;
    private static final int N_OUT = NetShape.N_OUT;
    /** int64 lanes for the sums; {@link #I} holds as many int32 lanes (half the width) to widen from. */
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    /**
     * Whether this JVM runs 512-bit vectors natively (AVX-512). Written for that one shape: species chosen at run time
     * were not compiled to vector instructions by Java 17's C2 (its slow fallback ran instead).
     */
    static boolean worthwhile() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    private static LongVector widen(int[] a, int off) {
        return (LongVector) IntVector.fromArray(I, a, off).convertShape(VectorOperators.I2L, L, 0);
    }

    /** {@link FastNet#sat32} per lane, narrowed to int32 lanes. */
    private static IntVector sat32(LongVector v) {
        return (IntVector) v.max(Integer.MIN_VALUE).min(Integer.MAX_VALUE).convertShape(VectorOperators.L2I, I, 0);
    }

    /** {@link FastNet#roundShift} per lane (shift of 16 or more). */
    private static LongVector roundShift(LongVector x, int s) {
        return x.lanewise(VectorOperators.ASHR, s).add(x.lanewise(VectorOperators.ASHR, s - 1).and(1L));
    }

    /** {@link io.chainbeasts.core.Fixed#satSub} per lane: the int64 difference, saturated (no masks: Java 17 compiles them poorly). */
    private static IntVector satSub(LongVector a, LongVector b) {
        return sat32(a.sub(b));
    }

    /** {@code acc[j] += sum over c < n of wt[at[c] + j] * by[c]}, for the 64 units (wrapping). */
    static void addChanges(long[] acc, int[] wt, int[] at, long[] by, int n) {
        for (int j = 0; j < HIDDEN; j += L.length()) {
            LongVector a = LongVector.fromArray(L, acc, j);
            for (int c = 0; c < n; c++) a = a.add(widen(wt, at[c] + j).mul(by[c]));
            a.intoArray(acc, j);
        }
    }

    /** {@code sum over j of w[row + j] * h[j]}, wrapping. */
    static long dot(int[] w, int row, int[] h) {
        LongVector a = LongVector.zero(L);
        for (int j = 0; j < HIDDEN; j += L.length()) a = a.add(widen(w, row + j).mul(widen(h, j)));
        return a.reduceLanes(VectorOperators.ADD);
    }

    /** {@code gh[j] = pre[j] > 0 ? narrow(sum over k of w2[k * 64 + j] * g[k]) : 0}. */
    static void hiddenGradients(int[] w2, int[] g, int[] pre, int[] gh) {
        for (int j = 0; j < HIDDEN; j += L.length()) {
            LongVector a = LongVector.zero(L);
            for (int k = 0; k < N_OUT; k++) a = a.add(widen(w2, k * HIDDEN + j).mul(g[k]));
            sat32(roundShift(a, 16)).intoArray(gh, j);
        }
        for (int j = 0; j < HIDDEN; j++) if (pre[j] <= 0) gh[j] = 0;
    }

    /** {@code w[off + j] = satSub(w[off + j], sat32(roundShift(v[j] * scale, shift)))} for the 64 units; shift >= 16. */
    static void subScaled(int[] w, int off, int[] v, long scale, int shift) {
        for (int j = 0; j < HIDDEN; j += L.length()) {
            LongVector step = roundShift(widen(v, j).mul(scale), shift).max(Integer.MIN_VALUE).min(Integer.MAX_VALUE);
            satSub(widen(w, off + j), step).intoArray(w, off + j);
        }
    }

    /** {@code w[off + j] = satSub(w[off + j], d[j])} for the 64 units. */
    static void subRow(int[] w, int off, int[] d) {
        for (int j = 0; j < HIDDEN; j += L.length()) satSub(widen(w, off + j), widen(d, j)).intoArray(w, off + j);
    }
}
