package io.chainbeasts.combat;

/**
 * The teacher as a player: each turn it commits the action {@link Lookahead} scores best (the enemy modelled as greedy).
 * Deterministic. Two baselines of {@code battle} and {@code tournament} play it: {@code search} at depth 2, one deeper
 * than the labels, and {@code teacher} at the labels' own depth 1 (what a beast imitates, as a player).
 */
public final class SearchPolicy implements Policy {
    private final long[] values = new long[Lookahead.CANDIDATES];
    private final int depth;
    private final String name;
    private Lookahead search;

    /** The {@code search} baseline: depth {@link Lookahead#PLAYER_DEPTH}. */
    public SearchPolicy() {
        this(Lookahead.PLAYER_DEPTH, "search");
    }

    /** A search of the given depth under a name ({@code teacher}: the training labels' depth, {@link Lookahead#TEACHER_DEPTH}). */
    public SearchPolicy(int depth, String name) {
        this.depth = depth;
        this.name = name;
    }

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        BattleState mine = side == 0 ? state : new BattleState(state.turn(), state.b(), state.a());
        if (search == null || search.cells() < season.cells()) search = new Lookahead(season.cells(), depth);
        int best = search.search(season, arena, mine, values);
        return best < 0 ? new int[Appendage.OUTPUTS] : Lookahead.outputs(best);
    }

    @Override
    public String name() {
        return name;
    }
}
