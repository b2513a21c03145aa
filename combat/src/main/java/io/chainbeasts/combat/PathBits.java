package io.chainbeasts.combat;

/**
 * The optimised twin of {@link PathFinder}'s breadth-first search (what the trainer's encoder, its teacher, the
 * self-play enemy and {@link GreedyPolicy} run; the readable search stays the reference, and {@code PathBitsTest} holds
 * the two equal on generated and hand-made arenas): the same layers, one bitmask per arena row.
 *
 * <p>A breadth-first search from the goal labels layer {@code d} (the cells at distance d) all at once: the passable,
 * unlabelled cells next to layer {@code d - 1}. On row bitmasks (bit x of row y is the cell (x, y)) the next layer
 * of a row is {@code (f | f << 1 | f >>> 1 | above | below) & open & ~seen}, a few operations per row instead of a
 * queue entry and four neighbour tests per cell. The search stops at the layer that holds the start cell and keeps
 * the layer before it: the start's neighbours one step closer to the goal are exactly that layer's cells next to it,
 * which is all {@link PathFinder#firstStep}, the encoder's path features and the teacher's distance read.
 *
 * <p>Arenas of up to 32 x 32 cells (every season's); larger ones (only hand-built arenas can be) run
 * {@link PathFinder}'s early-exit search. An instance holds the scratch rows: not for sharing between threads.
 */
public final class PathBits {
    /** The widest and tallest arena the row bitmasks hold. */
    public static final int MAX_SIDE = 32;

    /**
     * Layers as row bitmasks, row y at index y + 1: rows 0 and h + 1 stay 0, so the rows above and below need no
     * bounds check.
     */
    private int[] layer = new int[MAX_SIDE + 2];
    private int[] next = new int[MAX_SIDE + 2];
    private final int[] seen = new int[MAX_SIDE + 2];
    /** The layer just before the start cell's, after {@link #distance} (padded as the layers). */
    private int[] before = new int[MAX_SIDE + 2];
    /** Fallback scratch for arenas past 32 x 32, grown on demand. */
    private int[] dist = new int[0];
    private int[] queue = new int[0];
    private Arena fallbackArena;

    /** Row bitmasks of the passable (non-wall) cells of a row-major tile grid. */
    static int[] openRows(int width, int height, byte[] tiles) {
        int[] rows = new int[height];
        for (int y = 0; y < height; y++) {
            int row = 0;
            for (int x = 0; x < width; x++) if (tiles[y * width + x] != Tile.WALL) row |= 1 << x;
            rows[y] = row;
        }
        return rows;
    }

    /**
     * The path length from (sx, sy) to (gx, gy) over passable cells, or {@link PathFinder#UNREACHABLE}: the distance
     * {@link PathFinder#distancesTo} gives the start cell. The goal must be passable (as the reference, which labels it
     * 0 regardless, assumes); the start may be a wall (then it is unreachable unless it is the goal).
     */
    public int distance(Arena arena, int sx, int sy, int gx, int gy) {
        int[] open = arena.openRowsView();
        if (open == null) return fallbackDistance(arena, sx, sy, gx, gy);
        int h = arena.height();
        int[] cur = start(h, gx, gy);
        if (sx == gx && sy == gy) {
            java.util.Arrays.fill(before, 0, h + 2, 0);
            return 0;
        }
        int[] nxt = next;
        int target = 1 << sx;
        for (int d = 1; ; d++) {
            int any = expand(open, h, cur, nxt);
            if (any == 0) {
                layer = cur;
                next = nxt;
                return PathFinder.UNREACHABLE;
            }
            if ((nxt[sy + 1] & target) != 0) {
                // the start is in layer d: keep layer d - 1 (cur) as the one before it
                int[] keep = before;
                before = cur;
                layer = keep;
                next = nxt;
                return d;
            }
            int[] t = cur;
            cur = nxt;
            nxt = t;
        }
    }

    /** Clears the rows and puts layer 0, the goal, in the current layer; returns it. */
    private int[] start(int h, int gx, int gy) {
        int[] cur = layer;
        for (int y = 0; y < h + 2; y++) {
            cur[y] = 0;
            seen[y] = 0;
            next[y] = 0;
        }
        cur[gy + 1] = 1 << gx;
        seen[gy + 1] = 1 << gx;
        return cur;
    }

