package io.chainbeasts.combat;

/**
 * Shortest 4-connected paths on the arena (the "A* optimal step" of the rules).
 *
 * <p>All steps cost 1 (hazards are passable; their stamina cost is not part of path length), so
 * the optimal path length A* returns is the breadth-first distance. The optimal first step is,
 * among the neighbours one step closer to the goal, the one with the smallest Manhattan distance
 * to the goal (A*'s usual tie-break: prefer the lower heuristic h among equal f), then the first
 * in the order N, S, E, W. Exact
 * distances come from one BFS from the goal: plain arrays and a fixed queue. This is the reference that {@link PathBits}
 * (the search the trainer and the OpenCL kernel run) is held to.
 */
public final class PathFinder {
    private PathFinder() {}

    public static final int UNREACHABLE = -1;

    /**
     * Fills {@code dist} (length width*height) with the BFS distance of every cell to (gx, gy)
     * over passable cells; {@link #UNREACHABLE} where there is no path. {@code queue} is scratch
     * space of the same length.
     */
    public static void distancesTo(Arena arena, int gx, int gy, int[] dist, int[] queue) {
        int w = arena.width();
        int n = w * arena.height();
        for (int i = 0; i < n; i++) dist[i] = UNREACHABLE;
        int head = 0;
        int tail = 0;
        dist[gy * w + gx] = 0;
        queue[tail++] = gy * w + gx;
        while (head < tail) {
            int cell = queue[head++];
            int cx = cell % w;
            int cy = cell / w;
            for (int d = 0; d < Dir.COUNT; d++) {
                int nx = cx + Dir.DX[d];
                int ny = cy + Dir.DY[d];
                if (!arena.passable(nx, ny)) continue;
                int ni = ny * w + nx;
                if (dist[ni] != UNREACHABLE) continue;
                dist[ni] = dist[cell] + 1;
                queue[tail++] = ni;
            }
        }
    }

    /**
     * The early-exit form (the optimised path; {@link #distancesTo(Arena, int, int, int[], int[])} is the
     * reference): the same breadth-first search from (gx, gy), stopped as soon as the cell (sx, sy) has its distance.
     * Then {@code dist} holds the exact distance of (sx, sy) and of every cell nearer to the goal than it (in a BFS
     * every cell at distance D - 1 is labelled before the first cell at distance D), and {@link #UNREACHABLE} for
     * the cells not reached yet; that is all {@link #firstStep(Arena, int, int, int, int, int[])} and the encoder's
     * path features read. Allocates nothing; {@code queue} is scratch of the arena's cells.
     */
    public static void distancesTo(Arena arena, int gx, int gy, int[] dist, int[] queue, int sx, int sy) {
        int w = arena.width();
        int h = arena.height();
        java.util.Arrays.fill(dist, 0, w * h, UNREACHABLE);
        int stop = sy * w + sx;
        int goal = gy * w + gx;
        dist[goal] = 0;
        if (goal == stop) return;
        byte[] tiles = arena.tilesView();
        int head = 0;
        int tail = 0;
        queue[tail++] = goal;
        while (head < tail) {
            int cell = queue[head++];
            int cy = cell / w; // one division per cell, none per neighbour
            int cx = cell - cy * w;
            int next = dist[cell] + 1;
            // the neighbours N, S, E, W that are inside the grid, not a wall (arena.passable, inlined) and unlabelled
            for (int d = 0; d < Dir.COUNT; d++) {
                int ni;
                if (d == Dir.N) ni = cy > 0 ? cell - w : -1;
                else if (d == Dir.S) ni = cy < h - 1 ? cell + w : -1;
                else if (d == Dir.E) ni = cx < w - 1 ? cell + 1 : -1;
                else ni = cx > 0 ? cell - 1 : -1;
                if (ni < 0 || tiles[ni] == Tile.WALL || dist[ni] != UNREACHABLE) continue;
                dist[ni] = next;
                if (ni == stop) return;
                queue[tail++] = ni;
            }
        }
    }

    /** Path length from (x, y) to (gx, gy), or {@link #UNREACHABLE}. */
    public static int distance(Arena arena, int x, int y, int gx, int gy) {
        int n = arena.width() * arena.height();
        int[] dist = new int[n];
        distancesTo(arena, gx, gy, dist, new int[n], x, y);
        return dist[y * arena.width() + x];
    }

    /**
     * The optimal first step from (x, y) toward (gx, gy): among the neighbours whose distance is one
     * less, the one with the smallest Manhattan distance to (gx, gy); ties go to the first of N, S,
     * E, W. {@link Dir#NONE} when already adjacent or on the goal (no step needed) or when the goal
     * is unreachable.
     */
    public static int firstStep(Arena arena, int x, int y, int gx, int gy, int[] distToGoal) {
        int w = arena.width();
        int here = distToGoal[y * w + x];
        if (here <= 1) return Dir.NONE;
        int best = Dir.NONE;
        int bestH = Integer.MAX_VALUE;
        for (int d = 0; d < Dir.COUNT; d++) {
            int nx = x + Dir.DX[d];
            int ny = y + Dir.DY[d];
            if (!arena.passable(nx, ny)) continue;
            if (distToGoal[ny * w + nx] != here - 1) continue;
            int h = Math.abs(gx - nx) + Math.abs(gy - ny);
            if (h < bestH) {
                best = d;
                bestH = h;
            }
        }
        assert best != Dir.NONE : "BFS distance " + here + " at (" + x + "," + y + ") has no closer neighbour";
        return best;
    }

    /**
     * {@link #firstStep(Arena, int, int, int, int)} without allocating: an early-exit search into {@code dist} and
     * {@code queue} (scratch of the arena's cells each), then the same choice.
     */
    public static int firstStep(Arena arena, int x, int y, int gx, int gy, int[] dist, int[] queue) {
        distancesTo(arena, gx, gy, dist, queue, x, y);
        return firstStep(arena, x, y, gx, gy, dist);
    }

    /** Convenience form of {@link #firstStep(Arena, int, int, int, int, int[])} that runs its own BFS (the reference). */
    public static int firstStep(Arena arena, int x, int y, int gx, int gy) {
        int n = arena.width() * arena.height();
        int[] dist = new int[n];
        distancesTo(arena, gx, gy, dist, new int[n]);
        return firstStep(arena, x, y, gx, gy, dist);
    }
}
