package io.chainbeasts.engine;

import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "It must actually learn" (issues: creature brains, coaching), measured: 16,384 micro-steps (128 windows)
 * from hatch on the default plan, then agreement with the teacher on the held-out set, the float64 reference
 * trained on the same boards, and 1,000 seeded battles against the untrained self and the greedy baseline. Prints the curves (every 1,024 steps) and writes them to
 * target/learning-report.json. Everything is seeded, so the numbers are exact, not noisy.
 */
class LearningTest {
    static final long SEED_CORE = 1;
    static final int WINDOWS = 128;
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    static BeastState hatch;
    static BeastState trained;
    static Evaluator.Report report;
    static double floatMove;
    static final List<Map<String, Object>> curve = new ArrayList<>();
    static List<Evaluator.Case> heldOut;
    static final java.util.Set<String> trainingKeys = new java.util.HashSet<>();

    @BeforeAll
    static void train() throws Exception {
        RealBattlePool pool = RealBattlePool.defaultPool(SEASON);
        heldOut = Evaluator.heldOut(SEASON);
        hatch = Hatchery.hatch(SEED_CORE);
        trained = hatch.copy();
        FloatReferenceNet ref = new FloatReferenceNet(hatch);
        int[] xq = new int[NetShape.N_IN];
        byte[] root = WindowContext.ZERO32;
        for (int w = 0; w < WINDOWS; w++) {
            WindowContext ctx = TrainingPlan.context(trained, SEASON, TC, root, WindowContext.ZERO32, pool);
            int growAt = ctx.growthSlot();
            int[] stepInWindow = {0};
            WindowResult r = Window.run(trained, WindowInputs.publicWindow(ctx, pool), new MicroStep.Scratch(), rec -> {
                if (stepInWindow[0]++ == Window.GROWTH_STEP && growAt != WindowContext.NO_GROWTH) ref.activeMask |= 1 << growAt;
                trainingKeys.add(io.chainbeasts.core.Hex.of(rec.sampleKey()));
                InputEncoder.encode(rec.board(), SEASON, xq);
                ref.setInputs(xq);
                ref.forward();
                int epoch = Curriculum.epoch(rec.globalStep() & 0xFFFFFFFFL, TC);
                ref.train(rec.label(), rec.heads(), Curriculum.lrShift(epoch, TC));
            });
            root = r.h128();
            if ((w + 1) % 8 == 0) {
                Evaluator.Report e = Evaluator.evaluate(trained, heldOut, SEASON);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("step", (w + 1) * Window.STEPS);
                point.put("intMovePermille", e.movePermille());
                point.put("floatMovePermille", Math.round(ref.moveAccuracy(heldOut, SEASON) * 1000));
                point.put("intHardPermille", e.hardPermille());
                point.put("intPowerPermille", e.powerPermille());
                point.put("intBlockNearPermille", e.blockNearPermille());
                curve.add(point);
            }
        }
        report = Evaluator.evaluate(trained, heldOut, SEASON);
        floatMove = ref.moveAccuracy(heldOut, SEASON);
    }

    @Test
    void heldOutSetIsDisjointFromTrainingSamples() {
        assertTrue(heldOut.size() >= 1000);
        long overlap = heldOut.stream().filter(c -> trainingKeys.contains(io.chainbeasts.core.Hex.of(c.board().key()))).count();
        assertTrue(overlap == 0, overlap + " held-out boards were used in training");
    }

    @Test
    void headsReachTheBarsAndTheFloatReference() throws Exception {
        Evaluator.BattleRecord vsHatch = Evaluator.battles(new NetPolicy(trained, "trained"), new NetPolicy(hatch, "hatch"), 1000, SEASON);
        Evaluator.BattleRecord vsGreedy = Evaluator.battles(new NetPolicy(trained, "trained"), new GreedyPolicy(), 1000, SEASON);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%8s %10s %10s %10s %12s %12s%n", "step", "int move", "float move", "int hard", "attack", "block near"));
        for (Map<String, Object> p : curve) {
            table.append(String.format(Locale.ROOT, "%8d %9.1f%% %9.1f%% %9.1f%% %11.1f%% %11.1f%%%n", p.get("step"),
                    ((Long) p.get("intMovePermille")) / 10.0, ((Long) p.get("floatMovePermille")) / 10.0,
                    ((Long) p.get("intHardPermille")) / 10.0, ((Long) p.get("intPowerPermille")) / 10.0,
                    ((Long) p.get("intBlockNearPermille")) / 10.0));
        }
        String summary = String.format(Locale.ROOT,
                "held-out %d boards (%d with a move label, %d hard): move %.1f%% (hard %.1f%%), float move %.1f%% (ratio %.3f), "
                        + "attack %.1f%%, block %.1f%% (near %.1f%%); vs hatch %s; vs greedy %s",
                heldOut.size(), report.moveCases(), report.hardCases(), report.movePermille() / 10.0, report.hardPermille() / 10.0,
                100 * floatMove, report.movePermille() / 1000.0 / floatMove, report.powerPermille() / 10.0,
                report.blockPermille() / 10.0, report.blockNearPermille() / 10.0, vsHatch, vsGreedy);
        System.out.print(table);
        System.out.println(summary);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seedCore", SEED_CORE);
        json.put("steps", WINDOWS * Window.STEPS);
        json.put("curve", curve);
        json.put("summary", summary);
        json.put("winsVsHatch", vsHatch.wins());
        json.put("drawsVsHatch", vsHatch.draws());
        json.put("winsVsGreedy", vsGreedy.wins());
        json.put("lossesVsGreedy", vsGreedy.losses());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/learning-report.json"), Json.pretty(json), StandardCharsets.UTF_8);

        // Kernel v2 bars (seeded, so the numbers are exact; measured with the lr schedule 5..10 and R_pool a Merkle root:
        // move 86.6 %, attack 90.7 %, block 100 / 99.3 %, float move 84.7 %, vs hatch 709 / 128 / 163, vs greedy
        // 654 / 97 / 249; issue 11's target of wins >= 2x losses against greedy is asserted, it was 565 / 110 / 325 under
        // the schedule 3..8). The teacher's labels are harder than v1's A* step (several moves often score alike), so
        // agreement bars sit below v1's 90 %. The run depends on every context byte through the h128 chain (self-play is
        // keyed by the checkpoint root), so a change of any context field moves these numbers a little.
        assertTrue(report.movePermille() >= 750, "move agreement with the teacher " + report.movePermille() + " per mille");
        assertTrue(report.powerPermille() >= 850, "attack agreement " + report.powerPermille() + " per mille");
        assertTrue(floatMove >= 0.75, "the float64 twin's own move agreement " + floatMove);
        assertTrue(vsGreedy.wins() >= 400 && vsGreedy.wins() >= 2 * vsGreedy.losses(), "vs greedy " + vsGreedy);
        assertTrue(report.blockPermille() >= 900 && report.blockNearPermille() >= 900,
                "block accuracy " + report.blockPermille() + " / near " + report.blockNearPermille() + " per mille");
        assertTrue(report.movePermille() / 1000.0 >= 0.95 * floatMove, "integer move " + report.movePermille() + " vs float " + floatMove);
        assertTrue(vsHatch.winPermille() >= 600 && vsHatch.wins() >= 3 * vsHatch.losses(), "vs untrained self " + vsHatch);
    }
}
