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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A beast's directory (spec/verification.md "Beast store"):
 * <pre>
 *  beast.json                 identity and binding, written once at hatch (checksummed)
 *  states/&lt;keccak&gt;.state      state blobs addressed by their Keccak-256 (verified on every read)
 *  windows/NNNNNNNN.json      one record per window: context, payload, checkpoint hash, state hashes,
 *                             per-step digests, metrics (checksummed)
 *  segments/NNNNNNNN.seg      the records and post-state blobs of one group commit's windows ({@link WindowSegments})
 *  HEAD                       windows done, the last checkpoint hash and state hash (checksummed)
 *  LOCK                       held (flock) by the one trainer writing here
 * </pre>
 * Every loose file is written by {@link DurableFile} (temp, fsync, rename, fsync dir), a segment is appended to and
 * fsynced before HEAD refers into it, and every record or state is either content-addressed or checksummed, so a
 * truncated, bit-flipped, zeroed or missing one is refused with a one-line {@link StoreException} naming it, never
 * used.
 *
 * <p>A window committed on its own is committed by writing, in this order, its post-state blob, its window record,
 * then HEAD. A crash before HEAD leaves the previous window as the last complete one; the next run recomputes the
 * window bit for bit, finds its record (if it got that far) present and equal, and keeps it: a window record is never
 * rewritten.
 *
 * <p>Group commit ({@link #durableEvery}): with {@code n > 1} the records and post-states of up to {@code n} windows
 * are appended to one segment file, unsynced; one durable commit then fsyncs the segment (and its directory) and only
 * then moves HEAD over all of them (durably, as always). HEAD therefore never refers to an entry that is not durable;
 * a crash loses at most the windows since the last durable commit, which the next run recomputes bit for bit after
 * cutting them out of their segment (they were never committed, so they are written again, not compared). Committed
 * bytes never change: damage before HEAD stops the cut with an error instead. A window is read from its loose record
 * file when there is one, else from the segment holding it; a state blob likewise. Two files created, renamed and
 * fsynced per window become one append, and one fsync per group (issue 15: on ext4 the files cost the writer more
 * than the window's compute).
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
    /** Loose files to fsync at the next durable commit (records a crashed run left ahead of HEAD, found equal). */
    private final List<Path> unsynced = new ArrayList<>();
    private final WindowSegments segments;
    /** The segment of the group in progress; null between groups. */
    private WindowSegments.Writer group;
    /** Whether this writer has cut the windows a crashed run left beyond HEAD out of the segments. */
    private boolean cutBeyondHead;

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
        this.segments = new WindowSegments(dir);
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

    /**
     * Whether a beast can hatch in {@code dir}: a new or empty folder, or one a hatch that crashed before beast.json
     * left; a beast, a beast's history or other files are refused with one line. Callers that pay for something first
     * (minting, a new secret file) ask before they do; {@link #create} asks again.
     */
    public static void checkHatchable(Path dir) {
        if (Files.exists(dir.resolve("beast.json"))) {
            throw new StoreException(dir + ": a beast already lives here (beast.json exists); choose another --out");
        }
        refuseForeignEntries(dir);
        if (Files.isDirectory(dir.resolve("windows")) || Files.isDirectory(dir.resolve(WindowSegments.DIR))) {
            BeastStore probe = new BeastStore(dir, null); // lists the numbered files only; no identity needed
            if (!probe.windowFiles().isEmpty()) {
                throw new StoreException(dir.resolve("beast.json") + ": missing, but window records are here; refusing to hatch over a beast's history");
            }
        }
    }

    /** Creates a new beast directory with its hatch state; refuses to overwrite an existing beast ({@link #checkHatchable}). */
    public static BeastStore create(Path dir, Identity id, BeastState hatch) {
        checkHatchable(dir);
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

    /** The names a beast directory holds (the layout above): what a hatch that crashed may have left. */
    private static final Set<String> STORE_ENTRIES = Set.of("beast.json", "HEAD", "LOCK", "states", "windows", WindowSegments.DIR);

    /** A hatch goes into a new or empty folder, or one a crashed hatch left: never among someone's other files. */
    private static void refuseForeignEntries(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) throw new StoreException(dir + ": is a file, not a folder; choose another --out");
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // hidden files (a file manager's .DS_Store) and a file system's lost+found are no one's data
                if (STORE_ENTRIES.contains(name) || DurableFile.isTemp(p) || name.startsWith(".") || name.equals("lost+found")) continue;
                throw new StoreException(dir + ": holds " + p.getFileName() + ", which is not part of a beast; hatch into a new or empty folder");
            }
        } catch (IOException e) {
            throw new StoreException(dir + ": cannot list it (" + e.getMessage() + ")");
        }
    }

    public static BeastStore open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StoreException(dir + (Files.exists(dir) ? ": is a file, not a beast directory" : ": no such beast directory"));
        }
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
        byte[] bytes = s.toBytes();
        byte[] hash = Keccak256.hash(bytes);
        Path f = statePath(hash);
        try {
            if (Files.exists(f) && Arrays.equals(Files.readAllBytes(f), bytes)) return hash;
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        DurableFile.write(f, bytes);
        return hash;
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
        Head h = pending;
        WindowSegments.Writer g = group;
        // cleared first: if a sync below fails, HEAD stays where it was and these windows are recomputed next time,
        // never committed by a later flush over entries that were not made durable
        pending = null;
        pendingWindows = 0;
        group = null;
        try {
            if (g != null) g.sync();
            DurableFile.sync(unsynced);
        } catch (RuntimeException | Error e) {
            if (g != null) g.abandon();
            cutBeyondHead = false; // the next commit cuts what this group left beyond HEAD
            throw e;
        } finally {
            unsynced.clear();
        }
        try {
            writeHead(h);
        } catch (RuntimeException | Error e) {
            cutBeyondHead = false; // the group is durable but not committed: the next commit cuts it
            throw e;
        }
    }

    /**
     * Reads a state blob (its loose file, else the segment entry holding it) and checks it hashes to its name and
     * decodes; one-line error naming the file otherwise.
     */
    public BeastState getState(byte[] hash) {
        Path f = statePath(hash);
        if (!Files.exists(f)) {
            WindowSegments.Entry e = segments.entryOfState(hash);
            if (e != null) return stateOf(e);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            String stopped = segments.stoppedShort();
            String noSegment = Files.isDirectory(segments.dir()) ? ", and no segment in " + segments.dir() + " holds it" : "";
            throw new StoreException(f + ": missing" + noSegment + (stopped.isEmpty() ? "" : " (" + stopped + ")"));
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

    private BeastState stateOf(WindowSegments.Entry e) {
        byte[] bytes = segments.read(e.file(), e.stateOffset(), e.stateLength());
        byte[] actual = Keccak256.hash(bytes);
        if (!Arrays.equals(actual, e.stateHash())) {
            throw new StoreException(e.source() + ": state corrupted (content hash 0x" + Hex.of(actual) + " differs from the entry's 0x"
                    + Hex.of(e.stateHash()) + ")");
        }
        try {
            return BeastState.decode(bytes);
        } catch (DecodeException ex) {
            throw new StoreException(e.source() + ": state: " + ex.getMessage());
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
        return dir.resolve("windows").resolve(WindowSegments.numberedName(index, ".json"));
    }

    public boolean hasWindow(long index) {
        return Files.exists(windowPath(index)) || segments.holds(index);
    }

    /** Where window {@code index}'s record is read from, for messages: its file, or its segment and window. */
    public String windowSource(long index) {
        Path f = windowPath(index);
        if (Files.exists(f)) return f.toString();
        WindowSegments.Entry e = segments.entry(index);
        return e != null ? e.source() : f.toString();
    }

    /** The bytes a read would take: all of a loose file ({@code offset} 0), or a range of a segment. */
    public record Location(Path file, long offset, int length) {}

    /** Where window {@code index}'s record bytes are (as {@link #window} reads them); null when nowhere. */
    public Location windowLocation(long index) {
        Path f = windowPath(index);
        if (Files.exists(f)) return whole(f);
        WindowSegments.Entry e = segments.entry(index);
        return e == null ? null : new Location(e.file(), e.recordOffset(), e.recordLength());
    }

    /** Where the state blob {@code hash} is (as {@link #getState} reads it); null when nowhere. */
    public Location stateLocation(byte[] hash) {
        Path f = statePath(hash);
        if (Files.exists(f)) return whole(f);
        WindowSegments.Entry e = segments.entryOfState(hash);
        return e == null ? null : new Location(e.file(), e.stateOffset(), e.stateLength());
    }

    private static Location whole(Path f) {
        try {
            return new Location(f, 0, Math.toIntExact(Files.size(f)));
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads and checks the record of window {@code index} (checksum, fields, payload hash, its own index): its loose
     * file, else the segment entry holding it.
     */
    public WindowRecord window(long index) {
        Path f = windowPath(index);
        if (!Files.exists(f)) {
            WindowSegments.Entry e = segments.entry(index);
            if (e != null) return recordOf(e);
            throw new StoreException(f + ": missing, and no segment holds window " + index + " (" + segments.whyNotHeld(index) + ")");
        }
        WindowRecord r = WindowRecord.fromJson(f.toString(), ChecksummedJson.read(f));
        if (r.index() != index) throw new StoreException(f + ": field 'window' says " + r.index() + ", the file name says " + index);
        return r;
    }

    private WindowRecord recordOf(WindowSegments.Entry e) {
        byte[] bytes = segments.read(e.file(), e.recordOffset(), e.recordLength());
        String text;
        try {
            text = io.chainbeasts.core.BoundedFiles.utf8(bytes);
        } catch (java.nio.charset.CharacterCodingException ex) {
            throw new StoreException(e.source() + ": corrupted (not UTF-8)");
        }
        WindowRecord r = WindowRecord.fromJson(e.source(), ChecksummedJson.parse(e.source(), text));
        if (r.index() != e.window()) throw new StoreException(e.source() + ": field 'window' says " + r.index());
        if (!Arrays.equals(r.postStateHash(), e.stateHash())) {
            throw new StoreException(e.source() + ": field 'postStateHash' 0x" + Hex.of(r.postStateHash()) + " is not the entry's state 0x"
                    + Hex.of(e.stateHash()));
        }
        return r;
    }

    /** The window indices that have a record, a file or a segment entry, in order (temp files and other names ignored). */
    public List<Long> windowFiles() {
        TreeSet<Long> out = new TreeSet<>(segments.windows());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("windows"))) {
            for (Path p : ds) {
                long index = WindowSegments.numberOf(p.getFileName().toString(), ".json");
                if (index >= 0) out.add(index);
            }
        } catch (IOException e) {
            throw new StoreException(dir.resolve("windows") + ": unreadable (" + e.getMessage() + ")");
        }
        return new ArrayList<>(out);
    }

    /**
     * Commits one window. On its own ({@code durableEvery == 1}): state blob, record, HEAD, each durable. In a group:
     * its entry appended to the group's segment, HEAD moved by the group's durable commit. If a record of this window
     * is already there (a crash after it was written but before HEAD moved), it must be byte-for-byte the one just
     * recomputed; then it is kept as is, so no window is ever written twice.
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
        if (!cutBeyondHead) {
            segments.cutAfter(h.windows(), i -> Files.exists(windowPath(i))); // what a crashed group left beyond HEAD was never committed
            cutBeyondHead = true;
        }
        if (durable) {
            commitAlone(rec, post, h);
            return;
        }
        byte[] state = post.toBytes();
        // The window hashed these very bytes itself (Window.run; OpenCL's window_finish, held equal per step by the
        // differential suites), and every read of the entry hashes them again: hashing 53 KB here as well was a
        // quarter of the writer's time a window. Assertions (on in every test run) still check it.
        byte[] stateHash = rec.postStateHash();
        assert Arrays.equals(Keccak256.hash(state), stateHash) : "window " + rec.index() + ": record postStateHash differs from the state committed";
        Path f = windowPath(rec.index());
        try {
            if (Files.exists(f)) keepLooseAheadOfHead(f, rec);
            Path loose = statePath(stateHash);
            if (Files.exists(loose)) keepLooseStateAheadOfHead(loose, state);
            if (group == null) group = segments.start(rec.index());
            group.append(rec.index(), ChecksummedJson.bytes(rec.toJson()), stateHash, state);
        } catch (RuntimeException | Error e) {
            abandonGroup();
            throw e;
        }
        pending = new Head(h.windows() + 1, rec.checkpointHash(), stateHash);
        if (++pendingWindows >= durableEvery) flush();
    }

    /**
     * After a failed append or sync: the group's windows are not committed (HEAD stays where it was), and the next
     * commit cuts whatever the failure left in the segment, as after a crash.
     */
    private void abandonGroup() {
        if (group != null) group.abandon();
        group = null;
        pending = null;
        pendingWindows = 0;
        unsynced.clear();
        cutBeyondHead = false;
    }

    private void commitAlone(WindowRecord rec, BeastState post, Head h) {
        byte[] stateHash = putState(post);
        if (!Arrays.equals(stateHash, rec.postStateHash())) {
            throw new IllegalArgumentException("window " + rec.index() + ": record postStateHash differs from the state committed");
        }
        Path f = windowPath(rec.index());
        if (Files.exists(f)) {
            WindowRecord existing = window(rec.index());
            if (!existing.equals(rec)) {
                throw new StoreException(f + ": an existing record differs from the recomputed window (field '" + existing.diff(rec) + "')");
            }
        } else {
            DurableFile.write(f, ChecksummedJson.bytes(rec.toJson()));
        }
        writeHead(new Head(h.windows() + 1, rec.checkpointHash(), stateHash));
    }

    /**
     * A loose state blob a crashed run left ahead of HEAD (an earlier version's groups wrote them unsynced), met by a
     * group: it is read before the segment's copy, so it is kept, and made durable with the group, only when it holds
     * exactly the state; otherwise (torn by a power loss) it is removed, durably.
     */
    private void keepLooseStateAheadOfHead(Path f, byte[] state) {
        try {
            if (Arrays.equals(Files.readAllBytes(f), state)) {
                unsynced.add(f);
                return;
            }
            Files.delete(f);
        } catch (IOException e) {
            throw new StoreException(f + ": cannot check or remove a state left ahead of HEAD (" + e.getMessage() + ")");
        }
        DurableFile.syncDirectory(f.getParent());
    }

    /**
     * A loose record a crashed run left ahead of HEAD, met by a group (it is read before the segment, so it must be
     * right): kept, and made durable with the group, when it reads back equal; refused when it differs (the window
     * did not recompute bit for bit); removed when it does not read back (a power loss tore it before any durable
     * commit, so it was never committed).
     */
    private void keepLooseAheadOfHead(Path f, WindowRecord rec) {
        WindowRecord existing;
        try {
            existing = window(rec.index());
        } catch (StoreException torn) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                throw new StoreException(f + ": unreadable and cannot be removed (" + e.getMessage() + ")");
            }
            DurableFile.syncDirectory(f.getParent()); // the torn file must not come back over the segment's copy
            return;
        }
        if (!existing.equals(rec)) {
            throw new StoreException(f + ": an existing record differs from the recomputed window (field '" + existing.diff(rec) + "')");
        }
        unsynced.add(f);
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
            String f = windowSource(i);
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
