package io.chainbeasts.cli;

import io.chainbeasts.cli.bench.DatasetBench;
import io.chainbeasts.cli.bench.KernelBench;
import io.chainbeasts.cli.bench.MetricsLoadBench;
import io.chainbeasts.cli.bench.OpenClBench;
import io.chainbeasts.cli.bench.ReplayBench;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Benchmarks: prints a table and writes JSON. Not a test: numbers depend on the machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput; print a table and write JSON.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "3", description = "measuring time per row (default ${DEFAULT-VALUE})")
    int seconds;

    /** Where bench writes when no --out is given: its own results, replaced by every run. */
    static final Path DEFAULT_OUT = Path.of("target/bench/bench.json");

    /** The files the benches time or hand to bench/c-ceiling.sh (trace, C source, packed inputs): beside the default JSON, wherever --out points. */
    static final Path WORK = DEFAULT_OUT.getParent();

    /** Issue 15's target is about {@code train --windows 128}. */
    static final int TRAIN_WINDOWS = 128;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON output file, a new file unless --force (default: "
            + "target/bench/bench.json, replaced by every run, or node-bench.json with --node-scale; replay-bench.json and bench-opencl.json go beside it)")
    Path out;

    @Option(names = "--force", description = "replace --out's FILE when it exists (default: refuse)")
    boolean force;

    @Option(names = "--kernel-only", description = "only the kernel table: reference vs optimised Java kernels, the C ceiling "
            + "(with gcc), battles and dataset pack; its JSON goes to --out (default target/bench/kernel-bench.json; without --kernel-only, kernel-bench.json beside --out); "
            + "the C ceiling's trace and source and the pack rows' inputs go to target/bench/")
    boolean kernelOnly;

    @Option(names = "--train", description = "only issue 15's train table: a fresh hatch trained 128 windows as `train` does (the store, "
            + "group commit) vs the same windows' compute alone, Java and (with --backend auto|opencl) OpenCL, --repeats rounds; "
            + "its JSON goes to --out (default: every table; the train JSON is train-bench.json beside --out)")
    boolean trainOnly;

    @Option(names = "--repeats", defaultValue = "7", description = "kernel and train tables: runs per side, the median is reported (3..101, default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--backend", defaultValue = "auto",
            description = "auto|java|opencl: with OpenCL available, add the batched OpenCL rows (1, 64, 1024 beasts) (default ${DEFAULT-VALUE})")
    String backend;

    @picocli.CommandLine.Mixin
    CoachingBench.Options coaching;

    @Option(names = "--node-scale", description = "only the replay node at scale: BEASTS public beasts x WINDOWS windows on a throwaway anvil, "
            + "submitted over time with CHEATS planted cheats, a node started empty following and disputing them (Java), then one-pass "
            + "catch-ups on Java and OpenCL; prints windows/s, peak RSS and blocks behind, JSON to --out (several minutes at the defaults)")
    boolean nodeScale;

    @Option(names = "--beasts", defaultValue = "200", description = "--node-scale: public beasts (1..1000, default ${DEFAULT-VALUE})")
    int beasts;

    @Option(names = "--cheats", defaultValue = "10", description = "--node-scale: beasts whose owner cheats at a random window and micro-step (0..BEASTS, default ${DEFAULT-VALUE})")
    int cheats;

    @Option(names = "--seed", defaultValue = "14", description = "--node-scale: the seed that places the cheats (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--per-block", defaultValue = "50", description = "--node-scale: submissions per block (1..200, default ${DEFAULT-VALUE})")
    int perBlock;

    @Option(names = "--block-ms", defaultValue = "3000", description = "--node-scale: milliseconds between blocks (100..60000, default ${DEFAULT-VALUE})")
    long blockMs;

    /** One measured row: {@code value} in {@code unit}, from {@code count} events in {@code nanos}. */
    record Row(String name, long value, String unit, long count, long nanos) {
        static Row rate(String name, String unit, long count, long nanos) {
            return new Row(name, nanos == 0 ? 0 : count * 1_000_000_000L / nanos, unit, count, nanos);
        }

        static Row latency(String name, long count, long nanos) {
            return new Row(name, count == 0 ? 0 : nanos / count / 1000, "us", count, nanos);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new UserError("--seconds: " + seconds + " is outside 1..600");
        boolean named = out != null;
        if (!named) {
            out = DEFAULT_OUT;
            force = true;
            try {
                java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw new UserError("bench: cannot create " + out.toAbsolutePath().getParent() + ": " + io.chainbeasts.core.IoErrors.describe(e));
            }
        }
        if (kernelOnly && trainOnly) throw new UserError("bench: --kernel-only and --train are two tables: run them one at a time");
        if (nodeScale && coaching.coach != null) throw new UserError("bench: --node-scale and --coaching are two benches: run them one at a time");
        if (!nodeScale && coaching.given()) return CoachingBench.command(coaching.config(), out, named, force);
        Output.checkTarget("--out", out, force);
        BackendChoice.check(backend);
        if (repeats < 3 || repeats > 101) throw new UserError("--repeats: " + repeats + " is outside 3..101");
        if (nodeScale) {
            if (!named) out = DEFAULT_OUT.resolveSibling("node-bench.json");
            return nodeScale();
        }
        if (kernelOnly) {
            KernelBench.run(System.out, named ? out.toAbsolutePath() : DEFAULT_OUT.resolveSibling("kernel-bench.json").toAbsolutePath(), WORK, repeats);
            return 0;
        }
        if (trainOnly) {
            trainTable(named ? out.toAbsolutePath() : DEFAULT_OUT.resolveSibling("train-bench.json").toAbsolutePath(), force);
            return 0;
        }
        long budget = seconds * 1_000_000_000L;
        List<Row> rows = new ArrayList<>();
        // the measured rows print nothing until the table: a bar (or plain lines) says how far they are
        Progress p = Progress.of("bench", "stages", 4, System.out);
        runBattles(budget / 4); // JIT warm-up
        p.update(1);
        long[] b = runBattles(budget);
        p.update(2);
        rows.add(Row.rate("battle turns, greedy vs greedy, Java, 1 thread", "turns/s", b[0], b[1]));
        runWindows(budget / 4);
        p.update(3);
        long[] w = runWindows(budget);
        p.update(4);
        p.finish();
        rows.add(Row.rate("training micro-steps, Java (optimised), 1 thread", "steps/s", w[0], w[1]));
        rows.add(Row.latency("one 128-step window, Java (optimised), 1 thread", w[0] / Window.STEPS, w[1]));
        if (seconds < 3) {
            System.out.println("note: --seconds " + seconds + " warms the JIT for " + seconds * 250 + " ms; below 3 s the rates of this first "
                    + "table read low (the tables after it warm up on their own)");
        }
        System.out.printf(Locale.ROOT, "%-52s %14s %10s%n", "benchmark", "value", "unit");
        System.out.println("-".repeat(78));
        for (Row r : rows) System.out.printf(Locale.ROOT, "%-52s %,14d %10s%n", r.name(), r.value(), r.unit());

        int profiled = 4096;
        long[] split = StepProfiler.profile(profiled);
        long total = 0;
        for (long v : split) total += v;
        System.out.printf(Locale.ROOT, "%nJava micro-step time split (%,d profiled steps; %,d MACs per step with all slots live):%n",
                profiled, StepProfiler.macsPerStep());
        for (int i = 0; i < split.length; i++) {
            System.out.printf(Locale.ROOT, "  %-36s %6.1f%%  %8.2f us/step%n", StepProfiler.PHASES[i], 100.0 * split[i] / total,
                    split[i] / (double) profiled / 1000.0);
        }
        System.out.println();
        KernelBench.run(System.out, out.toAbsolutePath().resolveSibling("kernel-bench.json"), WORK, repeats);
        System.out.println();
        Path replayJson = out.toAbsolutePath().resolveSibling("replay-bench.json");
        Map<String, Object> replay = ReplayBench.run(System.out, replayJson);
        try (io.chainbeasts.engine.TrainingBackend chosen = BackendChoice.open(backend)) {
            if (chosen.name().equals("opencl")) {
                System.out.println();
                OpenClBench.run(System.out, out.toAbsolutePath().resolveSibling("bench-opencl.json"), false);
                long milli = ReplayBench.replayPerSecondMilli(chosen, 64);
                System.out.printf(Locale.ROOT, "%nverify replay on OpenCL, 64 windows per backend call: %d.%03d windows/s%n", milli / 1000, milli % 1000);
                replay.put("openclReplayWindowsPerSecondMilli", milli);
            }
        }
        System.out.println();
        trainTable(out.toAbsolutePath().resolveSibling("train-bench.json"), true);
        System.out.println();
        DatasetBench.run(System.out, out.toAbsolutePath().resolveSibling("datasets-bench.json"), WORK, DatasetBench.BATTLES, DatasetBench.REPEATS);
        System.out.println();
        MetricsLoadBench.run(System.out, out.toAbsolutePath().resolveSibling("metrics-bench.json"), MetricsLoadBench.CLIENTS,
                MetricsLoadBench.MESSAGES);
        writeJson(rows, split, profiled, replay);
        return 0;
    }

    private int nodeScale() throws Exception {
        if (beasts < 1 || beasts > 1000) throw new UserError("--beasts: " + beasts + " is outside 1..1000");
        int windows = coaching.windows == null ? 16 : coaching.windows; // --windows is shared with --coaching (its default 128)
        if (windows < 1 || windows > 64) throw new UserError("--windows: " + windows + " is outside 1..64");
        if (cheats < 0 || cheats > beasts) throw new UserError("--cheats: " + cheats + " is outside 0.." + beasts);
        if (perBlock < 1 || perBlock > 200) throw new UserError("--per-block: " + perBlock + " is outside 1..200");
        if (blockMs < 100 || blockMs > 60_000) throw new UserError("--block-ms: " + blockMs + " is outside 100..60000");
        boolean opencl;
        try (io.chainbeasts.engine.TrainingBackend chosen = BackendChoice.open(backend)) {
            opencl = chosen.name().equals("opencl");
        }
        Path work = java.nio.file.Files.createTempDirectory("chainbeasts-node-bench");
        try {
            io.chainbeasts.cli.bench.NodeBench.run(System.out, out, new io.chainbeasts.cli.bench.NodeScale.Plan(beasts, windows, cheats, seed, perBlock, blockMs),
                    work, opencl, bytes -> Output.create("--out", out.toAbsolutePath(), bytes, force));
        } finally {
            deleteTree(work);
        }
        return 0;
    }

    /** Issue 15's train table ({@link TrainBench}): Java, and the backend --backend chooses when it is not Java. */
    private void trainTable(Path json, boolean replace) throws Exception {
        Path work = java.nio.file.Files.createTempDirectory("chainbeasts-train-bench");
        try (io.chainbeasts.engine.TrainingBackend java = BackendChoice.open("java");
             io.chainbeasts.engine.TrainingBackend chosen = BackendChoice.open(backend)) {
            List<io.chainbeasts.engine.TrainingBackend> backends = new ArrayList<>(List.of(java));
            if (!chosen.name().equals(java.name())) backends.add(chosen);
            TrainBench.run(System.out, json, replace, backends, TRAIN_WINDOWS, repeats, work);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
        }
    }

    /** Greedy vs greedy battles on one thread, a fresh seed each battle; counts resolved turns. */
    private static long[] runBattles(long budgetNanos) {
        long turns = 0;
        long seed = 1;
        GreedyPolicy greedy = new GreedyPolicy();
        long start = System.nanoTime();
        long elapsed;
        do {
            BattleLog log = BattleSimulator.run(BattleSetup.fromSeed(seed++, SeasonConstants.DEFAULT), greedy, greedy);
            turns += log.turns().size();
            elapsed = System.nanoTime() - start;
        } while (elapsed < budgetNanos);
        return new long[] {turns, elapsed};
    }

    /** Whole windows on an in-memory beast with all slots live and every head trained. */
    private static long[] runWindows(long budgetNanos) {
        SeasonConstants season = SeasonConstants.DEFAULT;
        TrainingConstants tc = TrainingConstants.DEFAULT;
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        BeastState s = Hatchery.hatch(3);
        s.activeMask = NetShape.ALL_SLOTS_MASK;
        s.globalStep = 12_288;
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        long steps = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            WindowContext ctx = TrainingPlan.context(s, season, tc, WindowContext.ZERO32, WindowContext.ZERO32, pool);
            Window.run(s, WindowInputs.publicWindow(ctx, pool), scratch, x -> { });
            steps += Window.STEPS;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budgetNanos);
        return new long[] {steps, elapsed};
    }

    private void writeJson(List<Row> rows, long[] split, int profiled, Map<String, Object> replay) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", r.name());
            o.put("value", r.value());
            o.put("unit", r.unit());
            o.put("count", r.count());
            o.put("nanos", r.nanos());
            list.add(o);
        }
        doc.put("rows", list);
        Map<String, Object> phases = new LinkedHashMap<>();
        for (int i = 0; i < split.length; i++) phases.put(StepProfiler.PHASES[i], split[i]);
        doc.put("profiledSteps", profiled);
        doc.put("microStepSplitNanos", phases);
        doc.put("macsPerStep", StepProfiler.macsPerStep());
        doc.put("replay", replay);
        Output.create("--out", out.toAbsolutePath(), Json.pretty(doc).getBytes(StandardCharsets.UTF_8), force);
        System.out.println("wrote " + out);
    }
}
