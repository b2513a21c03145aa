package io.chainbeasts.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The windows of one group commit in one file ({@link BeastStore#durableEvery}; issue 15: on ext4 the two files a
 * window made, created, renamed and fsynced one by one, cost the writer more than the window's compute). A segment
 * holds, in order and without gaps, every window of its group: its record (the bytes of {@code windows/NNNNNNNN.json})
 * and its post-state blob (the bytes of {@code states/<keccak>.state}), so a reader gets exactly what the loose files
 * would hold, checked the same way.
 * <pre>
 *  segments/NNNNNNNN.seg     NNNNNNNN: the group's first window; entries follow each other to the end of the file
 *
 *  entry:
 *   0       4                12        16        20                                 52        56
 *   +-------+----------------+---------+---------+----------------------------------+---------+--------+-------+
 *   | CBS1  | window (u64)   | recLen  | stateLen| postStateHash (keccak of state)  | crc32c  | record | state |
 *   +-------+----------------+---------+---------+----------------------------------+---------+--------+-------+
 *   big-endian; crc32c covers header bytes 0..51; record: recLen bytes, state: stateLen bytes
 * </pre>
 * The record carries its own checksum and the state is checked against its hash, as loose files are; the header's
 * CRC catches a damaged header before its lengths are trusted. A segment is appended to while its group runs, then
 * fsynced (with its directory the first time) before HEAD moves over its windows: HEAD never refers to an entry that
 * is not durable, and a crash leaves at most a segment with entries beyond HEAD, which the next writer cuts off
 * ({@link #cutAfter}) before it appends.
 */
final class WindowSegments {
    static final String DIR = "segments";
    static final String SUFFIX = ".seg";

    static final byte[] MAGIC = {'C', 'B', 'S', '1'};
    static final int WINDOW_OFFSET = 4;
    static final int RECORD_LENGTH_OFFSET = 12;
    static final int STATE_LENGTH_OFFSET = 16;
    static final int STATE_HASH_OFFSET = 20;
    static final int CRC_OFFSET = 52;
    static final int HEADER_SIZE = 56;

    /** Larger than any record or state blob of this format (a state is ~53 KB, a record with step digests ~10 KB). */
    static final int MAX_PART = 1 << 24;

    /** Where one window lies in a segment. */
    record Entry(Path file, long window, long recordOffset, int recordLength, long stateOffset, int stateLength, byte[] stateHash) {
        long end() {
            return stateOffset + stateLength;
        }

        /** How errors name it. */
        String source() {
            return file + " (window " + window + ")";
        }
    }

    /**
     * What reading a segment's headers found: its entries in order, and why the reading stopped before the end of the
     * file ({@code null} when it reached the end exactly).
     */
    record Scan(long size, List<Entry> entries, String stop) {}

    private final Path beastDir;
    private final Path dir;
    /** Whether this object has fsynced the beast directory, where the name {@code segments} lives, since it started. */
    private boolean beastDirSynced;
    /** Scans by file, kept while the file's size is unchanged (segments only grow, or are cut by the writer). */
    private final Map<Path, Scan> scans = new TreeMap<>();

    WindowSegments(Path beastDir) {
        this.beastDir = beastDir;
        this.dir = beastDir.resolve(DIR);
    }

    Path dir() {
        return dir;
    }

    Path file(long firstWindow) {
        return dir.resolve(numberedName(firstWindow, SUFFIX));
    }

    /** The store's numbered file names: {@code NNNNNNNN} and the suffix (segments, window records). */
    static String numberedName(long index, String suffix) {
        return String.format(java.util.Locale.ROOT, "%08d", index) + suffix;
    }

    /** The number of a {@link #numberedName}, or -1 for any other name (temp files included). */
    static long numberOf(String name, String suffix) {
        boolean numbered = name.length() == 8 + suffix.length() && name.endsWith(suffix)
                && name.substring(0, 8).chars().allMatch(c -> c >= '0' && c <= '9');
        return numbered ? Long.parseLong(name.substring(0, 8)) : -1;
    }

    /** The first windows of the segments present, in order (other names ignored). */
    List<Long> starts() {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                long start = numberOf(p.getFileName().toString(), SUFFIX);
                if (start >= 0) out.add(start);
            }
        } catch (IOException e) {
            throw new StoreException(dir + ": unreadable (" + e.getMessage() + ")");
        }
        out.sort(null);
        return out;
    }

    /** The segment that would hold {@code window} (the last one starting at or before it), or null. */
    private Path covering(long window) {
        Path best = null;
        for (long s : starts()) {
            if (s <= window) best = file(s);
        }
        return best;
    }

    /** The entry of {@code window}, or null when no segment holds it (a damaged segment on its way is an error). */
    synchronized Entry entry(long window) {
        Entry known = known(e -> e.window() == window);
        if (known != null) return known;
        Path f = covering(window);
        if (f == null) return null;
        Scan s = scan(f);
        for (Entry e : s.entries()) {
            if (e.window() == window) return e;
        }
        if (s.stop() != null) { // the window would follow the last entry read, but the segment stops short there
            throw new StoreException(f + ": window " + window + " is past where the segment stops: " + s.stop());
        }
        return null;
    }

    /**
     * The segments whose reading stops before their end, or that hold nothing, and why ("" when none): where a missing
     * blob may have been.
     */
    synchronized String stoppedShort() {
        List<String> out = new ArrayList<>();
        for (long s : starts()) {
            Scan scan = scan(file(s));
            if (scan.stop() != null) out.add(file(s) + " stops short: " + scan.stop());
            else if (scan.entries().isEmpty()) out.add(file(s) + " holds no entry");
        }
        return String.join("; ", out);
    }

    /** Whether a segment holds a whole header of {@code window} (never throws: a torn or damaged tail just ends it). */
    synchronized boolean holds(long window) {
        Path f = covering(window);
        return f != null && scan(f).entries().stream().anyMatch(e -> e.window() == window);
    }

    /** Why no segment holds {@code window} (for a "missing" message), {@link #entry} having returned null. */
    synchronized String whyNotHeld(long window) {
        Path f = covering(window);
        if (f == null) return "no segment in " + dir + " starts at or before window " + window;
        List<Entry> entries = scan(f).entries();
        return f + " ends " + (entries.isEmpty() ? "before its first window" : "after window " + entries.get(entries.size() - 1).window());
    }

    /**
     * An entry already scanned, found without listing the directory (a verify reads every window and state): an entry
     * HEAD covers never moves, and one stat of its file checks that no writer has cut and regrouped it since.
     */
    private Entry known(java.util.function.Predicate<Entry> wanted) {
        for (Scan s : scans.values()) {
            for (Entry e : s.entries()) {
                if (!wanted.test(e)) continue;
                // the file may have been cut and regrouped since (a writer's resume): then look again
                try {
                    if (Files.size(e.file()) == s.size()) return e;
                } catch (IOException gone) {
                    // fall through to a fresh look
                }
                return null;
            }
        }
        return null;
    }

    /** The entry whose post-state hashes to {@code hash}, or null. */
    synchronized Entry entryOfState(byte[] hash) {
        Entry known = known(e -> Arrays.equals(e.stateHash(), hash));
        if (known != null) return known;
        for (long s : starts()) {
            for (Entry e : scan(file(s)).entries()) {
                if (Arrays.equals(e.stateHash(), hash)) return e;
            }
        }
        return null;
    }

    /** Every window a segment holds a readable header for, in order of the segments. */
    synchronized List<Long> windows() {
        List<Long> out = new ArrayList<>();
        for (long s : starts()) {
            for (Entry e : scan(file(s)).entries()) out.add(e.window());
        }
        return out;
    }

    byte[] read(Path f, long offset, int length) {
        byte[] b = new byte[length];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) throw new StoreException(f + ": truncated at byte " + (offset + buf.position()));
            }
        } catch (NoSuchFileException e) {
            throw new StoreException(f + ": missing");
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        return b;
    }

    /** The segment's headers, read again only if its size changed since the last time. */
    private Scan scan(Path f) {
        long size;
        try {
            size = Files.size(f);
        } catch (NoSuchFileException e) {
            scans.remove(f);
            return new Scan(0, List.of(), "the segment is gone");
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        Scan known = scans.get(f);
        if (known != null && known.size() == size) return known;
        Scan s = readHeaders(f, size);
        scans.put(f, s);
        return s;
    }

    private Scan readHeaders(Path f, long size) {
        String name = f.getFileName().toString();
        long expected = Long.parseLong(name.substring(0, 8));
        List<Entry> entries = new ArrayList<>();
        long at = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE);
            while (at < size) {
                if (size - at < HEADER_SIZE) return new Scan(size, entries, "torn header at byte " + at);
                h.clear();
                while (h.hasRemaining()) {
                    if (ch.read(h, at + h.position()) < 0) return new Scan(size, entries, "torn header at byte " + at);
                }
                String bad = checkHeader(h.array(), expected);
                if (bad != null) return new Scan(size, entries, bad + " in the header at byte " + at);
                int recLen = h.getInt(RECORD_LENGTH_OFFSET);
                int stateLen = h.getInt(STATE_LENGTH_OFFSET);
                long end = at + HEADER_SIZE + (long) recLen + stateLen;
                if (end > size) return new Scan(size, entries, "torn entry of window " + expected + " at byte " + at);
                byte[] hash = Arrays.copyOfRange(h.array(), STATE_HASH_OFFSET, STATE_HASH_OFFSET + 32);
                entries.add(new Entry(f, expected, at + HEADER_SIZE, recLen, at + HEADER_SIZE + recLen, stateLen, hash));
                expected++;
                at = end;
            }
        } catch (NoSuchFileException e) {
            return new Scan(0, List.of(), "the segment is gone");
        } catch (IOException e) {
            throw new StoreException(f + ": unreadable (" + e.getMessage() + ")");
        }
        return new Scan(size, entries, null);
    }

    /** Null when the header is whole and is the one of {@code window}; else what is wrong with it. */
    private static String checkHeader(byte[] h, long window) {
        if (!Arrays.equals(h, 0, 4, MAGIC, 0, 4)) return "no entry magic";
        if (headerCrc(h) != ByteBuffer.wrap(h).getInt(CRC_OFFSET)) return "a CRC mismatch";
        ByteBuffer b = ByteBuffer.wrap(h);
        if (b.getLong(WINDOW_OFFSET) != window) return "window " + b.getLong(WINDOW_OFFSET) + " where " + window + " belongs";
        int recLen = b.getInt(RECORD_LENGTH_OFFSET), stateLen = b.getInt(STATE_LENGTH_OFFSET);
        if (recLen <= 0 || recLen > MAX_PART || stateLen <= 0 || stateLen > MAX_PART) return "lengths " + recLen + "/" + stateLen + " out of range";
        return null;
    }

    /** The header of one entry. */
    static byte[] header(long window, int recordLength, int stateLength, byte[] stateHash) {
        assert stateHash.length == 32;
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put(MAGIC).putLong(window).putInt(recordLength).putInt(stateLength).put(stateHash);
        b.putInt(headerCrc(b.array()));
        assert b.position() == HEADER_SIZE;
        return b.array();
    }

    /** The CRC32C of a header's bytes before its CRC field. */
    private static int headerCrc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, CRC_OFFSET);
        return (int) crc.getValue();
    }

    // ---- the writer's side ---------------------------------------------------------------------------

    /**
     * Makes windows from {@code head} on not exist in any segment: segments starting there or later are deleted, one
     * reaching past it is cut after its last window before {@code head}. The entries it removes were never committed
     * (HEAD did not reach them). {@code loose} says whether a window has a loose record file (committed on its own).
     */
    synchronized void cutAfter(long head, java.util.function.LongPredicate loose) {
        List<Long> starts = starts();
        for (int k = 0; k < starts.size(); k++) {
            long s = starts.get(k);
            long nextStart = k + 1 < starts.size() ? starts.get(k + 1) : Long.MAX_VALUE;
            Path f = file(s);
            try {
                if (s >= head) {
                    Files.deleteIfExists(f);
                    FaultInjector.at("segment-deleted", f);
                    continue;
                }
                Scan scan = scan(f);
                long keep = 0;
                long next = s; // the first window the readable part does not hold
                for (Entry e : scan.entries()) {
                    if (e.window() < head) keep = e.end();
                    next = e.window() + 1;
                }
                // A group's windows are all below HEAD or all at or beyond it, so a healthy segment's readable part never
                // stops below HEAD; nor does it end before a window HEAD covers that no later segment and no loose file
                // (committed on its own after the group) holds. Either is damage, not a crash's tail: cutting would
                // destroy committed windows.
                boolean stopsBelowHead = scan.stop() != null && next < head;
                boolean endsShort = next < Math.min(head, nextStart) && !loose.test(next);
                if (stopsBelowHead || endsShort) {
                    throw new StoreException(f + ": window " + next + " is committed (HEAD: " + head + " windows) but not readable here ("
                            + (scan.stop() != null ? scan.stop() : "the segment ends before it") + "); the segment is left as it is");
                }
                if (keep < scan.size()) {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(keep);
                        ch.force(true);
                    }
                    FaultInjector.at("segment-cut", f);
                }
            } catch (IOException e) {
                throw new StoreException(f + ": cannot remove the windows beyond HEAD (" + e.getMessage() + ")");
            } finally {
                scans.remove(f);
            }
        }
    }

    /** One group's segment being written. */
    final class Writer {
        private final Path file;
        private final FileChannel channel;
        private long next;

        private Writer(Path file, FileChannel channel, long first) {
            this.file = file;
            this.channel = channel;
            this.next = first;
        }

        /** Appends window {@code window}'s entry (no fsync: {@link #sync} makes the group durable). */
        void append(long window, byte[] record, byte[] stateHash, byte[] state) {
            if (window != next) throw new IllegalStateException(file + ": window " + window + " appended where " + next + " belongs");
            ByteBuffer[] parts = {ByteBuffer.wrap(header(window, record.length, state.length, stateHash)), ByteBuffer.wrap(record),
                    ByteBuffer.wrap(state, 0, state.length / 2), ByteBuffer.wrap(state, state.length / 2, state.length - state.length / 2)};
            try {
                writeAll(parts, 0, 3);
                FaultInjector.at("entry-partial", file); // a crash here leaves a torn entry
                writeAll(parts, 3, 4);
            } catch (IOException e) {
                throw new StoreException(file + ": cannot append window " + window + " (" + e.getMessage() + ")");
            }
            FaultInjector.at("entry-written", file);
            next++;
        }

        private void writeAll(ByteBuffer[] parts, int from, int to) throws IOException {
            while (parts[to - 1].hasRemaining()) channel.write(parts, from, to - from);
        }

        /** fsync of the segment and of its directory: its entries are durable afterwards. Closes it. */
        void sync() {
            try {
                channel.force(true);
                channel.close();
            } catch (IOException e) {
                throw new StoreException(file + ": cannot fsync (" + e.getMessage() + ")");
            }
            FaultInjector.at("file-synced", file);
            try {
                DurableFile.syncDirectory(dir);
                // the directory's own name, once per writer: an earlier run may have made it and died before its fsync
                if (!beastDirSynced) DurableFile.syncDirectory(beastDir);
            } catch (java.io.UncheckedIOException e) {
                throw new StoreException(dir + ": cannot fsync (" + e.getCause().getMessage() + ")");
            }
            beastDirSynced = true;
        }

        /** Closes it without making anything durable (a failed group: HEAD does not move over it). */
        void abandon() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /**
     * Starts the segment of the group whose first window is {@code first}: {@link #cutAfter} must have removed
     * everything from {@code first} on, so the file is new.
     */
    Writer start(long first) {
        Path f = file(first);
        try {
            Files.createDirectories(dir); // its name is made durable with the group's first fsync (Writer.sync)
            // owner-only, as the store's other files (AtomicFile's temp files) are
            FileChannel ch = f.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? FileChannel.open(f, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FaultInjector.at("segment-created", f);
            return new Writer(f, ch, first);
        } catch (IOException e) {
            throw new StoreException(f + ": cannot create the segment (" + e.getMessage() + ")");
        }
    }
}
