package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;

/**
 * Every tunable combat constant, passed into the rules (never hard-coded in them). This is the
 * value the on-chain SeasonRegistry governs. All fields are small non-negative integers; see
 * SPEC.md "Season constants" for the meaning and default of each.
 *
 * <p>Damage curve: {@code damage = floor(power * damageScale / (damageScale + defense + tempDef))},
 * times {@code critMultiplier} on a crit. With the default scale 256 this is the seed rule
 * {@code atk_power * (256 / (256 + enemy_defense))} read as one integer fraction.
 */
public record SeasonConstants(
        int arenaWidth,
        int arenaHeight,
        int wallPer256,
        int hazardPer256,
        int maxHp,
        int maxStamina,
        int actionStaminaCost,
        int hazardStaminaCost,
        int recoverStamina,
        int blockBonus,
        int blockCap,
        int damageScale,
        int maxPower,
        int critPer256,
        int critMultiplier,
        int maxTurns,
        int blockThreatScale,
        int disengageStaminaCost,
        int closingTurn,
        int closingInterval,
        int closingDamage) {

    public static final SeasonConstants DEFAULT = new SeasonConstants(
            9, 9,      // arena 9 x 9
            36, 20,    // ~14% walls, ~8% hazards
            60,        // max HP
            12,        // max stamina
            1,         // stamina cost of an attack or block, paid at the start of the next turn
            2,         // stamina cost of entering a hazard
            6,         // stamina after the exhausted creature's recovery turn
            32, 96,    // block bonus and cap
            256,       // damage curve scale
            15,        // attack power saturates 0..15
            16, 2,     // 1/16 crit chance, crit doubles
            60,        // max turns
            8,         // block threat: enemy attack stat x 8 in defense points
            2,         // stamina cost of a move made while adjacent to the enemy (kernel v2: dodging is not free)
            30, 3, 2); // the arena closes from turn 30, one ring every 3 turns, 2 HP a turn outside it

    /** Encoded size in bytes: 21 fields of u16. */
    public static final int ENCODED_SIZE = 42;

    public SeasonConstants {
        check("arenaWidth", arenaWidth, 3, 32);
        check("arenaHeight", arenaHeight, 3, 32);
        check("wallPer256", wallPer256, 0, 200);
        check("hazardPer256", hazardPer256, 0, 255 - wallPer256);
        check("maxHp", maxHp, 1, 65535);
        check("maxStamina", maxStamina, 1, 255);
        check("actionStaminaCost", actionStaminaCost, 0, 255);
        check("hazardStaminaCost", hazardStaminaCost, 0, 255);
        check("recoverStamina", recoverStamina, 1, maxStamina);
        check("blockBonus", blockBonus, 0, 255);
        check("blockCap", blockCap, 0, 255);
        check("damageScale", damageScale, 1, 4096);
        check("maxPower", maxPower, 1, 255);
        check("critPer256", critPer256, 0, 256);
        check("critMultiplier", critMultiplier, 1, 16);
        check("maxTurns", maxTurns, 1, 65535);
        check("blockThreatScale", blockThreatScale, 0, 64);
        check("disengageStaminaCost", disengageStaminaCost, 0, 255);
        check("closingTurn", closingTurn, 0, 65535);
        check("closingInterval", closingInterval, 1, 255);
        check("closingDamage", closingDamage, 0, 255);
    }

    private static void check(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("season constant '" + field + "' = " + v + " is outside " + lo + ".." + hi);
        }
    }

    public int cells() {
        return arenaWidth * arenaHeight;
    }

    public void encode(CanonicalWriter w) {
        w.u16(arenaWidth).u16(arenaHeight).u16(wallPer256).u16(hazardPer256)
                .u16(maxHp).u16(maxStamina).u16(actionStaminaCost).u16(hazardStaminaCost)
                .u16(recoverStamina).u16(blockBonus).u16(blockCap).u16(damageScale)
                .u16(maxPower).u16(critPer256).u16(critMultiplier).u16(maxTurns)
                .u16(blockThreatScale).u16(disengageStaminaCost)
                .u16(closingTurn).u16(closingInterval).u16(closingDamage);
    }

    public static SeasonConstants decode(CanonicalReader r) {
        return new SeasonConstants(
                r.u16("arenaWidth"), r.u16("arenaHeight"), r.u16("wallPer256"), r.u16("hazardPer256"),
                r.u16("maxHp"), r.u16("maxStamina"), r.u16("actionStaminaCost"), r.u16("hazardStaminaCost"),
                r.u16("recoverStamina"), r.u16("blockBonus"), r.u16("blockCap"), r.u16("damageScale"),
                r.u16("maxPower"), r.u16("critPer256"), r.u16("critMultiplier"), r.u16("maxTurns"),
                r.u16("blockThreatScale"), r.u16("disengageStaminaCost"),
                r.u16("closingTurn"), r.u16("closingInterval"), r.u16("closingDamage"));
    }
}
