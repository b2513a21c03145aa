package io.chainbeasts.combat;

/**
 * Baseline: attack at full power when adjacent; otherwise block when {@link Rules#blockPays}
 * says so; otherwise take the optimal first step toward the enemy ({@link PathFinder}); rest
 * when there is no path.
 */
public final class GreedyPolicy implements Policy {
    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        return outputs(season, arena, state.fighter(side), state.fighter(1 - side));
    }

    /** Greedy's six outputs for {@code self} facing {@code enemy} (also the teacher's model of the enemy). */
    public static int[] outputs(SeasonConstants season, Arena arena, Fighter self, Fighter enemy) {
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
