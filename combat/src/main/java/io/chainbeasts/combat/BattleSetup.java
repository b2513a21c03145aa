package io.chainbeasts.combat;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.SplitMix64;

/**
 * Everything a battle starts from, derived from one 64-bit battle seed (SPEC.md "Battle setup"):
 * the arena from {@code splitMix64(seed ^ ARENA_DOMAIN)}, each fighter's attack (10..15) and
 * defense (0..32) from {@code splitMix64(seed ^ STATS_DOMAIN)}, and the per-turn crit and
 * initiative stream seeded with {@code splitMix64(seed ^ TURN_DOMAIN)}.
 */
public record BattleSetup(long seed, SeasonConstants season, Arena arena, BattleState initial, long turnSeed) {
    static final long ARENA_DOMAIN = 0x4152454E41000000L; // "ARENA"
    static final long STATS_DOMAIN = 0x5354415453000000L; // "STATS"
    static final long TURN_DOMAIN = 0x5455524E00000000L;  // "TURN"

    public static BattleSetup fromSeed(long seed, SeasonConstants season) {
        return fromSeed(seed, season, null);
    }

    /** The same setup, the arena generator's connection checks run on {@code paths} ({@link PathBits}; null: the reference BFS). */
    public static BattleSetup fromSeed(long seed, SeasonConstants season, PathBits paths) {
        Arena.Generated g = Arena.generate(SplitMix64.hash(seed ^ ARENA_DOMAIN), season, paths);
        SplitMix64 stats = new SplitMix64(SplitMix64.hash(seed ^ STATS_DOMAIN));
        int atkA = 10 + stats.nextInt(6);
        int defA = stats.nextInt(33);
        int atkB = 10 + stats.nextInt(6);
        int defB = stats.nextInt(33);
        BattleState s0 = new BattleState(0,
                Fighter.spawn(g.ax(), g.ay(), Math.min(atkA, season.maxPower()), defA, season),
                Fighter.spawn(g.bx(), g.by(), Math.min(atkB, season.maxPower()), defB, season));
        return new BattleSetup(seed, season, g.arena(), s0, SplitMix64.hash(seed ^ TURN_DOMAIN));
    }

    /** Encoding: {@code i64 seed, SeasonConstants, Arena, BattleState initial, i64 turnSeed}. */
    public void encode(CanonicalWriter w) {
        w.i64(seed);
        season.encode(w);
        arena.encode(w);
        initial.encode(w);
        w.i64(turnSeed);
    }

    public static BattleSetup decode(CanonicalReader r) {
        long seed = r.i64("seed");
        SeasonConstants season = SeasonConstants.decode(r);
        Arena arena = Arena.decode(r);
        BattleState initial = BattleState.decode(r);
        return new BattleSetup(seed, season, arena, initial, r.i64("turnSeed"));
    }
}
