package io.chainbeasts.datasets;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.InvalidStateException;
import io.chainbeasts.combat.SeasonConstants;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Battle samples as HDF5, written and read with jHDF (spec/datasets.md "HDF5 layout"):
 *
 * <pre>
 * /                    attrs: format = "chainbeasts-battle-samples", version = 1 (int32),
 *                             arena_width, arena_height (int32)
 * /boards/tiles        uint8  [N][w*h]  row-major tile codes (0 floor, 1 wall, 2 hazard)
 * /boards/self         int32  [N][8]    x, y, hp, stamina, attack, defense, temp_def, last_action
 * /boards/enemy        int32  [N][8]    same columns
 * /samples/battle_seed int64  [N]       the u64 battle seed's bit pattern
 * /samples/turn        int32  [N]
 * /samples/side        int32  [N]       0 = A, 1 = B
 * /samples/action      int32  [N][3]    kind, dir (255 = none), power; [255, 255, 0]: no action (a board only)
 * /samples/outcome     int32  [N]       1 win, 0 draw, -1 loss, 255 unknown (always 255 without an action)
 * </pre>
 *
 * A file without the {@code /samples} group holds boards only: they read at turn 0 without demonstrations. An
 * action must be legal on its board under the kernel v2 rules ({@link DemonstrationCheck}).
 *
 * Every dataset carries a {@code columns} or {@code meaning} string attribute. Reading checks the
 * format attribute, every shape and every dtype (class, width, signedness) and validates each board;
 * errors are {@link DatasetException.Hdf5Format} naming the file and the dataset path.
 */
public final class Hdf5Format {
    private Hdf5Format() {}

    public static final String FORMAT = "chainbeasts-battle-samples";
    public static final int VERSION = 1;
    /** The action kind of a row without an action. */
    public static final int NO_ACTION = 255;
    static final int FIGHTER_COLUMNS = 8;
    static final String FIGHTER_COLUMN_NAMES = String.join(",", CsvFormat.FIGHTER_FIELDS);

    /** Writes the records atomically (temporary file, fsync, rename): the target is whole or absent. */
    public static void write(List<BattleRecord> records, Path target) {
        write(records, target, true);
    }

