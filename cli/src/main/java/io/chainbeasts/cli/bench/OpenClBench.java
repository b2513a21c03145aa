package io.chainbeasts.cli.bench;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.opencl.Backends;
import io.chainbeasts.engine.opencl.OpenClBackend;
import io.chainbeasts.engine.opencl.ProgramCache;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backend benchmark (not a test): micro-steps per second and the latency of one 128-step window
 * for Java on one thread, Java on all cores (beasts in parallel), and OpenCL batched with 1, 64 and
 * 1024 beasts; plus the OpenCL program's cold build and warm (cached) load. Prints a table and
 * writes JSON. Public default-plan windows from hatch (the first window: move head, 4 live slots).
 */
public final class OpenClBench {
    private OpenClBench() {}

    public record Row(String backend, int beasts, long steps, double seconds, double stepsPerSecond, double windowMillis) {}

    static List<WindowInputs> inputs(List<BeastState> states, RealBattlePool pool) {
        List<WindowInputs> out = new ArrayList<>();
        for (BeastState s : states) {
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, WindowContext.ZERO32,
                    WindowContext.ZERO32, pool);
            out.add(WindowInputs.publicWindow(ctx, pool));
        }
        return out;
    }

    static List<BeastState> beasts(int n, long base) {
        List<BeastState> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Hatchery.hatch(base + i));
        return out;
    }

    static Row measure(String label, TrainingBackend b, int beasts, RealBattlePool pool, int repeats) {
        // warm-up (JIT, kernel first launch), then the timed runs on fresh hatchlings
        for (int w = 0; w < 3; w++) {
            List<BeastState> warm = beasts(Math.min(beasts, 4), 9_000_000L + 10L * w);
            b.runWindows(warm, inputs(warm, pool));
        }
        long steps = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            List<BeastState> st = beasts(beasts, 1_000_000L * (r + 1));
            b.runWindows(st, inputs(st, pool));
            steps += (long) beasts * Window.STEPS;
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return new Row(label, beasts, steps, sec, steps / sec, sec * 1000 / repeats);
    }

    /** Runs the whole table; {@code quick} uses fewer beasts for the Java rows and one repeat. */
    public static List<Row> run(PrintStream out, Path json, boolean quick) throws IOException {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (JavaBackend j1 = new JavaBackend(1)) {
            rows.add(measure("java, 1 thread", j1, 1, pool, quick ? 2 : 4));
            rows.add(measure("java, 1 thread", j1, quick ? 8 : 16, pool, 1));
        }
        try (JavaBackend jn = new JavaBackend(cores)) {
            rows.add(measure("java, " + cores + " threads", jn, quick ? 8 : 16, pool, 1));
        }
        String why = Backends.probe();
        if (why != null) {
            out.println("OpenCL rows skipped: " + why);
            extra.put("opencl", "unavailable: " + why);
        } else {
            Path tmpCache = Files.createTempDirectory("chainbeasts-bench-cache");
            long t0 = System.nanoTime();
            OpenClBackend cold = OpenClBackend.create(new ProgramCache(tmpCache));
            long coldMs = (System.nanoTime() - t0) / 1_000_000;
            cold.close();
            t0 = System.nanoTime();
            OpenClBackend cl = OpenClBackend.create(new ProgramCache(tmpCache));
            long warmMs = (System.nanoTime() - t0) / 1_000_000;
            extra.put("device", cl.device().describe());
            extra.put("startColdMillis", coldMs);
            extra.put("startWarmMillis", warmMs);
            extra.put("programFromCacheOnWarm", cl.build().fromCache());
            try {
                rows.add(measure("opencl batched", cl, 1, pool, quick ? 2 : 4));
                rows.add(measure("opencl batched", cl, 64, pool, 1));
                rows.add(measure("opencl batched", cl, 1024, pool, 1));
            } finally {
                cl.close();
                new ProgramCache(tmpCache).clear();
                Files.deleteIfExists(tmpCache);
            }
        }
        double javaOne = rows.get(1).stepsPerSecond();
        out.println(String.format(Locale.ROOT, "%-22s %7s %10s %14s %18s %10s", "backend", "beasts", "steps", "steps/s", "window latency ms", "vs java1"));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-22s %7d %10d %14.0f %18.1f %9.2fx", r.backend(), r.beasts(), r.steps(), r.stepsPerSecond(),
                    r.windowMillis(), r.stepsPerSecond() / javaOne));
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) out.println(e.getKey() + ": " + e.getValue());
        if (json != null) {
            StringBuilder sb = new StringBuilder("{\n  \"cores\": " + cores + ",\n");
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                Object v = e.getValue();
                sb.append("  \"").append(e.getKey()).append("\": ")
                        .append(v instanceof String ? "\"" + ((String) v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v).append(",\n");
            }
            sb.append("  \"rows\": [\n");
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                sb.append(String.format(Locale.ROOT,
                        "    {\"backend\": \"%s\", \"beasts\": %d, \"steps\": %d, \"seconds\": %.3f, \"stepsPerSecond\": %.1f, \"windowLatencyMillis\": %.2f, \"vsJavaOneThread\": %.3f}%s%n",
                        r.backend(), r.beasts(), r.steps(), r.seconds(), r.stepsPerSecond(), r.windowMillis(), r.stepsPerSecond() / javaOne,
                        i + 1 < rows.size() ? "," : ""));
            }
            sb.append("  ]\n}\n");
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, sb.toString(), StandardCharsets.UTF_8);
            out.println("wrote " + json);
        }
        return rows;
    }
}
