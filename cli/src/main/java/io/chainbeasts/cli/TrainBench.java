package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.cli.bench.OpenClBench;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 15's training targets (a benchmark, not a test): for each backend, a fresh hatch trained {@code windows} windows
 * the way {@code train} trains it (the {@link Trainer} on the beast's store, {@link TrainCommand#DURABLE_EVERY} windows
 * per durable commit), then the same windows' compute alone: the same backend call per window from the same hatch
 * state under the same checkpoint roots (read back from the trained store), in memory, no store. Train time / compute
 * time is what the store (state hashes, records, blobs, fsyncs) adds; the final states must be equal, else it throws.
 * Both runs are in this JVM, after one unmeasured round per backend (JIT warm-up); the JVM's start-up is not in them.
 */
final class TrainBench {
    private TrainBench() {}

    static final long SEED_CORE = 0x15;

    /** One measured round of one backend: wall and process CPU nanoseconds of train and of compute alone. */
    record Row(String backend, int run, int windows, long trainNanos, long trainCpuNanos, long computeNanos, long computeCpuNanos) {
        double ratio() {
            return (double) trainNanos / computeNanos;
        }
    }

    /** {@code backends}: Java first; each is used for both the train and the compute run of its rows. */
    static List<Row> run(PrintStream out, Path json, boolean force, List<TrainingBackend> backends, int windows, int runs, Path work) {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        List<Row> rows = new ArrayList<>();
        for (int r = -1; r < runs; r++) { // round -1: warm-up, not reported
            for (int k = 0; k < backends.size(); k++) {
                // alternate the order each round, so neither backend always runs right after the other's garbage
                TrainingBackend b = backends.get(Math.floorMod(r, 2) == 0 ? k : backends.size() - 1 - k);
                Row row = measure(b, pool, windows, r, work.resolve(b.name() + "-" + (r + 1)));
                if (r >= 0) rows.add(row);
            }
        }
        out.printf(Locale.ROOT, "%-8s %4s %8s %10s %12s %11s %14s %15s%n", "backend", "run", "windows", "train s", "train CPU s",
                "compute s", "compute CPU s", "train/compute");
        for (Row w : rows) {
            out.printf(Locale.ROOT, "%-8s %4d %8d %10.3f %12.3f %11.3f %14.3f %14.2fx%n", w.backend(), w.run(), w.windows(), w.trainNanos() / 1e9,
                    w.trainCpuNanos() / 1e9, w.computeNanos() / 1e9, w.computeCpuNanos() / 1e9, w.ratio());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (TrainingBackend b : backends) {
            double ratio = median(rows, b.name(), true);
            out.printf(Locale.ROOT, "%s: median train/compute %.2fx (target of issue 15: <= 1.30x), median train %.3f s%n", b.name(), ratio,
                    median(rows, b.name(), false) / 1e9);
            summary.put(b.name() + "TrainOverComputePermille", Math.round(1000 * ratio));
        }
        if (backends.size() > 1) {
            double speed = median(rows, backends.get(0).name(), false) / median(rows, backends.get(1).name(), false);
            out.printf(Locale.ROOT, "%s train speed / %s train speed (median wall): %.2fx (target of issue 15: >= 1.00x)%n",
                    backends.get(1).name(), backends.get(0).name(), speed);
            summary.put(backends.get(1).name() + "OverJavaTrainSpeedPermille", Math.round(1000 * speed));
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("java", System.getProperty("java.version"));
            doc.put("cores", (long) Runtime.getRuntime().availableProcessors());
            doc.put("windows", (long) windows);
            doc.put("durableEvery", (long) TrainCommand.DURABLE_EVERY);
            doc.putAll(summary);
            List<Object> list = new ArrayList<>();
            for (Row w : rows) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("backend", w.backend());
                o.put("run", (long) w.run());
                o.put("trainMicros", w.trainNanos() / 1000);
                o.put("trainCpuMicros", w.trainCpuNanos() / 1000);
                o.put("computeMicros", w.computeNanos() / 1000);
                o.put("computeCpuMicros", w.computeCpuNanos() / 1000);
                o.put("trainOverComputePermille", Math.round(1000 * w.ratio()));
                list.add(o);
            }
            doc.put("rows", list);
            Output.create("--out", json.toAbsolutePath(), Json.pretty(doc).getBytes(StandardCharsets.UTF_8), force);
            out.println("wrote " + json);
        }
        return rows;
    }

    private static Row measure(TrainingBackend b, RealBattlePool pool, int windows, int run, Path dir) {
        BeastStore store = Trainer.hatch(dir, new BeastStore.Identity(SEED_CORE, 0, new byte[20], BigInteger.ONE, new byte[32], new byte[32]));
        byte[] root0 = store.head().checkpointHash();
        long c0 = OpenClBench.processCpuNanos();
        long t0 = System.nanoTime();
        store.durableEvery(TrainCommand.DURABLE_EVERY);
        new Trainer(store, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, pool, null, 0, b).train(windows, new Trainer.Listener() {});
        long train = System.nanoTime() - t0;
        long trainCpu = OpenClBench.processCpuNanos() - c0;
        byte[][] roots = new byte[windows][];
        for (int w = 0; w < windows; w++) roots[w] = w == 0 ? root0 : store.window(w - 1).checkpointHash();
        byte[] trained = store.head().stateHash();

        BeastState s = Hatchery.hatch(SEED_CORE);
        // what the Trainer runs per window: Window.runRecords on Java (the Trainer drops a JavaBackend), the backend's call otherwise
        boolean java = b.name().equals("java");
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        c0 = OpenClBench.processCpuNanos();
        t0 = System.nanoTime();
        for (int w = 0; w < windows; w++) {
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, roots[w], new byte[32], pool);
            WindowInputs in = new WindowInputs(ctx, pool, null, 0);
            if (java) Window.runRecords(s, in, scratch, rec -> {});
            else b.runWindows(List.of(s), List.of(in));
        }
        long compute = System.nanoTime() - t0;
        long computeCpu = OpenClBench.processCpuNanos() - c0;
        if (!Arrays.equals(s.hash(), trained)) {
            throw new IllegalStateException("train bench: the compute-only run of " + b.name() + " ended in another state than the trained store");
        }
        return new Row(b.name(), run + 1, windows, train, trainCpu, compute, computeCpu);
    }

    private static double median(List<Row> rows, String backend, boolean ratio) {
        double[] v = rows.stream().filter(r -> r.backend().equals(backend)).mapToDouble(r -> ratio ? r.ratio() : r.trainNanos()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
