package io.chainbeasts.datasets;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackedDatasetTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;

    static List<Board> exampleBoards() {
        return CsvFormat.readBoards(ExampleCsvTest.exampleCsv(), S);
    }

    @Test
    void packUnpackRoundTripAndCommitmentIsTheHashOfTheStoredBytes() {
        List<Board> boards = exampleBoards();
        PackedDataset.Packed p = PackedDataset.pack(boards);
        assertArrayEquals(Keccak256.hash(p.stored()), p.commitment());
        assertEquals(boards, PackedDataset.unpack("x", p.stored(), S));
        byte[] raw = PackedDataset.encode(boards);
        assertEquals(PackedDataset.HEADER_SIZE + boards.size() * 101, raw.length);
        assertArrayEquals(raw, PackedDataset.decompress("x", p.stored()));
        PrivateDataset ds = PrivateDataset.fromStored("x", p.stored(), p.commitment(), S);
        assertEquals(boards.size(), ds.size());
        for (int i = 0; i < boards.size(); i++) assertEquals(boards.get(i), ds.get(i));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(boards.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(-1));
    }

    @Test
    void aLeadingSkippableFrameAsPzstdWritesIsAccepted() {
        List<Board> boards = exampleBoards().subList(0, 8);
        byte[] frame = PackedDataset.pack(boards).stored();
        // skippable frame: magic 0x184D2A50 and a 4-byte size, little-endian, then that many ignored bytes
        byte[] stored = new byte[8 + 4 + frame.length];
        byte[] head = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 'p', 'z', 's', 't'};
        System.arraycopy(head, 0, stored, 0, head.length);
        System.arraycopy(frame, 0, stored, head.length, frame.length);
        assertEquals(Formats.Kind.PACKED, Formats.detect(stored));
        PrivateDataset ds = PrivateDataset.fromStored("pz", stored, Keccak256.hash(stored), S);
        assertEquals(boards.size(), ds.size());
        assertEquals(boards.get(7), ds.get(7));
    }

    @Test
    void emptyDatasetIsRefused() {
        assertEquals("a dataset needs at least one sample",
                assertThrows(DatasetException.class, () -> PackedDataset.pack(List.of())).getMessage());
    }

    /** The golden vector: stored bytes from the pinned zstd-jni, their commitment, and what they decode to. */
    @Test
    void goldenVector() throws Exception {
        Path dir = Vectors.path("datasets");
        byte[] stored = Files.readAllBytes(dir.resolve("example-first16.zst"));
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("example-first16.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("=", 2);
            kv.put(f[0].trim(), f[1].trim());
        }
        // The boards are kept beside the vector, so a change of combat rules does not move it.
        List<Board> first16 = CsvFormat.readBoards(dir.resolve("example-first16.csv"), S);
        assertEquals(16, first16.size());
        byte[] raw = PackedDataset.encode(first16);
        assertEquals(kv.get("raw_keccak256"), "0x" + Hex.of(Keccak256.hash(raw)));
        assertEquals(kv.get("c_dataset"), "0x" + Hex.of(Keccak256.hash(stored)));
        assertEquals(Integer.parseInt(kv.get("count")), PrivateDataset.fromStored("v", stored, Hex.parse(kv.get("c_dataset")), S).size());
        assertArrayEquals(raw, PackedDataset.decompress("v", stored));
        assertArrayEquals(stored, PackedDataset.pack(first16).stored(),
                "zstd-jni " + "(pinned 1.5.5-11) now compresses differently: new packs get new commitments; "
                        + "old files still verify because verification hashes stored bytes. Update the vector deliberately.");
    }

    @Test
    void corruptAndTruncatedFramesAreOneLineErrors() {
        byte[] stored = PackedDataset.pack(exampleBoards()).stored();
        byte[] truncated = Arrays.copyOf(stored, stored.length - 7);
        String t = assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("t.zst", truncated, S)).getMessage();
        assertTrue(t.startsWith("t.zst: truncated or corrupt zstd frame"), t);
        byte[] flipped = stored.clone();
        flipped[stored.length / 2] ^= 0x40;
        String c = assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("c.zst", flipped, S)).getMessage();
        assertTrue(c.startsWith("c.zst: "), c);
        assertFalse(c.contains("\n"));
        byte[] notZstd = "hello".getBytes();
        assertEquals("n.zst: not a zstd frame (bad magic)",
                assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("n.zst", notZstd, S)).getMessage());
        // A well-formed frame of the wrong content: header errors name the field.
        byte[] wrongMagic = com.github.luben.zstd.Zstd.compress("XXXX\u0001".getBytes());
        assertEquals("w.zst: not a packed ChainBeasts dataset (bad magic 0x58585858)",
                assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("w.zst", wrongMagic, S)).getMessage());
        byte[] raw = PackedDataset.encode(exampleBoards().subList(0, 2));
        byte[] shortRaw = com.github.luben.zstd.Zstd.compress(Arrays.copyOf(raw, raw.length - 1));
        String s = assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("s.zst", shortRaw, S)).getMessage();
        assertTrue(s.startsWith("s.zst: sample 1: truncated at byte"), s);
        byte[] extra = com.github.luben.zstd.Zstd.compress(Arrays.copyOf(raw, raw.length + 1));
        assertEquals("x.zst: dataset: 1 trailing bytes after byte " + raw.length,
                assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("x.zst", extra, S)).getMessage());
    }

    @Test
    void invalidBoardInsideAValidFrameIsNamedByIndex() {
        byte[] raw = PackedDataset.encode(exampleBoards().subList(0, 3));
        raw[PackedDataset.HEADER_SIZE + 101 + 2 + 81 + 2] = 0x7F; // sample 1, self.hp high byte
        byte[] stored = com.github.luben.zstd.Zstd.compress(raw);
        String m = assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpack("h.zst", stored, S)).getMessage();
        assertTrue(m.startsWith("h.zst: sample 1: a.hp = "), m);
    }

    /** Boards with random arenas and stats: they compress poorly, so enough of them exceed 512 kB. */
    static List<Board> randomBoards(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        List<Board> out = new ArrayList<>(n);
        while (out.size() < n) {
            byte[] t = new byte[81];
            for (int i = 0; i < 81; i++) t[i] = (byte) r.nextInt(3);
            t[0] = 0;
            t[80] = 0;
            Arena a = Arena.of(9, 9, t);
            out.add(new Board(a, new Fighter(0, 0, r.nextInt(61), r.nextInt(13), r.nextInt(16), r.nextInt(256), r.nextInt(97), r.nextInt(5)),
                    new Fighter(8, 8, r.nextInt(61), r.nextInt(13), r.nextInt(16), r.nextInt(256), r.nextInt(97), r.nextInt(5))));
        }
        return out;
    }

    @Test
    void oversizeDatasetIsRefusedAndNothingIsWritten() throws Exception {
        Path csv = tmp.resolve("big.csv");
        Files.write(csv, CsvFormat.writeBoards(randomBoards(40_000, 7)));
        Path out = tmp.resolve("big.zst");
        DatasetException.TooLarge e = assertThrows(DatasetException.TooLarge.class, () -> DatasetFiles.pack(csv, out, false, S));
        assertTrue(e.getMessage().matches("packed dataset is [0-9]+ bytes compressed, over the 524288-byte \\(512 kB\\) limit.*"), e.getMessage());
        assertFalse(Files.exists(out));
        // A stored file over the limit is refused before decompression.
        Path huge = tmp.resolve("huge.zst");
        byte[] big = new byte[PackedDataset.MAX_STORED_BYTES + 1];
        System.arraycopy(Formats.ZSTD_MAGIC, 0, big, 0, 4);
        Files.write(huge, big);
        assertThrows(DatasetException.TooLarge.class, () -> PrivateDataset.open(huge, S));
    }

    @Test
    void decompressionBombIsRefused() {
        byte[] zeros = new byte[PackedDataset.MAX_RAW_BYTES + 1024];
        byte[] bomb = com.github.luben.zstd.Zstd.compress(zeros, 3);
        assertTrue(bomb.length < PackedDataset.MAX_STORED_BYTES);
        String m = assertThrows(DatasetException.TooLarge.class, () -> PackedDataset.decompress("bomb.zst", bomb)).getMessage();
        assertEquals("bomb.zst: decompresses to more than " + PackedDataset.MAX_RAW_BYTES + " bytes", m);
    }

    @Test
    void commitmentMismatchIsNamed() {
        PackedDataset.Packed p = PackedDataset.pack(exampleBoards().subList(0, 4));
        byte[] wrong = p.commitment().clone();
        wrong[0] ^= 1;
        String m = assertThrows(DatasetException.CommitmentMismatch.class,
                () -> PrivateDataset.fromStored("d.zst", p.stored(), wrong, S)).getMessage();
        assertEquals("d.zst: C_dataset mismatch: keccak256(stored bytes) is " + p.commitmentHex() + ", expected 0x" + Hex.of(wrong), m);
    }
}
