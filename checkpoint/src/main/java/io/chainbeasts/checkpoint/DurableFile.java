package io.chainbeasts.checkpoint;

import io.chainbeasts.core.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's file writes: core's {@link AtomicFile} with the {@link FaultInjector} observing every
 * step (so tests can crash it anywhere), and the clean-up of temp files a crashed writer left.
 */
final class DurableFile {
    private DurableFile() {}

    static void write(Path target, byte[] data) {
        try {
            AtomicFile.write(target, data, FaultInjector::at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@link AtomicFile#writeUnsynced}: the same steps without the fsyncs, which {@link #sync} does later. */
    static void writeUnsynced(Path target, byte[] data) {
        try {
            AtomicFile.writeUnsynced(target, data, FaultInjector::at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * fsync of files written unsynced, then of their directories: afterwards they are durable. The fault injector
     * sees "file-synced" after each file and "dir-synced" after each directory.
     */
    static void sync(java.util.Collection<Path> files) {
        java.util.Set<Path> dirs = new java.util.TreeSet<>();
        for (Path f : files) {
            try {
                AtomicFile.syncFile(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fsync " + f + ": " + e.getMessage(), e);
            }
            FaultInjector.at("file-synced", f);
            dirs.add(f.toAbsolutePath().getParent());
        }
        for (Path d : dirs) syncDirectory(d);
    }

    /** fsync of a directory (the names in it are durable afterwards); the fault injector sees "dir-synced". */
    static void syncDirectory(Path d) {
        try {
            AtomicFile.syncDirectory(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync " + d + ": " + e.getMessage(), e);
        }
        FaultInjector.at("dir-synced", d);
    }

    static boolean isTemp(Path file) {
        return AtomicFile.isTemp(file);
    }

    /** Deletes temp files a crashed writer left in {@code dir}; returns how many. */
    static int removeStaleTemps(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (isTemp(p) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new StoreException(dir + ": cannot clean up stale temp files (" + e.getMessage() + ")");
        }
        return n;
    }
}
