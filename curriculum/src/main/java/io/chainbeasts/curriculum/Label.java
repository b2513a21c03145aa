package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Dir;

/**
 * What one board trains (kernel v2), head by head in the order the appendage reads the outputs:
 * <ul>
 *   <li>{@code power}: 1 = attack (at full power), 0 = do not attack;</li>
 *   <li>{@code block}: 1 = block, 0 = do not (given no attack);</li>
 *   <li>{@code move}: a {@link Dir} or {@link #STAY} (rest), the best of those actions (given no attack and no block).</li>
 * </ul>
 * {@code weightShift}: the board's gradients are multiplied by {@code 2^weightShift}, the stakes of the decision
 * (see {@link Labels}). {@link #NONE} in a head means the board does not train it (an exhausted creature can only RECOVER; a
 * demonstration that attacks says nothing about where it would have moved).
 */
public record Label(int move, int power, int block, int weightShift) {
    /** The fifth move class: stay where you are (REST). */
    public static final int STAY = 4;
    public static final int MOVE_CLASSES = 5;
    /** This head is not trained on this board. */
    public static final int NONE = Dir.NONE;
    /** The largest weight a board trains with is 2^MAX_WEIGHT_SHIFT. */
    public static final int MAX_WEIGHT_SHIFT = 1;

    /** A label that trains with weight 1 (a demonstration, or a board with nothing at stake). */
    public Label(int move, int power, int block) {
        this(move, power, block, 0);
    }

    public Label {
        assert weightShift >= 0 && weightShift <= MAX_WEIGHT_SHIFT : "weight shift " + weightShift;
        assert move == NONE || (move >= 0 && move < MOVE_CLASSES) : "move label " + move;
        assert power == NONE || power == 0 || power == 1 : "power label " + power;
        assert block == NONE || block == 0 || block == 1 : "block label " + block;
    }

    public boolean hasMove() {
        return move != NONE;
    }

    public boolean hasPower() {
        return power != NONE;
    }

    public boolean hasBlock() {
        return block != NONE;
    }
}
