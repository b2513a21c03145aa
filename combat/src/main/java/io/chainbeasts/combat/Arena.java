package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.SplitMix64;

import java.util.Arrays;

/**
 * An immutable grid of {@link Tile}s, row-major ({@code index = y * width + x}), with the two
 * spawn cells chosen by the generator.
 *
 * <p>Canonical encoding: {@code u8 width, u8 height, width*height x u8 tile}.
 */
public final class Arena {
    /** Generation attempts before falling back to a wall-free arena (see {@link #generate}). */
    static final int MAX_ATTEMPTS = 64;

    private final int width;
    private final int height;
    private final byte[] tiles;
    /** Row y's passable cells as bits (bit x), for {@link PathBits}; null on arenas wider or taller than 32. */
    private final int[] openRows;

    private Arena(int width, int height, byte[] tiles) {
        this.width = width;
        this.height = height;
        this.tiles = tiles;
        this.openRows = width <= PathBits.MAX_SIDE && height <= PathBits.MAX_SIDE ? PathBits.openRows(width, height, tiles) : null;
    }

    /** Builds an arena from tile codes; rejects unknown codes naming the cell. */
    public static Arena of(int width, int height, byte[] tiles) {
        if (width < 1 || width > 255 || height < 1 || height > 255) {
            throw new IllegalArgumentException("arena size " + width + "x" + height + " is outside 1..255");
        }
        if (tiles.length != width * height) {
            throw new IllegalArgumentException("arena needs " + width * height + " tiles, got " + tiles.length);
        }
        for (int i = 0; i < tiles.length; i++) {
            if (!Tile.isValid(tiles[i])) {
                throw new IllegalArgumentException("unknown tile code " + tiles[i] + " at x=" + i % width + " y=" + i / width);
            }
        }
        return new Arena(width, height, tiles.clone());
    }

