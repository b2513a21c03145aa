package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;

/**
 * Baseline: every output drawn from its own SplitMix64 stream; move logits in -8..8, the attack flag (kernel v2: any
 * positive power is a full-power attack) 1 time in 2, block 1 time in 4.
 */
public final class RandomPolicy implements Policy {
    private final SplitMix64 rng;

    public RandomPolicy(long seed) {
        this.rng = new SplitMix64(seed);
    }

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        int[] out = new int[Appendage.OUTPUTS];
        for (int d = 0; d < Dir.COUNT; d++) out[d] = rng.nextInt(17) - 8;
        out[Appendage.OUT_POWER] = rng.nextInt(2);
        out[Appendage.OUT_BLOCK] = rng.nextInt(4) == 0 ? 1 : 0;
        return out;
    }

    @Override
    public String name() {
        return "random";
    }
}
