package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.InvalidStateException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The battle-sample CSV (spec/datasets.md "CSV schema"). Three headers are accepted: the battle records
 * {@link #RECORD_COLUMNS}, the samples {@link #SAMPLE_COLUMNS} (what {@code dataset unpack} writes: turn, board and
 * demonstration) and the board-only {@link #BOARD_COLUMNS} ({@code dataset unpack} before packed format v2: turn 0,
 * no demonstrations). UTF-8, comma separated, no quoting, {@code \n} line ends ({@code \r\n} accepted), one header line,
 * no blank line between rows (blank lines after the last row end the file).
 *
 * <p>A row's action columns hold either an action and its outcome (a demonstration) or {@code -,-,0,-} (a board
 * only). An action must be legal on its row's board under the kernel v2 rules ({@link DemonstrationCheck}).
 *
 * <p>Every error is a {@link DatasetException.CsvFormat} naming file, 1-based line and 1-based
 * column (the character where the offending field starts), and the field.
 */
public final class CsvFormat {
    private CsvFormat() {}

    static final String[] FIGHTER_FIELDS = {"x", "y", "hp", "stamina", "attack", "defense", "temp_def", "last_action"};

    static final List<String> ACTION_COLUMNS = List.of("action_kind", "action_dir", "action_power", "outcome");
    /** No action in a row's action_kind (and its action_dir and outcome): the row is a board only. */
    public static final String NO_ACTION = "-";

    public static final List<String> BOARD_COLUMNS;
    public static final List<String> SAMPLE_COLUMNS;
    public static final List<String> RECORD_COLUMNS;

    static {
        List<String> b = new ArrayList<>();
        b.add("arena");
        for (String f : FIGHTER_FIELDS) b.add("self_" + f);
        for (String f : FIGHTER_FIELDS) b.add("enemy_" + f);
        BOARD_COLUMNS = List.copyOf(b);
        List<String> s = new ArrayList<>();
        s.add("turn");
        s.addAll(b);
        s.addAll(ACTION_COLUMNS);
        SAMPLE_COLUMNS = List.copyOf(s);
        List<String> r = new ArrayList<>();
        r.add("battle_seed");
        r.add("turn");
        r.add("side");
        r.addAll(b);
        r.addAll(ACTION_COLUMNS);
        RECORD_COLUMNS = List.copyOf(r);
    }

    // ---------------------------------------------------------------- writing

    public static String boardHeader() {
        return String.join(",", BOARD_COLUMNS);
    }

