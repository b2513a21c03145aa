package io.chainbeasts.cli.bench;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
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
import io.chainbeasts.engine.opencl.KernelLayout;
import io.chainbeasts.engine.opencl.LaunchTimings;
import io.chainbeasts.engine.opencl.OpenClBackend;
import io.chainbeasts.engine.opencl.ProgramCache;
import io.chainbeasts.engine.opencl.WindowLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backend benchmark (not a test): micro-steps per wall second and per CPU-second of this process (PoCL's worker
 * threads included), and the latency of one 128-step window, for Java on one thread and on all cores, and OpenCL in
 * both layouts (per-beast, work-group) with 1, 64 and 1024 beasts in one launch; for the OpenCL rows, where a run's
 * time goes (marshalling, upload, the one launch, read-back, decoding) and the bytes each way; plus the program's cold
 * build and warm (cached) load. Prints a table and writes JSON. Public default-plan windows from hatch (the first
 * window: move head, 4 live slots).
 */
public final class OpenClBench {
    private OpenClBench() {}

    /** One measured row; {@code timings} sums the OpenCL runs' phases (null for Java). */
    public record Row(String backend, int beasts, long steps, double seconds, double cpuSeconds, double windowMillis,
                      LaunchTimings timings) {
        double stepsPerSecond() {
            return steps / seconds;
        }

        /** Steps per CPU-second of the whole process; NaN when the JVM cannot report process CPU time. */
        double stepsPerCpuSecond() {
            return cpuSeconds > 0 ? steps / cpuSeconds : Double.NaN;
        }
    }

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

    /** CPU time of this process (all threads, the OpenCL runtime's included), or -1. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getProcessCpuTime();
        return -1;
    }

    static Row measure(String label, TrainingBackend b, int beasts, RealBattlePool pool, int repeats) {
        // warm-up (JIT, the kernel's first launch at this work-group size), then the timed runs on fresh hatchlings
        for (int w = 0; w < 4; w++) {
            List<BeastState> warm = beasts(Math.min(beasts, 16), 9_000_000L + 100L * w);
            b.runWindows(warm, inputs(warm, pool));
        }
        long steps = 0;
        long[] phases = new long[9];
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            List<BeastState> st = beasts(beasts, 1_000_000L * (r + 1));
            b.runWindows(st, inputs(st, pool));
            steps += (long) beasts * Window.STEPS;
            if (b instanceof OpenClBackend cl) add(phases, cl.lastTimings());
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        long c1 = processCpuNanos();
        LaunchTimings t = b instanceof OpenClBackend ? new LaunchTimings(beasts, (int) phases[1], phases[2], phases[3], phases[4], phases[5],
                phases[6], phases[7], phases[8]) : null;
        return new Row(label, beasts, steps, sec, c0 < 0 ? -1 : (c1 - c0) / 1e9, sec * 1000 / repeats, t);
    }

    private static void add(long[] sum, LaunchTimings t) {
        long[] v = {t.beasts(), t.launches(), t.marshalNanos(), t.uploadNanos(), t.uploadBytes(), t.kernelNanos(), t.readNanos(),
                t.readBytes(), t.decodeNanos()};
        for (int i = 0; i < v.length; i++) sum[i] += v[i];
    }

    /**
     * Windows per row: at least 8,192 micro-steps (2,048 when {@code quick}), so that each row spends well over the
     * ~10 ms resolution of the process CPU clock.
     */
    static int repeats(int beasts, boolean quick) {
        int steps = quick ? 2048 : 8192;
        return Math.max(1, steps / (beasts * Window.STEPS));
    }

