package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-command path of the README: CSV -> HDF5 -> packed -> check/unpack. */
class DatasetToolTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;

    @Test
    void csvToHdf5ToPackedToBoardsAndBackIsStable() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Path h5 = tmp.resolve("battle.h5");
        DatasetTool.convert(ExampleCsvTest.exampleCsv(), h5, S, out);
        Path zst = tmp.resolve("dataset.zst");
        PackedDataset.Packed p = DatasetTool.pack(h5, zst, S, out);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("C_dataset = " + p.commitmentHex() + "\n"));
        PrivateDataset checked = DatasetTool.check(zst, p.commitmentHex(), S, out);
        assertEquals(p.count(), checked.size());
        Path samples = tmp.resolve("samples.csv");
        DatasetTool.unpack(zst, samples, p.commitmentHex().toUpperCase().replace("0X", "0x"), S, out);
        assertTrue(Files.readString(samples).startsWith(CsvFormat.sampleHeader() + "\n"));
        Path again = tmp.resolve("again.zst");
        DatasetTool.pack(samples, again, S, out);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(again), "pack(unpack(x)) == x with the same library");
        // The demonstrations went through every step: CSV -> HDF5 -> packed -> unpacked CSV.
        List<BattleRecord> records = CsvFormat.readRecords(ExampleCsvTest.exampleCsv(), S);
        assertEquals(records.stream().map(BattleRecord::sample).toList(), CsvFormat.readSamples(samples, S));
        for (int i = 0; i < records.size(); i++) assertEquals(records.get(i).demonstration(), checked.demonstration(i));
        DemonstrationCounts counts = DemonstrationCounts.of(records.stream().map(BattleRecord::sample).toList());
        assertEquals(records.size(), counts.demonstrations());
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("packed " + records.size() + " samples from " + h5), printed);
        assertTrue(printed.contains("\ndemonstrations: " + records.size() + " of " + records.size() + " samples ("
                + counts.wins() + " win, " + counts.draws() + " draw, " + counts.losses() + " loss, 0 unknown outcome); 0 boards only\n"), printed);
        assertEquals(records.size(), counts.wins() + counts.draws() + counts.losses());
        // Packing the CSV directly gives the same bytes as packing its HDF5 conversion.
        Path direct = tmp.resolve("direct.zst");
        DatasetTool.pack(ExampleCsvTest.exampleCsv(), direct, S, out);
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
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Path zst = tmp.resolve("mixed.zst");
        DatasetTool.pack(csv, zst, S, out);
        DemonstrationCounts c = DemonstrationCounts.of(mixed.stream().map(BattleRecord::sample).toList());
        assertEquals(7, c.demonstrations());
        assertEquals(3, c.boardsOnly());
        assertEquals(1, c.unknown());
        String line = "demonstrations: 7 of 10 samples (" + c.wins() + " win, " + c.draws() + " draw, " + c.losses() + " loss, 1 unknown outcome); 3 boards only";
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("\n" + line + "\n"), buf.toString(StandardCharsets.UTF_8));
        buf.reset();
        PrivateDataset ds = DatasetTool.check(zst, null, S, out);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("\n" + line + "\n"), buf.toString(StandardCharsets.UTF_8));
        assertEquals(Demonstration.NONE, ds.demonstration(0));
        assertEquals(Demonstration.UNKNOWN, ds.demonstration(3).outcome());
        Path back = tmp.resolve("back.csv");
        DatasetTool.unpack(zst, back, null, S, out);
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
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrivateDataset ds = DatasetTool.check(v1, null, S, quiet);
        assertEquals(16, ds.size());
        assertEquals(0, ds.demonstrationCounts().demonstrations());
        Path csv = tmp.resolve("v1.csv");
        DatasetTool.unpack(v1, csv, null, S, quiet);
        Path v2 = tmp.resolve("v2.zst");
        DatasetTool.pack(v1, v2, S, quiet);
        assertEquals(PackedDataset.VERSION, PackedDataset.decompress("v2", Files.readAllBytes(v2))[4]);
        assertEquals(ds.samples(), PrivateDataset.open(v2, S).samples());
        assertEquals(ds.samples(), CsvFormat.readSamples(csv, S));
    }

    @Test
    void commitmentMismatchWritesNothing() throws Exception {
        Path zst = tmp.resolve("dataset.zst");
        PackedDataset.Packed p = DatasetTool.pack(ExampleCsvTest.exampleCsv(), zst, S, System.out);
        String wrong = "0x" + "00".repeat(32);
        Path boards = tmp.resolve("boards.csv");
        DatasetException.CommitmentMismatch e = assertThrows(DatasetException.CommitmentMismatch.class,
                () -> DatasetTool.unpack(zst, boards, wrong, S, System.out));
        assertEquals(zst + ": C_dataset mismatch: keccak256(stored bytes) is " + p.commitmentHex() + ", expected " + wrong, e.getMessage());
        assertFalse(Files.exists(boards));
        assertThrows(DatasetException.CommitmentMismatch.class, () -> DatasetTool.check(zst, wrong, S, System.out));
        assertTrue(assertThrows(DatasetException.class, () -> DatasetTool.check(zst, "0xzz", S, System.out)).getMessage()
                .startsWith("--commitment '0xzz' is not hex"));
    }

    @Test
    void existingOutputsAreRefusedUnlessForced() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path committed = tmp.resolve("committed.zst");
        DatasetTool.pack(ExampleCsvTest.exampleCsv(), committed, S, quiet);
        byte[] before = Files.readAllBytes(committed);
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, Files.readString(ExampleCsvTest.exampleCsv()).lines().limit(3).reduce("", (a, l) -> a + l + "\n"));
        String m = assertThrows(DatasetException.class, () -> DatasetTool.pack(other, committed, S, quiet)).getMessage();
        assertEquals(committed + " already exists; refusing to overwrite it (pass --force to replace it)", m);
        assertArrayEquals(before, Files.readAllBytes(committed), "a committed dataset is never replaced by accident");
        assertThrows(DatasetException.class, () -> DatasetTool.convert(ExampleCsvTest.exampleCsv(), committed, S, quiet));
        assertThrows(DatasetException.class, () -> DatasetTool.unpack(committed, committed, null, S, quiet));
        assertArrayEquals(before, Files.readAllBytes(committed));
        DatasetTool.pack(other, committed, true, S, quiet);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(committed)), "--force replaces");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void specialAndOversizeInputsAreOneLine() throws Exception {
        String m = assertThrows(DatasetException.Fetch.class, () -> DatasetTool.check(Path.of("/dev/zero"), null, S, System.out)).getMessage();
        assertEquals("cannot read /dev/zero: not a regular file", m);
        Path big = tmp.resolve("big.csv");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), AtomicFiles.MAX_READ_BYTES); // sparse: one byte past the cap
        }
        String b = assertThrows(DatasetException.Fetch.class, () -> DatasetTool.pack(big, tmp.resolve("o.zst"), S, System.out)).getMessage();
        assertTrue(b.startsWith("cannot read " + big + ": " + (AtomicFiles.MAX_READ_BYTES + 1) + " bytes, more than"), b);
    }

    @Test
    void missingInputIsOneLine() {
        Path none = tmp.resolve("none.csv");
        String m = assertThrows(DatasetException.Fetch.class, () -> DatasetTool.pack(none, tmp.resolve("o.zst"), S, System.out)).getMessage();
        assertTrue(m.startsWith("cannot read " + none), m);
    }
}
