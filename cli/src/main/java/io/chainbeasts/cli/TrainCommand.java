package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.metrics.MetricsBridge;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.MetricsSink;
import io.chainbeasts.metrics.RemoteMetricsSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a beast for K more 128-step windows (--windows K), or up to window N (--until N: re-running it does nothing more).",
            "Resumes from the last complete window; Ctrl-C keeps every finished window and says how to resume."})
final class TrainCommand implements Callable<Integer> {
    /**
     * Windows per durable commit of the store (group commit, BeastStore.durableEvery): the fsyncs of up to 16 windows
     * are one commit (one segment file), so they cost a few percent of training instead of more than the training; a
     * crash recomputes the finished windows since the last commit, Ctrl-C those not yet written (it commits the rest).
     */
    static final int DURABLE_EVERY = 16;
    /** ... and at least once a second, so a crash never costs more than about a second of training. */
    static final long DURABLE_AT_LEAST_EVERY_NANOS = 1_000_000_000L;

    /** On Ctrl-C: the durable commit of the finished windows (waiting for a commit in progress), then HEAD's count. */
    /**
     * Set by the interrupt's shutdown hook before it makes the committed windows durable: the training thread runs on
     * until the JVM halts, and the windows it finishes meanwhile are not saved, so they must not be printed either.
     */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

    private static long stopAndFlush(BeastStore store) {
        STOPPING.set(true);
        try {
            store.flush();
        } catch (RuntimeException e) {
            System.err.println("chainbeasts: the last windows could not be made durable: " + e.getMessage());
        }
        return store.head().windows();
    }

    @Option(names = "--beast", required = true, paramLabel = "DIR", description = "the beast's directory (from hatch)")
    Path beast;

    @Option(names = "--windows", paramLabel = "K", description = "windows to run now, on top of those stored (default 16; 128 = 16,384 steps)")
    Integer windows;

    @Option(names = "--until", paramLabel = "N", description = "train until the beast has N windows (idempotent: nothing to do once it has)")
    Integer until;

    @Mixin
    PrivateDataOptions data;

    @Option(names = "--metrics", paramLabel = "URL", description = "publish per-step metrics to a running server, e.g. ws://127.0.0.1:8765 "
            + "(unreachable: training goes on without metrics, saying so once)")
    String metrics;

    @Option(names = "--serve-metrics", description = "start a metrics server and live page in this process (METRICS_PORT, default 8765)")
    boolean serveMetrics;

    @Option(names = "--chain", description = "train under the constants SeasonRegistry holds now on this chain (the addresses file of "
            + "`chain up`); the beast must be bound to it. Default: the Java defaults")
    Path chain;

    @Option(names = "--quiet", description = "print only the last window's line")
    boolean quiet;

    @Option(names = "--backend", defaultValue = "java",
            description = "java|opencl|auto (default ${DEFAULT-VALUE}: the reference, with per-step metrics; "
                    + "other backends give identical checkpoints but publish no per-step metrics)")
    String backend;

