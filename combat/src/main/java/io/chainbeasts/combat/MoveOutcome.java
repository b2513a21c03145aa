package io.chainbeasts.combat;

/** What became of a move (typed outcome; an illegal move is an ordinary result, not an exception). */
public final class MoveOutcome {
    private MoveOutcome() {}

    public static final int NONE = 0;       // the action was not a move
    public static final int MOVED = 1;
    public static final int BUMP_EDGE = 2;  // target off the grid: cancelled
    public static final int BUMP_WALL = 3;  // target is a WALL: cancelled
    public static final int COLLIDED = 4;   // target is the other creature's cell, or both picked one cell: cancelled

    private static final String[] NAMES = {"-", "moved", "bumped edge", "bumped wall", "collided"};

    public static String name(int o) {
        return NAMES[o];
    }
}
