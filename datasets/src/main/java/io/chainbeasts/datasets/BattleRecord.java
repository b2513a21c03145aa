package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.Board;

/**
 * One row of a battle-sample dataset (spec/datasets.md "CSV schema"): the board before a turn as
 * seen by one side, the action that side committed in that turn, and how the battle ended for it.
 *
 * @param battleSeed the 64-bit battle seed ({@code BattleSetup.fromSeed}), any bit pattern
 * @param turn       turns resolved before this board (0 = the initial board)
 * @param side       0 = A, 1 = B: whose point of view {@code board.self()} is
 * @param board      arena, self, enemy (the training sample)
 * @param action     the action committed by {@code self} in this turn
 * @param outcome    {@link #WIN}, {@link #DRAW} or {@link #LOSS} for {@code self}
 */
public record BattleRecord(long battleSeed, int turn, int side, Board board, Action action, int outcome) {
    public static final int LOSS = -1;
    public static final int DRAW = 0;
    public static final int WIN = 1;

    public static String outcomeName(int outcome) {
        switch (outcome) {
            case WIN: return "win";
            case DRAW: return "draw";
            case LOSS: return "loss";
            default: throw new IllegalArgumentException("unknown outcome code " + outcome);
        }
    }

    /** Parses win/draw/loss; returns Integer.MIN_VALUE when unknown. */
    public static int parseOutcome(String s) {
        switch (s) {
            case "win": return WIN;
            case "draw": return DRAW;
            case "loss": return LOSS;
            default: return Integer.MIN_VALUE;
        }
    }
}
