package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
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
import io.chainbeasts.engine.WindowResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Issue 15's device check, for a machine with a GPU and no Maven (run by {@code bench/device-check.sh}; on this project's
 * machines it also runs on PoCL): 1. the OpenCL suites (the per-step differential test with the full state after every
 * step in both layouts, the golden vectors, the h128 chains, the primitives in bulk), through the JUnit platform, with
 * {@code CHAINBEASTS_REQUIRE_TOOLS=1} so a missing device fails instead of skipping; 2. at scale, one public window of
 * {@code n} fresh hatchlings per layout, every beast's h128 and post-state hash equal to the Java backend's; 3. steps per
 * second of each layout at those sizes against Java on one thread. Prints a table and writes {@code device-check.json}
 * into the directory given as the first argument. Exit code 0 only when every suite passed and every beast matched.
 */
public final class DeviceCheck {
    private DeviceCheck() {}

    static final List<Class<?>> SUITES = List.of(StepDifferentialTest.class, OpenClGoldenVectorsTest.class, OpenClMicroStepVectorsTest.class,
            H128ChainTest.class, SeasonDifferentialTest.class, PrimitivesBulkTest.class, KernelLayoutTest.class, HostChecksTest.class);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DeviceCheck OUT_DIR [BEASTS[,BEASTS...]]   (default 1024,4096)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        int[] sizes = args.length > 1 ? parseSizes(args[1]) : new int[] {1024, 4096};
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", (long) Runtime.getRuntime().availableProcessors());

        String why = Backends.probe();
        if (why != null) {
            System.out.println("device check: no OpenCL platform (" + why + ")");
            doc.put("opencl", "unavailable: " + why);
            write(out, doc);
            System.exit(1);
        }
        boolean ok = suites(doc);
        ok &= scale(sizes, doc);
        doc.put("passed", ok);
        write(out, doc);
        System.out.println("device check: " + (ok ? "PASSED" : "FAILED") + "; wrote " + out.resolve("device-check.json"));
        System.exit(ok ? 0 : 1);
    }

    private static int[] parseSizes(String s) {
        String[] parts = s.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument BEASTS: '" + parts[i] + "' is not a number");
            }
            if (v[i] < 1 || v[i] > 65_536) throw new IllegalArgumentException("argument BEASTS: " + v[i] + " is outside 1..65536");
        }
        return v;
    }

    /** The OpenCL suites through the JUnit platform; true when none failed and none was skipped or aborted. */
    private static boolean suites(Map<String, Object> doc) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : SUITES) b.selectors(selectClass(c));
        LauncherDiscoveryRequest request = b.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        s.printTo(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        s.printFailuresTo(new PrintWriter(System.out, true, StandardCharsets.UTF_8), 20);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("found", s.getTestsFoundCount());
        m.put("succeeded", s.getTestsSucceededCount());
        m.put("failed", s.getTestsFailedCount());
        m.put("skipped", s.getTestsSkippedCount());
        m.put("aborted", s.getTestsAbortedCount());
        doc.put("suites", m);
        return s.getTestsFailedCount() == 0 && s.getTestsAbortedCount() == 0 && s.getTestsSkippedCount() == 0 && s.getTestsSucceededCount() > 0;
    }

    /** One window of {@code n} hatchlings per layout and size: equal to Java beast by beast, and how fast. */
    private static boolean scale(int[] sizes, Map<String, Object> doc) {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Object> rows = new ArrayList<>();
        boolean ok = true;
        double java1;
        try (JavaBackend j1 = new JavaBackend(1)) {
            window(j1, 64, 7_000_000L, pool); // JIT warm-up
            java1 = 64.0 * Window.STEPS / (window(j1, 64, 7_100_000L, pool).nanos / 1e9);
        }
        System.out.printf(Locale.ROOT, "%-24s %7s %12s %10s %8s %s%n", "backend", "beasts", "steps/s", "window ms", "vs java1", "bit-exact vs Java");
        System.out.printf(Locale.ROOT, "%-24s %7d %12.0f %10s %8s %s%n", "java, 1 thread", 64, java1, "", "1.00x", "");
        try (JavaBackend jn = new JavaBackend(cores)) {
            for (WindowLayout layout : WindowLayout.values()) {
                try (OpenClBackend cl = OpenClBackend.create(OpenCl.testCache(), layout, 0)) {
                    window(cl, 16, 7_200_000L, pool); // the program's first launch
                    for (int n : sizes) {
                        long seed = 10_000_000L * n;
                        Run device = window(cl, n, seed, pool);
                        double sec = device.nanos / 1e9;
                        Run java = window(jn, n, seed, pool);
                        int mismatches = 0;
                        String first = null;
                        for (int i = 0; i < n; i++) {
                            boolean same = Hex.of(device.results.get(i).h128()).equals(Hex.of(java.results.get(i).h128()))
                                    && Hex.of(device.states.get(i).hash()).equals(Hex.of(java.states.get(i).hash()));
                            if (!same && mismatches++ == 0) {
                                first = "beast " + i + " (hatch seed " + (seed + i) + "): h128 0x" + Hex.of(device.results.get(i).h128())
                                        + " vs Java 0x" + Hex.of(java.results.get(i).h128());
                            }
                        }
                        double steps = (double) n * Window.STEPS / sec;
                        String label = "opencl " + layout.label() + (layout == WindowLayout.WORK_GROUP ? " x" + cl.groupSize() : "");
                        System.out.printf(Locale.ROOT, "%-24s %7d %12.0f %10.1f %7.1fx %s%n", label, n, steps, sec * 1000, steps / java1,
                                mismatches == 0 ? "all " + n + " equal" : mismatches + " differ, first " + first);
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("backend", cl.description());
                        r.put("layout", layout.label());
                        r.put("groupSize", (long) cl.groupSize());
                        r.put("beasts", (long) n);
                        r.put("stepsPerSecond", Math.round(steps));
                        r.put("windowMillis", Math.round(sec * 1000));
                        r.put("vsJavaOneThreadPermille", Math.round(1000 * steps / java1));
                        r.put("mismatches", (long) mismatches);
                        if (first != null) r.put("firstMismatch", first);
                        rows.add(r);
                        ok &= mismatches == 0;
                    }
                }
            }
        }
        doc.put("javaOneThreadStepsPerSecond", Math.round(java1));
        doc.put("rows", rows);
        return ok;
    }

    /** A batch's post-states and results, and the backend call's wall time (marshalling and transfers included). */
    private record Run(List<BeastState> states, List<WindowResult> results, long nanos) {}

    private static Run window(TrainingBackend b, int n, long seedBase, RealBattlePool pool) {
        List<BeastState> states = new ArrayList<>(n);
        List<WindowInputs> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BeastState s = Hatchery.hatch(seedBase + i);
            states.add(s);
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, WindowContext.ZERO32,
                    WindowContext.ZERO32, pool);
            inputs.add(WindowInputs.publicWindow(ctx, pool));
        }
        long t0 = System.nanoTime();
        List<WindowResult> results = b.runWindows(states, inputs);
        return new Run(states, results, System.nanoTime() - t0);
    }

    private static void write(Path out, Map<String, Object> doc) throws java.io.IOException {
        Files.writeString(out.resolve("device-check.json"), Json.pretty(doc));
    }
}
