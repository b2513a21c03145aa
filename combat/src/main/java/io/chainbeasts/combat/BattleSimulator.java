package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a battle to its end: asks each policy for its outputs, draws the turn's crit and
 * initiative bits from the setup's turn stream, resolves, records.
 *
 * <p>Turn stream (SPEC.md "Battle setup"): one {@code r = next()} per turn; critA when
 * {@code (r & 0xFF) < critPer256}, critB when {@code ((r >>> 8) & 0xFF) < critPer256},
 * initiative to B when bit 16 of r is set.
 */
public final class BattleSimulator {
    private BattleSimulator() {}

    /** Runs the battle with the optimised turn resolver ({@link FastTurnResolver}); the same log as {@link #runReference}. */
    public static BattleLog run(BattleSetup setup, Policy policyA, Policy policyB) {
        return run(setup, policyA, policyB, new FastTurnResolver());
    }

    /** Runs the battle with the readable {@link TurnResolver} (the bench's reference side and the twin tests). */
    public static BattleLog runReference(BattleSetup setup, Policy policyA, Policy policyB) {
        return run(setup, policyA, policyB, null);
    }

    private static BattleLog run(BattleSetup setup, Policy policyA, Policy policyB, FastTurnResolver fast) {
        SeasonConstants season = setup.season();
        SplitMix64 turnRng = new SplitMix64(setup.turnSeed());
        BattleState state = setup.initial();
        List<BattleLog.Turn> turns = new ArrayList<>();
        while (!Outcome.of(state, season).over()) {
            int[] outA = policyA.decide(season, setup.arena(), state, 0);
            int[] outB = policyB.decide(season, setup.arena(), state, 1);
            TurnInput input = turnInput(turnRng.next(), outA, outB, season);
            TurnResolver.TurnResult res = fast == null ? TurnResolver.resolve(season, setup.arena(), state, input)
                    : fast.resolve(season, setup.arena(), state, input).result();
            turns.add(new BattleLog.Turn(input, res.a(), res.b(), res.post()));
            state = res.post();
        }
        assert turns.size() <= season.maxTurns() : "a battle ran " + turns.size() + " turns, past maxTurns " + season.maxTurns();
        return new BattleLog(setup, turns, Outcome.of(state, season));
    }

    static TurnInput turnInput(long r, int[] outA, int[] outB, SeasonConstants season) {
        boolean critA = (r & 0xFF) < season.critPer256();
        boolean critB = ((r >>> 8) & 0xFF) < season.critPer256();
        boolean initiativeB = ((r >>> 16) & 1) == 1;
        return new TurnInput(outA, outB, critA, critB, initiativeB);
    }
}
