package io.chainbeasts.cli.bench;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.TurnResolver;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.AtomicFiles;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.FileProducer;
import io.chainbeasts.datasets.PackedDataset;
import io.chainbeasts.datasets.Sample;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.FastNet;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.InputEncoder;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.Net;
import io.chainbeasts.engine.NetScratch;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel table (issue 15): the reference and the optimised Java kernels side by side on the same work (a beast
 * with all slots live, every head trained; the same windows from the same state), the net's step alone on a trace
 * of those real steps, the plain C ceiling of that net step when gcc is on the PATH (bit-identical weights checked),
 * greedy battles with the reference path search and the bitboard one ({@code PathBits}), and {@code dataset pack}. Times are the
 * thread's CPU time (ThreadMXBean), medians of runs alternated between the kernels. Prints a table, writes JSON.
 */
public final class KernelBench {
    private KernelBench() {}

    public static final int WINDOWS_PER_RUN = 8;
    public static final int TRACE_STEPS = 1024;
    public static final int BATTLES_PER_RUN = 60;
    public static final int PACK_BATTLES = 40;
    /**
     * Unmeasured runs per side before the kernel rows' measured ones: with 3, the optimised sides (more code, the
     * Vector API's intrinsics) were still reaching C2's steady state in the first measured runs (their ratio to the
     * reference rose by ~10% from 7 to 31 repeats).
     */
    static final int WARM_UP_RUNS = 10;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /**
     * One compared row: the median CPU nanoseconds of each side for {@code work} units; {@code vectorNanos} is the
     * optimised kernel with the Vector API ({@link NetScratch#VECTORS}), 0 where the row has no such side or the JVM
     * runs without the module.
     */
    record Pair(String name, String unit, long work, long referenceNanos, long optimisedNanos, long vectorNanos) {
        Pair(String name, String unit, long work, long referenceNanos, long optimisedNanos) {
            this(name, unit, work, referenceNanos, optimisedNanos, 0);
        }

        long referenceRate() {
            return rate(work, referenceNanos);
        }

        long optimisedRate() {
            return rate(work, optimisedNanos);
        }

        long vectorRate() {
            return rate(work, vectorNanos);
        }

        /** optimised / reference, in thousandths. */
        long speedupMilli() {
            return optimisedNanos == 0 ? 0 : referenceNanos * 1000 / optimisedNanos;
        }

        /** optimised with vectors / reference, in thousandths (0 without that side). */
        long vectorSpeedupMilli() {
            return vectorNanos == 0 ? 0 : referenceNanos * 1000 / vectorNanos;
        }

        /** The fastest optimised side's nanoseconds. */
        long bestNanos() {
            return vectorNanos == 0 ? optimisedNanos : Math.min(optimisedNanos, vectorNanos);
        }
    }

