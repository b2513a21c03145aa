package io.chainbeasts.engine;

import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.SplitMix64;

/**
 * Hatching: {@code seed_core} deterministically gives the initial state (SPEC.md "Hatching").
 * One SplitMix64 stream seeded with {@code seedCore ^ HATCH_DOMAIN} draws, in order, every w1
 * entry (row-major, uniform in +-W1_LIMIT) and then the w2 entries of the units live at hatch
 * (row-major over [k][j], uniform in +-W2_LIMIT); dormant units' w2 and all biases are 0.
 */
public final class Hatchery {
    private Hatchery() {}

    static final long HATCH_DOMAIN = 0x4841544348000000L; // "HATCH"
    /** floor(65536 * sqrt(3 / N_IN)) for N_IN = 200: uniform with variance 1/N_IN. */
    public static final int W1_LIMIT = 8026;
    /** floor(65536 * sqrt(3 / HIDDEN)): uniform with variance 1/HIDDEN. */
    public static final int W2_LIMIT = 14189;

    public static BeastState hatch(long seedCore) {
        BeastState s = new BeastState();
        s.seedCore = seedCore;
        s.activeMask = NetShape.HATCH_MASK;
        SplitMix64 r = new SplitMix64(seedCore ^ HATCH_DOMAIN);
        for (int i = 0; i < s.w1.length; i++) s.w1[i] = uniform(r, W1_LIMIT);
        for (int k = 0; k < NetShape.N_OUT; k++) {
            for (int j = 0; j < NetShape.HIDDEN; j++) {
                if (NetShape.unitActive(s.activeMask, j)) s.w2[k * NetShape.HIDDEN + j] = uniform(r, W2_LIMIT);
            }
        }
        return s;
    }

    private static int uniform(SplitMix64 r, int limit) {
        return (int) Fixed.remUnsigned(r.next(), 2L * limit + 1) - limit;
    }
}
