package io.chainbeasts.node;

import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.BoundedFiles;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.BeastState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The node's own beast states on disk, content-addressed: {@code DIR/<keccak256 of the state bytes>.state},
 * each published atomically, so a crash leaves either the whole file or none. A file whose bytes do not hash to
 * its name (damaged, or planted) is ignored and deleted: the node replays the window again instead. The heap
 * holds none of it: a node follows any number of beasts with bounded memory.
 */
public final class StateCache {
    private final Path dir;

    public StateCache(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the state cache", e);
        }
    }

    /** Stores {@code s} (if not already there) and returns its hash. */
    public byte[] put(BeastState s) {
        byte[] bytes = s.toBytes();
        byte[] hash = Keccak256.hash(bytes);
        Path f = file(hash);
        if (Files.exists(f)) return hash;
        try {
            AtomicFile.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot write a cached state", e);
        }
        return hash;
    }

    /** The state with this hash, or null when the cache does not hold it (or held a damaged copy, now removed). */
    public BeastState get(byte[] hash) {
        Path f = file(hash);
        byte[] bytes;
        try {
            bytes = BoundedFiles.readBytes(f, BeastState.ENCODED_SIZE);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return discard(f);
        }
        if (!Arrays.equals(Keccak256.hash(bytes), hash)) return discard(f);
        try {
            return BeastState.decode(bytes);
        } catch (RuntimeException e) {
            return discard(f);
        }
    }

    private BeastState discard(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a later put rewrites it atomically anyway
        }
        return null;
    }

    private Path file(byte[] hash) {
        return dir.resolve(Hex.of(hash) + ".state");
    }
}
