package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.InvalidStateException;
import io.chainbeasts.combat.SeasonConstants;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The battle-sample CSV (spec/datasets.md "CSV schema"). Two headers are accepted: the full
 * {@link #RECORD_COLUMNS} (battle records) and the board-only {@link #BOARD_COLUMNS} (what
 * {@code dataset unpack} writes, since a packed dataset holds boards only). UTF-8, comma
 * separated, no quoting, {@code \n} line ends ({@code \r\n} accepted), one header line.
 *
 * <p>Every error is a {@link DatasetException.CsvFormat} naming file, 1-based line and 1-based
 * column (the character where the offending field starts), and the field.
 */
public final class CsvFormat {
    private CsvFormat() {}

    static final String[] FIGHTER_FIELDS = {"x", "y", "hp", "stamina", "attack", "defense", "temp_def", "last_action"};

    public static final List<String> BOARD_COLUMNS;
    public static final List<String> RECORD_COLUMNS;

    static {
        List<String> b = new ArrayList<>();
        b.add("arena");
        for (String f : FIGHTER_FIELDS) b.add("self_" + f);
        for (String f : FIGHTER_FIELDS) b.add("enemy_" + f);
        BOARD_COLUMNS = List.copyOf(b);
        List<String> r = new ArrayList<>();
        r.add("battle_seed");
        r.add("turn");
        r.add("side");
        r.addAll(b);
        r.add("action_kind");
        r.add("action_dir");
        r.add("action_power");
        r.add("outcome");
        RECORD_COLUMNS = List.copyOf(r);
    }

    // ---------------------------------------------------------------- writing

    public static String boardHeader() {
        return String.join(",", BOARD_COLUMNS);
    }

    public static String recordHeader() {
        return String.join(",", RECORD_COLUMNS);
    }

    /** The arena as rows of glyphs joined by '|', e.g. {@code ..#|~..|...}. */
    public static String arenaString(Arena arena) {
        return String.join("|", arena.rows());
    }

    private static void appendBoard(StringBuilder sb, Board b) {
        sb.append(arenaString(b.arena()));
        appendFighter(sb, b.self());
        appendFighter(sb, b.enemy());
    }

    private static void appendFighter(StringBuilder sb, Fighter f) {
        sb.append(',').append(f.x()).append(',').append(f.y()).append(',').append(f.hp())
                .append(',').append(f.stamina()).append(',').append(f.attack()).append(',').append(f.defense())
                .append(',').append(f.tempDef()).append(',').append(ActionKind.name(f.lastAction()));
    }

    public static String seedString(long seed) {
        return String.format("0x%016x", seed);
    }

