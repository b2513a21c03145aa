package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.AsciiRenderer;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Evaluator;
import io.chainbeasts.engine.NetPolicy;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on embedded defaults: hatch two beasts, train one with live metrics, evaluate it, battle them and the greedy baseline.")
final class DemoCommand implements Callable<Integer> {
    static final long ALPHA = 0xA1FAL;
    static final long BETA = 0xBE7AL;
    static final long TOURNAMENT_SEED = 20261122L;

    @Option(names = "--dir", defaultValue = ".chainbeasts/demo", description = "working directory, recreated on each run (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--windows", defaultValue = "128", description = "training windows for alpha (default ${DEFAULT-VALUE} = 16,384 micro-steps)")
    int windows;

    @Option(names = "--watch", description = "wait for Enter before training and after it, so the live page can be watched")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        if (windows < 1 || windows > 100_000) throw new UserError("--windows: " + windows + " is outside 1..100000");
        System.out.println("ChainBeasts demo: two beasts hatch, alpha trains " + windows + " windows (" + windows * 128
                + " integer micro-steps), then they fight.");
        resetDir(dir);
        byte[] zeroLedger = new byte[20];
        BeastStore alpha = Trainer.hatch(dir.resolve("alpha"), new BeastStore.Identity(ALPHA, 31337, zeroLedger,
                BigInteger.valueOf(ALPHA), new byte[32], new byte[32]));
        BeastStore beta = Trainer.hatch(dir.resolve("beta"), new BeastStore.Identity(BETA, 31337, zeroLedger,
                BigInteger.valueOf(BETA), new byte[32], new byte[32]));
        System.out.println("1. hatched alpha (seed_core 0x" + Long.toHexString(ALPHA) + ") and beta (seed_core 0x"
                + Long.toHexString(BETA) + ") in " + dir);

        MetricsServer server = startMetrics();
        try {
            if (watch) waitForEnter("open the live page above, then press Enter to start training");
            System.out.println("2. training alpha (every 16th window's line; each line is that one window's):");
            long t0 = System.nanoTime();
            int done = 0;
            while (done < windows) {
                int chunk = Math.min(16, windows - done);
                TrainCommand.run(alpha, chunk, null, null, server.sink(), null);
                done += chunk;
            }
            System.out.printf(java.util.Locale.ROOT, "   %d micro-steps in %.1f s%n", windows * 128L, (System.nanoTime() - t0) / 1e9);
            if (watch) waitForEnter("training done; press Enter to continue");
        } finally {
            server.close();
        }
        // the page's server lives only as long as the training (a second or two): say so rather than leave a dead URL
        if (!watch) System.out.println("   (the live page closed with the training; `demo --watch` keeps it open around it)");

        System.out.println("3. evaluating alpha:");
        BeastState a = alpha.getState(alpha.head().stateHash());
        EvalCommand.print(EvalCommand.evaluate(a, ALPHA, 200), alpha.head().windows(), System.out);

        System.out.println("4. alpha (A, trained) vs beta (B, untrained):");
        BeastState b = beta.getState(beta.head().stateHash());
        SeasonConstants season = SeasonConstants.DEFAULT;
        BattleLog log = BattleSimulator.run(BattleSetup.fromSeed(20261122L, season), new NetPolicy(a, "alpha"), new NetPolicy(b, "beta"));
        String replay = AsciiRenderer.render(log, "alpha", "beta");
        String[] lines = replay.split("\n");
        int from = Math.max(0, lines.length - 14);
        System.out.println("   ... last turns of battle seed 20261122:");
        for (int i = from; i < lines.length; i++) System.out.println("   " + lines[i]);
        Evaluator.BattleRecord rec = Evaluator.battles(new NetPolicy(a, "alpha"), new NetPolicy(b, "beta"), 200, season);
        System.out.println("   over 200 seeded battles: alpha " + rec.wins() + " wins, " + rec.draws() + " draws, " + rec.losses() + " losses");
        System.out.println("5. alpha, beta and the greedy baseline fight a round robin (./chainbeasts tournament):");
        List<PolicySpec> entrants = List.of(PolicySpec.beast("alpha", dir.resolve("alpha"), alpha.head().windows(), a),
                PolicySpec.beast("beta", dir.resolve("beta"), beta.head().windows(), b), PolicySpec.parse("demo", "greedy"));
        Tournament.Result t = TournamentCommand.run(entrants, 200, TOURNAMENT_SEED, Runtime.getRuntime().availableProcessors());
        for (String line : Tournament.table(t).split("\n")) System.out.println("   " + line);
        System.out.println("6. verifying alpha's checkpoints by replaying every window:");
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int verdict = VerifyRun.run(dir.resolve("alpha"), null, null,
                new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        String[] vlines = buf.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < vlines.length; i++) {
            if (i < 3 || i >= vlines.length - 2) System.out.println("   " + vlines[i]);
            else if (i == 3) System.out.println("   ... (" + (vlines.length - 5) + " more window lines)");
        }
        if (verdict != 0) return verdict;
        System.out.println("done. replay any battle with ./chainbeasts battle --seed N --a " + dir.resolve("alpha")
                + " --b greedy; inspect alpha with ./chainbeasts eval --beast " + dir.resolve("alpha") + " and ./chainbeasts verify "
                + dir.resolve("alpha"));
        return 0;
    }

    private static MetricsServer startMetrics() throws IOException {
        MetricsConfig cfg = MetricsConfig.fromEnv(System.getenv());
        try {
            return MetricsServing.start(cfg, System.out);
        } catch (IOException busy) {
            System.out.println("   (" + busy.getMessage() + "; using free ports instead)");
            return MetricsServing.start(cfg.withPort(0).withHttpPort(0), System.out);
        }
    }

    private static void waitForEnter(String prompt) throws IOException {
        System.out.println("   " + prompt);
        while (System.in.read() >= 0) {
            if (System.in.available() == 0) break;
        }
    }

    /** Recreates the demo directory; refuses to delete anything that is not a previous demo's beasts. */
    static void resetDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> top = Files.list(dir)) {
                for (Path p : (Iterable<Path>) top::iterator) {
                    if (!Files.exists(p.resolve("beast.json"))) {
                        throw new UserError(dir + " holds " + p.getFileName() + ", which is not a demo beast; choose another --dir");
                    }
                }
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }
}
