package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Path boards = tmp.resolve("boards.csv");
        DatasetTool.unpack(zst, boards, p.commitmentHex().toUpperCase().replace("0X", "0x"), S, out);
        Path again = tmp.resolve("again.zst");
        DatasetTool.pack(boards, again, S, out);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(again), "pack(unpack(x)) == x with the same library");
        // Packing the CSV directly gives the same bytes as packing its HDF5 conversion.
        Path direct = tmp.resolve("direct.zst");
        DatasetTool.pack(ExampleCsvTest.exampleCsv(), direct, S, out);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(direct));
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
