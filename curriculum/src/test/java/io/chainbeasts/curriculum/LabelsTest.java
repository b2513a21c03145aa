package io.chainbeasts.curriculum;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules' labels on hand-built boards (SPEC.md section 12). */
class LabelsTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    static Fighter f(int x, int y, int attack, int defense, int tempDef) {
        return new Fighter(x, y, 60, 12, attack, defense, tempDef, ActionKind.REST);
    }

    @Test
    void moveIsTheAStarStepAroundWalls() {
        Arena a = Arena.parse(".....", "..#..", ".....");
        assertEquals(Dir.E, Labels.of(new Board(a, f(0, 1, 15, 0, 0), f(4, 1, 15, 0, 0)), S).move());
        Arena open = Arena.parse(".....", ".....", ".....");
        assertEquals(Dir.NONE, Labels.of(new Board(open, f(1, 1, 15, 0, 0), f(2, 1, 15, 0, 0)), S).move(), "adjacent: no move");
        Arena split = Arena.parse("..#..", "..#..", "..#..");
        assertEquals(Dir.NONE, Labels.of(new Board(split, f(0, 0, 15, 0, 0), f(4, 0, 15, 0, 0)), S).move(), "unreachable: no move");
    }

    @Test
    void powerIsExpectedDamageOverMaxTimes15() {
        Arena a = Arena.parse(".....", ".....", ".....");
        // Not adjacent: 0.
        assertEquals(0, Labels.of(new Board(a, f(0, 0, 15, 0, 0), f(3, 0, 15, 0, 0)), S).power());
        // Adjacent, enemy without defense: expected = max = 15 -> 15.
        assertEquals(15, Labels.of(new Board(a, f(0, 0, 15, 0, 0), f(1, 0, 15, 0, 0)), S).power());
        // Enemy defense 32 + tempDef 64: expected floor(15*256/352) = 10, max 15 -> floor(10*15/15) = 10.
        assertEquals(10, Labels.of(new Board(a, f(0, 0, 15, 0, 0), f(1, 0, 15, 32, 64)), S).power());
        // Attack 10 vs defense 255 + tempDef 96: expected floor(10*256/607) = 4, max 10 -> floor(4*15/10) = 6.
        assertEquals(6, Labels.of(new Board(a, f(0, 0, 10, 0, 0), f(1, 0, 15, 255, 96)), S).power());
    }

    @Test
    void blockFollowsTempDefAgainstEightTenthsOfTheThreat() {
        Arena a = Arena.parse(".....", ".....", ".....");
        // Within two steps, enemy attack 11 (threat 88): tempDef 64 < 70.4 -> block; 96 -> no.
        assertEquals(1, Labels.of(new Board(a, f(0, 0, 15, 0, 64), f(2, 0, 11, 0, 0)), S).block());
        assertEquals(0, Labels.of(new Board(a, f(0, 0, 15, 0, 96), f(2, 0, 11, 0, 0)), S).block());
        // Enemy attack 10 (threat 80): tempDef 64 is not below 64 -> no block.
        assertEquals(0, Labels.of(new Board(a, f(0, 0, 15, 0, 64), f(2, 0, 10, 0, 0)), S).block());
        // Three steps away: no threat, no block.
        assertEquals(0, Labels.of(new Board(a, f(0, 0, 15, 0, 0), f(3, 0, 15, 0, 0)), S).block());
    }
}
