package io.chainbeasts.datasets;

import io.chainbeasts.core.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Datasets' face of core's {@link AtomicFile} (temp file, fsync, rename or link, fsync of the
 * directory; a reader sees the old file or the new one, never a partial one): failures become one-line
 * {@link DatasetException}s naming the file, and missing parent directories are created. Without
 * {@code replace} nothing is written over an existing file (a user's vault, committed dataset or bundle
 * is never overwritten by accident). Whole-file reads are bounded.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] data) {
        output(target, data, true);
    }

    /** As {@link #write(Path, byte[])}, but refuses (one line naming the file) when {@code target} exists. */
    public static void create(Path target, byte[] data) {
        output(target, data, false);
    }

    /** {@link #create} when {@code replace} is false, else {@link #write}: how a command's {@code -o} honours {@code --force}. */
    public static void output(Path target, byte[] data, boolean replace) {
        io(target, () -> {
            if (replace) AtomicFile.write(target, data);
            else AtomicFile.create(target, data);
        });
    }

    /** Lets {@code filler} write the temporary file however it likes (a library writing a format), then publishes it. */
    public static void publish(Path target, AtomicFile.Filler filler, boolean replace) {
        io(target, () -> AtomicFile.publish(target, filler, replace, (step, t) -> { }));
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void io(Path target, Io write) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot write " + target + ": " + describe(e), e);
        }
        try {
            write.run();
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw exists(target);
        } catch (IOException e) {
            throw new DatasetException("cannot write " + target + ": " + describe(e), e);
        }
    }

    static DatasetException exists(Path target) {
        return new DatasetException(target + " already exists; refusing to overwrite it (pass --force to replace it)");
    }


    static String describe(IOException e) {
        return io.chainbeasts.core.IoErrors.describe(e);
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
