package io.chainbeasts.datasets;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A content-addressed on-disk cache of dataset bytes (spec/datasets.md "Disk cache").
 *
 * <pre>
 * ROOT            $CHAINBEASTS_CACHE_DIR, else ~/.cache/chainbeasts
 * ROOT/datasets/objects/HASH.entry   "CBCE" u8 version, bytes32 keccak256(payload), u64 length, payload
 * ROOT/datasets/refs/KEYHASH.ref     "HASH\n" (KEYHASH = keccak256(UTF-8 source key))
 * </pre>
 *
 * Every file is written atomically (temporary file, fsync, rename, directory fsync). On every read
 * the entry's header, length and Keccak-256 are checked against its name; an entry that fails is
 * reported through the notice sink (naming the file and the reason), deleted, and treated as a
 * miss, so the caller refetches. A corrupt entry is never returned.
 */
public final class DiskCache {
    public static final String ENV = "CHAINBEASTS_CACHE_DIR";
    static final byte[] MAGIC = {'C', 'B', 'C', 'E'};
    static final int VERSION = 1;
    static final int HEADER = 4 + 1 + 32 + 8;

    private final Path dir;
    private final Consumer<String> notices;

    public DiskCache(Path root, Consumer<String> notices) {
        this.dir = root.resolve("datasets");
        this.notices = notices;
    }

    /** The cache at {@link #defaultRoot()}, with notices on stderr. */
    public static DiskCache openDefault() {
        return new DiskCache(defaultRoot(), m -> System.err.println("notice: " + m));
    }

    public static Path defaultRoot() {
        return defaultRoot(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultRoot(Map<String, String> env, String userHome) {
        String v = env.get(ENV);
        if (v != null && !v.isBlank()) return Path.of(v);
        return Path.of(userHome, ".cache", "chainbeasts");
    }

    public Path directory() {
        return dir;
    }

    Path objectPath(byte[] hash) {
        return dir.resolve("objects").resolve(Hex.of(hash) + ".entry");
    }

    Path refPath(String sourceKey) {
        return dir.resolve("refs").resolve(Hex.of(Keccak256.hash(sourceKey.getBytes(StandardCharsets.UTF_8))) + ".ref");
    }

    /** Stores the bytes under their content hash and points {@code sourceKey} at them; returns the hash. */
    public byte[] put(String sourceKey, byte[] payload) {
        byte[] hash = putContent(payload);
        AtomicFiles.write(refPath(sourceKey), (Hex.of(hash) + "\n").getBytes(StandardCharsets.US_ASCII));
        return hash;
    }

    /** Stores the bytes under their content hash (no-op when a valid entry is already there). */
    public byte[] putContent(byte[] payload) {
        byte[] hash = Keccak256.hash(payload);
        if (getContent(hash).isPresent()) return hash;
        CanonicalWriter w = new CanonicalWriter(HEADER + payload.length);
        w.bytes(MAGIC).u8(VERSION).bytes32(hash).i64(payload.length).bytes(payload);
        AtomicFiles.write(objectPath(hash), w.toByteArray());
        return hash;
    }

    /** The bytes last stored for {@code sourceKey}, if present and intact. */
    public Optional<byte[]> get(String sourceKey) {
        Path ref = refPath(sourceKey);
        String text;
        try {
            text = Files.readString(ref, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            notices.accept("cache ref " + ref + " is unreadable (" + AtomicFiles.describe(e) + "); refetching");
            delete(ref);
            return Optional.empty();
        }
        String hex = text.strip();
        byte[] hash;
        try {
            hash = Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            hash = null;
        }
        if (hash == null || hash.length != 32 || !text.equals(hex + "\n")) {
            notices.accept("cache ref " + ref + " is corrupt (not a content hash); discarding it and refetching");
            delete(ref);
            return Optional.empty();
        }
        Optional<byte[]> data = getContent(hash);
        if (data.isEmpty()) delete(ref);
        return data;
    }

    /** The entry with this content hash, if present and intact (verified by rehashing). */
    public Optional<byte[]> getContent(byte[] hash) {
        Path p = objectPath(hash);
        byte[] file;
        try {
            file = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return corrupt(p, "unreadable: " + AtomicFiles.describe(e));
        }
        try {
            CanonicalReader r = new CanonicalReader(file);
            if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) return corrupt(p, "bad magic");
            int v = r.u8("version");
            if (v != VERSION) return corrupt(p, "version " + v);
            byte[] recorded = r.bytes(32, "hash");
            long len = r.i64("length");
            if (len != r.remaining()) return corrupt(p, "length " + len + " but " + r.remaining() + " payload bytes");
            byte[] payload = r.bytes((int) len, "payload");
            byte[] actual = Keccak256.hash(payload);
            if (!Arrays.equals(actual, hash) || !Arrays.equals(recorded, hash)) {
                return corrupt(p, "checksum mismatch: payload hashes to " + Hex.of(actual));
            }
            return Optional.of(payload);
        } catch (DecodeException e) {
            return corrupt(p, e.getMessage());
        }
    }

    private Optional<byte[]> corrupt(Path p, String why) {
        notices.accept("cache entry " + p + " is corrupt (" + why + "); discarding it and refetching");
        delete(p);
        return Optional.empty();
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a corrupt entry we cannot delete is still never used: every read re-verifies it
        }
    }
}
