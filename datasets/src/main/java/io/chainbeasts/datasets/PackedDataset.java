package io.chainbeasts.datasets;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.InvalidStateException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.Demonstration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packed private dataset (spec/datasets.md "Packed private dataset"), format version 2.
 *
 * <pre>
 * raw (canonical, big-endian):
 *   +--------+------------+-----------+-----------------------------------------------------+
 *   | "CBDS" | u8 version | u32 count | count x sample                                      |
 *   | 4 B    | = 2        | 1..2^20   |                                                     |
 *   +--------+------------+-----------+-----------------------------------------------------+
 *   sample (106 B on the 9x9 arena):
 *   +-----+-----+-----------+----------------+-----------------+----------+---------+--------+------------+
 *   | u8 w| u8 h| w*h tiles | Fighter self   | Fighter enemy   | u16 turn | u8 kind | u8 dir | u8 outcome |
 *   |     |     | 1 B each  | 9 B            | 9 B             |          |         |        |            |
 *   +-----+-----+-----------+----------------+-----------------+----------+---------+--------+------------+
 *   |<---------------------- Board v2 (combat.Board.encode) ---------------->|<--- Demonstration -------->|
 *   kind: 0 REST, 1 MOVE, 2 ATTACK, 3 BLOCK, 4 RECOVER, 255 none; dir: 0 N, 1 S, 2 E, 3 W for a MOVE, else 255;
 *   outcome: 0 loss, 1 draw, 2 win, 255 unknown. A board without a demonstration is exactly FF FF FF.
 *
 * version 1 (read, never written): the same header with version = 1, then count x Board without the turn
 *   (101 B on 9x9); each sample is read at turn 0 without a demonstration.
 *
 * stored:  zstd(raw), one or more zstd frames (we write one frame, level 19 with search log 1, with content size and
 *          a content checksum; any conforming frame, e.g. from the zstd CLI, is accepted)
 * C_dataset = keccak256(stored bytes): it covers the boards, their turns and the demonstrations
 * </pre>
 *
 * Decoding checks every board against the season and every demonstration against its board (kernel v2 legality,
 * {@link DemonstrationCheck}), as packing does. The commitment is always the hash of the stored compressed bytes
 * as they are on disk. Nothing here recompresses to check a commitment: zstd output differs across library versions.
 */
public final class PackedDataset {
    private PackedDataset() {}

    public static final byte[] MAGIC = {'C', 'B', 'D', 'S'};
    /** The version written: boards with their turns, each followed by a demonstration. */
    public static final int VERSION = 2;
    /** The first version (boards only, no turn): still read. */
    public static final int VERSION_1 = 1;
    public static final int HEADER_SIZE = 4 + 1 + 4;
    /** The compressed size limit: 512 kB = 512 * 1024 bytes of stored (zstd) data. */
    public static final int MAX_STORED_BYTES = 512 * 1024;
    /** Limit on the decompressed size (guards against decompression bombs). */
    public static final int MAX_RAW_BYTES = 64 * 1024 * 1024;
    public static final int MAX_SAMPLES = 1 << 20;
    /** The largest zstd window a packed dataset may ask for (2^26 = 64 MiB, the raw-size cap). */
    static final int MAX_WINDOW_LOG = 26;
    public static final int COMPRESSION_LEVEL = 19;
    /**
     * zstd's search log (ZSTD_c_searchLog) at {@link #COMPRESSION_LEVEL} instead of the level's own: the same bytes on
     * small datasets, about 2x faster on large ones and no larger (spec/datasets.md, the decision). 0: the level's own.
     */
    public static final int SEARCH_LOG = 1;

    /** A packed dataset: the stored bytes and their commitment. */
    public record Packed(byte[] stored, byte[] commitment, int count, int rawSize) {
        public String commitmentHex() {
            return "0x" + Hex.of(commitment);
        }
    }

    /** The canonical uncompressed encoding of boards without demonstrations. */
    public static byte[] encode(List<Board> boards) {
        return encodeSamples(boards.stream().map(Sample::boardOnly).toList());
    }

