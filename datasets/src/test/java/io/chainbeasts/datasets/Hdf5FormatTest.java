package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hdf5FormatTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;

    @Test
    void roundTripsRecordsAndBoards() {
        List<BattleRecord> rows = CsvFormatTest.sample();
        Path h5 = tmp.resolve("a.h5");
        Hdf5Format.write(rows, h5);
        assertEquals(rows, Hdf5Format.readRecords(h5, S));
        assertEquals(rows.stream().map(BattleRecord::board).toList(), Hdf5Format.readBoards(h5, S));
        assertEquals(rows, FileProducer.hdf5(h5).records(S));
    }

    @Test
    void rowsWithoutActionsAndUnknownOutcomesRoundTrip() {
        List<BattleRecord> rows = new java.util.ArrayList<>(CsvFormatTest.sample().subList(0, 6));
        BattleRecord a = rows.get(1);
        BattleRecord b = rows.get(2);
        rows.set(1, new BattleRecord(a.battleSeed(), a.turn(), a.side(), a.board(), null, BattleRecord.UNKNOWN));
        rows.set(2, new BattleRecord(b.battleSeed(), b.turn(), b.side(), b.board(), b.action(), BattleRecord.UNKNOWN));
        Path h5 = tmp.resolve("mixed.h5");
        Hdf5Format.write(rows, h5);
        assertEquals(rows, Hdf5Format.readRecords(h5, S));
        assertEquals(rows.stream().map(BattleRecord::sample).toList(), FileProducer.hdf5(h5).samples(S));
        assertEquals(rows.get(3).board().turn(), Hdf5Format.readBoards(h5, S).get(3).turn());
    }

    /** An action that is illegal on its board (kernel v2) names the row and the column of /samples/action. */
    @Test
    void illegalActionIsNamedByRowAndColumn() {
        Path p = variant("illegal.h5", f -> {
            standard(f, goodSelf(), new byte[1][81], true); // self at (0,0), enemy at (8,8)
            WritableGroup g = f.putGroup("samples");
            g.putDataset("battle_seed", new long[] {1});
            g.putDataset("turn", new int[] {3});
            g.putDataset("side", new int[] {0});
            g.putDataset("action", new int[][] {{1, 0, 0}}); // MOVE N off the top edge
            g.putDataset("outcome", new int[] {1});
        });
        assertEquals(p + ": /samples/action[0][1] (dir) = 0: MOVE N from (0,0) would leave the arena (a MOVE must be an open step)",
                assertThrows(DatasetException.Hdf5Format.class, () -> Hdf5Format.readBoards(p, S)).getMessage());
        Path atk = variant("attack.h5", f -> {
            standard(f, goodSelf(), new byte[1][81], true);
            WritableGroup g = f.putGroup("samples");
            g.putDataset("battle_seed", new long[] {1});
            g.putDataset("turn", new int[] {3});
            g.putDataset("side", new int[] {0});
            g.putDataset("action", new int[][] {{2, 255, 10}});
            g.putDataset("outcome", new int[] {1});
        });
        assertEquals(atk + ": /samples/action[0][0] (kind) = 2: ATTACK needs the enemy adjacent; self at (0,0) and enemy at (8,8) are 16 steps apart",
                assertThrows(DatasetException.Hdf5Format.class, () -> Hdf5Format.readRecords(atk, S)).getMessage());
        Path none = variant("none.h5", f -> {
            standard(f, goodSelf(), new byte[1][81], true);
            WritableGroup g = f.putGroup("samples");
            g.putDataset("battle_seed", new long[] {1});
            g.putDataset("turn", new int[] {3});
            g.putDataset("side", new int[] {0});
            g.putDataset("action", new int[][] {{255, 255, 0}});
            g.putDataset("outcome", new int[] {1});
        });
        assertEquals(none + ": /samples/outcome[0] = 1: a row without an action is a board only, its outcome is 255",
                assertThrows(DatasetException.Hdf5Format.class, () -> Hdf5Format.readRecords(none, S)).getMessage());
    }

    @Test
    void convertOfTheExampleAgreesWithTheCsv() {
        Path h5 = tmp.resolve("battle.h5");
        int n = DatasetFiles.convert(ExampleCsvTest.exampleCsv(), h5, false, S);
        List<BattleRecord> csv = CsvFormat.readRecords(ExampleCsvTest.exampleCsv(), S);
        assertEquals(csv, Hdf5Format.readRecords(h5, S));
        assertEquals(csv.size(), n, "convert returns the number of samples");
    }

    @Test
    void convertOfABadCsvWritesNothing() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        String text = Files.readString(ExampleCsvTest.exampleCsv()).replaceFirst(",win\n", ",won\n");
        Files.writeString(csv, text);
        Path h5 = tmp.resolve("out.h5");
        DatasetException e = assertThrows(DatasetException.CsvFormat.class, () -> DatasetFiles.convert(csv, h5, false, S));
        assertTrue(e.getMessage().startsWith(csv + ":"), e.getMessage());
        assertFalse(Files.exists(h5));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(csv), files.toList(), "no temporary files left behind");
        }
    }

    /** Writes a valid file, then lets {@code change} replace one dataset or attribute. */
    private Path variant(String name, Consumer<WritableHdfFile> build) {
        Path p = tmp.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            build.accept(f);
        }
        return p;
    }

    private static void standard(WritableHdfFile f, int[][] self, Object tiles, boolean unsignedTiles) {
        f.putAttribute("format", Hdf5Format.FORMAT);
        f.putAttribute("version", 1);
        f.putAttribute("arena_width", 9);
        f.putAttribute("arena_height", 9);
        WritableGroup b = f.putGroup("boards");
        if (unsignedTiles) b.putDataset("tiles", tiles, DatasetCreationOptions.builder().unsigned().build());
        else b.putDataset("tiles", tiles);
        b.putDataset("self", self);
        b.putDataset("enemy", new int[][] {{8, 8, 60, 12, 10, 0, 0, 0}});
    }

    private static int[][] goodSelf() {
        return new int[][] {{0, 0, 60, 12, 10, 0, 0, 0}};
    }

    private String error(Path p) {
        return assertThrows(DatasetException.Hdf5Format.class, () -> Hdf5Format.readBoards(p, S)).getMessage();
    }

    @Test
    void wrongShapesTypesAndValuesAreNamed() {
        Path ok = variant("ok.h5", f -> standard(f, goodSelf(), new byte[1][81], true));
        assertEquals(1, Hdf5Format.readBoards(ok, S).size());
        // without a /samples group: boards only, at turn 0
        assertEquals(List.of(Sample.boardOnly(Hdf5Format.readBoards(ok, S).get(0))), FileProducer.hdf5(ok).samples(S));
        assertEquals(0, Hdf5Format.readBoards(ok, S).get(0).turn());

        Path shape = variant("shape.h5", f -> standard(f, new int[][] {{0, 0, 60, 12, 10, 0, 0}}, new byte[1][81], true));
        assertEquals(shape + ": /boards/self has shape [1, 7], expected [1, 8]", error(shape));

        Path signedTiles = variant("int8.h5", f -> standard(f, goodSelf(), new byte[1][81], false));
        assertEquals(signedTiles + ": /boards/tiles has dtype int8, expected uint8", error(signedTiles));

        Path wideTiles = variant("int32.h5", f -> standard(f, goodSelf(), new int[1][81], false));
        assertEquals(wideTiles + ": /boards/tiles has dtype int32, expected uint8", error(wideTiles));

        Path tileShape = variant("tiles.h5", f -> standard(f, goodSelf(), new byte[1][80], true));
        assertEquals(tileShape + ": /boards/tiles has shape [1, 80], expected [1, 81]", error(tileShape));

        Path hp = variant("hp.h5", f -> standard(f, new int[][] {{0, 0, 61, 12, 10, 0, 0, 0}}, new byte[1][81], true));
        assertEquals(hp + ": /boards/self[0][2] (hp) = 61 is outside 0..60", error(hp));

        byte[][] wall = new byte[1][81];
        wall[0][0] = 1;
        Path onWall = variant("wall.h5", f -> standard(f, goodSelf(), wall, true));
        assertEquals(onWall + ": sample 0: self stands on a wall at (0,0)", error(onWall));

        Path noFormat = variant("nofmt.h5", f -> f.putAttribute("version", 1));
        assertEquals(noFormat + ": missing root attribute 'format' (not a chainbeasts-battle-samples file)", error(noFormat));

        Path noSelf = variant("noself.h5", f -> {
            f.putAttribute("format", Hdf5Format.FORMAT);
            f.putAttribute("version", 1);
            f.putAttribute("arena_width", 9);
            f.putAttribute("arena_height", 9);
            f.putGroup("boards").putDataset("tiles", new byte[1][81], DatasetCreationOptions.builder().unsigned().build());
        });
        assertEquals(noSelf + ": missing dataset /boards/self", error(noSelf));
    }

    @Test
    void floatDatasetIsRefusedWithItsType() {
        Path p = variant("f.h5", f -> {
            f.putAttribute("format", Hdf5Format.FORMAT);
            f.putAttribute("version", 1);
            f.putAttribute("arena_width", 9);
            f.putAttribute("arena_height", 9);
            WritableGroup b = f.putGroup("boards");
            b.putDataset("tiles", new byte[1][81], DatasetCreationOptions.builder().unsigned().build());
            b.putDataset("self", new double[][] {{0, 0, 60, 12, 10, 0, 0, 0}});
        });
        assertEquals(p + ": /boards/self has dtype FloatingPoint (8 bytes), expected int32", error(p));
    }

    @Test
    void notHdf5AndTruncatedFilesAreOneLineErrors() throws Exception {
        Path csv = ExampleCsvTest.exampleCsv();
        assertEquals(csv + ": not an HDF5 file (no HDF5 signature)", error(csv));
        Path h5 = tmp.resolve("full.h5");
        Hdf5Format.write(CsvFormatTest.sample(), h5);
        byte[] all = Files.readAllBytes(h5);
        Path cut = tmp.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        String m = error(cut);
        assertTrue(m.startsWith(cut + ": "), m);
        assertFalse(m.contains("\n"), m);
    }
}
