package io.chainbeasts.cli.bench;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.prover.Verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replay throughput (Java): windows replayed and verified per second by {@link Verifier} over a
 * freshly trained public beast, plus what the per-step commitment costs: training pays nothing for it (the
 * trainer computes no digest), a dispute derives D_0..D_128 ({@link StepDigest} v2) on demand by replaying the
 * window, and a full Keccak-256 state hash after every training step is shown for comparison (what training would
 * pay if it committed every step). Prints a table and writes JSON.
 */
public final class ReplayBench {
    private ReplayBench() {}

    static final int WINDOWS = 16;
    static final int REPS = 3;

    public static Map<String, Object> run(PrintStream out, Path json) {
        SeasonConstants season = SeasonConstants.DEFAULT;
        TrainingConstants tc = TrainingConstants.DEFAULT;
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        // warm up the JIT on the window code
        trainRaw(pool, 0, 4, s -> r -> { });
        long plain = best(() -> trainRaw(pool, 1, WINDOWS, s -> r -> { }));
        long digest = Long.MAX_VALUE;
        for (int i = 0; i < REPS; i++) digest = Math.min(digest, digestsOnDemand(pool, 1, WINDOWS));
        long full = best(() -> trainRaw(pool, 1, 4, s -> r -> s.hash())) * WINDOWS / 4;

        Path dir;
        try {
            dir = Files.createTempDirectory("replay-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BeastStore store = Trainer.hatch(dir.resolve("beast"), new BeastStore.Identity(0xBE7CL, 31337, new byte[20], BigInteger.ONE,
                    new byte[32], new byte[32]));
            long t0 = System.nanoTime();
            new Trainer(store, season, tc, pool, null, 0).train(WINDOWS, new Trainer.Listener() { });
            long trainStore = System.nanoTime() - t0;
            Verifier v = new Verifier(store, season, tc, null, 0);
            long[] failures = {0};
            v.verifyAll(w -> { });
            long replay = best(() -> v.verifyAll(w -> {
                if (w.verdict() != Verifier.Verdict.VERIFIED) failures[0]++;
            }));
            if (failures[0] != 0) throw new IllegalStateException("the bench beast did not verify");

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows", (long) WINDOWS);
            m.put("javaReplayWindowsPerSecondMilli", perSecondMilli(WINDOWS, replay));
            m.put("replayMicrosPerWindow", replay / WINDOWS / 1000);
            m.put("trainMicrosPerWindowNoStepCommitment", plain / WINDOWS / 1000);
            m.put("stepDigestsOnDemandMicrosPerWindow", digest / WINDOWS / 1000);
            m.put("trainMicrosPerWindowFullStateHash", full / WINDOWS / 1000);
            m.put("trainMicrosPerWindowStoreCommitted", trainStore / WINDOWS / 1000);
            m.put("fullStateHashOverheadPermille", full * 1000 / plain);
            m.put("availableProcessors", (long) Runtime.getRuntime().availableProcessors());

            out.println("replay bench (Java, 1 thread, " + WINDOWS + " windows of " + Window.STEPS + " micro-steps, best of " + REPS + ")");
            out.printf(Locale.ROOT, "  %-52s %12s%n", "measure", "value");
            out.printf(Locale.ROOT, "  %-52s %12s%n", "verify (replay + checks), windows/s", fmtMilli(perSecondMilli(WINDOWS, replay)));
            out.printf(Locale.ROOT, "  %-52s %12d%n", "verify, us/window", replay / WINDOWS / 1000);
            out.printf(Locale.ROOT, "  %-52s %12d%n", "train, no per-step commitment, us/window", plain / WINDOWS / 1000);
            out.printf(Locale.ROOT, "  %-52s %12d%n", "dispute: D_0..D_128 replayed on demand, us/window", digest / WINDOWS / 1000);
            out.printf(Locale.ROOT, "  %-52s %12d%n", "train + full Keccak state hash per step, us/window", full / WINDOWS / 1000);
            out.printf(Locale.ROOT, "  %-52s %12d%n", "train via Trainer (store commit, no digests), us/window", trainStore / WINDOWS / 1000);
            out.printf(Locale.ROOT, "  %-52s %11s%%%n", "full state hash overhead", fmtPct(full * 1000 / plain - 1000));
            try {
                if (json.getParent() != null) Files.createDirectories(json.getParent());
                Files.writeString(json, Json.pretty(m) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
            }
            out.println("  written " + json);
            return m;
        } finally {
            deleteTree(dir);
        }
    }

    private static long perSecondMilli(long n, long nanos) {
        return n * 1_000_000_000_000L / Math.max(1, nanos);
    }

    private static String fmtMilli(long v) {
        return String.format(Locale.ROOT, "%d.%03d", v / 1000, v % 1000);
    }

    private static String fmtPct(long permille) {
        return String.format(Locale.ROOT, "%s%d.%d", permille < 0 ? "-" : "", Math.abs(permille) / 10, Math.abs(permille) % 10);
    }

    /**
     * Windows verified per second (x1000) on {@code backend}: a public beast of {@code windows}
     * windows is trained once, then verified (best of {@link #REPS}); the backend replays
     * {@link Verifier#REPLAY_BATCH} windows per call, so this is the batched replay throughput.
     */
    public static long replayPerSecondMilli(TrainingBackend backend, int windows) {
        SeasonConstants season = SeasonConstants.DEFAULT;
        TrainingConstants tc = TrainingConstants.DEFAULT;
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        Path dir;
        try {
            dir = Files.createTempDirectory("replay-bench-" + backend.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BeastStore store = Trainer.hatch(dir.resolve("beast"), new BeastStore.Identity(0xBE7DL, 31337, new byte[20], BigInteger.TWO,
                    new byte[32], new byte[32]));
            new Trainer(store, season, tc, pool, null, 0).train(windows, new Trainer.Listener() { });
            Verifier v = new Verifier(store, season, tc, null, 0, backend);
            v.verifyAll(w -> { });
            long[] bad = {0};
            long t = best(() -> v.verifyAll(w -> {
                if (w.verdict() != Verifier.Verdict.VERIFIED) bad[0]++;
            }));
            if (bad[0] != 0) throw new IllegalStateException("the bench beast did not verify on " + backend.name());
            return perSecondMilli(windows, t);
        } finally {
            deleteTree(dir);
        }
    }

    private static long best(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < REPS; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    /** Trains {@code windows} windows and, before each, derives its 129 step digests on demand; returns the nanos of the digests alone. */
    private static long digestsOnDemand(RealBattlePool pool, long seed, int windows) {
        BeastState s = Hatchery.hatch(seed);
        byte[] root = new byte[32];
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        long nanos = 0;
        for (int w = 0; w < windows; w++) {
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, root, WindowContext.ZERO32, pool);
            WindowInputs in = WindowInputs.publicWindow(ctx, pool);
            long t = System.nanoTime();
            StepDigest.replay(s, in);
            nanos += System.nanoTime() - t;
            root = Window.run(s, in, scratch, r -> { }).h128();
        }
        return nanos;
    }

    private static void trainRaw(RealBattlePool pool, long seed, int windows,
                                 java.util.function.Function<BeastState, Consumer<io.chainbeasts.engine.StepRecord>> hook) {
        BeastState s = Hatchery.hatch(seed);
        byte[] root = new byte[32];
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        Consumer<io.chainbeasts.engine.StepRecord> h = hook.apply(s);
        for (int w = 0; w < windows; w++) {
            WindowContext ctx = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, root, WindowContext.ZERO32, pool);
            root = Window.run(s, WindowInputs.publicWindow(ctx, pool), scratch, h).h128();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
