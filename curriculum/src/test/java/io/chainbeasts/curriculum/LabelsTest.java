package io.chainbeasts.curriculum;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teacher's labels (kernel v2) and the demonstrations' labels on hand-built boards (SPEC.md "Labels"). */
class LabelsTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    static Fighter f(int x, int y, int hp, int stamina, int attack, int lastAction) {
        return new Fighter(x, y, hp, stamina, attack, 0, 0, lastAction);
    }

    static Fighter f(int x, int y) {
        return f(x, y, 60, 12, 15, ActionKind.REST);
    }

    @Test
    void farAwayTheMoveFollowsTheShortestPathAroundWalls() {
        Arena a = Arena.parse(new String[] {".....", ".###.", ".....", ".....", "....."});
        // (2,0) to the enemy at (2,2): N-S blocked by the wall row, so the path goes round by W or E; W is tried first.
        Label l = Labels.of(new Board(a, f(2, 0), f(2, 2)), S);
        assertTrue(l.move() == Dir.W || l.move() == Dir.E, "move " + l.move());
        assertEquals(0, l.power());
        assertEquals(0, l.block());
    }

    @Test
    void adjacentWithAKillTheLabelIsAttack() {
        Arena a = Arena.parse(new String[] {".....", ".....", ".....", ".....", "....."});
        Label l = Labels.of(new Board(a, f(1, 1), f(2, 1, 5, 12, 15, ActionKind.REST)), S);
        assertEquals(1, l.power());
        assertEquals(1, l.weightShift(), "a kill decides the battle: the board trains with weight 2");
        assertTrue(l.hasMove(), "the move head still learns what to do when not attacking");
    }

    @Test
    void anExhaustedCreatureTrainsNothing() {
        Arena a = Arena.parse(new String[] {".....", ".....", ".....", ".....", "....."});
        Label l = Labels.of(new Board(a, f(1, 1, 60, 0, 15, ActionKind.MOVE), f(3, 1)), S);
        assertFalse(l.hasMove());
        assertFalse(l.hasPower());
        assertFalse(l.hasBlock());
    }

    @Test
    void demonstrationsLabelTheHeadsTheActionSpeaksFor() {
        assertEquals(new Label(Label.NONE, 1, Label.NONE), Labels.demonstrated(new Demonstration(ActionKind.ATTACK, Dir.NONE, Demonstration.WIN)));
        assertEquals(new Label(Label.NONE, 0, 1), Labels.demonstrated(new Demonstration(ActionKind.BLOCK, Dir.NONE, Demonstration.WIN)));
        assertEquals(new Label(Dir.S, 0, 0), Labels.demonstrated(new Demonstration(ActionKind.MOVE, Dir.S, Demonstration.LOSS)));
        assertEquals(new Label(Label.STAY, 0, 0), Labels.demonstrated(new Demonstration(ActionKind.REST, Dir.NONE, Demonstration.DRAW)));
        assertEquals(new Label(Label.NONE, Label.NONE, Label.NONE),
                Labels.demonstrated(new Demonstration(ActionKind.RECOVER, Dir.NONE, Demonstration.UNKNOWN)));
    }

    @Test
    void demonstrationsAreImitatedOnlyWhereLegal() {
        Arena a = Arena.parse(new String[] {".....", ".#...", ".....", ".....", "....."});
        Board adjacent = new Board(a, f(2, 1), f(3, 1));
        Board apart = new Board(a, f(0, 0), f(4, 4));
        Board exhausted = new Board(a, f(2, 1, 60, 1, 15, ActionKind.ATTACK), f(3, 1));
        assertTrue(Labels.isLegal(new Demonstration(ActionKind.ATTACK, Dir.NONE, Demonstration.WIN), adjacent, S));
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.ATTACK, Dir.NONE, Demonstration.WIN), apart, S), "not adjacent");
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.MOVE, Dir.W, Demonstration.WIN), adjacent, S), "(1,1) is a wall");
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.MOVE, Dir.E, Demonstration.WIN), adjacent, S), "the enemy's cell");
        assertTrue(Labels.isLegal(new Demonstration(ActionKind.MOVE, Dir.S, Demonstration.WIN), adjacent, S));
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.MOVE, Dir.N, Demonstration.WIN), apart, S), "the edge");
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.RECOVER, Dir.NONE, Demonstration.WIN), adjacent, S), "not exhausted");
        assertTrue(Labels.isLegal(new Demonstration(ActionKind.RECOVER, Dir.NONE, Demonstration.WIN), exhausted, S));
        assertFalse(Labels.isLegal(new Demonstration(ActionKind.BLOCK, Dir.NONE, Demonstration.WIN), exhausted, S), "exhausted");
        assertFalse(Labels.isLegal(Demonstration.NONE, adjacent, S));
    }
}
