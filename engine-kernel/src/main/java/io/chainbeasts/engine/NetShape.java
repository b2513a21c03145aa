package io.chainbeasts.engine;

/**
 * The creature net's fixed shape: {@code N_IN} inputs, a slab of {@code HIDDEN} ReLU units in
 * {@code SLOTS} slots of {@code UNITS_PER_SLOT}, and {@code N_OUT} outputs
 * {@code [move_N, move_S, move_E, move_W, stay, attack, block]} (kernel v2: five move classes, and the power
 * output says only whether to attack, at full power). A slot is live when its bit in
 * activeMask is set; dormant units output 0, receive no updates, and their outgoing weights stay 0
 * until a growth spurt wakes them.
 */
public final class NetShape {
    private NetShape() {}

    public static final int N_IN = InputEncoder.SIZE;
    public static final int HIDDEN = 64;
    public static final int SLOTS = 8;
    public static final int UNITS_PER_SLOT = HIDDEN / SLOTS;
    public static final int N_OUT = 7;

    /** The move head: the four directions then stay ({@code Label.STAY}). */
    public static final int MOVE_OUTS = 5;
    public static final int OUT_STAY = 4;
    public static final int OUT_POWER = 5;
    public static final int OUT_BLOCK = 6;

    /** Slots live at hatch: the first four (32 units). */
    public static final int HATCH_MASK = 0x0F;
    public static final int ALL_SLOTS_MASK = (1 << SLOTS) - 1;

    /** Parameters owned by one hidden unit: its input row, its bias, its output column. */
    public static final int PARAMS_PER_UNIT = N_IN + 1 + N_OUT;
    /** Every parameter of the slab: all units plus the output biases. */
    public static final int SLAB_PARAMS = HIDDEN * PARAMS_PER_UNIT + N_OUT;

    public static boolean unitActive(int activeMask, int unit) {
        return ((activeMask >>> (unit / UNITS_PER_SLOT)) & 1) != 0;
    }

    public static int activeParams(int activeMask) {
        return Integer.bitCount(activeMask & ALL_SLOTS_MASK) * UNITS_PER_SLOT * PARAMS_PER_UNIT + N_OUT;
    }
}
