package io.chainbeasts.combat;

/**
 * Baseline: attack at full power when adjacent; otherwise block when {@link Rules#blockPays}
 * says so; otherwise take the optimal first step toward the enemy ({@link PathFinder}); rest
 * when there is no path.
 */
public final class GreedyPolicy implements Policy {
    /** Path-search scratch (a policy plays one battle at a time). */
    private final PathBits paths = new PathBits();

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        return outputs(season, arena, state.fighter(side), state.fighter(1 - side), paths);
    }

    /** Greedy's six outputs for {@code self} facing {@code enemy} (also the teacher's model of the enemy). */
    public static int[] outputs(SeasonConstants season, Arena arena, Fighter self, Fighter enemy) {
        return outputs(season, arena, self, enemy, null, null);
    }

    /**
     * The same outputs; with scratch arrays ({@code dist}, {@code queue}: the arena's cells each) the path search
     * allocates nothing and stops early ({@link PathFinder#firstStep(Arena, int, int, int, int, int[], int[])}),
     * with null ones it is the reference search.
     */
    public static int[] outputs(SeasonConstants season, Arena arena, Fighter self, Fighter enemy, int[] dist, int[] queue) {
        int[] out = new int[Appendage.OUTPUTS];
        if (attacksOrBlocks(season, self, enemy, out)) return out;
        int step = dist == null ? PathFinder.firstStep(arena, self.x(), self.y(), enemy.x(), enemy.y())
                : PathFinder.firstStep(arena, self.x(), self.y(), enemy.x(), enemy.y(), dist, queue);
        if (step != Dir.NONE) out[step] = 1;
        return out;
    }

    /** The same outputs through the bitboard search ({@link PathBits#firstStep}, the optimised path). */
    public static int[] outputs(SeasonConstants season, Arena arena, Fighter self, Fighter enemy, PathBits paths) {
        int[] out = new int[Appendage.OUTPUTS];
        if (attacksOrBlocks(season, self, enemy, out)) return out;
        int step = paths.firstStep(arena, self.x(), self.y(), enemy.x(), enemy.y());
        if (step != Dir.NONE) out[step] = 1;
        return out;
    }

    /** Greedy's choices before any path search, written into {@code out}: full power when adjacent, a block when it pays. */
    private static boolean attacksOrBlocks(SeasonConstants season, Fighter self, Fighter enemy, int[] out) {
        if (Rules.isAdjacent(self, enemy)) {
            out[Appendage.OUT_POWER] = season.maxPower();
            return true;
        }
        if (Rules.blockPays(self, enemy, season)) {
            out[Appendage.OUT_BLOCK] = 1;
            return true;
        }
        return false;
    }

    @Override
    public String name() {
        return "greedy";
    }
}
