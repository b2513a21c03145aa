package io.chainbeasts.engine;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures what a beast has learned (SPEC.md "Evaluation"), on a fixed held-out set drawn from
 * the game's own arena generator under a seed domain no training stream uses:
 * {@link #UNIFORM} boards with both creatures on uniformly drawn open cells, and {@link #NEAR}
 * boards with the enemy within two steps (where attack power and blocking matter).
 */
public final class Evaluator {
    private Evaluator() {}

    public static final int UNIFORM = 1024;
    public static final int NEAR = 512;
    static final long EVAL_DOMAIN = 0x4556414C00000000L;   // "EVAL"
    static final long BATTLE_DOMAIN = 0x4241545400000000L; // "BATT"

    /** One held-out board with its label and its stratum. */
    public record Case(Board board, Label label, boolean near, boolean hard) {}

    public static List<Case> heldOut(SeasonConstants season) {
        List<Case> cases = new ArrayList<>(UNIFORM + NEAR);
        for (int i = 0; i < UNIFORM + NEAR; i++) {
            SplitMix64 r = new SplitMix64(SplitMix64.hash(EVAL_DOMAIN ^ i));
            Arena arena = Arena.generate(r.next(), season).arena();
            boolean near = i >= UNIFORM;
            Board b = Sampler.place(r, arena, season, near);
            cases.add(new Case(b, Labels.of(b, season), near, straightStepBlocked(b)));
        }
        return cases;
    }

    /** The hard cases: the first of N, S, E, W that lowers the Manhattan distance is a wall or the edge. */
    static boolean straightStepBlocked(Board b) {
        int dx = b.enemy().x() - b.self().x();
        int dy = b.enemy().y() - b.self().y();
        int m = Math.abs(dx) + Math.abs(dy);
        for (int d = 0; d < Dir.COUNT; d++) {
            int nx = b.self().x() + Dir.DX[d];
            int ny = b.self().y() + Dir.DY[d];
            if (Math.abs(b.enemy().x() - nx) + Math.abs(b.enemy().y() - ny) < m) return !b.arena().passable(nx, ny);
        }
        return false;
    }

    /**
     * Agreement with the teacher on the held-out set, as integers (this module has no floating point): per mille,
     * rounded down. Attack agreement is counted where attacking is possible (the enemy adjacent).
     */
    public record Report(int moveCases, int moveRight, int hardCases, int hardRight,
                         int powerCases, int powerRight,
                         int blockCases, int blockRight, int blockNearCases, int blockNearRight) {
        public long movePermille() { return permille(moveRight, moveCases); }
        public long hardPermille() { return permille(hardRight, hardCases); }
        public long powerPermille() { return permille(powerRight, powerCases); }
        public long blockPermille() { return permille(blockRight, blockCases); }
        public long blockNearPermille() { return permille(blockNearRight, blockNearCases); }

        private static long permille(int a, int b) {
            return b == 0 ? 0 : 1000L * a / b;
        }
    }

    public static Report evaluate(BeastState s, List<Case> cases, SeasonConstants season) {
        NetScratch t = new NetScratch();
        int mc = 0, mr = 0, hc = 0, hr = 0, pc = 0, pr = 0, bc = 0, br = 0, bnc = 0, bnr = 0;
        for (Case c : cases) {
            InputEncoder.encode(c.board(), season, t);
            Net.forward(s, t);
            if (c.label().hasMove()) {
                boolean right = Net.predictedMove(t.out) == c.label().move();
                mc++;
                if (right) mr++;
                if (c.hard()) {
                    hc++;
                    if (right) hr++;
                }
            }
            if (c.label().hasPower() && Rules.isAdjacent(c.board().self(), c.board().enemy())) {
                pc++;
                if (Net.predictedPower(t.out) == c.label().power()) pr++;
            }
            if (!c.label().hasBlock()) continue;
            boolean blockRight = Net.predictedBlock(t.out) == c.label().block();
            if (c.near()) {
                bnc++;
                if (blockRight) bnr++;
            } else {
                bc++;
                if (blockRight) br++;
            }
        }
        return new Report(mc, mr, hc, hr, pc, pr, bc, br, bnc, bnr);
    }

    /** Battle record of {@code hero} against {@code foe} over {@code n} seeded battles, sides alternating. */
    public record BattleRecord(int battles, int wins, int draws, int losses) {
        public long winPermille() {
            return battles == 0 ? 0 : 1000L * wins / battles;
        }
    }

    public static BattleRecord battles(Policy hero, Policy foe, int n, SeasonConstants season) {
        int wins = 0, draws = 0, losses = 0;
        for (int i = 0; i < n; i++) {
            BattleSetup setup = BattleSetup.fromSeed(SplitMix64.hash(BATTLE_DOMAIN ^ i), season);
            boolean heroIsA = (i & 1) == 0;
            BattleLog log = heroIsA ? BattleSimulator.run(setup, hero, foe) : BattleSimulator.run(setup, foe, hero);
            int w = log.outcome().winner();
            if (w == Outcome.DRAW) draws++;
            else if ((w == Outcome.A_WINS) == heroIsA) wins++;
            else losses++;
        }
        return new BattleRecord(n, wins, draws, losses);
    }
}
