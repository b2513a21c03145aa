package io.chainbeasts.combat;

/**
 * Something that decides a creature's six outputs {@code [move_N, move_S, move_E, move_W,
 * atk_power, block_flag]} from what it sees. Combat never depends on how: the net is one policy,
 * the baselines are others. A policy may keep deterministic state (a seeded PRNG).
 */
public interface Policy {
    int[] decide(SeasonConstants season, Arena arena, BattleState state, int side);

    String name();
}
