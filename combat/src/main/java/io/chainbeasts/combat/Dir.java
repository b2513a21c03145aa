package io.chainbeasts.combat;

/**
 * The four move directions, in the order of the net's move logits and of every tie-break:
 * N, S, E, W. Row 0 is the top of the grid, so N decreases y.
 */
public final class Dir {
    private Dir() {}

    public static final int N = 0;
    public static final int S = 1;
    public static final int E = 2;
    public static final int W = 3;
    public static final int COUNT = 4;
    /** "No direction" (an action without a move, or no path). */
    public static final int NONE = 255;

    public static final int[] DX = {0, 0, 1, -1};
    public static final int[] DY = {-1, 1, 0, 0};

    private static final String[] NAMES = {"N", "S", "E", "W"};

    public static String name(int dir) {
        return dir == NONE ? "-" : NAMES[dir];
    }

    public static int parse(String s) {
        for (int d = 0; d < COUNT; d++) if (NAMES[d].equals(s)) return d;
        throw new IllegalArgumentException("unknown direction '" + s + "' (expected N, S, E or W)");
    }
}
