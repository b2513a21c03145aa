package io.chainbeasts.datasets;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A demonstrated action must be legal on its row's board under the kernel v2 rules; {@code dataset pack} refuses
 * the first one that is not with one line naming the file, the 1-based line and the column, and writes nothing.
 */
class DemonstrationLegalityTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    /** A wall at (1,0), floor elsewhere. */
    static final Arena ARENA = Arena.parse(".#.......", ".........", ".........", ".........", ".........",
            ".........", ".........", ".........", ".........");
    @TempDir
    Path tmp;

    /** The 17 board columns of a CSV row. */
    static String boardFields(Board b) {
        return String.join("|", b.arena().rows()) + "," + fighter(b.self()) + "," + fighter(b.enemy());
    }

    private static String fighter(Fighter f) {
        return f.x() + "," + f.y() + "," + f.hp() + "," + f.stamina() + "," + f.attack() + "," + f.defense() + ","
                + f.tempDef() + "," + ActionKind.name(f.lastAction());
    }

    /** self at (sx,sy) with the given stamina, attack and last action; a fresh enemy at (ex,ey). */
    static Board board(int sx, int sy, int stamina, int attack, int lastAction, int ex, int ey) {
        return new Board(ARENA, new Fighter(sx, sy, 60, stamina, attack, 10, 0, lastAction), new Fighter(ex, ey, 60, 12, 10, 10, 0, 0), 7);
    }

    private static String recordRow(Board b, String action) {
        return "0x00000000000000aa," + b.turn() + ",A," + boardFields(b) + "," + action;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "edge|     0|0|12|10|REST|  5|5| MOVE,N,0,win|    action_dir|  MOVE N from (0,0) would leave the arena (a MOVE must be an open step)",
            "wall|     0|0|12|10|REST|  5|5| MOVE,E,0,win|    action_dir|  MOVE E from (0,0) runs into the wall at (1,0) (a MOVE must be an open step)",
            "enemy|    0|0|12|10|REST|  0|1| MOVE,S,0,loss|   action_dir|  MOVE S from (0,0) steps onto the enemy's cell (0,1) (a MOVE must be an open step)",
            "no dir|   0|0|12|10|REST|  5|5| MOVE,-,0,win|    action_dir|  a MOVE needs a direction N, S, E or W",
            "bad dir|  0|0|12|10|REST|  5|5| MOVE,NE,0,win|   action_dir|  'NE' is not N, S, E, W or -",
            "far|      0|0|12|10|REST|  5|5| ATTACK,-,15,win| action_kind| ATTACK needs the enemy adjacent; self at (0,0) and enemy at (5,5) are 10 steps apart",
            "atk 0|    0|0|12|0|REST|   0|1| ATTACK,-,1,draw| action_kind| self's attack is 0: it cannot ATTACK",
            "recover|  0|0|12|10|REST|  5|5| RECOVER,-,0,win| action_kind| RECOVER is legal only at stamina 0 at commit; self has 12",
            "tired|    0|0|0|10|RECOVER|5|5| BLOCK,-,0,win|   action_kind| self has stamina 0 at commit: only RECOVER is legal, not BLOCK",
            "paid|     0|0|1|10|ATTACK| 0|1| REST,-,0,-|      action_kind| self has stamina 0 at commit (1 on the board, less 1 for its last ATTACK): only RECOVER is legal, not REST",
            "tired mv| 2|2|1|10|BLOCK|  5|5| MOVE,N,0,win|    action_kind| self has stamina 0 at commit (1 on the board, less 1 for its last BLOCK): only RECOVER is legal, not MOVE",
    })
    void illegalActionIsRefusedNamingFileLineAndColumn(String name, int sx, int sy, int stamina, int attack, String last,
                                                       int ex, int ey, String action, String column, String message) throws Exception {
        Board good = board(4, 4, 12, 10, ActionKind.REST, 4, 5);
        Board bad = board(sx, sy, stamina, attack, ActionKind.parse(last), ex, ey);
        String badLine = recordRow(bad, action);
        String text = CsvFormat.recordHeader() + "\n" + recordRow(good, "ATTACK,-,10,win") + "\n" + badLine + "\n";
        Path csv = tmp.resolve("coach.csv");
        Files.writeString(csv, text);
        Path out = tmp.resolve("coach.zst");
        DatasetException.CsvFormat e = assertThrows(DatasetException.CsvFormat.class,
                () -> DatasetFiles.pack(csv, out, false, S));
        int col = columnOf(badLine, CsvFormat.RECORD_COLUMNS.indexOf(column));
        assertEquals(csv + ":3:" + col + ": field '" + column + "': " + message, e.getMessage());
        assertEquals(3, e.line());
        assertEquals(col, e.column());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(out), "nothing is written");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(csv), files.toList(), "no temporary file left behind");
        }
        // The same row in the sample schema (what unpack writes) is refused the same way, at its own column.
        String sampleLine = bad.turn() + "," + boardFields(bad) + "," + action;
        String samples = CsvFormat.sampleHeader() + "\n" + sampleLine + "\n";
        DatasetException.CsvFormat s = assertThrows(DatasetException.CsvFormat.class,
                () -> CsvFormat.parseSamples("s.csv", samples.getBytes(StandardCharsets.UTF_8), S));
        assertEquals("s.csv:2:" + columnOf(sampleLine, CsvFormat.SAMPLE_COLUMNS.indexOf(column)) + ": field '" + column + "': " + message,
                s.getMessage());
    }

    /** 1-based character column where field {@code index} of {@code line} starts. */
    static int columnOf(String line, int index) {
        int col = 1;
        String[] f = line.split(",", -1);
        for (int i = 0; i < index; i++) col += f[i].length() + 1;
        return col;
    }

    @Test
    void legalActionsPassAndAttacksAreAtFullPower() {
        assertNull(DemonstrationCheck.problem(board(0, 0, 12, 10, ActionKind.REST, 5, 5), ActionKind.MOVE, 1, S), "MOVE S into the open");
        assertNull(DemonstrationCheck.problem(board(0, 0, 12, 10, ActionKind.REST, 0, 1), ActionKind.ATTACK, 255, S));
        assertNull(DemonstrationCheck.problem(board(0, 0, 12, 10, ActionKind.REST, 0, 1), ActionKind.BLOCK, 255, S));
        assertNull(DemonstrationCheck.problem(board(0, 0, 12, 10, ActionKind.REST, 0, 1), ActionKind.REST, 255, S));
        assertNull(DemonstrationCheck.problem(board(0, 0, 0, 10, ActionKind.RECOVER, 0, 1), ActionKind.RECOVER, 255, S));
        assertNull(DemonstrationCheck.problem(board(0, 0, 1, 10, ActionKind.ATTACK, 0, 1), ActionKind.RECOVER, 255, S),
                "stamina 1 after an ATTACK is 0 at commit: RECOVER is the legal action");
        // A CSV ATTACK of any stated power 1..maxPower is a full-power demonstration; unpack writes min(maxPower, attack).
        Board adjacent = board(0, 0, 12, 9, ActionKind.REST, 0, 1);
        String text = CsvFormat.sampleHeader() + "\n" + adjacent.turn() + "," + boardFields(adjacent) + ",ATTACK,-,3,win\n";
        List<Sample> got = CsvFormat.parseSamples("a.csv", text.getBytes(StandardCharsets.UTF_8), S);
        assertEquals(new Demonstration(ActionKind.ATTACK, 255, Demonstration.WIN), got.get(0).demonstration());
        assertTrue(new String(CsvFormat.writeSamples(got, S), StandardCharsets.UTF_8).endsWith(",ATTACK,-,9,win\n"));
    }

    @Test
    void rowsWithoutAnActionMustSayNothingElse() {
        Board b = board(4, 4, 12, 10, ActionKind.REST, 4, 5);
        String[][] cases = {
                {"-,N,0,-", "action_dir", "a row without an action (action_kind '-') has action_dir '-'"},
                {"-,-,5,-", "action_power", "a row without an action (action_kind '-') has action_power 0"},
                {"-,-,0,win", "outcome", "a row without an action (action_kind '-') is a board only: its outcome is '-'"},
        };
        for (String[] c : cases) {
            String line = recordRow(b, c[0]);
            String text = CsvFormat.recordHeader() + "\n" + line + "\n";
            String m = assertThrows(DatasetException.CsvFormat.class,
                    () -> CsvFormat.parseSamples("n.csv", text.getBytes(StandardCharsets.UTF_8), S)).getMessage();
            assertEquals("n.csv:2:" + columnOf(line, CsvFormat.RECORD_COLUMNS.indexOf(c[1])) + ": field '" + c[1] + "': " + c[2], m);
        }
        String ok = CsvFormat.recordHeader() + "\n" + recordRow(b, "-,-,0,-") + "\n";
        assertEquals(List.of(Sample.boardOnly(b)), CsvFormat.parseSamples("ok.csv", ok.getBytes(StandardCharsets.UTF_8), S));
    }

    /** Packing from code (e.g. a recorder) checks the same rules; the refusal names the sample index. */
    @Test
    void packSamplesRefusesAnIllegalDemonstrationByIndex() {
        Sample fine = new Sample(board(4, 4, 12, 10, ActionKind.REST, 4, 5), new Demonstration(ActionKind.ATTACK, 255, Demonstration.WIN));
        Sample wall = new Sample(board(0, 0, 12, 10, ActionKind.REST, 5, 5), new Demonstration(ActionKind.MOVE, 2, Demonstration.LOSS));
        String m = assertThrows(DatasetException.class, () -> PackedDataset.packSamples(List.of(fine, wall), S)).getMessage();
        assertEquals("sample 1: demonstrated MOVE is not legal: MOVE E from (0,0) runs into the wall at (1,0) (a MOVE must be an open step)", m);
    }
}