    /**
     * Runs every row {@code repeats} times per side (at least 3); returns the JSON document it wrote to {@code json}. The
     * C ceiling's source, binary, trace and weights and the pack rows' inputs go to {@code work} (bench/c-ceiling.sh reads
     * the trace there).
     */
    public static Map<String, Object> run(PrintStream out, Path json, Path work, int repeats) throws IOException {
        if (!CPU.isCurrentThreadCpuTimeSupported()) throw new IllegalStateException("this JVM measures no thread CPU time");
        CPU.setThreadCpuTimeEnabled(true);
        int reps = Math.max(3, repeats);
        SeasonConstants season = SeasonConstants.DEFAULT;
        Path dir = work.toAbsolutePath();
        Files.createDirectories(dir);
        Files.createDirectories(json.toAbsolutePath().getParent());

        BeastState start = benchState();
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        Pair step = microSteps(start, pool, reps);
        Trace trace = Trace.record(start, pool, TRACE_STEPS);
        Pair net = netSteps(trace, reps);
        Ceiling c = ceiling(trace, dir, reps, out);
        Pair battles = battles(reps);
        long[] pack = pack(dir, reps);

        out.printf(Locale.ROOT, "kernel bench: thread CPU time, median of %d runs per side, alternated; %s, %d cores%n", reps,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        out.println(NetScratch.VECTORS ? "optimised: FastNet's scalar loops; +vectors: the same with the Vector API (jdk.incubator.vector, 512-bit)"
                : "+vectors: not measured (this JVM runs without --add-modules jdk.incubator.vector or without 512-bit vectors)");
        out.printf(Locale.ROOT, "%-48s %14s %14s %9s %14s %9s%n", "work, the same on every side (per CPU-second)", "reference", "optimised", "speed-up",
                "+vectors", "speed-up");
        out.println("-".repeat(115));
        List<Object> rows = new ArrayList<>();
        for (Pair p : List.of(step, net, battles)) {
            String vector = p.vectorNanos() == 0 ? String.format(Locale.ROOT, "%14s %9s", "-", "-")
                    : String.format(Locale.ROOT, "%,14d %5d.%02dx", p.vectorRate(), p.vectorSpeedupMilli() / 1000, p.vectorSpeedupMilli() % 1000 / 10);
            out.printf(Locale.ROOT, "%-48s %,14d %,14d %5d.%02dx %s%n", p.name() + " (" + p.unit() + ")", p.referenceRate(), p.optimisedRate(),
                    p.speedupMilli() / 1000, p.speedupMilli() % 1000 / 10, vector);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", p.name());
            o.put("unit", p.unit() + "/s");
            o.put("work", p.work());
            o.put("referenceMedianNanos", p.referenceNanos());
            o.put("optimisedMedianNanos", p.optimisedNanos());
            o.put("reference", p.referenceRate());
            o.put("optimised", p.optimisedRate());
            o.put("speedupMilli", p.speedupMilli());
            if (p.vectorNanos() != 0) {
                o.put("vectorMedianNanos", p.vectorNanos());
                o.put("vector", p.vectorRate());
                o.put("vectorSpeedupMilli", p.vectorSpeedupMilli());
            }
            rows.add(o);
        }
        long packRate = rate(pack[0], pack[1]);
        long packBefore = rate(pack[0], pack[2]);
        long packMilli = pack[1] == 0 ? 0 : pack[2] * 1000 / pack[1];
        out.printf(Locale.ROOT, "%-48s %,14d %,14d %5d.%02dx   (CSV -> zstd file, %d rows: level %d before, %d with search log %d now; %,d -> %,d bytes)%n",
                "dataset pack (rows)", packBefore, packRate, packMilli / 1000, packMilli % 1000 / 10, pack[0], FORMER_PACK_LEVEL, PackedDataset.COMPRESSION_LEVEL,
                PackedDataset.SEARCH_LOG, pack[4], pack[3]);
        long netNsPerStep = net.bestNanos() / net.work();
        out.printf(Locale.ROOT, "net step, optimised Java%s: %,d ns; reference Java: %,d ns", net.vectorNanos() == 0 ? "" : " (fastest side)", netNsPerStep,
                net.referenceNanos() / net.work());
        Map<String, Object> doc = new LinkedHashMap<>();
        if (c.nanos > 0) {
            long cNs = c.nanos / trace.steps;
            long ratioMilli = c.nanos == 0 ? 0 : net.bestNanos() * 1000 / c.nanos;
            out.printf(Locale.ROOT, "; C ceiling (gcc -O3 -march=native): %,d ns -> optimised Java is %d.%02dx the C time (weights %s after %d steps)%n",
                    cNs, ratioMilli / 1000, ratioMilli % 1000 / 10, c.identical ? "bit-identical" : "DIFFER", trace.steps);
            doc.put("cCeilingMedianNanos", c.nanos);
            doc.put("cWeightsIdentical", c.identical);
            doc.put("optimisedOverCMilli", ratioMilli);
        } else {
            out.println("; C ceiling: " + c.note);
            doc.put("cCeiling", c.note);
        }
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", (long) Runtime.getRuntime().availableProcessors());
        doc.put("repeats", (long) reps);
        doc.put("vectors", NetScratch.VECTORS);
        doc.put("rows", rows);
        doc.put("packRows", pack[0]);
        doc.put("packMedianNanos", pack[1]);
        doc.put("packRowsPerSecond", packRate);
        doc.put("packLevel", (long) PackedDataset.COMPRESSION_LEVEL);
        doc.put("packSearchLog", (long) PackedDataset.SEARCH_LOG);
        doc.put("packFormerLevel", (long) FORMER_PACK_LEVEL);
        doc.put("packFormerLevelMedianNanos", pack[2]);
        doc.put("packFormerLevelRowsPerSecond", packBefore);
        doc.put("packSpeedupMilli", packMilli);
        doc.put("packStoredBytes", pack[3]);
        doc.put("packFormerLevelStoredBytes", pack[4]);
        AtomicFiles.write(json, Json.pretty(doc).getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + json);
        return doc;
    }

    /** A beast late in the schedule with every slot live: every head trained, the largest net. */
    static BeastState benchState() {
        BeastState s = Hatchery.hatch(3);
        s.activeMask = NetShape.ALL_SLOTS_MASK;
        s.globalStep = 12_288;
        return s;
    }

    private static WindowInputs inputs(BeastState s, RealBattlePool pool) {
        WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, WindowContext.ZERO32, WindowContext.ZERO32, pool);
        return WindowInputs.publicWindow(ctx, pool);
    }

