package io.chainbeasts.checkpoint;

import io.chainbeasts.core.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The store's all-or-nothing file write: the same sequence as core's {@link AtomicFile} (temp file
 * in the target's directory, write, fsync, atomic rename over the target, fsync of the directory),
 * with a {@link FaultInjector} point between every two steps so tests can stop it anywhere:
 * <pre>
 *  tmp-created   the empty temp file exists
 *  tmp-partial   the first half of the bytes is written (a torn temp file)
 *  tmp-synced    all bytes written and fsynced, target untouched
 *  renamed       the target is replaced, directory not yet fsynced
 *  done          directory fsynced
 * </pre>
 * A crash leaves either the old target or the new one, plus possibly a stale {@code .NAME.*.tmp},
 * which readers never open and {@link #removeStaleTemps} deletes when a writer starts.
 */
final class DurableFile {
    private DurableFile() {}

    static final String TMP_SUFFIX = ".tmp";

    static void write(Path target, byte[] data) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), TMP_SUFFIX);
            FaultInjector.at("tmp-created", target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                int half = data.length / 2;
                ByteBuffer first = ByteBuffer.wrap(data, 0, half);
                while (first.hasRemaining()) ch.write(first);
                FaultInjector.at("tmp-partial", target);
                ByteBuffer rest = ByteBuffer.wrap(data, half, data.length - half);
                while (rest.hasRemaining()) ch.write(rest);
                ch.force(true);
            }
            FaultInjector.at("tmp-synced", target);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            FaultInjector.at("renamed", target);
            AtomicFile.syncDirectory(dir);
            FaultInjector.at("done", target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        // An Error (a simulated crash) leaves the temp file behind, as a killed process would.
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) return;
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the next writer's removeStaleTemps takes it
        }
    }

    static boolean isTemp(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(".") && n.endsWith(TMP_SUFFIX);
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
