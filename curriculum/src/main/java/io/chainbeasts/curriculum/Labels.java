package io.chainbeasts.curriculum;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.SeasonConstants;

/**
 * The training labels of kernel v2 (SPEC.md "Labels"): the teacher ({@link Lookahead}, a depth-1 integer
 * expectimax over the rules with the enemy modelled as greedy) scores every legal action of the board's self,
 * and each head learns its part of the teacher's choice in the appendage's order:
 * <ul>
 *   <li>power: 1 when ATTACK scores best of all actions, else 0;</li>
 *   <li>block: 1 when BLOCK scores higher than every move and rest, else 0;</li>
 *   <li>move: the best of the four moves and rest ({@link Label#STAY}), ties in the order N, S, E, W, rest.</li>
 * </ul>
 * An exhausted self (RECOVER only) trains no head.
 */
public final class Labels {
    private Labels() {}

    /** The move classes in tie-break order: the four directions, then stay. */
    private static final int[] MOVE_ORDER = {Dir.N, Dir.S, Dir.E, Dir.W, Lookahead.REST};

    /** Labels with a caller-owned teacher and scratch for its scores ({@link Lookahead#CANDIDATES} longs). */
    public static Label of(Board b, SeasonConstants season, Lookahead teacher, long[] values) {
        int best = teacher.search(season, b.arena(), b.asState(), values);
        if (best < 0) return new Label(Label.NONE, Label.NONE, Label.NONE);
        int move = Dir.NONE;
        for (int c : MOVE_ORDER) {
            if (values[c] != Lookahead.ILLEGAL && (move == Dir.NONE || values[c] > values[move])) move = c;
        }
        assert move != Dir.NONE : "a creature that is not exhausted can always rest";
        int power = best == Lookahead.ATTACK ? 1 : 0;
        int block = values[Lookahead.BLOCK] != Lookahead.ILLEGAL && values[Lookahead.BLOCK] > values[move] ? 1 : 0;
        return new Label(move, power, block, weightShift(values, best));
    }

    /** A wrong choice here costs a battle: the best and the worst legal action are half a win apart. */
    static final long STAKES_DECISIVE = Lookahead.WIN / 2;

    /**
     * The stakes of a board (cost-sensitive imitation): a board whose best and worst legal actions are
     * {@link #STAKES_DECISIVE} apart trains with weight 2 ({@code weightShift} 1), every other board with 1.
     * Boards where a mistake loses the game are rare in the sample stream; the weight keeps the kill shot and the
     * dodge of a fatal hit from drowning among the cheap decisions (measured: larger weights, 4x and 8x, made the
     * SGD unstable at the schedule's learning rates).
     */
    static int weightShift(long[] values, int best) {
        long worst = values[best];
        for (long v : values) if (v != Lookahead.ILLEGAL) worst = Math.min(worst, v);
        return values[best] - worst >= STAKES_DECISIVE ? 1 : 0;
    }

    /**
     * The label of a coach's demonstrated action (imitation): each head the action speaks for, in the appendage's
     * order. An attack says nothing about moving or blocking; a block says "no attack"; a move or a rest says "no
     * attack, no block" and which move class; a RECOVER (forced) trains nothing.
     */
    public static Label demonstrated(Demonstration d) {
        assert d.present() : "no demonstration";
        switch (d.kind()) {
            case ActionKind.ATTACK: return new Label(Label.NONE, 1, Label.NONE);
            case ActionKind.BLOCK: return new Label(Label.NONE, 0, 1);
            case ActionKind.MOVE: return new Label(d.dir(), 0, 0);
            case ActionKind.REST: return new Label(Label.STAY, 0, 0);
            default: return new Label(Label.NONE, Label.NONE, Label.NONE);
        }
    }

    /**
     * Whether a demonstration can be imitated on its board: the action is legal there under kernel v2 (a move must be
     * an open step). Packing refuses illegal ones; the kernel, which must be total, lets the teacher label a board
     * whose demonstration is not legal.
     */
    public static boolean isLegal(Demonstration d, Board b, SeasonConstants season) {
        if (!d.present()) return false;
        Fighter self = b.self().withStamina(Rules.staminaAtCommit(b.self(), season));
        switch (d.kind()) {
            case ActionKind.ATTACK: return Rules.canAttack(self, b.enemy());
            case ActionKind.MOVE: return Rules.canMove(self) && Rules.isOpenStep(b.arena(), self, b.enemy(), d.dir());
            case ActionKind.BLOCK: return Rules.canBlock(self);
            case ActionKind.REST: return Rules.canRest(self);
            default: return Rules.canRecover(self);
        }
    }

    public static Label of(Board b, SeasonConstants season) {
        return of(b, season, new Lookahead(season.cells(), Lookahead.TEACHER_DEPTH), new long[Lookahead.CANDIDATES]);
    }
}
