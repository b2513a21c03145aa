package io.chainbeasts.engine;

import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;

import java.util.List;

/** Manual probe: trains one beast for N windows and prints held-out numbers every 8 windows. */
public final class LearnProbe {
    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        SeasonConstants season = SeasonConstants.DEFAULT;
        TrainingConstants tc = TrainingConstants.DEFAULT;
        if (System.getenv("LR") != null) {
            String[] parts = System.getenv("LR").split(",");
            int[] sched = new int[16];
            for (int i = 0; i < 16; i++) sched[i] = Integer.parseInt(parts[i]);
            tc = new TrainingConstants(tc.stepsPerEpoch(), sched, tc.powerEpoch(), tc.blockEpoch(), tc.baseStepCost(), tc.growthSlotCost());
        }
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        List<Evaluator.Case> held = Evaluator.heldOut(season);
        BeastState s = Hatchery.hatch(seed);
        BeastState hatch = s.copy();
        byte[] root = WindowContext.ZERO32;
        long t0 = System.nanoTime();
        for (int w = 0; w < windows; w++) {
            WindowContext ctx = TrainingPlan.context(s, season, tc, root, WindowContext.ZERO32, pool);
            WindowResult r = Window.run(s, WindowInputs.publicWindow(ctx, pool));
            root = r.h128();
            if ((w + 1) % 8 == 0) {
                Evaluator.Report e = Evaluator.evaluate(s, held, season);
                System.out.printf("w %3d step %5d move %.3f hard %.3f attack %.3f block %.3f near %.3f  (train move %d/%d)%n",
                        w + 1, s.globalStep, e.movePermille() / 1000.0, e.hardPermille() / 1000.0, e.powerPermille() / 1000.0,
                        e.blockPermille() / 1000.0, e.blockNearPermille() / 1000.0,
                        r.tally().moveRight(), r.tally().moveSeen());
            }
        }
        System.out.printf("train time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (System.getenv("NOBATTLE") != null) return;
        System.out.println("vs untrained: " + Evaluator.battles(new NetPolicy(s, "trained"), new NetPolicy(hatch, "hatch"), 1000, season));
        for (int i = 0; i < 400; i++) {
            io.chainbeasts.combat.BattleSetup setup = io.chainbeasts.combat.BattleSetup.fromSeed(i, season);
            io.chainbeasts.combat.BattleLog log = io.chainbeasts.combat.BattleSimulator.run(setup, new NetPolicy(s, "t"), new NetPolicy(hatch, "h"));
            if (log.outcome().winner() == io.chainbeasts.combat.Outcome.DRAW && System.getenv("SHOW") != null) {
                System.out.println(io.chainbeasts.combat.AsciiRenderer.render(log, "trained", "hatch"));
                break;
            }
        }
        System.out.println("vs greedy:    " + Evaluator.battles(new NetPolicy(s, "trained"), new GreedyPolicy(), 1000, season));
        System.out.println("vs search:    " + Evaluator.battles(new NetPolicy(s, "trained"), new io.chainbeasts.combat.SearchPolicy(), 1000, season));
    }
}
