package io.chainbeasts.node;

import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a validator node has done, kept across restarts: the checkpoints it replayed (verdict per
 * checkpoint hash, valid for one set of on-chain season constants) and, per dispute, the verdict it
 * voted, the salt, and how far it got (committing, committed, revealed, closed). Written with
 * {@link AtomicFile} after every event; the commit is written ahead ("committing") before its
 * transaction is sent, so a node killed at any point neither votes twice nor forgets what it voted.
 *
 * <p>The file is JSON whose last field {@code "checksum"} is the Keccak-256 of the compact JSON of the
 * other fields; a file that does not parse or whose checksum does not hold is refused with one line
 * naming it. It is bound to (chain id, DisputeManager, validator address); another node's file is
 * refused too. A lock file ({@code .NAME.lock}) keeps a second node off the same state.
 *
 * <p>Version 2: votes are keyed by {@link #voteKey} (checkpoint hash and dispute round), so the vote of a re-filed
 * dispute is never the round-1 vote (version 1 keyed them by hash alone and is refused).
 */
public final class ChainValidatorState implements AutoCloseable {
    public static final long VERSION = 2;

    /** The votes' key: the checkpoint hash (hex) and the dispute round, e.g. {@code ab12..#2}. */
    public static String voteKey(byte[] h, int round) {
        return Hex.of(h) + "#" + round;
    }

    /** A checkpoint's replay: the verdict name (Verifier.Verdict) and the verifier's line. */
    public record Replay(String beast, long window, String verdict, String line) {}

    /** One dispute this node takes part in. */
    public static final class Vote {
        public String beast;
        public long window;
        /** committing (written ahead of the commit tx), committed, revealed, closed. */
        public String phase;
        /** 1 VALID, 2 INVALID, 0 unknown (a commitment found on chain that this file did not record). */
        public int verdict;
        public byte[] salt;
        public String commitTx = "";
        public String revealTx = "";
        public String outcome = "";
    }

    public final Path file;
    public final long chainId;
    public final String disputeManager;
    public final String validator;
    public String seasonHash = "";
    public final Map<String, Replay> replays = new LinkedHashMap<>();
    public final Map<String, Vote> votes = new LinkedHashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    public final boolean resumed;

    private ChainValidatorState(Path file, long chainId, String disputeManager, String validator, FileChannel lockChannel, FileLock lock, boolean resumed) {
        this.file = file;
        this.chainId = chainId;
        this.disputeManager = disputeManager.toLowerCase();
        this.validator = validator.toLowerCase();
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.resumed = resumed;
    }

    /** An in-memory state (a one-shot pass without --state): nothing is written. */
    public static ChainValidatorState memory(long chainId, String disputeManager, String validator) {
        return new ChainValidatorState(null, chainId, disputeManager, validator, null, null, false);
    }

    /** The lock a running node holds on {@code state} ({@code .NAME.lock} beside it). */
    public static Path lockFile(Path state) {
        return state.resolveSibling("." + state.getFileName() + ".lock");
    }

    /** Opens (locks, reads, checks) the state file, or starts a new one if it does not exist. */
    public static ChainValidatorState open(String command, Path file, long chainId, String disputeManager, String validator) {
        String ctx = command + ": --state: " + file;
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new ChainError(ctx + ": cannot create its directory (" + e.getMessage() + ")");
        }
        FileChannel ch;
        FileLock lk;
        try {
            ch = FileChannel.open(lockFile(abs), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lk = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lk = null;
            }
            if (lk == null) {
                ch.close();
                throw new ChainError(ctx + ": in use by another validator node (lock " + abs.resolveSibling("." + abs.getFileName() + ".lock") + ")");
            }
        } catch (IOException e) {
            throw new ChainError(ctx + ": cannot lock (" + e.getMessage() + ")");
        }
        try {
            removeStaleTemps(abs);
            String text;
            try {
                text = io.chainbeasts.core.BoundedFiles.readUtf8(abs, io.chainbeasts.core.BoundedFiles.JSON_LIMIT);
            } catch (NoSuchFileException e) {
                ChainValidatorState s = new ChainValidatorState(file, chainId, disputeManager, validator, ch, lk, false);
                s.save();
                return s;
            } catch (java.nio.charset.MalformedInputException e) {
                throw new ChainError(ctx + ": corrupted (not UTF-8); move it away to start over (verdicts already committed are then re-derived)");
            } catch (IOException e) {
                throw new ChainError(ctx + ": unreadable (" + e.getMessage() + ")");
            }
            ChainValidatorState s = new ChainValidatorState(file, chainId, disputeManager, validator, ch, lk, true);
            try {
                s.parse(text);
            } catch (ChainError e) {
                throw new ChainError(command + ": " + e.getMessage());
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                throw new ChainError(ctx + ": corrupted (" + e.getMessage() + "); move it away to start over (verdicts already committed are then re-derived)");
            }
            return s;
        } catch (RuntimeException e) {
            release(ch, lk);
            throw e;
        }
    }

    private void parse(String text) {
        Map<String, Object> f = Json.obj(Json.parse(text), "state");
        Object sum = f.remove("checksum");
        if (!(sum instanceof String)) throw new IllegalArgumentException("no checksum");
        if (!Hex.of(Keccak256.hash(Json.write(f).getBytes(StandardCharsets.UTF_8))).equals(sum)) throw new IllegalArgumentException("checksum mismatch");
        if (Json.num(f, "version") != VERSION) throw new IllegalArgumentException("version " + f.get("version") + ", expected " + VERSION);
        long cid = Json.num(f, "chainId");
        String dm = Json.str(f, "disputeManager");
        String v = Json.str(f, "validator");
        if (cid != chainId || !dm.equalsIgnoreCase(disputeManager) || !v.equalsIgnoreCase(validator)) {
            throw new ChainError("--state: " + file + " belongs to validator " + v + " on chain " + cid + " (DisputeManager " + dm + "), not " + validator
                    + " on chain " + chainId + " (DisputeManager " + disputeManager + "); use another --state");
        }
        seasonHash = Json.str(f, "seasonHash");
        for (Map.Entry<String, Object> e : Json.obj(f.get("replays"), "replays").entrySet()) {
            Map<String, Object> r = Json.obj(e.getValue(), "replays." + e.getKey());
            replays.put(e.getKey(), new Replay(Json.str(r, "beast"), Json.num(r, "window"), Json.str(r, "verdict"), Json.str(r, "line")));
        }
        for (Map.Entry<String, Object> e : Json.obj(f.get("votes"), "votes").entrySet()) {
            Map<String, Object> r = Json.obj(e.getValue(), "votes." + e.getKey());
            Vote x = new Vote();
            x.beast = Json.str(r, "beast");
            x.window = Json.num(r, "window");
            x.phase = Json.str(r, "phase");
            if (!java.util.List.of("committing", "committed", "revealed", "closed").contains(x.phase)) throw new IllegalArgumentException("votes." + e.getKey() + ": phase '" + x.phase + "'");
            x.verdict = Json.int32(r, "verdict");
            x.salt = Hex.parse(Json.str(r, "salt"));
            if (x.salt.length != 32) throw new IllegalArgumentException("votes." + e.getKey() + ": salt is not 32 bytes");
            x.commitTx = Json.str(r, "commitTx");
            x.revealTx = Json.str(r, "revealTx");
            x.outcome = Json.str(r, "outcome");
            votes.put(e.getKey(), x);
        }
    }

    /** Writes the whole state atomically (no-op for an in-memory state). */
    public void save() {
        if (file == null) return;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("version", VERSION);
        f.put("chainId", chainId);
        f.put("disputeManager", disputeManager);
        f.put("validator", validator);
        f.put("seasonHash", seasonHash);
        Map<String, Object> rs = new LinkedHashMap<>();
        replays.forEach((h, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("beast", r.beast());
            m.put("window", r.window());
            m.put("verdict", r.verdict());
            m.put("line", r.line());
            rs.put(h, m);
        });
        f.put("replays", rs);
        Map<String, Object> vs = new LinkedHashMap<>();
        votes.forEach((h, x) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("beast", x.beast);
            m.put("window", x.window);
            m.put("phase", x.phase);
            m.put("verdict", (long) x.verdict);
            m.put("salt", Hex.of(x.salt));
            m.put("commitTx", x.commitTx);
            m.put("revealTx", x.revealTx);
            m.put("outcome", x.outcome);
            vs.put(h, m);
        });
        f.put("votes", vs);
        String sum = Hex.of(Keccak256.hash(Json.write(f).getBytes(StandardCharsets.UTF_8)));
        f.put("checksum", sum);
        try {
            AtomicFile.write(file, Json.pretty(f).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChainError("chain validate: --state: cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    private static void removeStaleTemps(Path abs) {
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) return;
        String name = abs.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (AtomicFile.isTempOf(p, name) && Files.isRegularFile(p)) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // stale temp files are harmless; readers never open them
        }
    }

    private static void release(FileChannel ch, FileLock lk) {
        try {
            if (lk != null) lk.release();
            if (ch != null) ch.close();
        } catch (IOException e) {
            // closing a lock file
        }
    }

    @Override
    public void close() {
        release(lockChannel, lock);
    }
}
