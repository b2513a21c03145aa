package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;

/**
 * One creature's combat state. Immutable; the resolver builds the next one.
 *
 * <p>Canonical encoding (9 bytes): {@code u8 x, u8 y, u16 hp, u8 stamina, u8 attack, u8 defense,
 * u8 tempDef, u8 lastAction}.
 */
public record Fighter(int x, int y, int hp, int stamina, int attack, int defense, int tempDef, int lastAction) {
    public static final int ENCODED_SIZE = 9;

    /** A fresh fighter at (x, y) with full HP and stamina. */
    public static Fighter spawn(int x, int y, int attack, int defense, SeasonConstants season) {
        return new Fighter(x, y, season.maxHp(), season.maxStamina(), attack, defense, 0, ActionKind.REST);
    }

    public Fighter at(int nx, int ny) {
        return new Fighter(nx, ny, hp, stamina, attack, defense, tempDef, lastAction);
    }

    public Fighter withHp(int v) {
        return new Fighter(x, y, v, stamina, attack, defense, tempDef, lastAction);
    }

    public Fighter withStamina(int v) {
        return new Fighter(x, y, hp, v, attack, defense, tempDef, lastAction);
    }

    public Fighter withTempDef(int v) {
        return new Fighter(x, y, hp, stamina, attack, defense, v, lastAction);
    }

    public Fighter withDefense(int v) {
        return new Fighter(x, y, hp, stamina, attack, v, tempDef, lastAction);
    }

    public Fighter withLastAction(int v) {
        return new Fighter(x, y, hp, stamina, attack, defense, tempDef, v);
    }

    public void encode(CanonicalWriter w) {
        w.u8(x).u8(y).u16(hp).u8(stamina).u8(attack).u8(defense).u8(tempDef).u8(lastAction);
    }

    public static Fighter decode(CanonicalReader r, String who) {
        return new Fighter(r.u8(who + ".x"), r.u8(who + ".y"), r.u16(who + ".hp"), r.u8(who + ".stamina"),
                r.u8(who + ".attack"), r.u8(who + ".defense"), r.u8(who + ".tempDef"), r.u8(who + ".lastAction"));
    }
}