    /** The canonical uncompressed encoding (version 2) of the samples. */
    public static byte[] encodeSamples(List<Sample> samples) {
        if (samples.isEmpty()) throw new DatasetException("a dataset needs at least one sample");
        if (samples.size() > MAX_SAMPLES) {
            throw new DatasetException.TooLarge("dataset has " + samples.size() + " samples, the limit is " + MAX_SAMPLES);
        }
        int per = samples.get(0).board().toBytes().length + Demonstration.ENCODED_SIZE;
        CanonicalWriter w = new CanonicalWriter(HEADER_SIZE + samples.size() * per);
        w.bytes(MAGIC).u8(VERSION).i32(samples.size());
        for (Sample s : samples) {
            s.board().encode(w);
            Demonstration d = s.demonstration();
            w.u8(d.kind()).u8(d.dir()).u8(d.outcome());
        }
        return w.toByteArray();
    }

    /**
     * One sample's canonical bytes as the raw v2 format holds it (Board v2 || kind || dir || outcome; 106 B on 9x9):
     * the record a leaf of R_dataset commits to (spec/datasets.md "Records commitment").
     */
    public static byte[] sampleBytes(Sample s) {
        Demonstration d = s.demonstration();
        CanonicalWriter w = new CanonicalWriter(s.board().toBytes().length + Demonstration.ENCODED_SIZE);
        s.board().encode(w);
        w.u8(d.kind()).u8(d.dir()).u8(d.outcome());
        return w.toByteArray();
    }

    /** R_dataset: the records commitment over the samples' canonical bytes, in order. */
    public static byte[] recordsRoot(List<Sample> samples) {
        return new io.chainbeasts.core.RecordsMerkle(io.chainbeasts.core.RecordsMerkle.DATASET_LEAF, io.chainbeasts.core.RecordsMerkle.DATASET_ROOT,
                samples.stream().map(PackedDataset::sampleBytes).toList()).root();
    }

    /** Encodes and compresses boards without demonstrations; refuses a result over {@link #MAX_STORED_BYTES}. */
    public static Packed pack(List<Board> boards) {
        return compress(encode(boards), boards.size(), COMPRESSION_LEVEL, SEARCH_LOG);
    }

    /**
     * Checks every present demonstration against its board (kernel v2 legality; a refusal names the sample index),
     * then encodes and compresses; refuses a result over {@link #MAX_STORED_BYTES}.
     */
    public static Packed packSamples(List<Sample> samples, SeasonConstants season) {
        return packSamples(samples, season, COMPRESSION_LEVEL, SEARCH_LOG);
    }

    /**
     * {@link #packSamples(List, SeasonConstants)} with other zstd parameters ({@code searchLog} 0: the level's own; the
     * bench compares the former parameters, level 19 alone).
     */
    public static Packed packSamples(List<Sample> samples, SeasonConstants season, int level, int searchLog) {
        for (int i = 0; i < samples.size(); i++) {
            String problem = demonstrationProblem(samples.get(i), season);
            if (problem != null) throw new DatasetException("sample " + i + ": " + problem);
        }
        return compress(encodeSamples(samples), samples.size(), level, searchLog);
    }

    /** Null when the sample's demonstration is absent or legal on its board, else why it is not. */
    static String demonstrationProblem(Sample s, SeasonConstants season) {
        Demonstration d = s.demonstration();
        if (!d.present()) return null;
        DemonstrationCheck.Problem p = DemonstrationCheck.problem(s.board(), d.kind(), d.dir(), season);
        return p == null ? null : "demonstrated " + ActionKind.name(d.kind()) + " is not legal: " + p.message();
    }