    public static byte[] writeRecords(List<BattleRecord> records) {
        StringBuilder sb = new StringBuilder(records.size() * 160 + 256);
        sb.append(recordHeader()).append('\n');
        for (BattleRecord r : records) {
            sb.append(seedString(r.battleSeed())).append(',').append(r.turn()).append(',')
                    .append(r.side() == 0 ? 'A' : 'B').append(',');
            appendBoard(sb, r.board());
            Action a = r.action();
            sb.append(',').append(ActionKind.name(a.kind())).append(',').append(Dir.name(a.dir()))
                    .append(',').append(a.power()).append(',').append(BattleRecord.outcomeName(r.outcome())).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] writeBoards(List<Board> boards) {
        StringBuilder sb = new StringBuilder(boards.size() * 130 + 128);
        sb.append(boardHeader()).append('\n');
        for (Board b : boards) {
            appendBoard(sb, b);
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- reading

    public static List<BattleRecord> readRecords(Path file, SeasonConstants season) {
        return parseRecords(file.toString(), AtomicFiles.read(file), season);
    }

    public static List<Board> readBoards(Path file, SeasonConstants season) {
        return parseBoards(file.toString(), AtomicFiles.read(file), season);
    }

    /** Parses the full record schema; a board-only file is refused (it has no actions or outcomes). */
    public static List<BattleRecord> parseRecords(String name, byte[] data, SeasonConstants season) {
        Parser p = new Parser(name, data, season);
        if (!p.full) {
            throw new DatasetException.CsvFormat(name, 1, 1,
                    "board-only header: battle records need the columns " + recordHeader());
        }
        List<BattleRecord> out = new ArrayList<>();
        while (p.nextRow()) out.add(p.record());
        return out;
    }

    /** Parses either schema and keeps the boards. */
    public static List<Board> parseBoards(String name, byte[] data, SeasonConstants season) {
        Parser p = new Parser(name, data, season);
        List<Board> out = new ArrayList<>();
        while (p.nextRow()) out.add(p.full ? p.record().board() : p.board(0));
        return out;
    }

    /** A strict line-by-line reader that remembers where each field starts. */
    private static final class Parser {
        final String name;
        final SeasonConstants season;
        final String[] lines;
        final boolean full;
        final List<String> columns;
        int lineNo; // 1-based number of the current line
        String[] fields;
        int[] starts; // 1-based column of each field

        Parser(String name, byte[] data, SeasonConstants season) {
            this.name = name;
            this.season = season;
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                throw new DatasetException.CsvFormat(name, 1, 1, "not UTF-8 text");
            }
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            if (text.isEmpty()) throw new DatasetException.CsvFormat(name, 1, 1, "empty file (expected a header line)");
            if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
            lines = text.split("\n", -1);
            lineNo = 1;
            split(lines[0]);
            List<String> header = Arrays.asList(fields);
            if (header.equals(RECORD_COLUMNS)) {
                full = true;
            } else if (header.equals(BOARD_COLUMNS)) {
                full = false;
            } else {
                List<String> expected = fields.length > BOARD_COLUMNS.size() || header.contains("battle_seed")
                        ? RECORD_COLUMNS : BOARD_COLUMNS;
                for (int i = 0; i < expected.size(); i++) {
                    if (i >= fields.length) {
                        throw fail(starts.length == 0 ? 1 : lines[0].length() + 1,
                                "header ends after " + fields.length + " columns; missing '" + expected.get(i) + "'");
                    }
                    if (!fields[i].equals(expected.get(i))) {
                        throw fail(starts[i], "header column " + (i + 1) + " is '" + fields[i] + "', expected '" + expected.get(i) + "'");
                    }
                }
                throw fail(starts[expected.size()], "unexpected extra header column '" + fields[expected.size()] + "'");
            }
            columns = full ? RECORD_COLUMNS : BOARD_COLUMNS;
        }

        private void split(String line) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            List<String> f = new ArrayList<>();
            List<Integer> s = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == ',') {
                    f.add(line.substring(start, i));
                    s.add(start + 1);
                    start = i + 1;
                } else if (line.charAt(i) == '"') {
                    throw fail(i + 1, "quotes are not allowed (fields never contain commas)");
                }
            }
            fields = f.toArray(new String[0]);
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        boolean nextRow() {
            if (lineNo >= lines.length) return false;
            lineNo++;
            String line = lines[lineNo - 1];
            if (line.isEmpty() || line.equals("\r")) throw fail(1, "empty line");
            split(line);
            if (fields.length != columns.size()) {
                int col = fields.length > columns.size() ? starts[columns.size()] : line.length() + 1;
                throw fail(col, "expected " + columns.size() + " fields, found " + fields.length);
            }
            return true;
        }

        DatasetException.CsvFormat fail(int column, String problem) {
            return new DatasetException.CsvFormat(name, lineNo, column, problem);
        }

        private int col(String column) {
            return columns.indexOf(column);
        }

        private DatasetException.CsvFormat fieldError(int i, String problem) {
            return fail(starts[i], "field '" + columns.get(i) + "': " + problem);
        }

        int intField(String column, int lo, int hi) {
            int i = col(column);
            String s = fields[i];
            if (s.isEmpty() || s.length() > 11 || !s.matches("-?[0-9]+")) {
                throw fieldError(i, "'" + s + "' is not an integer");
            }
            long v = Long.parseLong(s);
            if (v < lo || v > hi) throw fieldError(i, v + " is outside " + lo + ".." + hi);
            return (int) v;
        }

        long seedField() {
            int i = col("battle_seed");
            String s = fields[i];
            if (!s.matches("0x[0-9a-f]{16}")) throw fieldError(i, "'" + s + "' is not 0x followed by 16 lower-case hex digits");
            return Long.parseUnsignedLong(s.substring(2), 16);
        }

        int actionName(String column) {
            int i = col(column);
            try {
                return ActionKind.parse(fields[i]);
            } catch (IllegalArgumentException e) {
                throw fieldError(i, "'" + fields[i] + "' is not REST, MOVE, ATTACK, BLOCK or RECOVER");
            }
        }

        Arena arena() {
            int i = col("arena");
            String s = fields[i];
            if (s.isEmpty()) throw fieldError(i, "empty arena");
            String[] rows = s.split("\\|", -1);
            int w = rows[0].length();
            int offset = 0;
            for (int y = 0; y < rows.length; y++) {
                if (rows[y].length() != w) {
                    throw fail(starts[i] + offset, "field 'arena': row " + y + " has " + rows[y].length() + " cells, row 0 has " + w);
                }
                for (int x = 0; x < w; x++) {
                    char c = rows[y].charAt(x);
                    if (c != '.' && c != '#' && c != '~') {
                        throw fail(starts[i] + offset + x, "field 'arena': '" + c + "' at row " + y + " column " + x
                                + " is not a tile ('.' floor, '#' wall, '~' hazard)");
                    }
                }
                offset += w + 1;
            }
            if (w != season.arenaWidth() || rows.length != season.arenaHeight()) {
                throw fieldError(i, "arena is " + w + "x" + rows.length + ", the season's is "
                        + season.arenaWidth() + "x" + season.arenaHeight());
            }
            return Arena.parse(rows);
        }

        Fighter fighter(String prefix, Arena arena) {
            return new Fighter(
                    intField(prefix + "x", 0, arena.width() - 1),
                    intField(prefix + "y", 0, arena.height() - 1),
                    intField(prefix + "hp", 0, season.maxHp()),
                    intField(prefix + "stamina", 0, season.maxStamina()),
                    intField(prefix + "attack", 0, season.maxPower()),
                    intField(prefix + "defense", 0, 255),
                    intField(prefix + "temp_def", 0, season.blockCap()),
                    actionName(prefix + "last_action"));
        }

        Board board(int unused) {
            Arena arena = arena();
            Board b = new Board(arena, fighter("self_", arena), fighter("enemy_", arena));
            try {
                b.validate(season);
            } catch (InvalidStateException e) {
                String m = e.getMessage().replace("a and b", "self and enemy")
                        .replaceFirst("^a\\b", "self").replaceFirst("^b\\b", "enemy");
                throw fail(starts[col(m.startsWith("enemy") ? "enemy_x" : "self_x")], m);
            }
            return b;
        }

        BattleRecord record() {
            long seed = seedField();
            int turn = intField("turn", 0, season.maxTurns() - 1);
            int si = col("side");
            int side;
            if (fields[si].equals("A")) side = 0;
            else if (fields[si].equals("B")) side = 1;
            else throw fieldError(si, "'" + fields[si] + "' is not A or B");
            Board board = board(0);
            int kind = actionName("action_kind");
            int di = col("action_dir");
            int dir;
            if (fields[di].equals("-")) {
                dir = Dir.NONE;
            } else {
                try {
                    dir = Dir.parse(fields[di]);
                } catch (IllegalArgumentException e) {
                    throw fieldError(di, "'" + fields[di] + "' is not N, S, E, W or -");
                }
            }
            if ((kind == ActionKind.MOVE) != (dir != Dir.NONE)) {
                throw fieldError(di, kind == ActionKind.MOVE ? "a MOVE needs a direction N, S, E or W"
                        : "only a MOVE has a direction (expected '-')");
            }
            int power = intField("action_power", 0, season.maxPower());
            if (kind == ActionKind.ATTACK && power == 0) throw fieldError(col("action_power"), "an ATTACK needs power 1.." + season.maxPower());
            if (kind != ActionKind.ATTACK && power != 0) throw fieldError(col("action_power"), "only an ATTACK has a power (expected 0)");
            int oi = col("outcome");
            int outcome = BattleRecord.parseOutcome(fields[oi]);
            if (outcome == Integer.MIN_VALUE) throw fieldError(oi, "'" + fields[oi] + "' is not win, draw or loss");
            return new BattleRecord(seed, turn, side, board, new Action(kind, dir, power), outcome);
        }
    }
}
