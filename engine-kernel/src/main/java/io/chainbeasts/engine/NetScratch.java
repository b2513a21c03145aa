package io.chainbeasts.engine;

/** Working arrays of one forward/backward pass; reused across steps, never part of the state. */
public final class NetScratch {
    public final int[] x = new int[NetShape.N_IN];
    /** The indices of the non-zero inputs, filled by {@link Net#forward}. */
    final int[] nz = new int[NetShape.N_IN];
    public final int[] pre = new int[NetShape.HIDDEN];
    public final int[] h = new int[NetShape.HIDDEN];
    public final int[] out = new int[NetShape.N_OUT];
    public final int[] g = new int[NetShape.N_OUT];
    public final int[] gh = new int[NetShape.HIDDEN];
    public final int[] p = new int[NetShape.MOVE_OUTS];
    /** Path-search scratch of the input encoder, for the largest arena a season allows (32 x 32). */
    public final int[] dist = new int[MAX_CELLS];
    public final int[] queue = new int[MAX_CELLS];

    static final int MAX_CELLS = 32 * 32;
}
