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
 *
 * <p>{@link #create} publishes without replacing: a user's vault, committed dataset or bundle is never
 * overwritten by accident (the check and the publish are one atomic link, so two writers cannot both win).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] data) {
        write(target, bytes(data));
    }

    /** As {@link #write(Path, byte[])}, but refuses (one line naming the file) when {@code target} exists. */
    public static void create(Path target, byte[] data) {
        publish(target, bytes(data), false);
    }

    /** {@link #create} when {@code replace} is false, else {@link #write}: how a command's {@code -o} honours {@code --force}. */
    public static void output(Path target, byte[] data, boolean replace) {
        publish(target, bytes(data), replace);
    }

    private static Filler bytes(byte[] data) {
        return tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) ch.write(b);
            }
        };
    }

    /** Something that fills the (already created, empty) temporary file. */
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Lets {@code filler} write the temporary file however it likes, then fsyncs and renames it. */
    public static void write(Path target, Filler filler) {
        publish(target, filler, true);
    }

    /** As {@link #write(Path, Filler)}; with {@code replace} false an existing target is refused, not replaced. */
    public static void publish(Path target, Filler filler, boolean replace) {
        Path abs = target.toAbsolutePath();
        if (!replace && Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw exists(target);
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            filler.fill(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (replace) {
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
            } else {
                // rename(2) always replaces; link(2) fails if the name exists, so it is the atomic no-clobber publish
                try {
                    Files.createLink(abs, tmp);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw exists(target);
                }
            }
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

    static DatasetException exists(Path target) {
        return new DatasetException(target + " already exists; refusing to overwrite it (pass --force to replace it)");
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

    /** The largest input file read whole (CSV, HDF5, bundles): the packed-dataset raw cap. */
    public static final long MAX_READ_BYTES = PackedDataset.MAX_RAW_BYTES;

    /**
     * Reads a whole regular file of at most {@link #MAX_READ_BYTES}, turning I/O failures and oversize or
     * special files ({@code /dev/zero}) into a one-line {@link DatasetException.Fetch}.
     */
    public static byte[] read(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) throw new DatasetException.Fetch("cannot read " + file + ": not a regular file");
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size > MAX_READ_BYTES) {
                throw new DatasetException.Fetch("cannot read " + file + ": " + size + " bytes, more than the " + MAX_READ_BYTES + " bytes an input may have");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException.Fetch("cannot read " + file + ": " + describe(e), e);
        }
    }
}
