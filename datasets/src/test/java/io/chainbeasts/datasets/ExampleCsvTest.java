package io.chainbeasts.datasets;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.Demonstration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleCsvTest {
    /** Set to rewrite the committed example file from the generator (then review the diff). */
    static final String REWRITE = "chainbeasts.rewriteExamples";

    static Path exampleCsv() {
        return Vectors.repoRoot().resolve("examples/battle_samples.csv");
    }

    @Test
    void committedCsvIsExactlyWhatTheGeneratorProduces() throws Exception {
        byte[] regenerated = BattleSampleGenerator.exampleCsv();
        if (Boolean.getBoolean(REWRITE)) AtomicFiles.write(exampleCsv(), regenerated);
        byte[] committed = Files.readAllBytes(exampleCsv());
        assertArrayEquals(regenerated, committed,
                "examples/battle_samples.csv differs from BattleSampleGenerator's output; regenerate it with "
                        + "-D" + REWRITE + "=true on this test and review the diff");
    }

    /**
     * A few hundred rows with wins and losses. Draws are rare under the kernel v2 rules (the closing arena and the
     * double-knockout rule decide most battles): none of the example's 12 battles is one, so none is required.
     */
    @Test
    void exampleHasAFewHundredRowsOfWinsAndLosses() {
        List<BattleRecord> rows = CsvFormat.readRecords(exampleCsv(), SeasonConstants.DEFAULT);
        assertTrue(rows.size() >= 200 && rows.size() <= 1000, "rows: " + rows.size());
        for (int o : new int[] {BattleRecord.WIN, BattleRecord.LOSS}) {
            assertTrue(rows.stream().anyMatch(r -> r.outcome() == o), "no row with outcome " + o);
        }
    }

    /** Every row has an action, legal under the kernel v2 rules, so every sample packs with its demonstration. */
    @Test
    void examplePacksWithADemonstrationOnEveryRow() {
        List<BattleRecord> rows = CsvFormat.readRecords(exampleCsv(), SeasonConstants.DEFAULT);
        PackedDataset.Packed p = PackedDataset.packSamples(CsvFormat.readSamples(exampleCsv(), SeasonConstants.DEFAULT), SeasonConstants.DEFAULT);
        PrivateDataset ds = PrivateDataset.fromStored("example", p.stored(), p.commitment(), SeasonConstants.DEFAULT);
        assertEquals(rows.size(), ds.size());
        assertEquals(rows.size(), ds.demonstrationCounts().demonstrations());
        for (int i = 0; i < rows.size(); i++) {
            BattleRecord r = rows.get(i);
            Demonstration d = ds.demonstration(i);
            assertEquals(r.board(), ds.get(i), "row " + i);
            assertEquals(r.action().kind(), d.kind(), "row " + i);
            assertEquals(r.action().dir(), d.dir(), "row " + i);
            assertEquals(BattleRecord.demonstrationOutcome(r.outcome()), d.outcome(), "row " + i);
            if (r.action().kind() == ActionKind.ATTACK) {
                assertEquals(Rules.effectiveMaxPower(r.board().self(), SeasonConstants.DEFAULT), r.action().power(), "row " + i + ": v2 attacks at full power");
            }
        }
    }

    @Test
    void everyRowReplaysFromItsSeed() {
        // Rows of one battle are consecutive; replaying its seed reproduces each pre-turn board and action.
        List<BattleRecord> rows = CsvFormat.readRecords(exampleCsv(), SeasonConstants.DEFAULT);
        int i = 0;
        int battle = 0;
        while (i < rows.size()) {
            long seed = rows.get(i).battleSeed();
            assertEquals(BattleSampleGenerator.battleSeed(BattleSampleGenerator.EXAMPLE_DOMAIN, battle), seed);
            String[] pair = BattleSampleGenerator.PAIRINGS[battle % 4];
            BattleSetup setup = BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT);
            BattleLog log = BattleSimulator.run(setup, Policies.byName(pair[0], seed, 0), Policies.byName(pair[1], seed, 1));
            for (int t = 0; t < log.turns().size(); t++) {
                for (int side = 0; side < 2; side++, i++) {
                    BattleRecord r = rows.get(i);
                    assertEquals(seed, r.battleSeed());
                    assertEquals(t, r.turn());
                    assertEquals(t, r.board().turn());
                    assertEquals(side, r.side());
                    assertEquals((side == 0 ? log.turns().get(t).a() : log.turns().get(t).b()).action(), r.action());
                    var pre = t == 0 ? setup.initial() : log.turns().get(t - 1).post();
                    assertEquals(pre.fighter(side), r.board().self());
                    assertEquals(pre.fighter(1 - side), r.board().enemy());
                    assertEquals(setup.arena(), r.board().arena());
                }
            }
            battle++;
        }
        assertEquals(BattleSampleGenerator.EXAMPLE_BATTLES, battle);
    }
}