    private static Packed compress(byte[] raw, int count, int level, int searchLog) {
        if (raw.length > MAX_RAW_BYTES) {
            throw new DatasetException.TooLarge("dataset encodes to " + raw.length + " bytes, the limit is " + MAX_RAW_BYTES);
        }
        byte[] stored;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level).setChecksum(true).setContentSize(true);
            if (searchLog != 0) ctx.setSearchLog(searchLog);
            stored = ctx.compress(raw);
        }
        checkStoredSize("packed dataset", stored.length);
        return new Packed(stored, Keccak256.hash(stored), count, raw.length);
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

    /** Decodes the canonical encoding and keeps the boards (see {@link #decodeSamples}). */
    public static List<Board> decodeRaw(String name, byte[] raw, SeasonConstants season) {
        return decodeSamples(name, raw, season).stream().map(Sample::board).toList();
    }

    /**
     * Decodes the canonical encoding of version 2 or 1, validating every board and every demonstration; errors name
     * the sample index and field.
     */
    public static List<Sample> decodeSamples(String name, byte[] raw, SeasonConstants season) {
        CanonicalReader r = new CanonicalReader(raw);
        try {
            byte[] magic = r.bytes(4, "magic");
            if (!Arrays.equals(magic, MAGIC)) throw new DatasetException.Corrupt(name + ": not a packed ChainBeasts dataset (bad magic 0x" + Hex.of(magic) + ")");
            int version = r.u8("version");
            if (version != VERSION && version != VERSION_1) {
                throw new DatasetException.Corrupt(name + ": dataset version " + version + " is not supported (expected " + VERSION_1 + " or " + VERSION + ")");
            }
            int count = r.i32("count");
            if (count <= 0 || count > MAX_SAMPLES) {
                throw new DatasetException.Corrupt(name + ": sample count " + Integer.toUnsignedString(count) + " is outside 1.." + MAX_SAMPLES);
            }
            List<Sample> samples = new ArrayList<>(Math.min(count, raw.length / 20 + 1));
            for (int i = 0; i < count; i++) {
                Sample s;
                try {
                    s = version == VERSION_1 ? Sample.boardOnly(decodeBoardV1(r)) : new Sample(Board.decode(r), decodeDemonstration(r));
                    s.board().validate(season);
                    // as in the CSV and HDF5: a sample is a board before a turn, so a packed file is always unpackable
                    if (s.board().turn() >= season.maxTurns()) {
                        throw new InvalidStateException("turn " + s.board().turn() + " is outside 0.." + (season.maxTurns() - 1));
                    }
                } catch (DecodeException | InvalidStateException | IllegalArgumentException e) {
                    throw new DatasetException.Corrupt(name + ": sample " + i + ": " + e.getMessage());
                }
                String problem = demonstrationProblem(s, season);
                if (problem != null) throw new DatasetException.Corrupt(name + ": sample " + i + ": " + problem);
                samples.add(s);
            }
            r.end("dataset");
            return samples;
        } catch (DecodeException e) {
            throw new DatasetException.Corrupt(name + ": " + e.getMessage());
        }
    }

    /** A version 1 board: no turn field; it is read at turn 0. */
    private static Board decodeBoardV1(CanonicalReader r) {
        return new Board(Arena.decode(r), Fighter.decode(r, "self"), Fighter.decode(r, "enemy"));
    }

    /** Three bytes; the Demonstration constructor refuses a bad kind, dir or outcome, and a board only must be FF FF FF. */
    private static Demonstration decodeDemonstration(CanonicalReader r) {
        Demonstration d = new Demonstration(r.u8("demonstration.kind"), r.u8("demonstration.dir"), r.u8("demonstration.outcome"));
        if (!d.present() && d.outcome() != Demonstration.UNKNOWN) {
            throw new IllegalArgumentException("a sample without a demonstration has outcome " + d.outcome() + ", expected 255");
        }
        return d;
    }

    /** Decompresses and decodes stored bytes, keeping the boards. */
    public static List<Board> unpack(String name, byte[] stored, SeasonConstants season) {
        return decodeRaw(name, decompress(name, stored), season);
    }

    /** Decompresses and decodes stored bytes. */
    public static List<Sample> unpackSamples(String name, byte[] stored, SeasonConstants season) {
        return decodeSamples(name, decompress(name, stored), season);
    }
}
