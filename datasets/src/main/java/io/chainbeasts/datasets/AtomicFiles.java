package io.chainbeasts.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe whole-file writes: the bytes go to a temporary file in the target's directory, are
 * fsynced, and the temporary file is renamed over the target (atomic on POSIX file systems); the
 * directory is fsynced afterwards where the platform allows. A reader sees the old file or the new
 * one, never a partial one; on failure the temporary file is removed and the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] data) {
        write(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) ch.write(b);
            }
        });
    }

    /** Something that fills the (already created, empty) temporary file. */
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Lets {@code filler} write the temporary file however it likes, then fsyncs and renames it. */
    public static void write(Path target, Filler filler) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            filler.fill(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            fsyncDir(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name never shadows a real file
                }
            }
        }
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UncheckedIOException e) {
            // Some platforms cannot open a directory for fsync; the rename is still atomic.
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }

    /** Reads a whole file, turning I/O failures into a one-line {@link DatasetException.Fetch}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException.Fetch("cannot read " + file + ": " + describe(e), e);
        }
    }
}