    /** Runs the whole table; {@code quick} measures fewer windows per row. */
    public static List<Row> run(PrintStream out, Path json, boolean quick) throws IOException {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (JavaBackend j1 = new JavaBackend(1)) {
            for (int w = 0; w < 8; w++) { // the JIT's warm-up on the window code, before any Java row
                List<BeastState> warm = beasts(16, 8_000_000L + 100L * w);
                j1.runWindows(warm, inputs(warm, pool));
            }
            rows.add(measure("java, 1 thread", j1, 1, pool, repeats(1, quick)));
            rows.add(measure("java, 1 thread", j1, 16, pool, repeats(16, quick)));
        }
        try (JavaBackend jn = new JavaBackend(cores)) {
            rows.add(measure("java, " + cores + " threads", jn, 64, pool, repeats(64, quick)));
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
            try {
                extra.put("device", cold.device().describe());
                extra.put("layoutChosenForDevice", cold.layout().label());
                extra.put("startColdMillis", coldMs);
                // per-beast, work-group at the device's default size, and on a CPU also the full group of 64
                List<Object[]> runs = new ArrayList<>();
                runs.add(new Object[] {WindowLayout.PER_BEAST, 0});
                runs.add(new Object[] {WindowLayout.WORK_GROUP, 0});
                if (cold.device().isCpu()) runs.add(new Object[] {WindowLayout.WORK_GROUP, KernelLayout.GROUP_MAX_SIZE});
                for (Object[] run : runs) {
                    WindowLayout layout = (WindowLayout) run[0];
                    t0 = System.nanoTime();
                    try (OpenClBackend cl = OpenClBackend.create(new ProgramCache(tmpCache), layout, (Integer) run[1])) {
                        long warmMs = (System.nanoTime() - t0) / 1_000_000;
                        if (layout == WindowLayout.PER_BEAST) {
                            extra.put("startWarmMillis", warmMs);
                            extra.put("programFromCacheOnWarm", cl.build().fromCache());
                        }
                        String label = "opencl " + layout.label() + (layout == WindowLayout.WORK_GROUP ? " x" + cl.groupSize() : "");
                        for (int beasts : new int[] {1, 64, 1024}) rows.add(measure(label, cl, beasts, pool, repeats(beasts, quick)));
                    }
                }
            } finally {
                cold.close();
                new ProgramCache(tmpCache).clear();
                Files.deleteIfExists(tmpCache);
            }
        }
        Row javaOne = rows.get(1);
        Row javaAll = rows.get(2);
        out.println(String.format(Locale.ROOT, "%-24s %6s %8s %10s %12s %9s %9s | %8s %8s %8s %8s %8s %9s %9s", "backend", "beasts", "steps",
                "steps/s", "steps/CPU-s", "window ms", "vs java1", "marshal", "upload", "kernel", "read", "decode", "up KiB", "down KiB"));
        for (Row r : rows) {
            String base = String.format(Locale.ROOT, "%-24s %6d %8d %10.0f %12.0f %9.1f %8.2fx", r.backend(), r.beasts(), r.steps(),
                    r.stepsPerSecond(), r.stepsPerCpuSecond(), r.windowMillis(), r.stepsPerCpuSecond() / javaOne.stepsPerCpuSecond());
            LaunchTimings t = r.timings();
            out.println(t == null ? base : base + String.format(Locale.ROOT, " | %6.1fms %6.1fms %6.0fms %6.1fms %6.1fms %9d %9d",
                    t.marshalNanos() / 1e6, t.uploadNanos() / 1e6, t.kernelNanos() / 1e6, t.readNanos() / 1e6, t.decodeNanos() / 1e6,
                    t.uploadBytes() / 1024, t.readBytes() / 1024));
        }
        out.println("(vs java1: steps per CPU-second against Java on one thread with " + javaOne.beasts() + " beasts; OpenCL phases summed"
                + " over the row's runs, one launch per window)");
        Row perBeast = find(rows, "opencl per-beast", 1024);
        Row group = null;
        for (Row r : rows) if (r.backend().startsWith("opencl work-group") && r.beasts() == 1024 && (group == null || r.steps() / r.cpuSeconds() > group.steps() / group.cpuSeconds())) group = r;
        if (perBeast != null && group != null) {
            out.println(String.format(Locale.ROOT, "best work-group (%s) / per-beast at 1024 beasts: %.2fx per wall second, %.2fx per CPU-second",
                    group.backend(), group.stepsPerSecond() / perBeast.stepsPerSecond(), group.stepsPerCpuSecond() / perBeast.stepsPerCpuSecond()));
            out.println(String.format(Locale.ROOT, "best OpenCL at 1024 beasts / java on %d threads, per CPU-second: %.2fx", cores,
                    Math.max(group.stepsPerCpuSecond(), perBeast.stepsPerCpuSecond()) / javaAll.stepsPerCpuSecond()));
            extra.put("workGroupOverPerBeastAt1024PermilleWall", Math.round(1000 * group.stepsPerSecond() / perBeast.stepsPerSecond()));
            extra.put("workGroupOverPerBeastAt1024PermilleCpu", Math.round(1000 * group.stepsPerCpuSecond() / perBeast.stepsPerCpuSecond()));
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) out.println(e.getKey() + ": " + e.getValue());
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cores", (long) cores);
            m.putAll(extra);
            List<Object> list = new ArrayList<>();
            for (Row r : rows) list.add(json(r, javaOne));
            m.put("rows", list);
            Path dir = json.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Files.writeString(json, Json.pretty(m), StandardCharsets.UTF_8);
            out.println("wrote " + json);
        }
        return rows;
    }

    private static Row find(List<Row> rows, String backend, int beasts) {
        for (Row r : rows) if (r.backend().equals(backend) && r.beasts() == beasts) return r;
        return null;
    }

    private static Map<String, Object> json(Row r, Row javaOne) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("backend", r.backend());
        o.put("beasts", (long) r.beasts());
        o.put("steps", r.steps());
        o.put("wallMicros", Math.round(r.seconds() * 1e6));
        o.put("cpuMicros", Math.round(r.cpuSeconds() * 1e6));
        o.put("stepsPerSecond", Math.round(r.stepsPerSecond()));
        o.put("stepsPerCpuSecond", Double.isNaN(r.stepsPerCpuSecond()) ? null : Math.round(r.stepsPerCpuSecond()));
        o.put("windowLatencyMicros", Math.round(r.windowMillis() * 1000));
        o.put("vsJavaOneThreadPerCpuSecondPermille", Math.round(1000 * r.stepsPerCpuSecond() / javaOne.stepsPerCpuSecond()));
        LaunchTimings t = r.timings();
        if (t != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("launches", (long) t.launches());
            p.put("marshalMicros", t.marshalNanos() / 1000);
            p.put("uploadMicros", t.uploadNanos() / 1000);
            p.put("uploadBytes", t.uploadBytes());
            p.put("kernelMicros", t.kernelNanos() / 1000);
            p.put("readMicros", t.readNanos() / 1000);
            p.put("readBytes", t.readBytes());
            p.put("decodeMicros", t.decodeNanos() / 1000);
            p.put("overheadPermille", t.totalNanos() == 0 ? 0L : 1000 * t.overheadNanos() / t.totalNanos());
            o.put("opencl", p);
        }
        return o;
    }
}
