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
        Path boards = tmp.resolve("boards.csv");
        DatasetFiles.unpack(zst, boards, false, p.commitmentHex().toUpperCase().replace("0X", "0x"), S);
        Path again = tmp.resolve("again.zst");
        DatasetFiles.pack(boards, again, false, S);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(again), "pack(unpack(x)) == x with the same library");
        // Packing the CSV directly gives the same bytes as packing its HDF5 conversion.
        Path direct = tmp.resolve("direct.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), direct, false, S);
        assertArrayEquals(Files.readAllBytes(zst), Files.readAllBytes(direct));
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
