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
