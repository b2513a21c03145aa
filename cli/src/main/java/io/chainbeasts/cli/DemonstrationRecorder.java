package io.chainbeasts.cli;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.TurnInput;
import io.chainbeasts.combat.TurnResolver;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code dataset record}: a coach's decisions as demonstration rows. Seeded battles are played against an opponent
 * with sides alternating; every turn's board from the recorded side, the action the coach commits there and how the
 * battle ended become one CSV row. Battle seeds come from their own domain ("DEMOREC"), disjoint from the training
 * streams, the evaluation set and tournaments (SPEC.md "Seed domains").
 *
 * <p>A {@link Plan} can shape the data (SPEC.md §12 "Coaching data"): the boards may come from another player's
 * battles (the coach then labels boards it would not reach itself, e.g. a beast's own fights), only boards within a
 * Manhattan distance may be kept (where the decisions are), and boards where one wrong choice costs the battle may be
 * written more than once, so a private step draws them more often.
 */
final class DemonstrationRecorder {
    private DemonstrationRecorder() {}

    static final long DOMAIN = 0x44454D4F52454300L; // "DEMOREC"
    static final int MAX_BATTLES = 100_000;
    static final int MAX_COPIES = 16;

    record Recording(byte[] csv, int rows, int wins, int draws, int losses) {}

    /**
     * What to record: {@code coach} decides every row's action (null: boards only, which the kernel's teacher labels); the boards come from {@code player}'s battles against
     * {@code vs} (the coach's own when {@code player} is null); rows farther than {@code maxDistance} (Manhattan, 0 =
     * any) are left out; a decisive board (the teacher's best and worst legal actions half a win apart, the boards the
     * kernel weights 2x) is written {@code decisiveCopies} times.
     */
    record Plan(PolicySpec coach, PolicySpec vs, int battles, long first, PolicySpec player, int maxDistance, int decisiveCopies,
                boolean onlyDisagreements) {
        Plan(PolicySpec coach, PolicySpec vs, int battles, long first, PolicySpec player, int maxDistance, int decisiveCopies) {
            this(coach, vs, battles, first, player, maxDistance, decisiveCopies, false);
        }

        Plan {
            if (battles < 1 || battles > MAX_BATTLES) throw new UserError("--battles " + battles + " is outside 1.." + MAX_BATTLES);
            if (maxDistance < 0) throw new UserError("--max-distance " + maxDistance + " is negative");
            if (coach == null && player == null) throw new UserError("a dataset of boards only needs --boards-from: whose battles give the boards");
            if (decisiveCopies < 1 || decisiveCopies > MAX_COPIES) {
                throw new UserError("--decisive-copies " + decisiveCopies + " is outside 1.." + MAX_COPIES);
            }
        }

        static Plan of(PolicySpec coach, PolicySpec vs, int battles, long first) {
            return new Plan(coach, vs, battles, first, null, 0, 1);
        }

        String describe() {
            return "coach " + (coach == null ? "none (boards only)" : coach.label()) + (player == null ? "" : " on " + player.label() + "'s boards") + " vs " + vs.label()
                    + ", " + battles + " battles" + (maxDistance == 0 ? "" : ", distance <= " + maxDistance)
                    + (decisiveCopies == 1 ? "" : ", decisive boards x" + decisiveCopies)
                    + (onlyDisagreements ? ", demonstrations only where the teacher differs" : "");
        }
    }

    static long battleSeed(long first, int i) {
        return SplitMix64.hash(DOMAIN ^ (first + i));
    }

    static Recording record(PolicySpec coach, PolicySpec opponent, int battles, long first, SeasonConstants season) {
        return record(Plan.of(coach, opponent, battles, first), season);
    }

    static Recording record(Plan plan, SeasonConstants season) {
        List<BattleRecord> rows = new ArrayList<>();
        int wins = 0, draws = 0, losses = 0;
        PolicySpec player = plan.player() == null ? plan.coach() : plan.player();
        Lookahead teacher = new Lookahead(season.cells(), Lookahead.TEACHER_DEPTH);
        long[] values = new long[Lookahead.CANDIDATES];
        for (int i = 0; i < plan.battles(); i++) {
            long seed = battleSeed(plan.first(), i);
            int side = i & 1; // the recorded side plays A on even battles, B on odd ones
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = side == 0 ? BattleSimulator.run(setup, player.create(seed, 0), plan.vs().create(seed, 1))
                    : BattleSimulator.run(setup, plan.vs().create(seed, 0), player.create(seed, 1));
            Policy labeller = plan.player() == null || plan.coach() == null ? null : plan.coach().create(seed, 0);
            BattleState pre = setup.initial();
            for (BattleLog.Turn t : log.turns()) {
                BattleRecord row = BattleSampleGenerator.row(log, pre, t, side);
                pre = t.post();
                Board b = row.board();
                if (plan.maxDistance() > 0
                        && Math.abs(b.self().x() - b.enemy().x()) + Math.abs(b.self().y() - b.enemy().y()) > plan.maxDistance()) {
                    continue;
                }
                if (plan.coach() == null) row = new BattleRecord(row.battleSeed(), row.turn(), row.side(), b, null, BattleRecord.UNKNOWN);
                else if (labeller != null) {
                    Action played = row.action();
                    row = relabel(row, labeller, season);
                    if (plan.onlyDisagreements() && played.equals(row.action())) continue; // the player already does what the coach would
                } else if (plan.onlyDisagreements() && agrees(row.action(), teacher.search(season, b.arena(), b.asState(), values))) {
                    row = new BattleRecord(row.battleSeed(), row.turn(), row.side(), b, null, BattleRecord.UNKNOWN);
                }
                int copies = plan.decisiveCopies() > 1 && Labels.of(b, season, teacher, values).weightShift() > 0 ? plan.decisiveCopies() : 1;
                for (int c = 0; c < copies; c++) rows.add(row);
            }
            int w = log.outcome().winner();
            if (w == Outcome.DRAW) draws++;
            else if ((w == Outcome.A_WINS) == (side == 0)) wins++;
            else losses++;
        }
        return new Recording(CsvFormat.writeRecords(rows), rows.size(), wins, draws, losses);
    }

    /** Whether {@code a} is the teacher's choice {@code best} (a {@link Lookahead} candidate; -1: nothing to choose). */
    static boolean agrees(Action a, int best) {
        switch (a.kind()) {
            case ActionKind.ATTACK: return best == Lookahead.ATTACK;
            case ActionKind.BLOCK: return best == Lookahead.BLOCK;
            case ActionKind.MOVE: return best == a.dir();
            case ActionKind.REST: return best == Lookahead.REST;
            default: return best < 0;
        }
    }

    /**
     * The row with the action {@code coach} commits on its board (resolved against greedy's outputs, which only the
     * turn's outcome depends on, never the action committed); the outcome is the player's battle's, so it is unknown
     * for the coach's action and written as such.
     */
    private static BattleRecord relabel(BattleRecord row, Policy coach, SeasonConstants season) {
        Board b = row.board();
        BattleState st = b.asState();
        int[] mine = coach.decide(season, b.arena(), st, 0);
        int[] theirs = new GreedyPolicy().decide(season, b.arena(), st, 1);
        Action a = TurnResolver.resolve(season, b.arena(), st, new TurnInput(mine, theirs, false, false, false)).a().action();
        return new BattleRecord(row.battleSeed(), row.turn(), row.side(), b, a, BattleRecord.UNKNOWN);
    }
}