    /** The sides of the kernel rows: reference, optimised (scalar loops), and optimised with vectors when the JVM has them. */
    private static int kernelSides() {
        return NetScratch.VECTORS ? 3 : 2;
    }

    /**
     * Whole windows (sampling, teacher, encoder, net, hashing) from the same state on each kernel, as the trainer runs
     * them ({@link Window#runRecords}).
     */
    static Pair microSteps(BeastState start, RealBattlePool pool, int reps) {
        int sides = kernelSides();
        long[][] ns = new long[3][reps];
        byte[][] hash = new byte[sides][];
        for (int r = -WARM_UP_RUNS; r < reps; r++) { // the first runs warm every side up (JIT)
            for (int side = 0; side < sides; side++) {
                BeastState s = start.copy();
                MicroStep.Scratch scratch = side == 0 ? MicroStep.Scratch.reference() : side == 1 ? MicroStep.Scratch.scalar() : new MicroStep.Scratch();
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int w = 0; w < WINDOWS_PER_RUN; w++) Window.runRecords(s, inputs(s, pool), scratch, x -> { });
                long t = CPU.getCurrentThreadCpuTime() - t0;
                if (r >= 0) ns[side][r] = t;
                hash[side] = s.hash();
            }
        }
        for (int side = 1; side < sides; side++) {
            if (!Arrays.equals(hash[0], hash[side])) throw new IllegalStateException("the kernels disagree after " + WINDOWS_PER_RUN + " windows");
        }
        return new Pair("training micro-step, whole, 1 thread", "steps", (long) WINDOWS_PER_RUN * Window.STEPS, median(ns[0]), median(ns[1]),
                sides == 3 ? median(ns[2]) : 0);
    }

    /** What the net's step reads, recorded from real training: inputs, label, heads, lrShift, activeMask per step. */
    static final class Trace {
        final BeastState start;
        final int steps;
        final int[][] x;
        final int[][] meta; // move, power, block, weightShift, heads, lrShift, activeMask
        final BeastState end;

        private Trace(BeastState start, int steps) {
            this.start = start;
            this.steps = steps;
            x = new int[steps][];
            meta = new int[steps][];
            end = start.copy();
        }

        static Trace record(BeastState from, RealBattlePool pool, int steps) {
            Trace t = new Trace(from.copy(), steps);
            MicroStep.Scratch scratch = MicroStep.Scratch.reference();
            int[] k = {0};
            while (k[0] < steps) {
                Window.run(t.end, inputs(t.end, pool), scratch, rec -> {
                    if (k[0] >= steps) return;
                    int i = k[0]++;
                    int[] x = new int[NetShape.N_IN];
                    InputEncoder.encode(rec.board(), SeasonConstants.DEFAULT, x);
                    t.x[i] = x;
                    t.meta[i] = meta(rec);
                    if (i == steps - 1) t.snapshotEnd();
                });
            }
            return t;
        }

        private BeastState endWeights;

        private void snapshotEnd() {
            endWeights = end.copy();
        }

        private static int[] meta(StepRecord r) {
            return new int[] {r.label().move(), r.label().power(), r.label().block(), r.label().weightShift(), r.heads(), r.lrShift(), r.activeMask()};
        }

        /** Replays the net's part of every step on a copy of the start state; returns it. The optimised side binds as a window does. */
        BeastState replay(boolean reference, NetScratch t) {
            BeastState s = start.copy();
            if (!reference) FastNet.bind(s, t, true); // as a training window binds (Window.runRecords)
            for (int i = 0; i < steps; i++) {
                int[] m = meta[i];
                System.arraycopy(x[i], 0, t.x, 0, NetShape.N_IN);
                s.lrShift = m[5];
                s.activeMask = m[6];
                io.chainbeasts.curriculum.Label label = new io.chainbeasts.curriculum.Label(m[0], m[1], m[2], m[3]);
                if (reference) {
                    Net.forward(s, t);
                    Net.lossAndGradient(t, label, m[4]);
                    Net.backwardAndUpdate(s, t);
                } else {
                    FastNet.forward(s, t);
                    Net.lossAndGradient(t, label, m[4]);
                    FastNet.backwardAndUpdate(s, t);
                }
            }
            if (!reference) FastNet.unbind(t);
            return s;
        }

        boolean sameWeights(BeastState s) {
            return Arrays.equals(s.w1, endWeights.w1) && Arrays.equals(s.b1, endWeights.b1) && Arrays.equals(s.w2, endWeights.w2)
                    && Arrays.equals(s.b2, endWeights.b2);
        }

        /** The trace file netstep.c reads (big-endian; its layout is in that file's header). */
        byte[] toBytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(bytes);
            o.writeBytes("CBNT");
            o.writeInt(steps);
            o.writeInt(NetShape.N_IN);
            o.writeInt(NetShape.HIDDEN);
            o.writeInt(NetShape.N_OUT);
            for (int[] a : new int[][] {start.w1, start.b1, start.w2, start.b2}) for (int v : a) o.writeInt(v);
            for (int i = 0; i < steps; i++) {
                for (int v : x[i]) o.writeInt(v);
                for (int v : meta[i]) o.writeInt(v);
            }
            o.flush();
            return bytes.toByteArray();
        }

        byte[] endWeightBytes() {
            ByteBuffer b = ByteBuffer.allocate(4 * (NetShape.HIDDEN * NetShape.N_IN + NetShape.HIDDEN + NetShape.N_OUT * NetShape.HIDDEN + NetShape.N_OUT));
            for (int[] a : new int[][] {endWeights.w1, endWeights.b1, endWeights.w2, endWeights.b2}) for (int v : a) b.putInt(v);
            return b.array();
        }
    }

    /** The net's step alone (forward, loss gradient, backward and update) over the recorded trace. */
    static Pair netSteps(Trace trace, int reps) {
        int sides = kernelSides();
        long[][] ns = new long[3][reps];
        NetScratch[] scratch = {NetScratch.reference(), NetScratch.scalar(), new NetScratch()};
        for (int r = -WARM_UP_RUNS; r < reps; r++) {
            for (int side = 0; side < sides; side++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                BeastState s = trace.replay(side == 0, scratch[side]);
                long d = CPU.getCurrentThreadCpuTime() - t0;
                if (r >= 0) ns[side][r] = d;
                if (!trace.sameWeights(s)) {
                    throw new IllegalStateException((side == 0 ? "reference" : side == 1 ? "optimised" : "optimised (vectors)")
                            + " net replay differs from the training run's weights");
                }
            }
        }
        return new Pair("net step (fwd+loss+bwd+update), trace", "steps", trace.steps, median(ns[0]), median(ns[1]), sides == 3 ? median(ns[2]) : 0);
    }

    record Ceiling(long nanos, boolean identical, String note) {}

    /** Compiles netstep.c with gcc when it is on the PATH, runs it on the trace and compares its weights with Java's. */
    static Ceiling ceiling(Trace trace, Path dir, int reps, PrintStream out) throws IOException {
        Path src = dir.resolve("netstep.c");
        try (InputStream in = KernelBench.class.getResourceAsStream("netstep.c")) {
            if (in == null) return new Ceiling(0, false, "netstep.c is not in the jar");
            AtomicFiles.write(src, in.readAllBytes());
        }
        Path exe = dir.resolve("netstep");
        Path traceFile = dir.resolve("netstep.trace");
        Path weights = dir.resolve("netstep.weights");
        AtomicFiles.write(traceFile, trace.toBytes());
        AtomicFiles.write(dir.resolve("netstep.java-weights"), trace.endWeightBytes()); // for bench/c-ceiling.sh
        String built = exec(List.of("gcc", "-O3", "-march=native", "-o", exe.toString(), src.toString()), 120);
        if (built == null) return new Ceiling(0, false, "not measured (gcc not found or failed; bench/c-ceiling.sh runs it by hand)");
        String ran = exec(List.of(exe.toString(), traceFile.toString(), weights.toString(), Integer.toString(Math.max(reps, 5))), 300);
        if (ran == null) return new Ceiling(0, false, "not measured (netstep failed)");
        long nanos = 0;
        for (String line : ran.split("\n")) if (line.startsWith("median_ns ")) nanos = Long.parseLong(line.substring(10).trim());
        boolean same = Arrays.equals(Files.readAllBytes(weights), trace.endWeightBytes());
        if (!same) out.println("C ceiling: weights after " + trace.steps + " steps differ from Java's (" + weights + ")");
        return new Ceiling(nanos, same, "");
    }

    /** Runs a command; its standard output, or null when it cannot start, fails or overruns. */
    private static String exec(List<String> cmd, int seconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] outBytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(outBytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Greedy against greedy: the reference side (full-BFS greedy, {@link TurnResolver}, the arena generator's BFS) against
     * the optimised one (the bitboard greedy, {@link io.chainbeasts.combat.FastTurnResolver}, {@link io.chainbeasts.combat.PathBits}
     * in the generator); the same battle logs.
     */
    static Pair battles(int reps) {
        long[][] ns = new long[2][reps];
        long turns = 0;
        for (int r = -2; r < reps; r++) {
            long[] t = new long[2];
            byte[][] hashes = new byte[2][];
            io.chainbeasts.combat.PathBits paths = new io.chainbeasts.combat.PathBits();
            for (int side = 0; side < 2; side++) {
                Policy a = side == 0 ? new ReferenceGreedy() : new GreedyPolicy();
                Policy b = side == 0 ? new ReferenceGreedy() : new GreedyPolicy();
                long count = 0;
                io.chainbeasts.core.Keccak256 all = new io.chainbeasts.core.Keccak256();
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int k = 0; k < BATTLES_PER_RUN; k++) {
                    BattleLog log = side == 0 ? BattleSimulator.runReference(BattleSetup.fromSeed(k + 1, SeasonConstants.DEFAULT), a, b)
                            : BattleSimulator.run(BattleSetup.fromSeed(k + 1, SeasonConstants.DEFAULT, paths), a, b);
                    count += log.turns().size();
                    all.update(log.hash());
                }
                t[side] = CPU.getCurrentThreadCpuTime() - t0;
                hashes[side] = all.digest();
                turns = count;
            }
            if (!Arrays.equals(hashes[0], hashes[1])) throw new IllegalStateException("the path searches gave different battles");
            if (r >= 0) {
                ns[0][r] = t[0];
                ns[1][r] = t[1];
            }
        }
        return new Pair("battle turns, greedy vs greedy", "turns", turns, median(ns[0]), median(ns[1]));
    }

    /** Greedy through the reference search: {@link GreedyPolicy#outputs(SeasonConstants, Arena, io.chainbeasts.combat.Fighter, io.chainbeasts.combat.Fighter)}. */
    private static final class ReferenceGreedy implements Policy {
        @Override
        public int[] decide(SeasonConstants season, Arena arena, BattleState state, int side) {
            return GreedyPolicy.outputs(season, arena, state.fighter(side), state.fighter(1 - side));
        }

        @Override
        public String name() {
            return "greedy";
        }
    }

    /** The zstd level {@code dataset pack} used before issue 15, with the level's own search log (spec/datasets.md: the decision). */
    static final int FORMER_PACK_LEVEL = 19;

    /**
     * {@code dataset pack} of a generated battle-record CSV to a zstd file, as the command runs it ({@link DatasetFiles#pack}),
     * alternated with the same pipeline at the former level: {rows, median CPU nanoseconds now, median at the former level,
     * stored bytes now, stored bytes at the former level}.
     */
    static long[] pack(Path dir, int reps) throws IOException {
        List<BattleRecord> records = BattleSampleGenerator.generate(0x4B45524E454CL, PACK_BATTLES, SeasonConstants.DEFAULT);
        Path csv = dir.resolve("kernel-bench.csv");
        Path zst = dir.resolve("kernel-bench.zst");
        Path former = dir.resolve("kernel-bench-level" + FORMER_PACK_LEVEL + ".zst");
        AtomicFiles.write(csv, CsvFormat.writeRecords(records));
        long[][] ns = new long[2][reps];
        long rows = 0;
        long[] stored = new long[2];
        for (int r = -2; r < reps; r++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            PackedDataset.Packed now = DatasetFiles.pack(csv, zst, true, SeasonConstants.DEFAULT);
            long t1 = CPU.getCurrentThreadCpuTime();
            List<Sample> samples = FileProducer.any(csv).samples(SeasonConstants.DEFAULT);
            PackedDataset.Packed before = PackedDataset.packSamples(samples, SeasonConstants.DEFAULT, FORMER_PACK_LEVEL, 0);
            AtomicFiles.output(former, before.stored(), true);
            long t2 = CPU.getCurrentThreadCpuTime();
            if (!PackedDataset.unpackSamples("now", now.stored(), SeasonConstants.DEFAULT)
                    .equals(PackedDataset.unpackSamples("before", before.stored(), SeasonConstants.DEFAULT))) {
                throw new IllegalStateException("the two levels packed different boards");
            }
            rows = now.count();
            stored[0] = now.stored().length;
            stored[1] = before.stored().length;
            if (r >= 0) {
                ns[0][r] = t1 - t0;
                ns[1][r] = t2 - t1;
            }
        }
        return new long[] {rows, median(ns[0]), median(ns[1]), stored[0], stored[1]};
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static long rate(long count, long nanos) {
        return nanos == 0 ? 0 : count * 1_000_000_000L / nanos;
    }
}
