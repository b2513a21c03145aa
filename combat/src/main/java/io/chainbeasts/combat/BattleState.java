package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;

/**
 * The state between two turns: how many turns have been resolved and both fighters.
 *
 * <p>Canonical encoding (20 bytes): {@code u16 turn, Fighter a, Fighter b}.
 */
public record BattleState(int turn, Fighter a, Fighter b) {
    public static final int ENCODED_SIZE = 2 + 2 * Fighter.ENCODED_SIZE;

    public Fighter fighter(int side) {
        return side == 0 ? a : b;
    }

    public void encode(CanonicalWriter w) {
        w.u16(turn);
        a.encode(w);
        b.encode(w);
    }

    public byte[] toBytes() {
        CanonicalWriter w = new CanonicalWriter(ENCODED_SIZE);
        encode(w);
        return w.toByteArray();
    }

    public static BattleState decode(CanonicalReader r) {
        return new BattleState(r.u16("turn"), Fighter.decode(r, "a"), Fighter.decode(r, "b"));
    }

    /**
     * Checks every invariant of a state on an arena under a season; throws
     * {@link InvalidStateException} naming the first field that breaks one.
     */
    public void validate(Arena arena, SeasonConstants season) {
        if (turn > season.maxTurns()) {
            throw new InvalidStateException("turn " + turn + " is past maxTurns " + season.maxTurns());
        }
        validate(a, "a", arena, season);
        validate(b, "b", arena, season);
        if (a.x() == b.x() && a.y() == b.y()) {
            throw new InvalidStateException("a and b share the cell (" + a.x() + "," + a.y() + ")");
        }
    }

    private static void validate(Fighter f, String who, Arena arena, SeasonConstants season) {
        if (!arena.inside(f.x(), f.y())) {
            throw new InvalidStateException(who + " position (" + f.x() + "," + f.y() + ") is off the "
                    + arena.width() + "x" + arena.height() + " grid");
        }
        if (arena.tile(f.x(), f.y()) == Tile.WALL) {
            throw new InvalidStateException(who + " stands on a wall at (" + f.x() + "," + f.y() + ")");
        }
        range(who, "hp", f.hp(), 0, season.maxHp());
        range(who, "stamina", f.stamina(), 0, season.maxStamina());
        range(who, "attack", f.attack(), 0, season.maxPower());
        range(who, "defense", f.defense(), 0, 255);
        range(who, "tempDef", f.tempDef(), 0, season.blockCap());
        if (!ActionKind.isValid(f.lastAction())) {
            throw new InvalidStateException(who + ".lastAction " + f.lastAction() + " is not an action kind");
        }
    }

    /** The field's name is built only on failure: this check runs on every turn the teacher searches. */
    private static void range(String who, String field, int v, int lo, int hi) {
        if (v < lo || v > hi) throw new InvalidStateException(who + "." + field + " = " + v + " is outside " + lo + ".." + hi);
    }
}