    /** The next layer of {@code cur} into {@code nxt}, marked seen; returns the union of its rows (0: none). */
    private int expand(int[] open, int h, int[] cur, int[] nxt) {
        int any = 0;
        for (int y = 1; y <= h; y++) {
            int f = cur[y];
            int row = (f | f << 1 | f >>> 1 | cur[y - 1] | cur[y + 1]) & open[y - 1] & ~seen[y];
            nxt[y] = row;
            seen[y] |= row;
            any |= row;
        }
        return any;
    }

    /**
     * {@link PathFinder#distancesTo(Arena, int, int, int[], int[])}, the same map: every cell's distance to (gx, gy),
     * {@link PathFinder#UNREACHABLE} where there is no path, written a layer at a time.
     */
    public void distancesTo(Arena arena, int gx, int gy, int[] dist) {
        int[] open = arena.openRowsView();
        int w = arena.width();
        int h = arena.height();
        if (open == null) {
            fallbackDistance(arena, gx, gy, gx, gy); // grows the scratch
            PathFinder.distancesTo(arena, gx, gy, dist, queue);
            return;
        }
        java.util.Arrays.fill(dist, 0, w * h, PathFinder.UNREACHABLE);
        dist[gy * w + gx] = 0;
        int[] cur = start(h, gx, gy);
        int[] nxt = next;
        for (int d = 1; expand(open, h, cur, nxt) != 0; d++) {
            for (int y = 1; y <= h; y++) {
                for (int bits = nxt[y]; bits != 0; bits &= bits - 1) dist[(y - 1) * w + Integer.numberOfTrailingZeros(bits)] = d;
            }
            int[] t = cur;
            cur = nxt;
            nxt = t;
        }
        layer = cur;
        next = nxt;
    }

    /** Whether (x, y) is in the layer before the start's of the last {@link #distance} (false off the grid). */
    private boolean closer(int x, int y) {
        return y >= 0 && y < MAX_SIDE && x >= 0 && x < MAX_SIDE && ((before[y + 1] >>> x) & 1) != 0;
    }

    /**
     * The directions N, S, E, W (bit d) whose step from (sx, sy) is one closer to (gx, gy) along a shortest path:
     * the neighbours whose BFS distance to the goal is below the start's (the encoder's path features; none when the
     * goal cannot be reached).
     */
    public int closerSteps(Arena arena, int sx, int sy, int gx, int gy) {
        int here = distance(arena, sx, sy, gx, gy);
        if (here == PathFinder.UNREACHABLE || here == 0) return 0;
        int bits = 0;
        for (int d = 0; d < Dir.COUNT; d++) {
            if (isCloser(arena, sx + Dir.DX[d], sy + Dir.DY[d], here)) bits |= 1 << d;
        }
        return bits;
    }

    /** {@link PathFinder#firstStep(Arena, int, int, int, int)}, the same choice: the closer neighbour of lowest Manhattan distance, ties N, S, E, W. */
    public int firstStep(Arena arena, int x, int y, int gx, int gy) {
        int here = distance(arena, x, y, gx, gy);
        if (here <= 1) return Dir.NONE; // adjacent, on the goal or unreachable (-1)
        int best = Dir.NONE;
        int bestH = Integer.MAX_VALUE;
        for (int d = 0; d < Dir.COUNT; d++) {
            int nx = x + Dir.DX[d];
            int ny = y + Dir.DY[d];
            if (!isCloser(arena, nx, ny, here)) continue;
            int h = Math.abs(gx - nx) + Math.abs(gy - ny);
            if (h < bestH) {
                best = d;
                bestH = h;
            }
        }
        assert best != Dir.NONE : "BFS distance " + here + " at (" + x + "," + y + ") has no closer neighbour";
        return best;
    }

    /** After {@link #distance} returned {@code here} (above 0): whether the cell (x, y) is at distance here - 1. */
    private boolean isCloser(Arena arena, int x, int y, int here) {
        if (fallbackArena == arena) {
            if (!arena.inside(x, y)) return false;
            int there = dist[y * arena.width() + x];
            return there != PathFinder.UNREACHABLE && there == here - 1;
        }
        return closer(x, y);
    }

    private int fallbackDistance(Arena arena, int sx, int sy, int gx, int gy) {
        int n = arena.width() * arena.height();
        if (dist.length < n) {
            dist = new int[n];
            queue = new int[n];
        }
        fallbackArena = arena;
        PathFinder.distancesTo(arena, gx, gy, dist, queue, sx, sy);
        return dist[sy * arena.width() + sx];
    }
}
