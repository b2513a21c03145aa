package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.Board;
import io.chainbeasts.curriculum.Demonstration;

/**
 * One row of a battle-sample dataset (spec/datasets.md "CSV schema"): the board before a turn as
 * seen by one side, the action that side committed in that turn, and how the battle ended for it.
 * A row without an action ({@code action == null}, written {@code -} in a CSV) is a board only; its
 * outcome is then {@link #UNKNOWN}.
 *
 * @param battleSeed the 64-bit battle seed ({@code BattleSetup.fromSeed}), any bit pattern
 * @param turn       turns resolved before this board (0 = the initial board); equal to {@code board.turn()}
 * @param side       0 = A, 1 = B: whose point of view {@code board.self()} is
 * @param board      arena, self, enemy and turn (the training sample)
 * @param action     the action committed by {@code self} in this turn, or null for none
 * @param outcome    {@link #WIN}, {@link #DRAW}, {@link #LOSS} or {@link #UNKNOWN} for {@code self}
 */
public record BattleRecord(long battleSeed, int turn, int side, Board board, Action action, int outcome) {
    public static final int LOSS = -1;
    public static final int DRAW = 0;
    public static final int WIN = 1;
    /** No outcome given ({@code -} in a CSV, 255 in HDF5): a row without an action, or a demonstration whose battle's end is not known. */
    public static final int UNKNOWN = 255;

    public BattleRecord {
        if (board.turn() != turn) throw new IllegalArgumentException("record turn " + turn + " but its board is at turn " + board.turn());
        if (action == null && outcome != UNKNOWN) throw new IllegalArgumentException("a row without an action has no outcome");
    }

    public static String outcomeName(int outcome) {
        switch (outcome) {
            case WIN: return "win";
            case DRAW: return "draw";
            case LOSS: return "loss";
            case UNKNOWN: return "-";
            default: throw new IllegalArgumentException("unknown outcome code " + outcome);
        }
    }

    /** Parses win/draw/loss/- ; returns Integer.MIN_VALUE when unknown. */
    public static int parseOutcome(String s) {
        switch (s) {
            case "win": return WIN;
            case "draw": return DRAW;
            case "loss": return LOSS;
            case "-": return UNKNOWN;
            default: return Integer.MIN_VALUE;
        }
    }

    /** A {@link Demonstration} outcome code for a record outcome code. */
    static int demonstrationOutcome(int outcome) {
        switch (outcome) {
            case WIN: return Demonstration.WIN;
            case DRAW: return Demonstration.DRAW;
            case LOSS: return Demonstration.LOSS;
            default: return Demonstration.UNKNOWN;
        }
    }

    /** A record outcome code for a {@link Demonstration} outcome code. */
    static int recordOutcome(int demonstrationOutcome) {
        switch (demonstrationOutcome) {
            case Demonstration.WIN: return WIN;
            case Demonstration.DRAW: return DRAW;
            case Demonstration.LOSS: return LOSS;
            default: return UNKNOWN;
        }
    }

    /** The coach's demonstration this row carries (NONE for a row without an action); the ATTACK power is not kept. */
    public Demonstration demonstration() {
        return action == null ? Demonstration.NONE : new Demonstration(action.kind(), action.dir(), demonstrationOutcome(outcome));
    }

    /** What a packed dataset keeps of this row. */
    public Sample sample() {
        return new Sample(board, demonstration());
    }
}
