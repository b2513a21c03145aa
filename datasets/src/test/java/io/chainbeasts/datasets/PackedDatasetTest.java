package io.chainbeasts.datasets;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.Demonstration;
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

    /** Bytes of one sample on the 9x9 arena: board v2 (2 + 81 + 9 + 9 + 2 turn) + demonstration (3). */
    static final int SAMPLE_BYTES = 106;

    static List<Board> exampleBoards() {
        return CsvFormat.readBoards(ExampleCsvTest.exampleCsv(), S);
    }

    static List<Sample> exampleSamples() {
        return CsvFormat.readSamples(ExampleCsvTest.exampleCsv(), S);
    }

    @Test
    void packUnpackRoundTripAndCommitmentIsTheHashOfTheStoredBytes() {
        List<Sample> samples = exampleSamples();
        PackedDataset.Packed p = PackedDataset.packSamples(samples, S);
        assertArrayEquals(Keccak256.hash(p.stored()), p.commitment());
        assertEquals(samples, PackedDataset.unpackSamples("x", p.stored(), S));
        byte[] raw = PackedDataset.encodeSamples(samples);
        assertEquals(PackedDataset.HEADER_SIZE + samples.size() * SAMPLE_BYTES, raw.length);
        assertArrayEquals(raw, PackedDataset.decompress("x", p.stored()));
        PrivateDataset ds = PrivateDataset.fromStored("x", p.stored(), p.commitment(), S);
        assertEquals(samples.size(), ds.size());
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(samples.get(i).board(), ds.get(i));
            assertEquals(samples.get(i).demonstration(), ds.demonstration(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(samples.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.demonstration(-1));
        // Boards only: every sample reads back without a demonstration.
        PrivateDataset boards = PrivateDataset.fromStored("b", PackedDataset.pack(exampleBoards()).stored(), null, S);
        assertEquals(Demonstration.NONE, boards.demonstration(3));
        assertEquals(0, boards.demonstrationCounts().demonstrations());
    }

    /** The commitment covers the demonstrations: change one action, one outcome or drop one and C_dataset changes. */
    @Test
    void theCommitmentCoversEveryDemonstration() {
        List<Sample> samples = new ArrayList<>(exampleSamples().subList(0, 40));
        byte[] base = PackedDataset.packSamples(samples, S).commitment();
        Sample s = samples.get(10);
        Demonstration d = s.demonstration();
        List<Demonstration> variants = List.of(Demonstration.NONE,
                new Demonstration(d.kind(), d.dir(), d.outcome() == Demonstration.WIN ? Demonstration.LOSS : Demonstration.WIN));
        for (Demonstration v : variants) {
            List<Sample> changed = new ArrayList<>(samples);
            changed.set(10, new Sample(s.board(), v));
            assertFalse(Arrays.equals(base, PackedDataset.packSamples(changed, S).commitment()), v.toString());
        }
    }

    /**
     * Golden raw bytes for a two-sample dataset, written out by hand from the layout in spec/datasets.md: a change
     * of the encoding (field order, widths, the turn, the demonstration bytes) fails here.
     */
    @Test
    void twoSampleRawEncodingIsPinned() {
        byte[] tiles = new byte[81];
        tiles[1] = 1; // wall at (1,0)
        tiles[9 * 8 + 8] = 2; // hazard at (8,8)
        Arena arena = Arena.of(9, 9, tiles);
        Board first = new Board(arena, new Fighter(0, 0, 60, 12, 14, 25, 0, ActionKind.REST),
                new Fighter(0, 1, 60, 12, 11, 27, 0, ActionKind.REST), 0);
        Board second = new Board(arena, new Fighter(3, 4, 300, 0, 15, 200, 32, ActionKind.BLOCK),
                new Fighter(6, 4, 7, 5, 9, 1, 96, ActionKind.ATTACK), 0x0123);
        List<Sample> samples = List.of(
                new Sample(first, new Demonstration(ActionKind.ATTACK, 255, Demonstration.WIN)),
                new Sample(second, Demonstration.NONE));
        String tileHex = "0001" + "00".repeat(78) + "02";
        String expected = "43424453" + "02" + "00000002"
                + "0909" + tileHex + "0000" + "003c" + "0c0e190000" + "0001" + "003c" + "0c0b1b0000" + "0000" + "02ff02"
                + "0909" + tileHex + "0304" + "012c" + "000fc82003" + "0604" + "0007" + "0509016002" + "0123" + "ffffff";
        byte[] raw = PackedDataset.encodeSamples(samples);
        assertEquals(expected, Hex.of(raw));
        assertEquals(PackedDataset.HEADER_SIZE + 2 * SAMPLE_BYTES, raw.length);
        // the same bytes decode back (once the second board's hp and turn fit the season)
        List<Sample> legal = List.of(samples.get(0), new Sample(new Board(arena, second.self().withHp(60), second.enemy(), 35), Demonstration.NONE));
        assertEquals(legal, PackedDataset.decodeSamples("g", PackedDataset.encodeSamples(legal), S));
        // and their stored bytes, as the pinned zstd-jni writes them, have this commitment
        assertEquals(GOLDEN_TWO_SAMPLE_C_DATASET, PackedDataset.packSamples(legal, S).commitmentHex());
    }

    /** keccak256 of the pinned zstd-jni (1.5.5-11, level 19 with its own search log or with 1: the same bytes here, checksum on) packing of the two legal samples above. */
    static final String GOLDEN_TWO_SAMPLE_C_DATASET = "0x92076f01a114131f23030208bb550b2ba18322311ea99f29d1fe23ee21884d0a";

    /** Version 1 files (boards without turn or demonstration) stay readable: turn 0, no demonstration. */
    @Test
    void version1FilesStillRead() {
        List<Board> boards = exampleBoards().subList(0, 5);
        CanonicalWriter w = new CanonicalWriter();
        w.bytes(PackedDataset.MAGIC).u8(1).i32(boards.size());
        for (Board b : boards) {
            b.arena().encode(w);
            b.self().encode(w);
            b.enemy().encode(w);
        }
        byte[] stored = com.github.luben.zstd.Zstd.compress(w.toByteArray(), 19);
        PrivateDataset ds = PrivateDataset.fromStored("v1.zst", stored, Keccak256.hash(stored), S);
        assertEquals(boards.size(), ds.size());
        for (int i = 0; i < boards.size(); i++) {
            Board b = boards.get(i);
            assertEquals(new Board(b.arena(), b.self(), b.enemy(), 0), ds.get(i));
            assertEquals(Demonstration.NONE, ds.demonstration(i));
        }
        assertArrayEquals(stored, ds.storedBytes(), "the stored bytes, and so the commitment, are the v1 file's");
    }

    @Test
    void badDemonstrationBytesAreNamedBySampleIndex() {
        List<Sample> samples = exampleSamples().subList(0, 3);
        int demo = PackedDataset.HEADER_SIZE + 2 * SAMPLE_BYTES - 3; // sample 1's demonstration
        String[][] cases = {
                {"07ff02", "sample 1: demonstration kind 7 is not an action kind"},
                {"0107 02".replace(" ", ""), "sample 1: demonstration dir 7 does not fit a MOVE"},
                {"02ff05", "sample 1: demonstration outcome 5 is not 0, 1, 2 or 255"},
                {"ffff02", "sample 1: a sample without a demonstration has outcome 2, expected 255"},
        };
        for (String[] c : cases) {
            byte[] raw = PackedDataset.encodeSamples(samples);
            System.arraycopy(Hex.parse(c[0]), 0, raw, demo, 3);
            byte[] stored = com.github.luben.zstd.Zstd.compress(raw);
            assertEquals("d.zst: " + c[1], assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpackSamples("d.zst", stored, S)).getMessage());
        }
        // well-formed but illegal on its board: sample 0 of the example is a turn-0 board far from the enemy
        byte[] raw = PackedDataset.encodeSamples(samples);
        System.arraycopy(Hex.parse("02ff02"), 0, raw, PackedDataset.HEADER_SIZE + SAMPLE_BYTES - 3, 3);
        byte[] stored = com.github.luben.zstd.Zstd.compress(raw);
        String m = assertThrows(DatasetException.Corrupt.class, () -> PrivateDataset.fromStored("i.zst", stored, null, S)).getMessage();
        assertTrue(m.startsWith("i.zst: sample 0: demonstrated ATTACK is not legal: ATTACK needs the enemy adjacent"), m);
        // a board at the last turn (the battle is over) is not a sample, as in the CSV's turn column
        byte[] late = PackedDataset.encodeSamples(samples);
        late[PackedDataset.HEADER_SIZE + SAMPLE_BYTES - 5] = 0;
        late[PackedDataset.HEADER_SIZE + SAMPLE_BYTES - 4] = (byte) S.maxTurns();
        assertEquals("t.zst: sample 0: turn " + S.maxTurns() + " is outside 0.." + (S.maxTurns() - 1),
                assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpackSamples("t.zst", com.github.luben.zstd.Zstd.compress(late), S)).getMessage());
        // a version this reader does not know
        byte[] v3 = PackedDataset.encodeSamples(samples);
        v3[4] = 3;
        assertEquals("v.zst: dataset version 3 is not supported (expected 1 or 2)",
                assertThrows(DatasetException.Corrupt.class, () -> PackedDataset.unpackSamples("v.zst", com.github.luben.zstd.Zstd.compress(v3), S)).getMessage());
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

    private static Map<String, String> keyValues(Path txt) throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : Files.readAllLines(txt)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("=", 2);
            kv.put(f[0].trim(), f[1].trim());
        }
        return kv;
    }

    /** The version 1 golden vector, packed before format v2: it still verifies and reads (turn 0, no demonstrations). */
    @Test
    void goldenVectorVersion1() throws Exception {
        Path dir = Vectors.path("datasets");
        byte[] stored = Files.readAllBytes(dir.resolve("example-first16.zst"));
        Map<String, String> kv = keyValues(dir.resolve("example-first16.txt"));
        // The boards are kept beside the vector, so a change of combat rules does not move it.
        List<Board> first16 = CsvFormat.readBoards(dir.resolve("example-first16.csv"), S);
        assertEquals(16, first16.size());
        byte[] raw = PackedDataset.decompress("v", stored);
        assertEquals(kv.get("raw_keccak256"), "0x" + Hex.of(Keccak256.hash(raw)));
        assertEquals(1, raw[4], "a version 1 file");
        assertEquals(kv.get("c_dataset"), "0x" + Hex.of(Keccak256.hash(stored)));
        PrivateDataset ds = PrivateDataset.fromStored("v", stored, Hex.parse(kv.get("c_dataset")), S);
        assertEquals(Integer.parseInt(kv.get("count")), ds.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(first16.get(i), ds.get(i));
            assertEquals(Demonstration.NONE, ds.demonstration(i));
        }
    }

    /** The version 2 golden vector: stored bytes from the pinned zstd-jni, their commitment, and what they decode to. */
    @Test
    void goldenVectorVersion2() throws Exception {
        Path dir = Vectors.path("datasets");
        byte[] stored = Files.readAllBytes(dir.resolve("example-v2-first16.zst"));
        Map<String, String> kv = keyValues(dir.resolve("example-v2-first16.txt"));
        // The records are kept beside the vector, so a change of combat rules does not move it.
        List<Sample> first16 = CsvFormat.readSamples(dir.resolve("example-v2-first16.csv"), S);
        assertEquals(16, first16.size());
        assertEquals(Integer.parseInt(kv.get("demonstrations")), DemonstrationCounts.of(first16).demonstrations());
        assertEquals(Demonstration.NONE, first16.get(14).demonstration());
        assertEquals(Demonstration.UNKNOWN, first16.get(15).demonstration().outcome());
        byte[] raw = PackedDataset.encodeSamples(first16);
        assertEquals(kv.get("raw_keccak256"), "0x" + Hex.of(Keccak256.hash(raw)));
        assertEquals(kv.get("c_dataset"), "0x" + Hex.of(Keccak256.hash(stored)));
        PrivateDataset ds = PrivateDataset.fromStored("v", stored, Hex.parse(kv.get("c_dataset")), S);
        assertEquals(Integer.parseInt(kv.get("count")), ds.size());
        assertEquals(first16, ds.samples());
        assertArrayEquals(raw, PackedDataset.decompress("v", stored));
        assertArrayEquals(stored, PackedDataset.packSamples(first16, S).stored(),
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
        byte[] raw = PackedDataset.encodeSamples(exampleSamples().subList(0, 2));
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
        raw[PackedDataset.HEADER_SIZE + SAMPLE_BYTES + 2 + 81 + 2] = 0x7F; // sample 1, self.hp high byte
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
