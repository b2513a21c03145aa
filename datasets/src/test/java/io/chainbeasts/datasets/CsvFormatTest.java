package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvFormatTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    static List<BattleRecord> sample() {
        return BattleSampleGenerator.generate(BattleSampleGenerator.EXAMPLE_DOMAIN, 2, S);
    }

    @Test
    void recordsRoundTrip() {
        List<BattleRecord> rows = sample();
        byte[] csv = CsvFormat.writeRecords(rows);
        assertEquals(rows, CsvFormat.parseRecords("x.csv", csv, S));
        assertArrayEquals(csv, CsvFormat.writeRecords(CsvFormat.parseRecords("x.csv", csv, S)));
    }

    @Test
    void boardsRoundTripAndFullFilesReadAsBoards() {
        List<BattleRecord> rows = sample();
        List<Board> boards = rows.stream().map(BattleRecord::board).toList();
        assertEquals(boards, CsvFormat.parseBoards("b.csv", CsvFormat.writeBoards(boards), S));
        assertEquals(boards, CsvFormat.parseBoards("r.csv", CsvFormat.writeRecords(rows), S));
    }

    @Test
    void crlfLineEndsAreAccepted() {
        List<BattleRecord> rows = sample();
        String crlf = new String(CsvFormat.writeRecords(rows), StandardCharsets.UTF_8).replace("\n", "\r\n");
        assertEquals(rows, CsvFormat.parseRecords("w.csv", crlf.getBytes(StandardCharsets.UTF_8), S));
    }

    @Test
    void sampleAndBoardOnlyFilesAreNotBattleRecordFiles() {
        byte[] samples = CsvFormat.writeBoards(List.of(sample().get(0).board()));
        DatasetException.CsvFormat e = assertThrows(DatasetException.CsvFormat.class,
                () -> CsvFormat.parseRecords("s.csv", samples, S));
        assertTrue(e.getMessage().startsWith("s.csv:1:1: sample header"), e.getMessage());
        byte[] boards = (CsvFormat.boardHeader() + "\n" + DemonstrationLegalityTest.boardFields(sample().get(0).board()) + "\n").getBytes(StandardCharsets.UTF_8);
        e = assertThrows(DatasetException.CsvFormat.class, () -> CsvFormat.parseRecords("b.csv", boards, S));
        assertTrue(e.getMessage().startsWith("b.csv:1:1: board-only header"), e.getMessage());
    }

    /** The board-only schema that {@code dataset unpack} wrote before packed format v2 still reads: turn 0, no demonstrations. */
    @Test
    void legacyBoardOnlyFilesReadAtTurnZeroWithoutDemonstrations() {
        List<BattleRecord> rows = sample().subList(0, 6);
        StringBuilder sb = new StringBuilder(CsvFormat.boardHeader()).append('\n');
        for (BattleRecord r : rows) sb.append(DemonstrationLegalityTest.boardFields(r.board())).append('\n');
        List<Sample> got = CsvFormat.parseSamples("old.csv", sb.toString().getBytes(StandardCharsets.UTF_8), S);
        assertEquals(rows.size(), got.size());
        for (int i = 0; i < rows.size(); i++) {
            Board b = rows.get(i).board();
            assertEquals(Sample.boardOnly(new Board(b.arena(), b.self(), b.enemy(), 0)), got.get(i));
        }
    }

    @Test
    void samplesRoundTripWithDemonstrationsAndBoardsOnly() {
        List<BattleRecord> rows = sample();
        List<Sample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            // every third row a board only; the rest keep their action, one with an unknown outcome
            Sample s = rows.get(i).sample();
            if (i % 3 == 2) s = Sample.boardOnly(s.board());
            if (i == 4) s = new Sample(s.board(), new Demonstration(s.demonstration().kind(), s.demonstration().dir(), Demonstration.UNKNOWN));
            samples.add(s);
        }
        byte[] csv = CsvFormat.writeSamples(samples, S);
        assertTrue(new String(csv, StandardCharsets.UTF_8).startsWith(CsvFormat.sampleHeader() + "\n"));
        assertEquals(samples, CsvFormat.parseSamples("s.csv", csv, S));
        assertArrayEquals(csv, CsvFormat.writeSamples(CsvFormat.parseSamples("s.csv", csv, S), S));
        // records keep their demonstrations too
        assertEquals(rows.stream().map(BattleRecord::sample).toList(), CsvFormat.parseSamples("r.csv", CsvFormat.writeRecords(rows), S));
    }

    @Test
    void recordRowsWithoutAnActionAreBoardsOnly() {
        List<BattleRecord> rows = new java.util.ArrayList<>(sample().subList(0, 4));
        BattleRecord r = rows.get(1);
        rows.set(1, new BattleRecord(r.battleSeed(), r.turn(), r.side(), r.board(), null, BattleRecord.UNKNOWN));
        byte[] csv = CsvFormat.writeRecords(rows);
        assertTrue(new String(csv, StandardCharsets.UTF_8).split("\n")[2].endsWith(",-,-,0,-"));
        assertEquals(rows, CsvFormat.parseRecords("x.csv", csv, S));
        List<Sample> samples = CsvFormat.parseSamples("x.csv", csv, S);
        assertEquals(Demonstration.NONE, samples.get(1).demonstration());
        assertTrue(samples.get(0).demonstration().present());
    }


    /** Replaces field {@code column} (0-based) of data line 2 (file line 3) and expects line 3 and that field's column. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1;x;field 'turn': 'x' is not an integer",
            "1;60;field 'turn': 60 is outside 0..59",
            "0;123;field 'battle_seed': '123' is not 0x followed by 16 lower-case hex digits",
            "2;C;field 'side': 'C' is not A or B",
            "6;61;field 'self_hp': 61 is outside 0..60",
            "12;9;field 'enemy_x': 9 is outside 0..8",
            "11;JUMP;field 'self_last_action': 'JUMP' is not REST, MOVE, ATTACK, BLOCK or RECOVER",
            "21;X;field 'action_dir': 'X' is not N, S, E, W or -",
            "23;victory;field 'outcome': 'victory' is not win, draw, loss or - (unknown)",
            "20;'';field 'action_kind': '' is not REST, MOVE, ATTACK, BLOCK, RECOVER or - (no action)",
            "22;-1;field 'action_power': -1 is outside 0..15",
    })
    void badFieldNamesFileLineAndColumn(int column, String value, String message) {
        String[] lines = new String(CsvFormat.writeRecords(sample()), StandardCharsets.UTF_8).split("\n");
        String[] f = lines[2].split(",", -1);
        int col = 1;
        for (int i = 0; i < column; i++) col += f[i].length() + 1;
        f[column] = value;
        lines[2] = String.join(",", f);
        byte[] bad = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        DatasetException.CsvFormat e = assertThrows(DatasetException.CsvFormat.class, () -> CsvFormat.parseRecords("bad.csv", bad, S));
        assertEquals("bad.csv:3:" + col + ": " + message, e.getMessage());
        assertEquals(3, e.line());
        assertEquals(col, e.column());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void structuralErrors() {
        String good = new String(CsvFormat.writeRecords(sample()), StandardCharsets.UTF_8);
        String[] lines = good.split("\n");
        assertEquals("e.csv:1:1: empty file (expected a header line)", err("e.csv", ""));
        assertEquals("h.csv:1:13: header column 2 is 'turns', expected 'turn'",
                err("h.csv", good.replaceFirst("battle_seed,turn,", "battle_seed,turns,")));
        String shortLine = lines[0] + "\n" + lines[1].substring(0, lines[1].lastIndexOf(',')) + "\n";
        assertTrue(err("s.csv", shortLine).startsWith("s.csv:2:" + (lines[1].lastIndexOf(',') + 1) + ": expected 24 fields, found 23"),
                err("s.csv", shortLine));
        assertEquals("q.csv:2:1: quotes are not allowed (fields never contain commas)", err("q.csv", lines[0] + "\n\"" + lines[1] + "\n"));
        assertEquals("b.csv:3:1: empty line", err("b.csv", lines[0] + "\n" + lines[1] + "\n\n" + lines[2] + "\n"));
        // blank lines after the last row (an editor's trailing newlines) end the file
        assertEquals(CsvFormat.parseRecords("t.csv", good.getBytes(StandardCharsets.UTF_8), S),
                CsvFormat.parseRecords("t.csv", (good + "\n\r\n").getBytes(StandardCharsets.UTF_8), S));
        // A ragged arena names the row; a bad glyph names its exact character column.
        int arenaCol = lines[1].indexOf(",A,") + 4;
        String arena = lines[1].split(",")[3];
        String glyph = lines[0] + "\n" + lines[1].replace(arena, "X" + arena.substring(1)) + "\n";
        assertEquals("g.csv:2:" + arenaCol + ": field 'arena': 'X' at row 0 column 0 is not a tile ('.' floor, '#' wall, '~' hazard)",
                err("g.csv", glyph));
        String ragged = lines[0] + "\n" + lines[1].replace(arena, arena.substring(1)) + "\n";
        assertEquals("r.csv:2:" + (arenaCol + 9) + ": field 'arena': row 1 has 9 cells, row 0 has 8", err("r.csv", ragged));
        byte[] latin1 = (lines[0] + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = java.util.Arrays.copyOf(latin1, latin1.length + 1);
        notUtf8[latin1.length] = (byte) 0xE9;
        assertEquals("n.csv:1:1: not UTF-8 text", assertThrows(DatasetException.CsvFormat.class,
                () -> CsvFormat.parseRecords("n.csv", notUtf8, S)).getMessage());
    }

    @Test
    void crossFieldRulesAreCheckedByTheBoard() {
        List<BattleRecord> rows = sample();
        BattleRecord r = rows.get(0);
        String[] lines = new String(CsvFormat.writeRecords(rows), StandardCharsets.UTF_8).split("\n");
        String[] f = lines[1].split(",", -1);
        f[12] = f[4];
        f[13] = f[5]; // enemy on self's cell
        String bad = lines[0] + "\n" + String.join(",", f) + "\n";
        int selfXCol = lines[1].indexOf(",A,") + 4 + f[3].length() + 1;
        assertEquals("c.csv:2:" + selfXCol + ": self and enemy share the cell (" + r.board().self().x() + "," + r.board().self().y() + ")",
                err("c.csv", bad));
    }

    private static String err(String name, String text) {
        return assertThrows(DatasetException.CsvFormat.class,
                () -> CsvFormat.parseRecords(name, text.getBytes(StandardCharsets.UTF_8), S)).getMessage();
    }
}
