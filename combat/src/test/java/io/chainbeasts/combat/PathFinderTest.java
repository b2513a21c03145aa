package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PathFinderTest {
    @Test
    void straightLineAndTieBreak() {
        Arena a = Arena.parse(".....", ".....", ".....");
        assertEquals(Dir.E, PathFinder.firstStep(a, 0, 1, 4, 1));
        // Both S and E are optimal from (0,0) to (2,2): N, S, E, W order picks S.
        assertEquals(Dir.S, PathFinder.firstStep(a, 0, 0, 2, 2));
        assertEquals(Dir.N, PathFinder.firstStep(a, 2, 2, 0, 0));
    }

    @Test
    void detourAroundWall() {
        Arena a = Arena.parse(
                ".#...",
                ".#...",
                ".....");
        // From (0,0) to (2,0) the straight step east is a wall; the only way is down and around.
        assertEquals(Dir.S, PathFinder.firstStep(a, 0, 0, 2, 0));
        assertEquals(6, PathFinder.distance(a, 0, 0, 2, 0));
    }

    @Test
    void tieBreakPrefersLowerManhattanHeuristic() {
        Arena a = Arena.parse(
                ".....",
                "..#..",
                ".....");
        // From (0,1) to (4,1) the wall at (2,1) forces a detour of length 6. Both N (to (0,0)) and
        // E (to (1,1)) start a shortest path (5 more steps each). N comes first in N,S,E,W order, but
        // E's neighbour has the lower Manhattan heuristic (3 vs 5), so A*'s tie-break picks E.
        assertEquals(6, PathFinder.distance(a, 0, 1, 4, 1));
        assertEquals(5, PathFinder.distance(a, 0, 0, 4, 1));
        assertEquals(5, PathFinder.distance(a, 1, 1, 4, 1));
        assertEquals(Dir.E, PathFinder.firstStep(a, 0, 1, 4, 1));
        // Equal heuristics fall back to N, S, E, W order: open grid, goal south-east.
        assertEquals(Dir.S, PathFinder.firstStep(Arena.parse("...", "...", "..."), 0, 0, 2, 2));
    }

    @Test
    void hazardsArePassableAtUnitCost() {
        Arena a = Arena.parse(".~.", "...");
        assertEquals(Dir.E, PathFinder.firstStep(a, 0, 0, 2, 0));
        assertEquals(2, PathFinder.distance(a, 0, 0, 2, 0));
    }

    @Test
    void adjacentOrUnreachableGiveNone() {
        Arena a = Arena.parse("..#..", "..#..");
        assertEquals(Dir.NONE, PathFinder.firstStep(a, 0, 0, 1, 0));
        assertEquals(Dir.NONE, PathFinder.firstStep(a, 0, 0, 4, 0));
        assertEquals(PathFinder.UNREACHABLE, PathFinder.distance(a, 0, 0, 4, 0));
    }

    /**
     * The early-exit search against the full one on generated arenas, any start and goal cell (walls included):
     * the start's distance and every distance below it agree, the rest is unlabelled; the optimal step and greedy's
     * outputs are the same.
     */
    @Property(tries = 300)
    void earlyExitAgreesWithTheFullSearch(@ForAll long seed) {
        SplitMix64 r = new SplitMix64(seed);
        Arena a = Arena.generate(r.next(), SeasonConstants.DEFAULT).arena();
        int w = a.width();
        int n = w * a.height();
        int[] full = new int[n];
        int[] early = new int[n];
        int[] queue = new int[n];
        for (int k = 0; k < 20; k++) {
            int start = r.nextInt(n);
            int goal = r.nextInt(n);
            int sx = start % w, sy = start / w, gx = goal % w, gy = goal / w;
            if (!a.passable(gx, gy)) continue;
            PathFinder.distancesTo(a, gx, gy, full, queue);
            java.util.Arrays.fill(early, 12345);
            PathFinder.distancesTo(a, gx, gy, early, queue, sx, sy);
            String where = "seed " + seed + " from (" + sx + "," + sy + ") to (" + gx + "," + gy + ")";
            assertEquals(full[start], early[start], where + ": start's distance");
            for (int c = 0; c < n; c++) {
                boolean needed = full[c] != PathFinder.UNREACHABLE && (full[start] == PathFinder.UNREACHABLE || full[c] < full[start]);
                if (needed) assertEquals(full[c], early[c], where + ": cell " + c);
                else if (early[c] != full[c]) assertEquals(PathFinder.UNREACHABLE, early[c], where + ": cell " + c + " beyond the start");
            }
            if (!a.passable(sx, sy)) continue;
            assertEquals(PathFinder.firstStep(a, sx, sy, gx, gy), PathFinder.firstStep(a, sx, sy, gx, gy, early, queue), where + ": first step");
            Fighter self = Fighter.spawn(sx, sy, 8, 4, SeasonConstants.DEFAULT);
            Fighter enemy = Fighter.spawn(gx, gy, 6, 4, SeasonConstants.DEFAULT);
            assertArrayEquals(GreedyPolicy.outputs(SeasonConstants.DEFAULT, a, self, enemy),
                    GreedyPolicy.outputs(SeasonConstants.DEFAULT, a, self, enemy, early, queue), where + ": greedy");
        }
    }
}
