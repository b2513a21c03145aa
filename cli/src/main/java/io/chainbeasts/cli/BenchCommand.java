package io.chainbeasts.cli;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Benchmarks: prints a table and writes JSON. Not a test: numbers depend on the machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput; print a table and write JSON.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "3", description = "measuring time per row (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--out", defaultValue = "target/bench/bench.json", description = "JSON output file (default ${DEFAULT-VALUE})")
    Path out;

    /** One measured row of the table. */
    record Row(String name, String unit, long count, long nanos) {
        long perSecond() {
            return nanos == 0 ? 0 : count * 1_000_000_000L / nanos;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new UserError("--seconds: " + seconds + " is outside 1..600");
        List<Row> rows = new ArrayList<>();
        rows.add(battleTurns());
        printTable(rows);
        writeJson(rows);
        return 0;
    }

    /** Greedy vs greedy battles on one thread, fresh seed each battle; counts resolved turns. */
    private Row battleTurns() {
        long deadline = seconds * 1_000_000_000L;
        // Warm-up so the JIT has compiled the hot path before we measure.
        runBattles(1_000_000_000L / 2);
        long[] r = runBattles(deadline);
        return new Row("battle turns, greedy vs greedy, 1 thread", "turns/s", r[0], r[1]);
    }

    private static long[] runBattles(long budgetNanos) {
        long turns = 0;
        long seed = 1;
        long start = System.nanoTime();
        long elapsed;
        GreedyPolicy greedy = new GreedyPolicy();
        do {
            BattleLog log = BattleSimulator.run(BattleSetup.fromSeed(seed++, SeasonConstants.DEFAULT), greedy, greedy);
            turns += log.turns().size();
            elapsed = System.nanoTime() - start;
        } while (elapsed < budgetNanos);
        return new long[] {turns, elapsed};
    }

    private static void printTable(List<Row> rows) {
        System.out.printf("%-48s %14s %12s%n", "benchmark", "rate", "unit");
        System.out.println("-".repeat(76));
        for (Row r : rows) System.out.printf("%-48s %,14d %12s%n", r.name(), r.perSecond(), r.unit());
    }

    private void writeJson(List<Row> rows) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", r.name());
            o.put("unit", r.unit());
            o.put("count", r.count());
            o.put("nanos", r.nanos());
            o.put("perSecond", r.perSecond());
            list.add(o);
        }
        doc.put("rows", list);
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        Output.write(abs, Json.pretty(doc).getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + out);
    }
}
