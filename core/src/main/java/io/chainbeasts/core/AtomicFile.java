package io.chainbeasts.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file all-or-nothing: a temp file {@code .NAME.*.tmp} in the same directory, fsync,
 * atomic rename over the target, fsync of the directory. A crash at any point leaves either the old
 * file or the new one (plus possibly a stale temp file, which readers never open), never a mix
 * (SPEC.md "Crash safety"). An {@link Observer} sees each step, so tests can crash it anywhere:
 * <pre>
 *  tmp-created   the empty temp file exists
 *  tmp-partial   the first half of the bytes is written (a torn temp file)
 *  tmp-synced    all bytes written and fsynced, target untouched
 *  renamed       the target is replaced, directory not yet fsynced
 *  done          directory fsynced
 * </pre>
 */
public final class AtomicFile {
    private AtomicFile() {}

    public static final String TMP_SUFFIX = ".tmp";

    /** Called after each step of a write; may throw to simulate a crash there. */
    @FunctionalInterface
    public interface Observer {
        void at(String step, Path target);
    }

    public static void write(Path target, byte[] data) throws IOException {
        write(target, data, (step, t) -> { });
    }

    /**
     * Writes with an observer. On an I/O or runtime failure the temp file is removed; an
     * {@link Error} (a simulated crash) leaves it behind, as a killed process would.
     */
    public static void write(Path target, byte[] data, Observer observer) throws IOException {
        publish(target, bytes(data, observer, target), true, observer);
    }

    /**
     * As {@link #write(Path, byte[])}, but never over an existing file: the finished temp file is
     * published with link(2), which fails when the name exists (rename(2) always replaces), so the
     * check and the publish are one atomic step. An existing target is a {@link FileAlreadyExistsException}.
     */
    public static void create(Path target, byte[] data) throws IOException {
        publish(target, bytes(data, (step, t) -> { }, target), false, (step, t) -> { });
    }

    /** Something that fills the (created, empty) temp file however it likes, e.g. a library writing a format. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /**
     * The one crash-safe write every other method uses: temp file, {@code filler}, fsync, then rename
     * over the target ({@code replace}) or link to a new name (not {@code replace}), then fsync of the directory.
     */
    public static void publish(Path target, Filler filler, boolean replace, Observer observer) throws IOException {
        publish(target, filler, replace, observer, true);
    }

    /**
     * As {@link #write(Path, byte[], Observer)} (the same steps, told to the observer), but without either fsync:
     * for a caller that groups the fsyncs of several files into one durable commit. Until that caller has run
     * {@link #syncFile} on the target and {@link #syncDirectory} on its directory, a power loss may leave the target
     * missing, empty or torn (a process crash cannot: the rename still comes after the last byte), so nothing
     * durable may refer to it before then.
     */
    public static void writeUnsynced(Path target, byte[] data, Observer observer) throws IOException {
        publish(target, bytes(data, observer, target), true, observer, false);
    }

    /** fsync of one file's bytes (the grouped commit of {@link #writeUnsynced}). */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void publish(Path target, Filler filler, boolean replace, Observer observer, boolean sync) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target + ": directory " + dir + " does not exist");
        }
        if (!replace && Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(target.toString());
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), TMP_SUFFIX);
            observer.at("tmp-created", target);
            filler.fill(tmp);
            if (sync) syncFile(tmp);
            observer.at("tmp-synced", target);
            if (replace) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(abs, tmp);
                try {
                    Files.delete(tmp); // the target is published; a leftover temp name is harmless
                } catch (IOException ignored) {
                    // readers never open temp files (isTemp)
                }
            }
            tmp = null;
            observer.at("renamed", target);
            if (sync) syncDirectory(dir);
            observer.at("done", target);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Writes {@code data} in two halves, telling the observer in between (a torn temp file for the crash tests). */
    private static Filler bytes(byte[] data, Observer observer, Path target) {
        return tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                int half = data.length / 2;
                ByteBuffer first = ByteBuffer.wrap(data, 0, half);
                while (first.hasRemaining()) ch.write(first);
                observer.at("tmp-partial", target);
                ByteBuffer rest = ByteBuffer.wrap(data, half, data.length - half);
                while (rest.hasRemaining()) ch.write(rest);
            }
        };
    }

    /** True for the temp files {@link #write} creates. */
    public static boolean isTemp(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(".") && n.endsWith(TMP_SUFFIX);
    }

    /**
     * True only for a temp file {@link #write} created for a target named {@code targetName}:
     * {@code .NAME<digits>.tmp} exactly, so another file's temp (say {@code .NAME2...}) is never taken for it.
     */
    public static boolean isTempOf(Path file, String targetName) {
        String n = file.getFileName().toString();
        String head = "." + targetName;
        if (!n.startsWith(head) || !n.endsWith(TMP_SUFFIX)) return false;
        String middle = n.substring(head.length(), n.length() - TMP_SUFFIX.length());
        if (middle.startsWith("-")) middle = middle.substring(1);
        if (middle.isEmpty()) return false;
        for (int i = 0; i < middle.length(); i++) if (!Character.isDigit(middle.charAt(i))) return false;
        return true;
    }

    /** fsync of a directory, so a rename inside it is durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
