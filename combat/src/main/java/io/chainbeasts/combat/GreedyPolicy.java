package io.chainbeasts.combat;

/**
 * Baseline: attack at full power when adjacent; otherwise block when {@link Rules#blockPays}
 * says so; otherwise take the optimal first step toward the enemy ({@link PathFinder}); rest
 * when there is no path.
 */
public final class GreedyPolicy implements Policy {
    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        Fighter self = state.fighter(side);
        Fighter enemy = state.fighter(1 - side);
        int[] out = new int[Appendage.OUTPUTS];
        if (Rules.isAdjacent(self, enemy)) {
            out[Appendage.OUT_POWER] = season.maxPower();
            return out;
        }
        if (Rules.blockPays(self, enemy, season)) {
            out[Appendage.OUT_BLOCK] = 1;
            return out;
        }
        int step = PathFinder.firstStep(arena, self.x(), self.y(), enemy.x(), enemy.y());
        if (step != Dir.NONE) out[step] = 1;
        return out;
    }

    @Override
    public String name() {
        return "greedy";
    }
}
