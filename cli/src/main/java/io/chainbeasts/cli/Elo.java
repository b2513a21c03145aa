package io.chainbeasts.cli;

/**
 * Elo ratings from a results table (SPEC.md "Tournaments"): the maximum-likelihood Bradley-Terry fit,
 * {@code P(i beats j) = 1 / (1 + 10^((R_j - R_i) / 400))}, a draw counting half a win to each side,
 * one virtual draw added to every pairing that played (so an entrant that never lost gets a finite
 * rating), and the ratings shifted to average 1500. Unlike sequential Elo updates the result does not
 * depend on the order of the battles. Computed with Hunter's MM iteration in a fixed order and
 * {@link StrictMath}, so the same table gives the same ratings on every JVM. Doubles are fine here:
 * ratings are a report, never on the kernel path.
 */
final class Elo {
    private Elo() {}

    static final double MEAN = 1500;
    static final int MAX_ITERATIONS = 100_000;

    /**
     * @param played {@code played[i][j]} battles between i and j (symmetric)
     * @param scored {@code scored[i][j]} wins of i over j plus half the draws
     */
    static double[] ratings(double[][] played, double[][] scored) {
        int e = played.length;
        double[][] n = new double[e][e];
        double[] w = new double[e];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < e; j++) {
                if (i == j || played[i][j] == 0) continue;
                n[i][j] = played[i][j] + 1;
                w[i] += scored[i][j] + 0.5;
            }
        }
        double[] g = new double[e];
        java.util.Arrays.fill(g, 1.0);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double change = 0;
            double[] next = new double[e];
            for (int i = 0; i < e; i++) {
                double den = 0;
                for (int j = 0; j < e; j++) if (n[i][j] > 0) den += n[i][j] / (g[i] + g[j]);
                next[i] = den == 0 ? 1.0 : w[i] / den;
            }
            normalize(next);
            for (int i = 0; i < e; i++) change = Math.max(change, Math.abs(next[i] - g[i]) / g[i]);
            g = next;
            if (change < 1e-13) break;
        }
        double[] r = new double[e];
        for (int i = 0; i < e; i++) r[i] = MEAN + 400 * StrictMath.log10(g[i]);
        return r;
    }

    /** Scales to geometric mean 1 (ratings average {@link #MEAN}). */
    private static void normalize(double[] g) {
        double logSum = 0;
        for (double v : g) logSum += StrictMath.log(v);
        double f = StrictMath.exp(-logSum / g.length);
        for (int i = 0; i < g.length; i++) g[i] *= f;
    }
}
