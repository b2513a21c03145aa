package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.CsvFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dataset record}: a policy's decisions as demonstration rows that {@code dataset pack} keeps. */
class DatasetRecordCliTest {
    @Test
    void recordsTheCoachsSideOnlyDeterministicallyAndPacks(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("demos.csv");
        CliTest.Result r = CliTest.run("dataset", "record", "--coach", "teacher", "--vs", "greedy", "--battles", "6", "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("recording 6 battles of teacher against greedy...\nrecorded "), r.out());
        List<BattleRecord> rows = CsvFormat.readRecords(csv, SeasonConstants.DEFAULT);
        assertFalse(rows.isEmpty());
        for (BattleRecord row : rows) {
            assertNotNull(row.action(), "every recorded row is a demonstration");
            long battle = rows.stream().map(BattleRecord::battleSeed).distinct().toList().indexOf(row.battleSeed());
            assertEquals(battle & 1, row.side(), "the coach plays A in even battles and B in odd ones: only its side is recorded");
        }
        assertEquals(6, rows.stream().map(BattleRecord::battleSeed).distinct().count());

        Path again = tmp.resolve("again.csv");
        assertEquals(0, CliTest.run("dataset", "record", "--coach", "teacher", "--vs", "greedy", "--battles", "6", "-o", again.toString()).code());
        assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(again), "the same arguments record the same bytes");

        CliTest.Result pack = CliTest.run("dataset", "pack", "--in", csv.toString(), "-o", tmp.resolve("demos.zst").toString());
        assertEquals(0, pack.code(), pack.err());
        assertTrue(pack.out().contains("demonstrations: " + rows.size() + " of " + rows.size() + " samples"), pack.out());
    }

    @Test
    void badInputIsOneLineAndNothingIsReplaced(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("demos.csv");
        Files.writeString(csv, "mine");
        CliTest.Result exists = CliTest.run("dataset", "record", "--coach", "search", "--battles", "2", "-o", csv.toString());
        assertEquals(2, exists.code());
        assertEquals("mine", Files.readString(csv), "an existing file is never replaced without --force");
        CliTest.Result unknown = CliTest.run("dataset", "record", "--coach", "grandmaster", "-o", tmp.resolve("x.csv").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("chainbeasts: --coach: 'grandmaster' is neither a policy"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        CliTest.Result zero = CliTest.run("dataset", "record", "--coach", "greedy", "--battles", "0", "-o", tmp.resolve("y.csv").toString());
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--battles 0 is outside 1..100000"), zero.err());
    }
}
