package io.chainbeasts.datasets;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Produces {@code examples/battle_samples.csv} from our own simulator (spec/datasets.md
 * "examples/battle_samples.csv"): battle {@code i} (0-based) has seed
 * {@code splitMix64(EXAMPLE_DOMAIN + i)} and the policy pairing {@code PAIRINGS[i % 4]}
 * (A vs B); every turn contributes two rows, the pre-turn board from A's side then from B's, each
 * with the action that side committed in that turn and the battle's outcome for it.
 *
 * <p>Run {@code main} with the output path to regenerate the file; a test checks that the
 * committed file equals the generator's output byte for byte.
 */
public final class BattleSampleGenerator {
    private BattleSampleGenerator() {}

    public static final long EXAMPLE_DOMAIN = 0x4558414D504C4500L; // "EXAMPLE"
    public static final int EXAMPLE_BATTLES = 12;
    public static final String[][] PAIRINGS = {
            {"greedy", "greedy"}, {"greedy", "random"}, {"random", "greedy"}, {"random", "random"}};

    public static long battleSeed(long domain, int i) {
        return SplitMix64.hash(domain + i);
    }

    /** All rows of {@code battles} battles, in battle, turn, side order. */
    public static List<BattleRecord> generate(long domain, int battles, SeasonConstants season) {
        List<BattleRecord> out = new ArrayList<>();
        for (int i = 0; i < battles; i++) {
            long seed = battleSeed(domain, i);
            String[] pair = PAIRINGS[i % PAIRINGS.length];
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = BattleSimulator.run(setup, Policies.byName(pair[0], seed, 0), Policies.byName(pair[1], seed, 1));
            BattleState pre = setup.initial();
            for (BattleLog.Turn t : log.turns()) {
                for (int side = 0; side < 2; side++) out.add(row(log, pre, t, side));
                pre = t.post();
            }
        }
        return out;
    }

    /**
     * The row of {@code side} for turn {@code t} of {@code log}: the board {@code pre} before the turn from that
     * side, the action it committed, and how the battle ended for it (also what {@code coach record} writes).
     */
    public static BattleRecord row(BattleLog log, BattleState pre, BattleLog.Turn t, int side) {
        return new BattleRecord(log.setup().seed(), pre.turn(), side, Board.of(log.setup().arena(), pre, side),
                (side == 0 ? t.a() : t.b()).action(), outcomeFor(log.outcome(), side));
    }

    static int outcomeFor(Outcome o, int side) {
        if (o.winner() == Outcome.DRAW) return BattleRecord.DRAW;
        boolean aWon = o.winner() == Outcome.A_WINS;
        return aWon == (side == 0) ? BattleRecord.WIN : BattleRecord.LOSS;
    }

    /** The bytes of examples/battle_samples.csv. */
    public static byte[] exampleCsv() {
        return CsvFormat.writeRecords(generate(EXAMPLE_DOMAIN, EXAMPLE_BATTLES, SeasonConstants.DEFAULT));
    }
}
