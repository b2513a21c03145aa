package io.chainbeasts.engine;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;

/** Test-only bridge to engine-kernel's package-private Sampler.place (same package on the test classpath). */
public final class SamplerAccess {
    private SamplerAccess() {}

    public static Board place(SplitMix64 r, Arena arena, SeasonConstants season, boolean near) {
        return Sampler.place(r, arena, season, near);
    }
}
