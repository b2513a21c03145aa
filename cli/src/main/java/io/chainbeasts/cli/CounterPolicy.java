package io.chainbeasts.cli;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.TurnInput;
import io.chainbeasts.combat.TurnResolver;

/**
 * A coach that studies one rival ({@code counter:SPEC}, SPEC.md §12 "Coaching data"): each turn it asks the rival's
 * policy what the rival would commit on this very board and scores each of its own legal actions by resolving the
 * turn against that answer (both initiatives, weight ½ each, crits off), then valuing the result with the teacher's
 * one-decision search (the enemy modelled as greedy from there on). Against the rival itself, whose net decides as a
 * pure function of the board, the answer is the rival's real decision: the coach plays the best reply to it, which no
 * generic teacher can. Its decisions, recorded as demonstrations ({@code dataset record --coach counter:DIR --vs DIR}),
 * teach a private beast to exploit that rival's habits. Outside the kernel: only recordings use it.
 */
final class CounterPolicy implements Policy {
    private final Policy rival;
    private final String name;
    private final long[] legal = new long[Lookahead.CANDIDATES];
    private final long[] after = new long[Lookahead.CANDIDATES];
    private Lookahead teacher;

    CounterPolicy(Policy rival, String name) {
        this.rival = rival;
        this.name = name;
    }

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
        BattleState mine = side == 0 ? state : new BattleState(state.turn(), state.b(), state.a());
        if (teacher == null || teacher.cells() < season.cells()) teacher = new Lookahead(season.cells(), Lookahead.TEACHER_DEPTH);
        int[] answer = rival.decide(season, arena, state, 1 - side);
        if (teacher.search(season, arena, mine, legal) < 0) return Lookahead.outputs(Lookahead.REST); // over, or exhausted: RECOVER
        int best = -1;
        long bestValue = 0;
        for (int c : ORDER) {
            if (legal[c] == Lookahead.ILLEGAL) continue;
            int[] out = Lookahead.outputs(c);
            long v = 0;
            for (int init = 0; init <= 1; init++) {
                BattleState post = TurnResolver.resolve(season, arena, mine, new TurnInput(out, answer, false, false, init == 1)).post();
                v += value(season, arena, post);
            }
            if (best < 0 || v > bestValue) {
                best = c;
                bestValue = v;
            }
        }
        return Lookahead.outputs(best);
    }

    /** The teacher's tie-break order: attack, block, N, S, E, W, rest. */
    private static final int[] ORDER = {Lookahead.ATTACK, Lookahead.BLOCK, 0, 1, 2, 3, Lookahead.REST};

    /** Side A's value of {@code s}: a decided battle by its winner and the turns left, else the teacher's best score there. */
    private long value(SeasonConstants season, Arena arena, BattleState s) {
        Outcome o = Outcome.of(s, season);
        if (o.over()) {
            long won = Lookahead.WIN + season.maxTurns() - s.turn();
            return o.winner() == Outcome.A_WINS ? won : o.winner() == Outcome.B_WINS ? -won : 0;
        }
        int best = teacher.search(season, arena, s, after);
        if (best >= 0) return after[best];
        // A is exhausted (it must RECOVER): hit points and stamina, the teacher's leaf weights
        return (long) Lookahead.HP_WEIGHT * (s.a().hp() - s.b().hp()) + (long) Lookahead.STAMINA_WEIGHT * (s.a().stamina() - s.b().stamina());
    }

    @Override
    public String name() {
        return name;
    }
}