    /** Parses rows of glyphs ('.', '#', '~'); rejects ragged rows and unknown glyphs naming row and column. */
    public static Arena parse(String... rows) {
        if (rows.length == 0) throw new IllegalArgumentException("arena has no rows");
        int w = rows[0].length();
        byte[] t = new byte[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length() != w) {
                throw new IllegalArgumentException("arena row " + y + " has " + rows[y].length() + " cells, expected " + w);
            }
            for (int x = 0; x < w; x++) {
                int code = Tile.fromGlyph(rows[y].charAt(x));
                if (code < 0) {
                    throw new IllegalArgumentException("unknown tile '" + rows[y].charAt(x) + "' at row " + y + " column " + x);
                }
                t[y * w + x] = (byte) code;
            }
        }
        return of(w, rows.length, t);
    }

    /**
     * Generates an arena from a seed (SPEC.md "Arena generation"): each cell in row-major order
     * draws {@code r = next() & 0xFF}: WALL if {@code r < wallPer256}, else HAZARD if
     * {@code r < wallPer256 + hazardPer256}, else FLOOR. Spawn A is a uniformly drawn FLOOR cell in
     * the left third of the columns, B in the right third. If a third has no floor or the spawns are
     * not connected, the whole draw repeats from the continuing stream, up to {@link #MAX_ATTEMPTS}
     * times; after that every cell becomes FLOOR (SPEC.md §6) and the spawns are drawn once more.
     */
    public static Generated generate(long seed, SeasonConstants season) {
        return generate(seed, season, null);
    }

    /**
     * {@link #generate(long, SeasonConstants)}, the same arena; the spawns' connection is checked with {@code paths}
     * (the bitboard search, the optimised kernel's) when it is not null, else with {@link PathFinder#distance}.
     */
    public static Generated generate(long seed, SeasonConstants season, PathBits paths) {
        SplitMix64 rng = new SplitMix64(seed);
        int w = season.arenaWidth();
        int h = season.arenaHeight();
        byte[] t = new byte[w * h];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            drawTiles(rng, season, t);
            Generated g = placeSpawns(rng, w, h, t, paths);
            if (g != null) return g;
        }
        // Fallback: an all-FLOOR arena. Spawns need FLOOR cells (not hazards), and every third of the
        // columns of an open grid has some, so this draw always succeeds.
        for (int i = 0; i < t.length; i++) t[i] = Tile.FLOOR;
        Generated g = placeSpawns(rng, w, h, t, paths);
        if (g == null) throw new IllegalStateException("an all-floor " + w + "x" + h + " arena failed to place spawns");
        return g;
    }

    private static void drawTiles(SplitMix64 rng, SeasonConstants season, byte[] t) {
        for (int i = 0; i < t.length; i++) {
            int r = (int) (rng.next() & 0xFF);
            if (r < season.wallPer256()) t[i] = Tile.WALL;
            else if (r < season.wallPer256() + season.hazardPer256()) t[i] = Tile.HAZARD;
            else t[i] = Tile.FLOOR;
        }
    }

    private static Generated placeSpawns(SplitMix64 rng, int w, int h, byte[] t, PathBits paths) {
        int third = Math.max(1, w / 3);
        int a = drawFloorCell(rng, w, h, t, 0, third);
        int b = drawFloorCell(rng, w, h, t, w - third, w);
        if (a < 0 || b < 0) return null;
        Arena arena = new Arena(w, h, t.clone());
        int d = paths == null ? PathFinder.distance(arena, a % w, a / w, b % w, b / w) : paths.distance(arena, a % w, a / w, b % w, b / w);
        if (d < 0) return null;
        return new Generated(arena, a % w, a / w, b % w, b / w);
    }

    /** Draws one FLOOR cell with x in [x0, x1), uniformly by row-major rank; -1 if there is none. */
    private static int drawFloorCell(SplitMix64 rng, int w, int h, byte[] t, int x0, int x1) {
        int count = 0;
        for (int y = 0; y < h; y++) for (int x = x0; x < x1; x++) if (t[y * w + x] == Tile.FLOOR) count++;
        if (count == 0) return -1;
        int k = rng.nextInt(count);
        for (int y = 0; y < h; y++) {
            for (int x = x0; x < x1; x++) {
                if (t[y * w + x] == Tile.FLOOR && k-- == 0) return y * w + x;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** A generated arena with its spawn cells. */
    public record Generated(Arena arena, int ax, int ay, int bx, int by) {}

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean inside(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    /** The tile at (x, y); off-grid reads as WALL (the grid's edge behaves like a wall). */
    public int tile(int x, int y) {
        return inside(x, y) ? tiles[y * width + x] : Tile.WALL;
    }

    public boolean passable(int x, int y) {
        return tile(x, y) != Tile.WALL;
    }

    public byte[] tiles() {
        return tiles.clone();
    }

    /** The tiles without a copy, for the path search's inner loop (package-private: never written). */
    byte[] tilesView() {
        return tiles;
    }

    /** The passable cells as row bitmasks without a copy (package-private: never written); null past 32x32. */
    int[] openRowsView() {
        return openRows;
    }

    public String[] rows() {
        String[] rows = new String[height];
        for (int y = 0; y < height; y++) {
            StringBuilder sb = new StringBuilder(width);
            for (int x = 0; x < width; x++) sb.append(Tile.glyph(tiles[y * width + x]));
            rows[y] = sb.toString();
        }
        return rows;
    }

    public void encode(CanonicalWriter w) {
        w.u8(width).u8(height).bytes(tiles);
    }

    public static Arena decode(CanonicalReader r) {
        int w = r.u8("arena.width");
        int h = r.u8("arena.height");
        byte[] t = r.bytes(w * h, "arena.tiles");
        try {
            return of(w, h, t);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Arena a && a.width == width && a.height == height && Arrays.equals(a.tiles, tiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tiles) * 31 + width * 7 + height;
    }
}
