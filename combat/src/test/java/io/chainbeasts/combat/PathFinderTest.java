package io.chainbeasts.combat;

import org.junit.jupiter.api.Test;

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
}