    @Override
    public Integer call() throws Exception {
        if (windows != null && until != null) throw new UserError("--windows and --until exclude each other (K more windows, or up to window N)");
        if (windows != null && (windows < 1 || windows > 1_000_000)) throw new UserError("--windows: " + windows + " is outside 1..1000000");
        if (until != null && (until < 1 || until > 100_000_000)) throw new UserError("--until: " + until + " is outside 1..100000000");
        if (metrics != null && serveMetrics) throw new UserError("--metrics and --serve-metrics exclude each other");
        BeastStore store = Beasts.open(beast);
        long have = store.head().windows();
        int todo = windows != null ? windows : until != null ? (int) Math.max(0, until - have) : 16;
        if (todo == 0) {
            System.out.println("beast " + beast + " already has " + have + " windows (--until " + until + "); nothing to train");
            return 0;
        }
        MetricsServer server = null;
        MetricsSink sink = MetricsSink.noop();
        try {
            if (serveMetrics) {
                MetricsConfig cfg = MetricsConfig.fromEnv(System.getenv());
                try {
                    server = MetricsServing.start(cfg, System.out);
                } catch (java.io.IOException busy) { // before any window: nothing trained yet
                    throw new UserError("--serve-metrics: " + busy.getMessage() + "; if a metrics server already runs there, publish to it"
                            + " with --metrics ws://127.0.0.1:" + cfg.port() + " instead");
                }
                sink = server.sink();
            } else if (metrics != null) {
                try {
                    sink = RemoteMetricsSink.connect(metrics, Duration.ofSeconds(2));
                } catch (IllegalArgumentException e) {
                    throw new UserError("--metrics: " + e.getMessage());
                } catch (IOException e) {
                    // metrics are a view on training, never a reason to stop it
                    System.err.println("chainbeasts: note: metrics are off (no metrics server answers at " + metrics + "); training goes on without them");
                }
            }
            try (io.chainbeasts.engine.TrainingBackend b = BackendChoice.open(backend)) {
                if (!b.name().equals("java") && (metrics != null || serveMetrics)) {
                    System.err.println("chainbeasts: note: per-step metrics need --backend java; the " + b.name() + " backend publishes none");
                }
                SeasonConstants season = SeasonConstants.DEFAULT;
                TrainingConstants tc = TrainingConstants.DEFAULT;
                java.math.BigInteger price = ChainSession.DEFAULT_ENERGY_PRICE;
                if (chain != null) {
                    ChainOptions o = new ChainOptions();
                    o.chainFile = chain;
                    try (ChainSession s = o.session("train", false)) {
                        ChainBeast.open(s, beast); // the beast must be bound to this chain and ledger
                        ChainBeast.Constants c = ChainBeast.constants(s);
                        season = c.season();
                        tc = c.training();
                        price = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("energyPrice")), "SeasonRegistry.get(energyPrice)");
                    }
                }
                long target = have + todo;
                Thread onInterrupt = new Thread(() -> System.err.println("\nchainbeasts: train interrupted: " + stopAndFlush(store)
                        + " windows are saved in " + beast + " (windows computed but not yet written are discarded); resume with: chainbeasts train --beast "
                        + beast + " --until " + target + (data.dataset != null ? " --dataset " + data.dataset + " --secret " + data.secret : "")));
                Runtime.getRuntime().addShutdownHook(onInterrupt);
                try {
                    return run(store, todo, data.dataset, data.secret, sink, quiet ? null : System.out, b, season, tc, price);
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(onInterrupt);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook reports
                    }
                }
            }
        } finally {
            sink.close();
            if (server != null) {
                server.close();
                // its URL dies with the run: say so, and how to keep a page open across runs
                System.out.println("the live page closed with this run; to keep one open, run `chainbeasts metrics serve` and train with"
                        + " --metrics ws://127.0.0.1:" + server.port());
            }
        }
    }

    /** Trains and prints one line per window (or only the last when {@code out} is null); shared with demo. */
    static int run(BeastStore store, int windows, Path dataset, Path secret, MetricsSink sink, java.io.PrintStream out) {
        return run(store, windows, dataset, secret, sink, out, null);
    }

    static int run(BeastStore store, int windows, Path dataset, Path secret, MetricsSink sink, java.io.PrintStream out,
                   io.chainbeasts.engine.TrainingBackend backend) {
        return run(store, windows, dataset, secret, sink, out, backend, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT);
    }

    /** As above, under the given season and training constants (the chain's, with {@code --chain}). */
    static int run(BeastStore store, int windows, Path dataset, Path secret, MetricsSink sink, java.io.PrintStream out,
                   io.chainbeasts.engine.TrainingBackend backend, SeasonConstants season, TrainingConstants tc) {
        return run(store, windows, dataset, secret, sink, out, backend, season, tc, ChainSession.DEFAULT_ENERGY_PRICE);
    }

    /** As above; ENERGY is printed at {@code energyPrice} wei per unit of energyBurn (the chain's, with {@code --chain}). */
    static int run(BeastStore store, int windows, Path dataset, Path secret, MetricsSink sink, java.io.PrintStream out,
                   io.chainbeasts.engine.TrainingBackend backend, SeasonConstants season, TrainingConstants tc, java.math.BigInteger energyPrice) {
        PrivateDataOptions.Opened data = PrivateDataOptions.open(dataset, secret, store,
                "it trains without --dataset/--secret. To coach with your data, hatch a new beast with --dataset and --new-secret", season);
        SampleDataset samples = data == null ? null : data.samples();
        long fold = data == null ? 0 : data.fold();
        long energyBefore;
        try {
            energyBefore = store.getState(store.head().stateHash()).energyTotal;
        } catch (StoreException e) {
            throw new UserError(e.getMessage() + "; `chainbeasts repair " + store.dir() + "` rebuilds it by replay");
        }
        MetricsBridge bridge = new MetricsBridge(sink, store.identity().beastId(), energyBefore, tc);
        String[] lastLine = {null};
        Progress progress = out == null ? null : Progress.of("train", "windows", windows, out);
        int[] done = {0};
        Trainer.Listener printer = new Trainer.Listener() {
            @Override
            public void onStep(io.chainbeasts.engine.StepRecord step, long windowIndex) {
                bridge.onStep(step, windowIndex);
            }

            private long lastDurable = System.nanoTime();

            @Override
            public void onWindow(WindowRecord rec, WindowResult r) {
                if (STOPPING.get()) return; // after the interrupt's flush: this window is discarded at exit
                if (System.nanoTime() - lastDurable >= DURABLE_AT_LEAST_EVERY_NANOS) { // slow windows: keep the group short in time
                    store.flush();
                    lastDurable = System.nanoTime();
                }
                bridge.onWindow(rec, r);
                lastLine[0] = line(rec, r, energyPrice);
                if (progress != null) {
                    progress.println(lastLine[0]);
                    progress.update(++done[0]);
                }
            }
        };
        try {
            store.durableEvery(DURABLE_EVERY);
            new Trainer(store, season, tc, RealBattlePool.defaultPool(season), samples, fold, backend).train(windows, printer);
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        } finally {
            if (progress != null) progress.finish();
        }
        if (out == null && lastLine[0] != null) System.out.println(lastLine[0]);
        return 0;
    }

    static String line(WindowRecord rec, WindowResult r) {
        return line(rec, r, ChainSession.DEFAULT_ENERGY_PRICE);
    }

    static String line(WindowRecord rec, WindowResult r, java.math.BigInteger energyPrice) {
        WindowResult.HeadTally t = r.tally();
        return String.format(Locale.ROOT,
                "window %4d  step %6d  loss move %s power %s block %s  move acc %s  burns %s  lr 1/%d  slots %d  h128 0x%s",
                rec.index(), Integer.toUnsignedLong(r.globalStep()), avg(t.moveLossQ16(), t.moveSeen()), avg(t.powerLossQ16(), t.powerSeen()),
                avg(t.blockLossQ16(), t.blockSeen()), t.moveSeen() == 0 ? "  - " : String.format(Locale.ROOT, "%3d%%", 100 * t.moveRight() / t.moveSeen()),
                ChainSession.energyOfBurn(r.energyBurn(), energyPrice), 1 << r.lrShift(), Integer.bitCount(r.activeMask()), Hex.of(r.h128()).substring(0, 16));
    }

    /** Mean of a Q16 sum, printed with 3 decimals using integer arithmetic. */
    static String avg(long sumQ16, int n) {
        if (n == 0) return "  -  ";
        long milli = sumQ16 * 1000 / n / 65536;
        return String.format(Locale.ROOT, "%d.%03d", milli / 1000, milli % 1000);
    }
}
