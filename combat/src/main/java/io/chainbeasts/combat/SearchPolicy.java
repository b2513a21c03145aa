package io.chainbeasts.combat;

/**
 * The teacher as a player: each turn it commits the action {@link Lookahead} scores best (a depth-2 expectimax, one deeper than the teacher,
 * the enemy modelled as greedy). Deterministic; the {@code search} baseline of {@code battle} and
 * {@code tournament}.
 */
public final class SearchPolicy implements Policy {
    private final long[] values = new long[Lookahead.CANDIDATES];
    private Lookahead search;

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        BattleState mine = side == 0 ? state : new BattleState(state.turn(), state.b(), state.a());
        if (search == null || search.cells() < season.cells()) search = new Lookahead(season.cells(), Lookahead.PLAYER_DEPTH);
        int best = search.search(season, arena, mine, values);
        return best < 0 ? new int[Appendage.OUTPUTS] : Lookahead.outputs(best);
    }

    @Override
    public String name() {
        return "search";
    }
}
