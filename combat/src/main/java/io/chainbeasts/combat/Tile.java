package io.chainbeasts.combat;

/** Tile codes of the arena grid (one byte each in the canonical encoding). */
public final class Tile {
    private Tile() {}

    public static final int FLOOR = 0;
    public static final int WALL = 1;
    public static final int HAZARD = 2;

    public static boolean isValid(int code) {
        return code >= FLOOR && code <= HAZARD;
    }

    public static char glyph(int code) {
        switch (code) {
            case FLOOR: return '.';
            case WALL: return '#';
            case HAZARD: return '~';
            default: throw new IllegalArgumentException("unknown tile code " + code);
        }
    }

    /** Parses a glyph; -1 if it is not a tile. */
    public static int fromGlyph(char c) {
        switch (c) {
            case '.': return FLOOR;
            case '#': return WALL;
            case '~': return HAZARD;
            default: return -1;
        }
    }
}
