package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our packed files and the zstd CLI's (Debian 1.5.4) interoperate both ways. */
class ZstdInteropTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    @TempDir
    Path tmp;

    @Test
    void theCliDecompressesOurFilesToTheCanonicalEncoding() throws Exception {
        ExternalTools.requireExecutable("zstd");
        Path packed = tmp.resolve("dataset.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), packed, false, S);
        Path raw = tmp.resolve("dataset.raw");
        ExternalTools.run(0, List.of("zstd", "-q", "-d", "--check", packed.toString(), "-o", raw.toString()));
        assertArrayEquals(PackedDataset.encodeSamples(PackedDatasetTest.exampleSamples()), Files.readAllBytes(raw));
        ExternalTools.run(0, List.of("zstd", "-q", "-t", packed.toString()));
    }

    @Test
    void weReadCliCompressedFilesAndCommitToTheirStoredBytes() throws Exception {
        ExternalTools.requireExecutable("zstd");
        List<Board> boards = PackedDatasetTest.exampleBoards();
        Path raw = tmp.resolve("dataset.raw");
        Files.write(raw, PackedDataset.encode(boards));
        for (String level : new String[] {"-1", "-19"}) {
            Path cli = tmp.resolve("cli" + level + ".zst");
            ExternalTools.run(0, List.of("zstd", "-q", level, raw.toString(), "-o", cli.toString()));
            byte[] stored = Files.readAllBytes(cli);
            PrivateDataset ds = PrivateDataset.open(cli, Keccak256.hash(stored), S);
            assertEquals(boards.size(), ds.size());
            assertEquals(boards.get(boards.size() - 1), ds.get(boards.size() - 1));
            PrivateDataset checked = DatasetFiles.check(cli, "0x" + io.chainbeasts.core.Hex.of(Keccak256.hash(stored)), S);
            assertArrayEquals(Keccak256.hash(stored), checked.commitment());
        }
        // Streamed through a pipe the CLI writes a frame without a content size; it must read too.
        byte[] piped = ExternalTools.run(0, List.of("sh", "-c", "zstd -q -c < " + raw)).getBytes(StandardCharsets.ISO_8859_1);
        Path p = tmp.resolve("piped.zst");
        ExternalTools.run(0, List.of("sh", "-c", "zstd -q -c < " + raw + " > " + p));
        assertEquals(boards, PackedDataset.unpack("piped", Files.readAllBytes(p), S));
        assertTrue(piped.length > 0);
        // Two concatenated frames (zstd allows it) decode as one stream.
        byte[] raw0 = Files.readAllBytes(raw);
        Path a = tmp.resolve("a.bin");
        Path b = tmp.resolve("b.bin");
        Files.write(a, java.util.Arrays.copyOf(raw0, 100));
        Files.write(b, java.util.Arrays.copyOfRange(raw0, 100, raw0.length));
        Path two = tmp.resolve("two.zst");
        ExternalTools.run(0, List.of("sh", "-c", "zstd -q -c " + a + " > " + two + " && zstd -q -c " + b + " >> " + two));
        assertEquals(boards, PackedDataset.unpack("two", Files.readAllBytes(two), S));
    }

    @Test
    void theCliRejectsWhatWeRejectAsCorrupt() throws Exception {
        ExternalTools.requireExecutable("zstd");
        byte[] stored = PackedDataset.pack(PackedDatasetTest.exampleBoards()).stored();
        Path cut = tmp.resolve("cut.zst");
        Files.write(cut, java.util.Arrays.copyOf(stored, stored.length - 5));
        ExternalTools.run(1, List.of("zstd", "-q", "-t", cut.toString()));
        DatasetException e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.Corrupt.class, () -> PrivateDataset.open(cut, S));
        assertTrue(e.getMessage().startsWith(cut + ": truncated or corrupt zstd frame"), e.getMessage());
    }
}
