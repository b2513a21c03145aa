package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "tournament", mixinStandardHelpOptions = true,
        description = "Round robin of seeded battles between beasts and baseline policies: W/D/L per pairing and per entrant, Elo ratings.")
final class TournamentCommand implements Callable<Integer> {
    @Option(names = "--entrant", required = true, paramLabel = "SPEC",
            description = PolicySpec.HELP + "; two or more")
    List<String> entrants;

    @Option(names = "--battles", defaultValue = "1000", description = "battles per pairing, sides alternating (default ${DEFAULT-VALUE})")
    int battles;

    @Option(names = "--seed", defaultValue = "1", description = "tournament seed (decimal or 0x-hex; default ${DEFAULT-VALUE})")
    String seed;

    @Option(names = "--threads", description = "worker threads (default: the number of cores); the results do not depend on it")
    Integer threads;

    @Option(names = "--json", description = "also write the tables, Elo and per-pairing battle hashes as JSON")
    Path json;

    @Option(names = "--force", description = "replace --json when it exists (default: refuse)")
    boolean force;

    @Override
    public Integer call() {
        long s = Seeds.parse("--seed", seed);
        if (battles < 1 || battles > 100_000) throw new UserError("--battles: " + battles + " is outside 1..100000");
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 256) throw new UserError("--threads: " + t + " is outside 1..256");
        if (entrants.size() < 2) throw new UserError("--entrant: a tournament needs at least two entrants, got " + entrants.size());
        Output.checkTarget("--json", json, force);
        Set<String> seen = new HashSet<>();
        List<PolicySpec> specs = new ArrayList<>();
        for (String e : entrants) {
            if (!seen.add(e)) throw new UserError("--entrant: '" + e + "' is given twice");
            specs.add(PolicySpec.parse("--entrant", e));
        }
        Tournament.Result r = run(specs, battles, s, t);
        System.out.print(Tournament.table(r));
        if (json != null) Output.create("--json", json, Json.pretty(Tournament.toJson(r)).getBytes(StandardCharsets.UTF_8), force);
        return 0;
    }

    /** Runs the tournament with a progress line on stderr once it takes more than two seconds. */
    static Tournament.Result run(List<PolicySpec> specs, int battles, long seed, int threads) {
        int pairings = specs.size() * (specs.size() - 1) / 2;
        long total = (long) pairings * battles;
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        Thread reporter = new Thread(() -> {
            try {
                Thread.sleep(2000);
                while (true) {
                    System.err.printf(Locale.ROOT, "tournament: %d/%d battles (%.0f%%), %.0f s%n", done.get(), total,
                            100.0 * done.get() / total, (System.nanoTime() - t0) / 1e9);
                    Thread.sleep(5000);
                }
            } catch (InterruptedException finished) {
                // the tournament is over
            }
        }, "tournament-progress");
        reporter.setDaemon(true);
        reporter.start();
        try {
            return Tournament.run(specs, battles, seed, threads, SeasonConstants.DEFAULT, n -> done.accumulateAndGet(n, Math::max));
        } finally {
            reporter.interrupt();
            try {
                reporter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (secs >= 2) System.err.printf(Locale.ROOT, "tournament: %d battles in %.1f s on %d threads%n", total, secs, threads);
        }
    }
}
