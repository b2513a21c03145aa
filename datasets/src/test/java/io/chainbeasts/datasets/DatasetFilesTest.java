package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-command path of the README: CSV -> HDF5 -> packed -> check/unpack. */
class DatasetFilesTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;

    @Test
    void csvToHdf5ToPackedToBoardsAndBackIsStable() throws Exception {
        Path h5 = tmp.resolve("battle.h5");
        DatasetFiles.convert(ExampleCsvTest.exampleCsv(), h5, false, S);
        Path zst = tmp.resolve("dataset.zst");
        PackedDataset.Packed p = DatasetFiles.pack(h5, zst, false, S);
        assertEquals(p.commitmentHex(), "0x" + io.chainbeasts.core.Hex.of(io.chainbeasts.core.Keccak256.hash(Files.readAllBytes(zst))),
                "C_dataset is keccak256 of the stored bytes");
        PrivateDataset checked = DatasetFiles.check(zst, p.commitmentHex(), S);
        assertEquals(p.count(), checked.size());
        Path samples = tmp.resolve("samples.csv");
        DatasetFiles.unpack(zst, samples, false, p.commitmentHex().toUpperCase().replace("0X", "0x"), S);
        assertTrue(Files.readString(samples).startsWith(CsvFormat.sampleHeader() + "\n"));
        Path again = tmp.resolve("again.zst");
        DatasetFiles.pack(samples, again, false, S);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(again), "pack(unpack(x)) == x with the same library");
        // The demonstrations went through every step: CSV -> HDF5 -> packed -> unpacked CSV.
        List<BattleRecord> records = CsvFormat.readRecords(ExampleCsvTest.exampleCsv(), S);
        assertEquals(records.stream().map(BattleRecord::sample).toList(), CsvFormat.readSamples(samples, S));
        for (int i = 0; i < records.size(); i++) assertEquals(records.get(i).demonstration(), checked.demonstration(i));
        DemonstrationCounts counts = DemonstrationCounts.of(records.stream().map(BattleRecord::sample).toList());
        assertEquals(records.size(), counts.demonstrations());
        assertEquals("demonstrations: " + records.size() + " of " + records.size() + " samples ("
                + counts.wins() + " win, " + counts.draws() + " draw, " + counts.losses() + " loss, 0 unknown outcome); 0 boards only",
                checked.demonstrationCounts().toString());
        assertEquals(records.size(), counts.wins() + counts.draws() + counts.losses());
        // Packing the CSV directly gives the same bytes as packing its HDF5 conversion.
        Path direct = tmp.resolve("direct.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), direct, false, S);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(direct));
    }

    /** A CSV with boards only, demonstrations and unknown outcomes: pack and check say how many of each, unpack writes them back. */
    @Test
    void packAndCheckCountDemonstrationsAndUnpackWritesThemBack() throws Exception {
        List<BattleRecord> rows = CsvFormat.readRecords(ExampleCsvTest.exampleCsv(), S).subList(0, 10);
        List<BattleRecord> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BattleRecord r = rows.get(i);
            if (i < 3) mixed.add(new BattleRecord(r.battleSeed(), r.turn(), r.side(), r.board(), null, BattleRecord.UNKNOWN));
            else if (i == 3) mixed.add(new BattleRecord(r.battleSeed(), r.turn(), r.side(), r.board(), r.action(), BattleRecord.UNKNOWN));
            else mixed.add(r);
        }
        Path csv = tmp.resolve("mixed.csv");
        Files.write(csv, CsvFormat.writeRecords(mixed));
        Path zst = tmp.resolve("mixed.zst");
        DatasetFiles.pack(csv, zst, false, S);
        DemonstrationCounts c = DemonstrationCounts.of(mixed.stream().map(BattleRecord::sample).toList());
        assertEquals(7, c.demonstrations());
        assertEquals(3, c.boardsOnly());
        assertEquals(1, c.unknown());
        String line = "demonstrations: 7 of 10 samples (" + c.wins() + " win, " + c.draws() + " draw, " + c.losses() + " loss, 1 unknown outcome); 3 boards only";
        PrivateDataset ds = DatasetFiles.check(zst, null, S);
        assertEquals(line, ds.demonstrationCounts().toString());
        assertEquals(Demonstration.NONE, ds.demonstration(0));
        assertEquals(Demonstration.UNKNOWN, ds.demonstration(3).outcome());
        Path back = tmp.resolve("back.csv");
        DatasetFiles.unpack(zst, back, false, null, S);
        String[] lines = Files.readString(back).split("\n");
        assertTrue(lines[1].endsWith(",-,-,0,-"), lines[1]);
        assertTrue(lines[4].endsWith(",-") && !lines[4].endsWith(",-,-,0,-"), "an action with an unknown outcome: " + lines[4]);
        assertEquals(mixed.stream().map(BattleRecord::sample).toList(), CsvFormat.readSamples(back, S));
    }

    /** A version 1 file (packed before demonstrations) checks and unpacks; packing it again writes version 2. */
    @Test
    void version1FilesCheckUnpackAndRepackAsVersion2() throws Exception {
        Path v1 = tmp.resolve("v1.zst");
        Files.copy(io.chainbeasts.core.Vectors.path("datasets").resolve("example-first16.zst"), v1);
        PrivateDataset ds = DatasetFiles.check(v1, null, S);
        assertEquals(16, ds.size());
        assertEquals(0, ds.demonstrationCounts().demonstrations());
        Path csv = tmp.resolve("v1.csv");
        DatasetFiles.unpack(v1, csv, false, null, S);
        Path v2 = tmp.resolve("v2.zst");
        DatasetFiles.pack(v1, v2, false, S);
        assertEquals(PackedDataset.VERSION, PackedDataset.decompress("v2", Files.readAllBytes(v2))[4]);
        assertEquals(ds.samples(), PrivateDataset.open(v2, S).samples());
        assertEquals(ds.samples(), CsvFormat.readSamples(csv, S));
    }

    @Test
    void commitmentMismatchWritesNothing() throws Exception {
        Path zst = tmp.resolve("dataset.zst");
        PackedDataset.Packed p = DatasetFiles.pack(ExampleCsvTest.exampleCsv(), zst, false, S);
        String wrong = "0x" + "00".repeat(32);
        Path boards = tmp.resolve("boards.csv");
        DatasetException.CommitmentMismatch e = assertThrows(DatasetException.CommitmentMismatch.class,
                () -> DatasetFiles.unpack(zst, boards, false, wrong, S));
        assertEquals(zst + ": C_dataset mismatch: keccak256(stored bytes) is " + p.commitmentHex() + ", expected " + wrong, e.getMessage());
        assertFalse(Files.exists(boards));
        assertThrows(DatasetException.CommitmentMismatch.class, () -> DatasetFiles.check(zst, wrong, S));
        assertTrue(assertThrows(DatasetException.class, () -> DatasetFiles.check(zst, "0xzz", S)).getMessage()
                .startsWith("--commitment '0xzz' is not hex"));
    }

    @Test
    void existingOutputsAreRefusedUnlessForced() throws Exception {
        Path committed = tmp.resolve("committed.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), committed, false, S);
        byte[] before = Files.readAllBytes(committed);
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, Files.readString(ExampleCsvTest.exampleCsv()).lines().limit(3).reduce("", (a, l) -> a + l + "\n"));
        String m = assertThrows(DatasetException.class, () -> DatasetFiles.pack(other, committed, false, S)).getMessage();
        assertEquals(committed + " already exists; refusing to overwrite it (pass --force to replace it)", m);
        assertArrayEquals(before, Files.readAllBytes(committed), "a committed dataset is never replaced by accident");
        assertThrows(DatasetException.class, () -> DatasetFiles.convert(ExampleCsvTest.exampleCsv(), committed, false, S));
        assertThrows(DatasetException.class, () -> DatasetFiles.unpack(committed, committed, false, null, S));
        assertArrayEquals(before, Files.readAllBytes(committed));
        DatasetFiles.pack(other, committed, true, S);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(committed)), "--force replaces");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void specialAndOversizeInputsAreOneLine() throws Exception {
        String m = assertThrows(DatasetException.Fetch.class, () -> DatasetFiles.check(Path.of("/dev/zero"), null, S)).getMessage();
        assertEquals("cannot read /dev/zero: not a regular file", m);
        Path big = tmp.resolve("big.csv");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), AtomicFiles.MAX_READ_BYTES); // sparse: one byte past the cap
        }
        String b = assertThrows(DatasetException.Fetch.class, () -> DatasetFiles.pack(big, tmp.resolve("o.zst"), false, S)).getMessage();
        assertTrue(b.startsWith("cannot read " + big + ": " + (AtomicFiles.MAX_READ_BYTES + 1) + " bytes, more than"), b);
    }

    @Test
    void missingInputIsOneLine() {
        Path none = tmp.resolve("none.csv");
        String m = assertThrows(DatasetException.Fetch.class, () -> DatasetFiles.pack(none, tmp.resolve("o.zst"), false, S)).getMessage();
        assertTrue(m.startsWith("cannot read " + none), m);
    }
}
