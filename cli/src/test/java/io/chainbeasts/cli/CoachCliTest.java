package io.chainbeasts.cli;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** coach record: a battle played from stdin becomes CSV battle records in the example file's exact format. */
class CoachCliTest {
    /** Runs the CLI with {@code stdin} as its standard input (not a terminal: commands are read line by line). */
    static CliTest.Result runWithInput(String stdin, String... args) {
        synchronized (CliTest.class) {
            InputStream old = System.in;
            try {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
                return CliTest.run(args);
            } finally {
                System.setIn(old);
            }
        }
    }

    static String enters(int n) {
        return "\n".repeat(n);
    }

    @Test
    void acceptingEverySuggestionReproducesTheExampleBattleRowForRow(@TempDir Path dir) throws Exception {
        // Example battle 1 is greedy (A) vs random (B): playing A by always taking greedy's suggestion must give
        // exactly A's rows of examples/battle_samples.csv, and the same battle as `battle`.
        long seed = BattleSampleGenerator.battleSeed(BattleSampleGenerator.EXAMPLE_DOMAIN, 1);
        String seedHex = CsvFormat.seedString(seed);
        Path csv = dir.resolve("me.csv");
        CliTest.Result r = runWithInput(enters(200), "coach", "record", "--beast", "greedy", "--vs", "random", "--seed", seedHex, "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        // The generator examples/battle_samples.csv is checked against (ExampleCsvTest), under the rules of this build.
        List<BattleRecord> rows = BattleSampleGenerator.generate(BattleSampleGenerator.EXAMPLE_DOMAIN, 2, SeasonConstants.DEFAULT).stream()
                .filter(row -> row.battleSeed() == seed && row.side() == 0).collect(Collectors.toList());
        String expected = new String(CsvFormat.writeRecords(rows), StandardCharsets.UTF_8);
        assertTrue(expected.lines().count() > 5, expected);
        assertEquals(expected, Files.readString(csv));

        CliTest.Result battle = CliTest.run("battle", "--a", "greedy", "--b", "random", "--seed", seedHex, "--quiet");
        String hashLine = battle.out().lines().filter(l -> l.startsWith("battle hash: ")).findFirst().orElseThrow();
        assertTrue(r.out().contains(hashLine), "the same battle: " + hashLine);

        CliTest.Result pack = CliTest.run("dataset", "pack", "--in", csv.toString(), "-o", dir.resolve("me.zst").toString());
        assertEquals(0, pack.code(), pack.err());
        assertTrue(pack.out().contains("C_dataset = 0x"), pack.out());
    }

    @Test
    void typedDecisionsAreRecordedAndIllegalOnesRefused(@TempDir Path dir) {
        Path csv = dir.resolve("b.csv");
        // As side B against greedy: an attack from afar is refused, a typo is refused, then N, a rest, then the suggestions.
        BattleSetup setup = BattleSetup.fromSeed(77, SeasonConstants.DEFAULT);
        Fighter me = setup.initial().b();
        Fighter foe = setup.initial().a();
        assertFalse(Rules.isAdjacent(me, foe), "the test expects the fighters apart at turn 0");
        int open = -1;
        int blocked = -1; // a step the rules refuse to commit (kernel v2: the edge, a wall), if any here
        for (int d = 0; d < Dir.COUNT; d++) {
            Action want = Action.move(d);
            if (io.chainbeasts.combat.Intents.committed(SeasonConstants.DEFAULT, setup.arena(), setup.initial(), 1,
                    io.chainbeasts.combat.Intents.outputsFor(want)).equals(want)) {
                open = open < 0 ? d : open;
            } else {
                blocked = d;
            }
        }
        String script = "a\nzz\n" + (blocked >= 0 ? Dir.name(blocked).toLowerCase() + "\n" : "") + Dir.name(open).toLowerCase() + "\nr\n" + enters(200);
        CliTest.Result r = runWithInput(script, "coach", "record", "--beast", "random", "--vs", "greedy", "--side", "B", "--seed", "77",
                "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("illegal: ATTACK 1"), r.out());
        assertTrue(r.out().contains("unknown command 'zz'"), r.out());
        if (blocked >= 0) assertTrue(r.out().contains("illegal: MOVE " + Dir.name(blocked) + ": that step is blocked"), r.out());
        assertTrue(r.out().contains("legend: B you, A greedy"), r.out());
        List<BattleRecord> rows = CsvFormat.readRecords(csv, SeasonConstants.DEFAULT);
        assertTrue(rows.size() >= 2);
        assertEquals(Action.move(open), rows.get(0).action());
        assertEquals(ActionKind.REST, rows.get(1).action().kind());
        for (int i = 0; i < rows.size(); i++) {
            BattleRecord row = rows.get(i);
            assertEquals(1, row.side());
            assertEquals(i, row.turn());
            assertEquals(77, row.battleSeed());
            assertEquals(rows.get(0).outcome(), row.outcome(), "one outcome, the battle's");
        }
        String last = r.out().lines().filter(l -> l.startsWith("result: ")).findFirst().orElseThrow();
        String word = rows.get(0).outcome() == BattleRecord.WIN ? "won" : rows.get(0).outcome() == BattleRecord.LOSS ? "lost" : "drew";
        assertTrue(last.endsWith("you " + word), last);
    }

    @Test
    void nothingIsWrittenOverAFileOrWhenTheBattleIsNotFinished(@TempDir Path dir) throws Exception {
        Path existing = Files.writeString(dir.resolve("mine.csv"), "keep me");
        CliTest.Result r = runWithInput(enters(200), "coach", "record", "--beast", "greedy", "--vs", "random", "--seed", "3", "-o", existing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("chainbeasts: -o: " + existing + " already exists"), r.err());
        assertFalse(r.out().contains("turn 0"), "refused before playing");
        assertEquals("keep me", Files.readString(existing));

        CliTest.Result forced = runWithInput(enters(200), "coach", "record", "--beast", "greedy", "--vs", "random", "--seed", "3",
                "-o", existing.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(existing).startsWith(CsvFormat.recordHeader()));

        Path quit = dir.resolve("quit.csv");
        CliTest.Result q = runWithInput("\nq\n", "coach", "record", "--beast", "greedy", "--vs", "random", "--seed", "3", "-o", quit.toString());
        assertEquals(1, q.code());
        assertTrue(q.out().contains("stopped at turn 1; nothing written"), q.out());
        assertFalse(Files.exists(quit));

        CliTest.Result eof = runWithInput("n\n", "coach", "record", "--beast", "greedy", "--vs", "random", "--seed", "3", "-o", quit.toString());
        assertEquals(2, eof.code());
        assertEquals("chainbeasts: stdin: ended at turn 1 before the battle was over; nothing was written", eof.err().strip());
        assertFalse(Files.exists(quit));
    }

    @Test
    void badArgumentsAreOneLine(@TempDir Path dir) {
        String out = dir.resolve("x.csv").toString();
        String[][] cases = {
            {"--vs: 'smart' is neither", "coach", "record", "--beast", "greedy", "--vs", "smart", "--seed", "1", "-o", out},
            {"--beast: '" + dir.resolve("nobody") + "' is neither", "coach", "record", "--beast", dir.resolve("nobody").toString(),
                "--vs", "greedy", "--seed", "1", "-o", out},
            {"--side: 'C' is not A or B", "coach", "record", "--beast", "greedy", "--vs", "greedy", "--side", "C", "--seed", "1", "-o", out},
            {"--seed: 'x'", "coach", "record", "--beast", "greedy", "--vs", "greedy", "--seed", "x", "-o", out},
        };
        for (String[] c : cases) {
            CliTest.Result r = runWithInput("", java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.code(), String.join(" ", c));
            assertTrue(r.err().strip().startsWith("chainbeasts: " + c[0]), r.err());
            assertFalse(r.err().strip().contains("\n"), r.err());
        }
    }
}
