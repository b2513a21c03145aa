package io.chainbeasts.checkpoint;

import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.BeastState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A beast's directory (SPEC.md "Beast store"):
 * <pre>
 *  beast.json                 identity and binding, written once at hatch (checksummed)
 *  states/&lt;keccak&gt;.state      state blobs addressed by their Keccak-256 (verified on every read)
 *  windows/NNNNNNNN.json      one record per window: context, payload, checkpoint hash, hashes, metrics
 *  HEAD                       windows done, the last checkpoint hash and state hash (checksummed)
 * </pre>
 * A window is committed by writing, each atomically and in this order, its post-state blob, its
 * window record, then HEAD. A crash before HEAD leaves the previous window as the last complete one;
 * the next run recomputes the window bit for bit and finds its record already present and equal.
 */
public final class BeastStore {
    public static final String FORMAT = "chainbeasts-beast/1";

    private final Path dir;
    private final Identity identity;

    /** What a beast is bound to, fixed at hatch. */
    public record Identity(long seedCore, long chainId, byte[] ledger, BigInteger beastId, byte[] datasetCommitment,
                           byte[] secretCommitment) {}

    /** The store's head: windows completed, last checkpoint hash (zero before any), current state hash. */
    public record Head(long windows, byte[] checkpointHash, byte[] stateHash) {}

    private BeastStore(Path dir, Identity identity) {
        this.dir = dir;
        this.identity = identity;
    }

    public Path dir() {
        return dir;
    }

    public Identity identity() {
        return identity;
    }

    /** Creates a new beast directory with its hatch state; refuses to overwrite an existing beast. */
    public static BeastStore create(Path dir, Identity id, BeastState hatch) {
        if (Files.exists(dir.resolve("beast.json"))) {
            throw new StoreException(dir + ": a beast already lives here (beast.json exists); choose another --out");
        }
        try {
            Files.createDirectories(dir.resolve("states"));
            Files.createDirectories(dir.resolve("windows"));
        } catch (IOException e) {
            throw new StoreException(dir + ": cannot create the beast directory (" + e.getMessage() + ")");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("seedCore", "0x" + Long.toHexString(id.seedCore()));
        m.put("chainId", Long.toUnsignedString(id.chainId()));
        m.put("ledger", "0x" + Hex.of(id.ledger()));
        m.put("beastId", id.beastId().toString());
        m.put("datasetCommitment", "0x" + Hex.of(id.datasetCommitment()));
        m.put("secretCommitment", "0x" + Hex.of(id.secretCommitment()));
        BeastStore store = new BeastStore(dir, id);
        byte[] stateHash = store.putState(hatch);
        ChecksummedJson.write(dir.resolve("beast.json"), m);
        store.writeHead(new Head(0, new byte[32], stateHash));
        return store;
    }

    public static BeastStore open(Path dir) {
        if (!Files.isDirectory(dir)) throw new StoreException(dir + ": no such beast directory");
        Map<String, Object> m = ChecksummedJson.read(dir.resolve("beast.json"));
        try {
            if (!FORMAT.equals(Json.str(m, "format"))) {
                throw new StoreException(dir.resolve("beast.json") + ": unknown format '" + m.get("format") + "'");
            }
            Identity id = new Identity(Long.parseUnsignedLong(Json.str(m, "seedCore").substring(2), 16),
                    Long.parseUnsignedLong(Json.str(m, "chainId")), Hex.parse(Json.str(m, "ledger")),
                    new BigInteger(Json.str(m, "beastId")), Hex.parse(Json.str(m, "datasetCommitment")),
                    Hex.parse(Json.str(m, "secretCommitment")));
            return new BeastStore(dir, id);
        } catch (IllegalArgumentException e) {
            throw new StoreException(dir.resolve("beast.json") + ": " + e.getMessage());
        }
    }

    // ---- states -------------------------------------------------------------------------------

    public byte[] putState(BeastState s) {
        byte[] bytes = s.toBytes();
        byte[] hash = Keccak256.hash(bytes);
        Path f = statePath(hash);
        try {
            if (Files.exists(f) && Arrays.equals(Files.readAllBytes(f), bytes)) return hash;
            AtomicFile.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
        return hash;
    }

    public BeastState getState(byte[] hash) {
        Path f = statePath(hash);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new StoreException(f + ": missing");
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(Keccak256.hash(bytes), hash)) {
            throw new StoreException(f + ": corrupted (content hash 0x" + Hex.of(Keccak256.hash(bytes)) + " differs from its name)");
        }
        try {
            return BeastState.decode(bytes);
        } catch (DecodeException e) {
            throw new StoreException(f + ": " + e.getMessage());
        }
    }

    Path statePath(byte[] hash) {
        return dir.resolve("states").resolve(Hex.of(hash) + ".state");
    }

    // ---- head and windows -----------------------------------------------------------------------

    public Head head() {
        Map<String, Object> m = ChecksummedJson.read(dir.resolve("HEAD"));
        try {
            return new Head(Json.num(m, "windows"), Hex.parse(Json.str(m, "checkpointHash")), Hex.parse(Json.str(m, "stateHash")));
        } catch (IllegalArgumentException e) {
            throw new StoreException(dir.resolve("HEAD") + ": " + e.getMessage());
        }
    }

    void writeHead(Head h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", h.windows());
        m.put("checkpointHash", Hex.of(h.checkpointHash()));
        m.put("stateHash", Hex.of(h.stateHash()));
        ChecksummedJson.write(dir.resolve("HEAD"), m);
    }

    public Path windowPath(long index) {
        return dir.resolve("windows").resolve(String.format(java.util.Locale.ROOT, "%08d.json", index));
    }

    public boolean hasWindow(long index) {
        return Files.exists(windowPath(index));
    }

    public WindowRecord window(long index) {
        return WindowRecord.fromJson(windowPath(index), ChecksummedJson.read(windowPath(index)));
    }

    /**
     * Commits one window: state blob, record, HEAD. If the record already exists (a crash after it
     * was written but before HEAD moved), it must be byte-for-byte the one just recomputed; then it
     * is kept as is, so no window is ever written twice with different content.
     */
    public void commit(WindowRecord rec, BeastState post) {
        Head h = head();
        if (rec.index() != h.windows()) {
            throw new StoreException(dir + ": window " + rec.index() + " does not follow HEAD (" + h.windows() + " windows done)");
        }
        byte[] stateHash = putState(post);
        if (!Arrays.equals(stateHash, rec.postStateHash())) throw new IllegalStateException("record post-state hash mismatch");
        Path f = windowPath(rec.index());
        if (Files.exists(f)) {
            WindowRecord existing = window(rec.index());
            if (!existing.equals(rec)) {
                throw new StoreException(f + ": an existing record differs from the recomputed window (" + existing.diff(rec) + ")");
            }
        } else {
            ChecksummedJson.write(f, rec.toJson());
        }
        writeHead(new Head(h.windows() + 1, rec.checkpointHash(), stateHash));
    }
}
