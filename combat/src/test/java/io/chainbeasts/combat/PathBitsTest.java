package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bitboard search ({@link PathBits}) against the readable full search ({@link PathFinder}), cell pair by cell pair. */
class PathBitsTest {
    /** Every start and goal cell of an arena (walls included): distance, first step, closer steps and greedy agree. */
    static void agreeEverywhere(Arena a, String what) {
        PathBits bits = new PathBits();
        int w = a.width();
        int n = w * a.height();
        int[] full = new int[n];
        for (int goal = 0; goal < n; goal++) {
            int gx = goal % w, gy = goal / w;
            if (!a.passable(gx, gy)) continue;
            PathFinder.distancesTo(a, gx, gy, full, new int[n]);
            int[] map = new int[n];
            bits.distancesTo(a, gx, gy, map);
            assertArrayEquals(full, map, what + ": distances to (" + gx + "," + gy + ")");
            for (int start = 0; start < n; start++) {
                int sx = start % w, sy = start / w;
                String where = what + " from (" + sx + "," + sy + ") to (" + gx + "," + gy + ")";
                assertEquals(full[start], bits.distance(a, sx, sy, gx, gy), where + ": distance");
                if (!a.passable(sx, sy)) continue;
                int closer = 0;
                if (full[start] != PathFinder.UNREACHABLE) {
                    for (int d = 0; d < Dir.COUNT; d++) {
                        int nx = sx + Dir.DX[d], ny = sy + Dir.DY[d];
                        if (!a.passable(nx, ny)) continue;
                        int there = full[ny * w + nx];
                        if (there != PathFinder.UNREACHABLE && there < full[start]) closer |= 1 << d;
                    }
                }
                assertEquals(closer, bits.closerSteps(a, sx, sy, gx, gy), where + ": closer steps");
                assertEquals(PathFinder.firstStep(a, sx, sy, gx, gy), bits.firstStep(a, sx, sy, gx, gy), where + ": first step");
                if (start == goal) continue;
                Fighter self = new Fighter(sx, sy, 30, 6, 12, 4, start % 3 * 32, start % 4);
                Fighter enemy = new Fighter(gx, gy, 30, 6, 10 + goal % 6, 4, 0, goal % 4);
                assertArrayEquals(GreedyPolicy.outputs(SeasonConstants.DEFAULT, a, self, enemy),
                        GreedyPolicy.outputs(SeasonConstants.DEFAULT, a, self, enemy, bits), where + ": greedy");
            }
        }
    }

    @Property(tries = 60)
    void agreesOnGeneratedArenas(@ForAll long seed) {
        agreeEverywhere(Arena.generate(seed, SeasonConstants.DEFAULT).arena(), "seed " + seed);
    }

    /** Random grids of any size up to 32 x 32 and wall density, the edges of the row masks included. */
    @Property(tries = 120)
    void agreesOnRandomGrids(@ForAll long seed, @ForAll @IntRange(min = 1, max = 32) int w, @ForAll @IntRange(min = 1, max = 32) int h,
                             @ForAll @IntRange(min = 0, max = 200) int wallPer256) {
        SplitMix64 r = new SplitMix64(seed);
        byte[] t = new byte[w * h];
        for (int i = 0; i < t.length; i++) {
            int v = (int) (r.next() & 0xFF);
            t[i] = (byte) (v < wallPer256 ? Tile.WALL : v < wallPer256 + 30 ? Tile.HAZARD : Tile.FLOOR);
        }
        Arena a = Arena.of(w, h, t);
        if (w * h > 256) { // every goal is slow on the largest grids: a sample of cell pairs
            sample(a, r, "grid " + w + "x" + h + " seed " + seed);
        } else {
            agreeEverywhere(a, "grid " + w + "x" + h + " seed " + seed);
        }
    }

    private static void sample(Arena a, SplitMix64 r, String what) {
        PathBits bits = new PathBits();
        int w = a.width();
        int n = w * a.height();
        int[] full = new int[n];
        for (int k = 0; k < 200; k++) {
            int goal = r.nextInt(n), start = r.nextInt(n);
            int gx = goal % w, gy = goal / w, sx = start % w, sy = start / w;
            if (!a.passable(gx, gy)) continue;
            PathFinder.distancesTo(a, gx, gy, full, new int[n]);
            String where = what + " from (" + sx + "," + sy + ") to (" + gx + "," + gy + ")";
            assertEquals(full[start], bits.distance(a, sx, sy, gx, gy), where + ": distance");
            if (a.passable(sx, sy)) assertEquals(PathFinder.firstStep(a, sx, sy, gx, gy), bits.firstStep(a, sx, sy, gx, gy), where + ": first step");
        }
    }

    /** Past 32 columns the rows do not fit an int: the search falls back to the early-exit queue search. */
    @Test
    void widerThan32FallsBack() {
        SplitMix64 r = new SplitMix64(7);
        byte[] t = new byte[40 * 3];
        for (int i = 0; i < t.length; i++) t[i] = (byte) ((r.next() & 7) == 0 ? Tile.WALL : Tile.FLOOR);
        agreeEverywhere(Arena.of(40, 3, t), "40x3");
        agreeEverywhere(Arena.parse(".#...", ".#...", "....."), "detour");
        agreeEverywhere(Arena.parse("..#..", "..#.."), "cut off");
    }
}
