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

    private int[] layer = new int[MAX_SIDE];
    private int[] next = new int[MAX_SIDE];
    private final int[] seen = new int[MAX_SIDE];
    /** The layer just before the start cell's, after {@link #distance}; rows ylo..yhi only. */
    private int[] before = new int[MAX_SIDE];
    private int beforeLo;
    private int beforeHi = -1;
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
        beforeLo = 0;
        beforeHi = -1;
        if (sx == gx && sy == gy) return 0;
        int h = arena.height();
        int[] cur = layer;
        int[] nxt = next;
        for (int y = 0; y < h; y++) seen[y] = 0;
        cur[gy] = 1 << gx;
        seen[gy] = 1 << gx;
        int lo = gy;
        int hi = gy;
        int target = 1 << sx;
        for (int d = 1; ; d++) {
            int nlo = Math.max(0, lo - 1);
            int nhi = Math.min(h - 1, hi + 1);
            int any = 0;
            int newLo = -1;
            int newHi = -1;
            for (int y = nlo; y <= nhi; y++) {
                int f = y >= lo && y <= hi ? cur[y] : 0;
                int up = y - 1 >= lo && y - 1 <= hi ? cur[y - 1] : 0;
                int down = y + 1 >= lo && y + 1 <= hi ? cur[y + 1] : 0;
                int row = (f | f << 1 | f >>> 1 | up | down) & open[y] & ~seen[y];
                nxt[y] = row;
                if (row != 0) {
                    if (newLo < 0) newLo = y;
                    newHi = y;
                    any |= row;
                }
            }
            if (any == 0) {
                layer = cur;
                next = nxt;
                return PathFinder.UNREACHABLE;
            }
            if (sy >= newLo && sy <= newHi && (nxt[sy] & target) != 0) {
                // the start is in layer d: keep layer d - 1 (cur) as the one before it
                int[] keep = before;
                before = cur;
                beforeLo = lo;
                beforeHi = hi;
                layer = keep;
                next = nxt;
                return d;
            }
            for (int y = newLo; y <= newHi; y++) seen[y] |= nxt[y];
            int[] t = cur;
            cur = nxt;
            nxt = t;
            lo = newLo;
            hi = newHi;
        }
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
        int[] cur = layer;
        int[] nxt = next;
        for (int y = 0; y < h; y++) seen[y] = 0;
        cur[gy] = 1 << gx;
        seen[gy] = 1 << gx;
        dist[gy * w + gx] = 0;
        int lo = gy;
        int hi = gy;
        for (int d = 1; ; d++) {
            int nlo = Math.max(0, lo - 1);
            int nhi = Math.min(h - 1, hi + 1);
            int newLo = -1;
            int newHi = -1;
            for (int y = nlo; y <= nhi; y++) {
                int f = y >= lo && y <= hi ? cur[y] : 0;
                int up = y - 1 >= lo && y - 1 <= hi ? cur[y - 1] : 0;
                int down = y + 1 >= lo && y + 1 <= hi ? cur[y + 1] : 0;
                int row = (f | f << 1 | f >>> 1 | up | down) & open[y] & ~seen[y];
                nxt[y] = row;
                if (row != 0) {
                    if (newLo < 0) newLo = y;
                    newHi = y;
                    seen[y] |= row;
                    for (int bits = row; bits != 0; bits &= bits - 1) dist[y * w + Integer.numberOfTrailingZeros(bits)] = d;
                }
            }
            if (newLo < 0) break;
            int[] t = cur;
            cur = nxt;
            nxt = t;
            lo = newLo;
            hi = newHi;
        }
        layer = cur;
        next = nxt;
    }

    /** Whether (x, y) is in the layer before the start's of the last {@link #distance} (false off the grid). */
    private boolean closer(int x, int y) {
        return y >= beforeLo && y <= beforeHi && x >= 0 && x < MAX_SIDE && ((before[y] >>> x) & 1) != 0;
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
