package io.chainbeasts.engine;

/**
 * Working arrays of one forward/backward pass; reused across steps, never part of the state. A scratch also picks
 * the kernel a training step runs: the optimised twin ({@link FastNet}, early-exit path search) unless made by
 * {@link #reference()}, which runs {@link Net} and the full path search as written in SPEC.md (benches and tests
 * compare the two; both give the same bits).
 */
public final class NetScratch {
    /** True: {@link MicroStep}, the sampler and the encoder run the readable reference kernel. */
    public final boolean reference;

    /**
     * True: {@link FastNet} runs its loops over the hidden units with the Vector API ({@link NetVectors}); the same bits
     * as without.
     */
    public final boolean vectors;

    /**
     * Whether this JVM runs the Vector API ({@code --add-modules jdk.incubator.vector}) with lanes wide enough to pay;
     * {@code -Dchainbeasts.vectors=false} turns it off.
     */
    public static final boolean VECTORS = vectorsUsable();

    private static boolean vectorsUsable() {
        if ("false".equals(System.getProperty("chainbeasts.vectors"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return NetVectors.worthwhile();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** A scratch for the optimised kernel, with the Vector API when {@link #VECTORS}. */
    public NetScratch() {
        this(false, VECTORS);
    }

    private NetScratch(boolean reference, boolean vectors) {
        this.reference = reference;
        this.vectors = vectors;
    }

    /** A scratch for the optimised kernel without the Vector API (its scalar loops), whatever the JVM offers. */
    public static NetScratch scalar() {
        return new NetScratch(false, false);
    }

    /**
     * A scratch for the optimised kernel with the Vector API whatever the CPU's lanes (where they are narrower the
     * Vector API runs its slow, exact fallback): the tests hold the vector code to the scalar loops on every machine.
     * The JVM must have the module.
     */
    static NetScratch vectorsOn() {
        return new NetScratch(false, true);
    }

    /** A scratch whose steps run the reference kernel ({@link Net}, full BFS). */
    public static NetScratch reference() {
        return new NetScratch(true, false);
    }

    public final int[] x = new int[NetShape.N_IN];
    /** The indices of the non-zero inputs, filled by {@link Net#forward}. */
    final int[] nz = new int[NetShape.N_IN];
    /** {@link FastNet}'s lists: the inputs equal to 1.0, the live units with h > 0, and their counts. */
    final int[] ones = new int[NetShape.N_IN];
    final int[] live = new int[NetShape.HIDDEN];
    /** {@link FastNet}'s input sums per hidden unit, before the bias. */
    final long[] acc = new long[NetShape.HIDDEN];
    /**
     * {@link FastNet}'s input-major copy of a state's w1 ({@code w1t[i * HIDDEN + j] == w1[j * N_IN + i]}), made by
     * {@link FastNet#bind} for one window and kept equal by every update; null until first bound.
     */
    int[] w1t;
    /** The w1 array {@link #w1t} mirrors while bound, else null (then FastNet reads the state's row-major w1). */
    int[] w1tOf;
    /**
     * While bound: {@link #acc} holds the first layer's sums of the inputs {@link #xBefore} under the current weights
     * (any weight update clears it), so the next forward pass adds only what changed.
     */
    boolean accCurrent;
    /** While bound: the updates leave the state's w1 behind the copy until {@link FastNet#flush}. */
    boolean deferred;
    final int[] xBefore = new int[NetShape.N_IN];
    /** The inputs that changed since {@link #xBefore}: where their weights start in {@link #w1t}, and by how much. */
    final int[] changedAt = new int[NetShape.N_IN];
    final long[] changedBy = new long[NetShape.N_IN];
    /** The backward pass's per-unit deltas of the 1.0 inputs, the units with a gradient and those whose delta is not 0. */
    final int[] delta = new int[NetShape.HIDDEN];
    final int[] graded = new int[NetShape.HIDDEN];
    final int[] moved = new int[NetShape.HIDDEN];
    int nOnes;
    int nOthers;
    int nLive;
    public final int[] pre = new int[NetShape.HIDDEN];
    public final int[] h = new int[NetShape.HIDDEN];
    public final int[] out = new int[NetShape.N_OUT];
    public final int[] g = new int[NetShape.N_OUT];
    public final int[] gh = new int[NetShape.HIDDEN];
    public final int[] p = new int[NetShape.MOVE_OUTS];
    /** Path-search scratch of the input encoder, for the largest arena a season allows (32 x 32). */
    public final int[] dist = new int[MAX_CELLS];
    public final int[] queue = new int[MAX_CELLS];
    /** The optimised kernel's path search (encoder, teacher, self-play enemy): the bitboard twin of the searches above. */
    public final io.chainbeasts.combat.PathBits paths = new io.chainbeasts.combat.PathBits();
    /** The optimised kernel's turn resolver (self-play), the allocation-light twin of {@code TurnResolver}. */
    public final io.chainbeasts.combat.FastTurnResolver turns = new io.chainbeasts.combat.FastTurnResolver();

    static final int MAX_CELLS = 32 * 32;
}
