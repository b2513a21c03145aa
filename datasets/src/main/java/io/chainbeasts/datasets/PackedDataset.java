package io.chainbeasts.datasets;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.InvalidStateException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packed private dataset (spec/datasets.md "Packed private dataset").
 *
 * <pre>
 * raw (canonical sample encoding, big-endian):
 *   "CBDS"  magic (4 bytes)
 *   u8      version (= 1)
 *   u32     count (1 .. MAX_SAMPLES)
 *   count x Board (u8 w, u8 h, w*h tiles, Fighter self 9 B, Fighter enemy 9 B)
 * stored:  zstd(raw), one or more zstd frames (we write one frame, level 19, with content size and
 *          a content checksum; any conforming frame, e.g. from the zstd CLI, is accepted)
 * C_dataset = keccak256(stored bytes)
 * </pre>
 *
 * The commitment is always the hash of the stored compressed bytes as they are on disk. Nothing
 * here recompresses to check a commitment: zstd output differs across library versions.
 */
public final class PackedDataset {
    private PackedDataset() {}

    public static final byte[] MAGIC = {'C', 'B', 'D', 'S'};
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 4 + 1 + 4;
    /** The compressed size limit: 512 kB = 512 * 1024 bytes of stored (zstd) data. */
    public static final int MAX_STORED_BYTES = 512 * 1024;
    /** Limit on the decompressed size (guards against decompression bombs). */
    public static final int MAX_RAW_BYTES = 64 * 1024 * 1024;
    public static final int MAX_SAMPLES = 1 << 20;
    /** The largest zstd window a packed dataset may ask for (2^26 = 64 MiB, the raw-size cap). */
    static final int MAX_WINDOW_LOG = 26;
    public static final int COMPRESSION_LEVEL = 19;

    /** A packed dataset: the stored bytes and their commitment. */
    public record Packed(byte[] stored, byte[] commitment, int count, int rawSize) {
        public String commitmentHex() {
            return "0x" + Hex.of(commitment);
        }
    }

    /** The canonical uncompressed encoding of the boards. */
    public static byte[] encode(List<Board> boards) {
        if (boards.isEmpty()) throw new DatasetException("a dataset needs at least one sample");
        if (boards.size() > MAX_SAMPLES) {
            throw new DatasetException.TooLarge("dataset has " + boards.size() + " samples, the limit is " + MAX_SAMPLES);
        }
        int per = boards.get(0).toBytes().length;
        CanonicalWriter w = new CanonicalWriter(HEADER_SIZE + boards.size() * per);
        w.bytes(MAGIC).u8(VERSION).i32(boards.size());
        for (Board b : boards) b.encode(w);
        return w.toByteArray();
    }

    /** Encodes and compresses; refuses a result over {@link #MAX_STORED_BYTES}. */
    public static Packed pack(List<Board> boards) {
        byte[] raw = encode(boards);
        if (raw.length > MAX_RAW_BYTES) {
            throw new DatasetException.TooLarge("dataset encodes to " + raw.length + " bytes, the limit is " + MAX_RAW_BYTES);
        }
        byte[] stored;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(COMPRESSION_LEVEL).setChecksum(true).setContentSize(true);
            stored = ctx.compress(raw);
        }
        checkStoredSize("packed dataset", stored.length);
        return new Packed(stored, Keccak256.hash(stored), boards.size(), raw.length);
    }

    static void checkStoredSize(String name, long size) {
        if (size > MAX_STORED_BYTES) {
            throw new DatasetException.TooLarge(name + " is " + size + " bytes compressed, over the " + MAX_STORED_BYTES
                    + "-byte (512 kB) limit for a private dataset; use fewer samples");
        }
    }

    public static byte[] commitment(byte[] stored) {
        return Keccak256.hash(stored);
    }

    /** Checks {@code keccak256(stored) == expected}; throws {@link DatasetException.CommitmentMismatch} naming both. */
    public static void verify(String name, byte[] stored, byte[] expected) {
        byte[] actual = commitment(stored);
        if (!Arrays.equals(actual, expected)) {
            throw new DatasetException.CommitmentMismatch(name + ": C_dataset mismatch: keccak256(stored bytes) is 0x"
                    + Hex.of(actual) + ", expected 0x" + Hex.of(expected));
        }
    }

    /** Decompresses stored bytes (any number of complete zstd frames). */
    public static byte[] decompress(String name, byte[] stored) {
        checkStoredSize(name, stored.length);
        if (!Formats.isZstd(stored)) {
            throw new DatasetException.Corrupt(name + ": not a zstd frame (bad magic" + (stored.length < 4 ? ", file too short" : "") + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, stored.length * 4));
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(stored))) {
            in.setLongMax(MAX_WINDOW_LOG); // a 512 kB frame must not make the decoder reserve a 2 GiB window
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_RAW_BYTES) {
                    throw new DatasetException.TooLarge(name + ": decompresses to more than " + MAX_RAW_BYTES + " bytes");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) throw d;
            String m = e.getMessage();
            throw new DatasetException.Corrupt(name + ": truncated or corrupt zstd frame (" + (m == null ? e.getClass().getSimpleName() : m) + ")", e);
        }
        return out.toByteArray();
    }

    /** Decodes the canonical encoding, validating every board; errors name the sample index and field. */
    public static List<Board> decodeRaw(String name, byte[] raw, SeasonConstants season) {
        CanonicalReader r = new CanonicalReader(raw);
        try {
            byte[] magic = r.bytes(4, "magic");
            if (!Arrays.equals(magic, MAGIC)) throw new DatasetException.Corrupt(name + ": not a packed ChainBeasts dataset (bad magic 0x" + Hex.of(magic) + ")");
            int version = r.u8("version");
            if (version != VERSION) throw new DatasetException.Corrupt(name + ": dataset version " + version + " is not supported (expected " + VERSION + ")");
            int count = r.i32("count");
            if (count <= 0 || count > MAX_SAMPLES) {
                throw new DatasetException.Corrupt(name + ": sample count " + Integer.toUnsignedString(count) + " is outside 1.." + MAX_SAMPLES);
            }
            List<Board> boards = new ArrayList<>(Math.min(count, raw.length / 20 + 1));
            for (int i = 0; i < count; i++) {
                Board b;
                try {
                    b = Board.decode(r);
                    b.validate(season);
                } catch (DecodeException | InvalidStateException e) {
                    throw new DatasetException.Corrupt(name + ": sample " + i + ": " + e.getMessage());
                }
                boards.add(b);
            }
            r.end("dataset");
            return boards;
        } catch (DecodeException e) {
            throw new DatasetException.Corrupt(name + ": " + e.getMessage());
        }
    }

    /** Decompresses and decodes stored bytes. */
    public static List<Board> unpack(String name, byte[] stored, SeasonConstants season) {
        return decodeRaw(name, decompress(name, stored), season);
    }
}