    /** As above; with {@code replace} false an existing {@code target} is refused. */
    public static void write(List<BattleRecord> records, Path target, boolean replace) {
        if (records.isEmpty()) throw new DatasetException("cannot write " + target + ": no samples");
        Arena first = records.get(0).board().arena();
        int w = first.width();
        int h = first.height();
        int n = records.size();
        byte[][] tiles = new byte[n][];
        int[][] self = new int[n][];
        int[][] enemy = new int[n][];
        long[] seeds = new long[n];
        int[] turns = new int[n];
        int[] sides = new int[n];
        int[][] actions = new int[n][];
        int[] outcomes = new int[n];
        for (int i = 0; i < n; i++) {
            BattleRecord r = records.get(i);
            Arena a = r.board().arena();
            if (a.width() != w || a.height() != h) {
                throw new DatasetException("cannot write " + target + ": sample " + i + " has a " + a.width() + "x" + a.height()
                        + " arena, sample 0 a " + w + "x" + h + " one (one file holds one arena size)");
            }
            tiles[i] = a.tiles();
            self[i] = fighterRow(r.board().self());
            enemy[i] = fighterRow(r.board().enemy());
            seeds[i] = r.battleSeed();
            turns[i] = r.turn();
            sides[i] = r.side();
            actions[i] = r.action() == null ? new int[] {NO_ACTION, Dir.NONE, 0}
                    : new int[] {r.action().kind(), r.action().dir(), r.action().power()};
            outcomes[i] = r.outcome();
        }
        AtomicFiles.publish(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putAttribute("format", FORMAT);
                f.putAttribute("version", VERSION);
                f.putAttribute("arena_width", w);
                f.putAttribute("arena_height", h);
                WritableGroup boards = f.putGroup("boards");
                boards.putDataset("tiles", tiles, DatasetCreationOptions.builder().unsigned().build())
                        .putAttribute("meaning", "row-major tile codes, index y*arena_width+x: 0 floor, 1 wall, 2 hazard");
                boards.putDataset("self", self).putAttribute("columns", FIGHTER_COLUMN_NAMES);
                boards.putDataset("enemy", enemy).putAttribute("columns", FIGHTER_COLUMN_NAMES);
                WritableGroup samples = f.putGroup("samples");
                samples.putDataset("battle_seed", seeds).putAttribute("meaning", "u64 battle seed as its int64 bit pattern");
                samples.putDataset("turn", turns).putAttribute("meaning", "turns resolved before this board");
                samples.putDataset("side", sides).putAttribute("meaning", "0 = A, 1 = B");
                samples.putDataset("action", actions).putAttribute("columns", "kind,dir,power (255,255,0: no action)");
                samples.putDataset("outcome", outcomes).putAttribute("meaning", "1 win, 0 draw, -1 loss, 255 unknown");
            } catch (RuntimeException e) {
                throw new java.io.IOException("HDF5 write failed: " + e.getMessage(), e);
            }
        }, replace);
    }

    private static int[] fighterRow(Fighter f) {
        return new int[] {f.x(), f.y(), f.hp(), f.stamina(), f.attack(), f.defense(), f.tempDef(), f.lastAction()};
    }

    public static List<BattleRecord> readRecords(Path file, SeasonConstants season) {
        return parseRecords(file.toString(), AtomicFiles.read(file), season);
    }

    public static List<Board> readBoards(Path file, SeasonConstants season) {
        return parseBoards(file.toString(), AtomicFiles.read(file), season);
    }

    public static List<Board> parseBoards(String name, byte[] data, SeasonConstants season) {
        return parseSamples(name, data, season).stream().map(Sample::board).toList();
    }

    /** The boards with their turns and the demonstrations (none when the file has no {@code /samples} group). */
    public static List<Sample> parseSamples(String name, byte[] data, SeasonConstants season) {
        Result r = read(name, data, season, false);
        return r.records == null ? r.boards.stream().map(Sample::boardOnly).toList()
                : r.records.stream().map(BattleRecord::sample).toList();
    }

    public static List<BattleRecord> parseRecords(String name, byte[] data, SeasonConstants season) {
        return read(name, data, season, true).records;
    }

    /** The boards (at turn 0) and, when the file has {@code /samples} or they are required, the records. */
    private record Result(List<Board> boards, List<BattleRecord> records) {}

    private static Result read(String name, byte[] data, SeasonConstants season, boolean recordsRequired) {
        if (!Formats.isHdf5(data)) throw new DatasetException.Hdf5Format(name + ": not an HDF5 file (no HDF5 signature)");
        try (HdfFile f = HdfFile.fromBytes(data)) {
            Reader r = new Reader(name, f);
            return r.read(season, recordsRequired);
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            // the library's words, never its class name (a user reads this line)
            throw new DatasetException.Hdf5Format(name + ": unreadable HDF5 (" + (e.getMessage() == null ? "not a valid HDF5 file"
                    : e.getMessage().replace('\n', ' ')) + ")", e);
        }
    }

    private static final class Reader {
        final String name;
        final HdfFile f;

        Reader(String name, HdfFile f) {
            this.name = name;
            this.f = f;
        }

        DatasetException.Hdf5Format fail(String m) {
            return new DatasetException.Hdf5Format(name + ": " + m);
        }

        String stringAttr(String attr) {
            Attribute a = f.getAttribute(attr);
            if (a == null) throw fail("missing root attribute '" + attr + "' (not a " + FORMAT + " file)");
            Object v = a.getData();
            if (!(v instanceof String s)) throw fail("root attribute '" + attr + "' is not a string");
            return s;
        }

        int intAttr(String attr) {
            Attribute a = f.getAttribute(attr);
            if (a == null) throw fail("missing root attribute '" + attr + "'");
            Object v = a.getData();
            if (v instanceof Integer i) return i;
            if (v instanceof Long l && l == (int) (long) l) return (int) (long) l;
            throw fail("root attribute '" + attr + "' is not an int32 scalar");
        }

        Dataset dataset(String path) {
            Node node;
            try {
                node = f.getByPath(path);
            } catch (RuntimeException e) {
                throw fail("missing dataset " + path);
            }
            if (!(node instanceof Dataset d)) throw fail(path + " is not a dataset");
            return d;
        }

        /** Checks class, width and signedness and the shape; returns the values flattened, row-major. */
        long[] values(String path, int bytes, boolean signed, int... shape) {
            Dataset d = dataset(path);
            DataType t = d.getDataType();
            String want = (signed ? "int" : "uint") + bytes * 8;
            if (!(t instanceof FixedPoint fp)) {
                throw fail(path + " has dtype " + t.getClass().getSimpleName() + " (" + t.getSize() + " bytes), expected " + want);
            }
            if (fp.getSize() != bytes || fp.isSigned() != signed) {
                throw fail(path + " has dtype " + (fp.isSigned() ? "int" : "uint") + fp.getSize() * 8 + ", expected " + want);
            }
            int[] dims = d.getDimensions();
            if (!Arrays.equals(dims, shape)) {
                throw fail(path + " has shape " + Arrays.toString(dims) + ", expected " + Arrays.toString(shape));
            }
            return flatten(d.getDataFlat(), signed, path);
        }

        long[] flatten(Object flat, boolean signed, String path) {
            if (flat instanceof byte[] b) {
                long[] out = new long[b.length];
                for (int i = 0; i < b.length; i++) out[i] = signed ? b[i] : b[i] & 0xFF;
                return out;
            }
            if (flat instanceof short[] s) {
                long[] out = new long[s.length];
                for (int i = 0; i < s.length; i++) out[i] = s[i];
                return out;
            }
            if (flat instanceof int[] a) {
                long[] out = new long[a.length];
                for (int i = 0; i < a.length; i++) out[i] = a[i];
                return out;
            }
            if (flat instanceof long[] l) return l;
            throw fail(path + " reads as " + flat.getClass().getSimpleName() + ", expected an integer array");
        }

        Result read(SeasonConstants season, boolean recordsRequired) {
            String format = stringAttr("format");
            if (!format.equals(FORMAT)) throw fail("format attribute is '" + format + "', expected '" + FORMAT + "'");
            int version = intAttr("version");
            if (version != VERSION) throw fail("version " + version + " is not supported (expected " + VERSION + ")");
            int w = intAttr("arena_width");
            int h = intAttr("arena_height");
            if (w != season.arenaWidth() || h != season.arenaHeight()) {
                throw fail("arena is " + w + "x" + h + ", the season's is " + season.arenaWidth() + "x" + season.arenaHeight());
            }
            Dataset tilesDs = dataset("/boards/tiles");
            int[] td = tilesDs.getDimensions();
            if (td.length != 2) throw fail("/boards/tiles has shape " + Arrays.toString(td) + ", expected [N, " + w * h + "]");
            int n = td[0];
            // bounded before any dataset is read: a few KB of chunked fill values can declare billions of rows
            if (n < 0 || n > PackedDataset.MAX_SAMPLES) {
                throw fail("/boards/tiles has " + n + " rows; at most " + PackedDataset.MAX_SAMPLES + " samples are read");
            }
            long[] tiles = values("/boards/tiles", 1, false, n, w * h);
            long[] self = values("/boards/self", 4, true, n, FIGHTER_COLUMNS);
            long[] enemy = values("/boards/enemy", 4, true, n, FIGHTER_COLUMNS);
            List<Board> boards = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] t = new byte[w * h];
                for (int c = 0; c < t.length; c++) {
                    long v = tiles[i * t.length + c];
                    if (v > 2) throw fail("/boards/tiles[" + i + "][" + c + "] = " + v + " is not a tile code (0..2)");
                    t[c] = (byte) v;
                }
                Arena arena = Arena.of(w, h, t);
                Fighter s = fighter(self, i, "/boards/self", arena, season);
                Fighter e = fighter(enemy, i, "/boards/enemy", arena, season);
                Board b = new Board(arena, s, e);
                try {
                    b.validate(season);
                } catch (InvalidStateException ex) {
                    throw fail("sample " + i + ": " + ex.getMessage().replace("a and b", "self and enemy")
                            .replaceFirst("^a\\b", "self").replaceFirst("^b\\b", "enemy"));
                }
                boards.add(b);
            }
            if (!recordsRequired && !f.getChildren().containsKey("samples")) return new Result(boards, null);
            long[] seeds = values("/samples/battle_seed", 8, true, n);
            long[] turns = values("/samples/turn", 4, true, n);
            long[] sides = values("/samples/side", 4, true, n);
            long[] actions = values("/samples/action", 4, true, n, 3);
            long[] outcomes = values("/samples/outcome", 4, true, n);
            List<BattleRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int turn = (int) range("/samples/turn", i, -1, turns[i], 0, season.maxTurns() - 1);
                int side = (int) range("/samples/side", i, -1, sides[i], 0, 1);
                Board b = boards.get(i);
                Board board = new Board(b.arena(), b.self(), b.enemy(), turn);
                Action action = action(actions, i, season);
                int outcome = (int) outcomes[i];
                if (outcome != BattleRecord.UNKNOWN && (outcome < -1 || outcome > 1)) {
                    throw fail("/samples/outcome[" + i + "] = " + outcome + " is not 1 (win), 0 (draw), -1 (loss) or 255 (unknown)");
                }
                if (action == null && outcome != BattleRecord.UNKNOWN) {
                    throw fail("/samples/outcome[" + i + "] = " + outcome + ": a row without an action is a board only, its outcome is 255");
                }
                if (action != null) {
                    DemonstrationCheck.Problem p = DemonstrationCheck.problem(board, action.kind(), action.dir(), season);
                    if (p != null) {
                        int c = p.column().equals("action_dir") ? 1 : 0;
                        throw fail("/samples/action[" + i + "][" + c + "] (" + (c == 1 ? "dir" : "kind") + ") = " + actions[3 * i + c]
                                + ": " + p.message());
                    }
                }
                records.add(new BattleRecord(seeds[i], turn, side, board, action, outcome));
            }
            return new Result(boards, records);
        }

        /** Row {@code i} of /samples/action: null for [255, 255, 0] (no action), else a well-formed action. */
        Action action(long[] actions, int i, SeasonConstants season) {
            long k = actions[3 * i];
            int dir = (int) actions[3 * i + 1];
            if (k == NO_ACTION) {
                if (dir != Dir.NONE || actions[3 * i + 2] != 0) {
                    throw fail("/samples/action[" + i + "] = [" + k + ", " + dir + ", " + actions[3 * i + 2]
                            + "]: a row without an action (kind 255) is [255, 255, 0]");
                }
                return null;
            }
            int kind = (int) k;
            if (k < ActionKind.REST || k > ActionKind.RECOVER) {
                throw fail("/samples/action[" + i + "][0] = " + k + " is outside " + ActionKind.REST + ".." + ActionKind.RECOVER
                        + " (or " + NO_ACTION + ": no action)");
            }
            int power = (int) range("/samples/action", i, 2, actions[3 * i + 2], 0, season.maxPower());
            boolean dirOk = kind == ActionKind.MOVE ? dir >= 0 && dir < Dir.COUNT : dir == Dir.NONE;
            boolean powerOk = kind == ActionKind.ATTACK ? power >= 1 : power == 0;
            if (!dirOk || !powerOk) {
                throw fail("/samples/action[" + i + "] = [" + kind + ", " + dir + ", " + power + "] is not a valid "
                        + ActionKind.name(kind) + " (dir 255 = none; only MOVE has a dir, only ATTACK a power)");
            }
            return new Action(kind, dir, power);
        }

        long range(String path, int row, int col, long v, long lo, long hi) {
            if (v < lo || v > hi) {
                throw fail(path + "[" + row + "]" + (col >= 0 ? "[" + col + "]" : "") + " = " + v + " is outside " + lo + ".." + hi);
            }
            return v;
        }

        Fighter fighter(long[] m, int i, String path, Arena arena, SeasonConstants season) {
            int o = i * FIGHTER_COLUMNS;
            String[] cols = CsvFormat.FIGHTER_FIELDS;
            int[] hi = {arena.width() - 1, arena.height() - 1, season.maxHp(), season.maxStamina(), season.maxPower(), 255,
                    season.blockCap(), ActionKind.RECOVER};
            int[] v = new int[FIGHTER_COLUMNS];
            for (int c = 0; c < FIGHTER_COLUMNS; c++) {
                if (m[o + c] < 0 || m[o + c] > hi[c]) {
                    throw fail(path + "[" + i + "][" + c + "] (" + cols[c] + ") = " + m[o + c] + " is outside 0.." + hi[c]);
                }
                v[c] = (int) m[o + c];
            }
            return new Fighter(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
    }
}
