package io.chainbeasts.cli;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code dataset record}: a coach's decisions as demonstration rows. The coach (a baseline policy or a beast) plays
 * seeded battles against an opponent with sides alternating; every turn's board from the coach's side, the action
 * it committed and how its battle ended become one CSV row. Battle seeds come from their own domain ("DEMOREC"),
 * disjoint from the training streams, the evaluation set and tournaments (SPEC.md "Seed domains").
 */
final class DemonstrationRecorder {
    private DemonstrationRecorder() {}

    static final long DOMAIN = 0x44454D4F52454300L; // "DEMOREC"
    static final int MAX_BATTLES = 100_000;

    record Recording(byte[] csv, int rows, int wins, int draws, int losses) {}

    static long battleSeed(long first, int i) {
        return SplitMix64.hash(DOMAIN ^ (first + i));
    }

    static Recording record(PolicySpec coach, PolicySpec opponent, int battles, long first, SeasonConstants season) {
        List<BattleRecord> rows = new ArrayList<>();
        int wins = 0, draws = 0, losses = 0;
        for (int i = 0; i < battles; i++) {
            long seed = battleSeed(first, i);
            int side = i & 1; // the coach plays A on even battles, B on odd ones
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = side == 0 ? BattleSimulator.run(setup, coach.create(seed, 0), opponent.create(seed, 1))
                    : BattleSimulator.run(setup, opponent.create(seed, 0), coach.create(seed, 1));
            BattleState pre = setup.initial();
            for (BattleLog.Turn t : log.turns()) {
                rows.add(BattleSampleGenerator.row(log, pre, t, side));
                pre = t.post();
            }
            int w = log.outcome().winner();
            if (w == Outcome.DRAW) draws++;
            else if ((w == Outcome.A_WINS) == (side == 0)) wins++;
            else losses++;
        }
        return new Recording(CsvFormat.writeRecords(rows), rows.size(), wins, draws, losses);
    }
}
