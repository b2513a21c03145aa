package io.chainbeasts.checkpoint;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A beast's directory (spec/verification.md "Beast store"):
 * <pre>
 *  beast.json                 identity and binding, written once at hatch (checksummed)
 *  states/&lt;keccak&gt;.state      state blobs addressed by their Keccak-256 (verified on every read)
 *  windows/NNNNNNNN.json      one record per window: context, payload, checkpoint hash, state hashes,
 *                             per-step digests, metrics (checksummed)
 *  HEAD                       windows done, the last checkpoint hash and state hash (checksummed)
 *  LOCK                       held (flock) by the one trainer writing here
 * </pre>
 * Every file is written by {@link DurableFile} (temp, fsync, rename, fsync dir) and is either
 * content-addressed or checksummed, so a truncated, bit-flipped, zeroed or missing file is refused
 * with a one-line {@link StoreException} naming it, never used.
 *
 * <p>A window is committed by writing, in this order, its post-state blob, its window record, then
 * HEAD. A crash before HEAD leaves the previous window as the last complete one; the next run
 * recomputes the window bit for bit, finds its record (if it got that far) present and equal, and
 * keeps it: a window record is never rewritten.
 *
 * <p>Group commit ({@link #durableEvery}): with {@code n > 1} the blobs and records of up to {@code n} windows are
 * written without fsync (the same steps otherwise), and one durable commit then fsyncs them and their
 * directories and only then moves HEAD over all of them (durably, as always). HEAD therefore never refers to a file
 * that is not durable; a crash loses at most the windows since the last durable commit, which the next run
 * recomputes bit for bit (their records ahead of HEAD, if intact, are found equal and kept). After a power loss
 * such a record may be torn; a store in group mode replaces a record ahead of HEAD that does not read back. Six
 * fsyncs per window become, per group, two per file plus one HEAD write, and the journal commits (what an fsync
 * waits for) drop from six per window to about two per group.
 */
public final class BeastStore {
    public static final String FORMAT = "chainbeasts-beast/1";

    private final Path dir;
    private final Identity identity;
    /** Windows per durable commit (1: every window is durable on its own). */
    private int durableEvery = 1;
    /** HEAD after the windows committed since the last durable commit; null when there are none. */
    private Head pending;
    private int pendingWindows;
    /** Files written unsynced since the last durable commit. */
    private final List<Path> unsynced = new ArrayList<>();

    /** What a beast is bound to, fixed at hatch. */
    public record Identity(long seedCore, long chainId, byte[] ledger, BigInteger beastId, byte[] datasetCommitment,
                           byte[] secretCommitment) {
        public Identity {
            if (ledger.length != 20) throw new IllegalArgumentException("field 'ledger' has " + ledger.length + " bytes, expected 20");
            if (beastId.signum() < 0 || beastId.bitLength() > 256) throw new IllegalArgumentException("field 'beastId' is not a uint256");
            if (datasetCommitment.length != 32) throw new IllegalArgumentException("field 'datasetCommitment' must be 32 bytes");
            if (secretCommitment.length != 32) throw new IllegalArgumentException("field 'secretCommitment' must be 32 bytes");
            ledger = ledger.clone();
            datasetCommitment = datasetCommitment.clone();
            secretCommitment = secretCommitment.clone();
        }

        @Override
        public byte[] ledger() {
            return ledger.clone();
        }

        @Override
        public byte[] datasetCommitment() {
            return datasetCommitment.clone();
        }

        @Override
        public byte[] secretCommitment() {
            return secretCommitment.clone();
        }

        public boolean isPrivate() {
            return !Arrays.equals(datasetCommitment, new byte[32]);
        }
    }

    /** The store's head: windows completed, last checkpoint hash (zero before any), current state hash. */
    public record Head(long windows, byte[] checkpointHash, byte[] stateHash) {
        /** HEAD's JSON fields (the file adds the checksum, {@link ChecksummedJson}). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows", windows);
            m.put("checkpointHash", Hex.of(checkpointHash));
            m.put("stateHash", Hex.of(stateHash));
            return m;
        }
    }

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

    public Path beastFile() {
        return dir.resolve("beast.json");
    }

    public Path headFile() {
        return dir.resolve("HEAD");
    }

    /** Creates a new beast directory with its hatch state; refuses to overwrite an existing beast. */
    public static BeastStore create(Path dir, Identity id, BeastState hatch) {
        if (Files.exists(dir.resolve("beast.json"))) {
            throw new StoreException(dir + ": a beast already lives here (beast.json exists); choose another --out");
        }
        if (Files.isDirectory(dir.resolve("windows"))) {
            BeastStore probe = new BeastStore(dir, id);
            if (!probe.windowFiles().isEmpty()) {
                throw new StoreException(dir.resolve("beast.json") + ": missing, but window records are here; refusing to hatch over a beast's history");
            }
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
        // HEAD before beast.json: beast.json is what makes the directory a beast, so it comes last.
        store.writeHead(new Head(0, new byte[32], stateHash));
        ChecksummedJson.write(dir.resolve("beast.json"), m);
        return store;
    }

    public static BeastStore open(Path dir) {
        if (!Files.isDirectory(dir)) throw new StoreException(dir + ": no such beast directory");
        Path f = dir.resolve("beast.json");
        Map<String, Object> m = ChecksummedJson.read(f);
        try {
            if (!FORMAT.equals(Json.str(m, "format"))) {
                throw new StoreException(f + ": unknown format '" + m.get("format") + "'");
            }
            Identity id = new Identity(Long.parseUnsignedLong(hexField(m, "seedCore"), 16),
                    Long.parseUnsignedLong(Json.str(m, "chainId")), Hex.parse(Json.str(m, "ledger")),
                    new BigInteger(Json.str(m, "beastId")), Hex.parse(Json.str(m, "datasetCommitment")),
                    Hex.parse(Json.str(m, "secretCommitment")));
            return new BeastStore(dir, id);
        } catch (IllegalArgumentException e) {
            throw new StoreException(f + ": " + e.getMessage());
        }
    }

    private static String hexField(Map<String, Object> m, String field) {
        String v = Json.str(m, field);
        if (!v.startsWith("0x")) throw new IllegalArgumentException("field '" + field + "' must start with 0x");
        return v.substring(2);
    }

    // ---- states -------------------------------------------------------------------------------

    /** Stores a state blob under its hash (kept if an identical blob is there, replaced if a damaged one is). */
    public byte[] putState(BeastState s) {
        return putState(s, true);
    }

    private byte[] putState(BeastState s, boolean durable) {
        byte[] bytes = s.toBytes();
        byte[] hash = Keccak256.hash(bytes);
        Path f = statePath(hash);
        try {
            if (Files.exists(f) && Arrays.equals(Files.readAllBytes(f), bytes)) {
                if (!durable) unsynced.add(f); // it may be one written unsynced by a run that crashed
                return hash;
            }
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        write(f, bytes, durable);
        return hash;
    }

    private void write(Path f, byte[] bytes, boolean durable) {
        if (durable) {
            DurableFile.write(f, bytes);
        } else {
            DurableFile.writeUnsynced(f, bytes);
            unsynced.add(f);
        }
    }

    /**
     * Group commit: from now on, one durable commit (fsync of the new blobs and records, then HEAD) per {@code windows}
     * windows, and at {@link #flush}. 1 (the default) makes every window durable on its own.
     */
    public synchronized void durableEvery(int windows) {
        if (windows < 1) throw new IllegalArgumentException("windows per durable commit must be at least 1, got " + windows);
        flush();
        durableEvery = windows;
    }

    /**
     * The durable commit of the windows committed since the last one (nothing when there are none). Safe from another
     * thread (a shutdown hook): it waits for a commit in progress.
     */
    public synchronized void flush() {
        if (pending == null) return;
        DurableFile.sync(unsynced);
        writeHead(pending);
        unsynced.clear();
        pending = null;
        pendingWindows = 0;
    }

    /** Reads a state blob and checks it hashes to its name and decodes; one-line error naming the file otherwise. */
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
        byte[] actual = Keccak256.hash(bytes);
        if (!Arrays.equals(actual, hash)) {
            throw new StoreException(f + ": corrupted (content hash 0x" + Hex.of(actual) + " differs from its name, "
                    + bytes.length + " bytes)");
        }
        try {
            return BeastState.decode(bytes);
        } catch (DecodeException e) {
            throw new StoreException(f + ": " + e.getMessage());
        }
    }

    public Path statePath(byte[] hash) {
        return dir.resolve("states").resolve(Hex.of(hash) + ".state");
    }

    // ---- head and windows -----------------------------------------------------------------------

    public Head head() {
        Path f = headFile();
        Map<String, Object> m = ChecksummedJson.read(f);
        try {
            long windows = Json.num(m, "windows");
            if (windows < 0 || windows > 0xFFFF_FFFFL) throw new IllegalArgumentException("field 'windows' = " + windows + " is out of range");
            byte[] cp = Hex.parse(Json.str(m, "checkpointHash"));
            byte[] st = Hex.parse(Json.str(m, "stateHash"));
            if (cp.length != 32) throw new IllegalArgumentException("field 'checkpointHash' must be 32 bytes");
            if (st.length != 32) throw new IllegalArgumentException("field 'stateHash' must be 32 bytes");
            return new Head(windows, cp, st);
        } catch (IllegalArgumentException e) {
            throw new StoreException(f + ": " + e.getMessage());
        }
    }

    void writeHead(Head h) {
        ChecksummedJson.write(headFile(), h.toJson());
    }

    public Path windowPath(long index) {
        return dir.resolve("windows").resolve(String.format(Locale.ROOT, "%08d.json", index));
    }

    public boolean hasWindow(long index) {
        return Files.exists(windowPath(index));
    }

    /** Reads and checks the record of window {@code index} (checksum, fields, payload hash, its own index). */
    public WindowRecord window(long index) {
        Path f = windowPath(index);
        WindowRecord r = WindowRecord.fromJson(f, ChecksummedJson.read(f));
        if (r.index() != index) throw new StoreException(f + ": field 'window' says " + r.index() + ", the file name says " + index);
        return r;
    }

    /** The window indices that have a record file, in order (temp files and other names ignored). */
    public List<Long> windowFiles() {
        TreeSet<Long> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("windows"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 13 && n.endsWith(".json") && n.substring(0, 8).chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.add(Long.parseLong(n.substring(0, 8)));
                }
            }
        } catch (IOException e) {
            throw new StoreException(dir.resolve("windows") + ": unreadable (" + e.getMessage() + ")");
        }
        return new ArrayList<>(out);
    }

    /**
     * Commits one window: state blob, record, HEAD. If the record already exists (a crash after it
     * was written but before HEAD moved), it must be byte-for-byte the one just recomputed; then it
     * is kept as is, so no window is ever written twice.
     */
    public synchronized void commit(WindowRecord rec, BeastState post) {
        boolean durable = durableEvery == 1;
        Head h = pending != null ? pending : head();
        if (rec.index() != h.windows()) {
            throw new StoreException(headFile() + ": window " + rec.index() + " does not follow HEAD (" + h.windows() + " windows done)");
        }
        if (!Arrays.equals(rec.preStateHash(), h.stateHash())) {
            throw new StoreException(headFile() + ": window " + rec.index() + " starts from state 0x" + Hex.of(rec.preStateHash())
                    + ", HEAD is at 0x" + Hex.of(h.stateHash()));
        }
        byte[] stateHash = putState(post, durable);
        if (!Arrays.equals(stateHash, rec.postStateHash())) {
            throw new IllegalArgumentException("window " + rec.index() + ": record postStateHash differs from the state committed");
        }
        Path f = windowPath(rec.index());
        WindowRecord existing = Files.exists(f) ? existingAheadOfHead(f, rec.index(), durable) : null;
        if (existing != null) {
            if (!existing.equals(rec)) {
                throw new StoreException(f + ": an existing record differs from the recomputed window (field '" + existing.diff(rec) + "')");
            }
            if (!durable) unsynced.add(f);
        } else {
            write(f, ChecksummedJson.bytes(rec.toJson()), durable);
        }
        Head next = new Head(h.windows() + 1, rec.checkpointHash(), stateHash);
        if (durable) {
            writeHead(next);
            return;
        }
        pending = next;
        if (++pendingWindows >= durableEvery) flush();
    }

    /**
     * The record a crashed run left ahead of HEAD. In group mode it may have been torn by a power loss before its
     * durable commit: then it was never committed, and null says to write it again.
     */
    private WindowRecord existingAheadOfHead(Path f, long index, boolean durable) {
        try {
            return window(index);
        } catch (StoreException e) {
            if (durable) throw e;
            return null;
        }
    }

    // ---- single writer ----------------------------------------------------------------------------

    /** An exclusive lock on the store for one writer; released by {@link #close} or when the process dies. */
    public final class WriterLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private WriterLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new StoreException(dir.resolve("LOCK") + ": cannot release (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Takes the writer lock (refusing if another process holds it) and removes temp files a crashed
     * writer left behind. The trainer holds it while it trains.
     */
    public WriterLock lockForWriting() {
        Path f = dir.resolve("LOCK");
        FileChannel ch;
        try {
            ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException(f + ": cannot open (" + e.getMessage() + ")");
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new StoreException(f + ": another trainer is writing this beast");
        }
        DurableFile.removeStaleTemps(dir);
        DurableFile.removeStaleTemps(dir.resolve("states"));
        DurableFile.removeStaleTemps(dir.resolve("windows"));
        return new WriterLock(ch, lock);
    }

    // ---- whole-store check ----------------------------------------------------------------------------

    /**
     * Reads every file the committed history depends on and checks the structure: the hatch state is
     * {@code Hatchery.hatch(seedCore)}, every record up to HEAD is present and intact, each window starts
     * from the previous one's post-state, the payloads form a chain bound to this beast
     * ({@link CheckpointChain}), every state blob is present and hashes to its name, and HEAD agrees
     * with the last record. Does not replay (that is the prover's job). Returns the number of windows;
     * throws a one-line {@link StoreException} naming the first bad file.
     */
    public long checkStructure() {
        Head h = head();
        byte[] hatchHash = Hatchery.hatch(identity.seedCore()).hash();
        getState(hatchHash);
        CheckpointChain chain = new CheckpointChain(identity.chainId(), identity.ledger(), identity.beastId());
        byte[] prevPost = hatchHash;
        for (long i = 0; i < h.windows(); i++) {
            WindowRecord r = window(i);
            Path f = windowPath(i);
            if (!Arrays.equals(r.preStateHash(), prevPost)) {
                throw new StoreException(f + ": field 'preStateHash' 0x" + Hex.of(r.preStateHash())
                        + " is not the previous post-state 0x" + Hex.of(prevPost));
            }
            try {
                chain.append(r.decodedPayload());
            } catch (IllegalArgumentException e) {
                throw new StoreException(f + ": " + e.getMessage());
            }
            getState(r.postStateHash());
            prevPost = r.postStateHash();
        }
        if (!Arrays.equals(h.stateHash(), prevPost)) {
            throw new StoreException(headFile() + ": field 'stateHash' 0x" + Hex.of(h.stateHash()) + " is not the last post-state 0x" + Hex.of(prevPost));
        }
        if (!Arrays.equals(h.checkpointHash(), chain.root())) {
            throw new StoreException(headFile() + ": field 'checkpointHash' 0x" + Hex.of(h.checkpointHash())
                    + " is not the last checkpoint 0x" + Hex.of(chain.root()));
        }
        return h.windows();
    }
}