    public static String sampleHeader() {
        return String.join(",", SAMPLE_COLUMNS);
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

    /** The four action columns: {@code KIND,DIR,POWER,OUTCOME}, or {@code -,-,0,-} without an action. */
    private static void appendAction(StringBuilder sb, Action a, int outcome) {
        if (a == null) {
            sb.append(NO_ACTION).append(',').append(NO_ACTION).append(",0,").append(NO_ACTION);
            return;
        }
        sb.append(ActionKind.name(a.kind())).append(',').append(Dir.name(a.dir()))
                .append(',').append(a.power()).append(',').append(BattleRecord.outcomeName(outcome));
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
            sb.append(',');
            appendAction(sb, r.action(), r.outcome());
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Samples in the {@link #SAMPLE_COLUMNS} schema (what {@code dataset unpack} writes). A demonstrated ATTACK is
     * written at full power, {@code min(maxPower, self_attack)}: kernel v2 attacks at full power, so a packed
     * dataset does not keep the power a source file stated.
     */
    public static byte[] writeSamples(List<Sample> samples, SeasonConstants season) {
        StringBuilder sb = new StringBuilder(samples.size() * 150 + 256);
        sb.append(sampleHeader()).append('\n');
        for (Sample s : samples) {
            Board b = s.board();
            sb.append(b.turn()).append(',');
            appendBoard(sb, b);
            sb.append(',');
            Demonstration d = s.demonstration();
            if (d.present()) {
                appendAction(sb, DemonstrationCheck.committed(b, d.kind(), d.dir(), season), BattleRecord.recordOutcome(d.outcome()));
            } else {
                appendAction(sb, null, BattleRecord.UNKNOWN);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Boards (with their turns) as samples without demonstrations, in the {@link #SAMPLE_COLUMNS} schema. */
    public static byte[] writeBoards(List<Board> boards) {
        // no demonstration, so no ATTACK power to write: the season does not matter
        return writeSamples(boards.stream().map(Sample::boardOnly).toList(), SeasonConstants.DEFAULT);
    }

    // ---------------------------------------------------------------- reading

    public static List<BattleRecord> readRecords(Path file, SeasonConstants season) {
        return parseRecords(file.toString(), AtomicFiles.read(file), season);
    }

    public static List<Sample> readSamples(Path file, SeasonConstants season) {
        return parseSamples(file.toString(), AtomicFiles.read(file), season);
    }

    public static List<Board> readBoards(Path file, SeasonConstants season) {
        return parseBoards(file.toString(), AtomicFiles.read(file), season);
    }

    /** Parses the battle-record schema; the other schemas are refused (they have no battle seeds or sides). */
    public static List<BattleRecord> parseRecords(String name, byte[] data, SeasonConstants season) {
        Parser p = new Parser(name, data, season);
        if (p.schema != Schema.RECORD) {
            throw new DatasetException.CsvFormat(name, 1, 1,
                    (p.schema == Schema.BOARD ? "board-only" : "sample") + " header: battle records need the columns " + recordHeader());
        }
        List<BattleRecord> out = new ArrayList<>();
        while (p.nextRow()) out.add(p.record());
        return out;
    }

    /** Parses any schema into samples: boards with their turns and, where a row has an action, its demonstration. */
    public static List<Sample> parseSamples(String name, byte[] data, SeasonConstants season) {
        Parser p = new Parser(name, data, season);
        List<Sample> out = new ArrayList<>();
        while (p.nextRow()) out.add(p.sample());
        return out;
    }

    /** Parses any schema and keeps the boards (with their turns). */
    public static List<Board> parseBoards(String name, byte[] data, SeasonConstants season) {
        return parseSamples(name, data, season).stream().map(Sample::board).toList();
    }

    private enum Schema {
        RECORD(RECORD_COLUMNS), SAMPLE(SAMPLE_COLUMNS), BOARD(BOARD_COLUMNS);

        final List<String> columns;

        Schema(List<String> columns) {
            this.columns = columns;
        }
    }

    /** A strict line-by-line reader that remembers where each field starts. */
    private static final class Parser {
        final String name;
        final SeasonConstants season;
        final String[] lines;
        final Schema schema;
        final List<String> columns;
        /** Column name to its index (a row's fields are looked up by name, about 20 per row). */
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
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
            schema = schemaOf(Arrays.asList(fields));
            columns = schema.columns;
            for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
        }

        /** The schema whose header this is; otherwise names the first column that differs from the closest one. */
        private Schema schemaOf(List<String> header) {
            for (Schema s : Schema.values()) if (header.equals(s.columns)) return s;
            List<String> expected = header.contains("battle_seed") || header.contains("side") || header.size() > SAMPLE_COLUMNS.size()
                    ? RECORD_COLUMNS
                    : header.contains("turn") || header.contains("action_kind") || header.size() > BOARD_COLUMNS.size()
                    ? SAMPLE_COLUMNS : BOARD_COLUMNS;
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

        private void split(String line) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            int n = 1;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == ',') n++;
                else if (c == '"') throw fail(i + 1, "quotes are not allowed (fields never contain commas)");
            }
            if (fields == null || fields.length != n) {
                fields = new String[n];
                starts = new int[n];
            }
            int start = 0;
            int k = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == ',') {
                    fields[k] = line.substring(start, i);
                    starts[k++] = start + 1;
                    start = i + 1;
                }
            }
        }

        /** {@code -?[0-9]+}, checked by hand: a regular expression per field cost more than the rest of the parse. */
        static boolean isInteger(String s) {
            int i = s.startsWith("-") ? 1 : 0;
            if (i == s.length()) return false;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') return false;
            }
            return true;
        }

        /** {@code 0x[0-9a-f]{16}}, checked by hand. */
        static boolean isSeed(String s) {
            if (s.length() != 18 || !s.startsWith("0x")) return false;
            for (int i = 2; i < 18; i++) {
                char c = s.charAt(i);
                if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
            }
            return true;
        }

        boolean nextRow() {
            if (lineNo >= lines.length) return false;
            lineNo++;
            String line = lines[lineNo - 1];
            if (line.isEmpty() || line.equals("\r")) {
                // blank lines at the very end (an editor's trailing newlines) end the file; one between rows is an error
                for (int k = lineNo; k < lines.length; k++) if (!lines[k].isEmpty() && !lines[k].equals("\r")) throw fail(1, "empty line");
                lineNo = lines.length;
                return false;
            }
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
            Integer i = index.get(column);
            return i == null ? -1 : i;
        }

        private DatasetException.CsvFormat fieldError(int i, String problem) {
            return fail(starts[i], "field '" + columns.get(i) + "': " + problem);
        }

        int intField(String column, int lo, int hi) {
            return intField(col(column), lo, hi);
        }

        int intField(int i, int lo, int hi) {
            String s = fields[i];
            if (s.isEmpty() || s.length() > 11 || !isInteger(s)) {
                throw fieldError(i, "'" + s + "' is not an integer");
            }
            long v = Long.parseLong(s);
            if (v < lo || v > hi) throw fieldError(i, v + " is outside " + lo + ".." + hi);
            return (int) v;
        }

        long seedField() {
            int i = col("battle_seed");
            String s = fields[i];
            if (!isSeed(s)) throw fieldError(i, "'" + s + "' is not 0x followed by 16 lower-case hex digits");
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

        /** The previous row's arena field and its arena: a battle's rows share one (an arena is immutable). */
        private String lastArenaField;
        private Arena lastArena;

        Arena arena() {
            int i = col("arena");
            String s = fields[i];
            if (s.equals(lastArenaField)) return lastArena; // the same text passed every check below
            Arena parsed = parseArena(i, s);
            lastArenaField = s;
            lastArena = parsed;
            return parsed;
        }

        private Arena parseArena(int i, String s) {
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

        /** A fighter's eight columns, in {@link Fighter}'s order, per prefix (looked up once, not per row). */
        private final java.util.Map<String, int[]> fighterColumns = new java.util.HashMap<>();

        Fighter fighter(String prefix, Arena arena) {
            int[] c = fighterColumns.computeIfAbsent(prefix, p -> new int[] {col(p + "x"), col(p + "y"), col(p + "hp"), col(p + "stamina"),
                col(p + "attack"), col(p + "defense"), col(p + "temp_def"), col(p + "last_action")});
            return new Fighter(
                    intField(c[0], 0, arena.width() - 1),
                    intField(c[1], 0, arena.height() - 1),
                    intField(c[2], 0, season.maxHp()),
                    intField(c[3], 0, season.maxStamina()),
                    intField(c[4], 0, season.maxPower()),
                    intField(c[5], 0, 255),
                    intField(c[6], 0, season.blockCap()),
                    actionName(prefix + "last_action"));
        }

        int turn() {
            return schema == Schema.BOARD ? 0 : intField("turn", 0, season.maxTurns() - 1);
        }

        Board board(int turn) {
            Arena arena = arena();
            Board b = new Board(arena, fighter("self_", arena), fighter("enemy_", arena), turn);
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
            int turn = turn();
            int si = col("side");
            int side;
            if (fields[si].equals("A")) side = 0;
            else if (fields[si].equals("B")) side = 1;
            else throw fieldError(si, "'" + fields[si] + "' is not A or B");
            Board board = board(turn);
            Action action = action();
            int outcome = outcome(action != null);
            checkLegal(board, action);
            return new BattleRecord(seed, turn, side, board, action, outcome);
        }

        Sample sample() {
            if (schema == Schema.RECORD) return record().sample();
            Board board = board(turn());
            if (schema == Schema.BOARD) return Sample.boardOnly(board);
            Action action = action();
            int outcome = outcome(action != null);
            checkLegal(board, action);
            return action == null ? Sample.boardOnly(board)
                    : new Sample(board, new Demonstration(action.kind(), action.dir(), BattleRecord.demonstrationOutcome(outcome)));
        }

        /** The action columns but the outcome: null for a row without an action ({@code -,-,0}), else a well-formed action. */
        private Action action() {
            int ki = col("action_kind");
            int di = col("action_dir");
            int pi = col("action_power");
            if (fields[ki].equals(NO_ACTION)) {
                if (!fields[di].equals(NO_ACTION)) throw fieldError(di, "a row without an action (action_kind '-') has action_dir '-'");
                if (!fields[pi].equals("0")) throw fieldError(pi, "a row without an action (action_kind '-') has action_power 0");
                return null;
            }
            int kind;
            try {
                kind = ActionKind.parse(fields[ki]);
            } catch (IllegalArgumentException e) {
                throw fieldError(ki, "'" + fields[ki] + "' is not REST, MOVE, ATTACK, BLOCK, RECOVER or - (no action)");
            }
            int dir;
            if (fields[di].equals(NO_ACTION)) {
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
            if (kind == ActionKind.ATTACK && power == 0) throw fieldError(pi, "an ATTACK needs power 1.." + season.maxPower());
            if (kind != ActionKind.ATTACK && power != 0) throw fieldError(pi, "only an ATTACK has a power (expected 0)");
            return new Action(kind, dir, power);
        }

        /** Refuses an action that is not legal on its row's board (kernel v2 rules: {@link DemonstrationCheck}). */
        private void checkLegal(Board board, Action action) {
            if (action == null) return;
            DemonstrationCheck.Problem problem = DemonstrationCheck.problem(board, action.kind(), action.dir(), season);
            if (problem != null) throw fieldError(col(problem.column()), problem.message());
        }

        /** The outcome column: win/draw/loss or '-' (unknown) with an action, '-' without one. */
        private int outcome(boolean hasAction) {
            int oi = col("outcome");
            int outcome = BattleRecord.parseOutcome(fields[oi]);
            if (outcome == Integer.MIN_VALUE) throw fieldError(oi, "'" + fields[oi] + "' is not win, draw, loss or - (unknown)");
            if (!hasAction && outcome != BattleRecord.UNKNOWN) {
                throw fieldError(oi, "a row without an action (action_kind '-') is a board only: its outcome is '-'");
            }
            return outcome;
        }
    }
}
