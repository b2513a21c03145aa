package io.chainbeasts.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target + ": directory " + dir + " does not exist");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), TMP_SUFFIX);
            observer.at("tmp-created", target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                int half = data.length / 2;
                ByteBuffer first = ByteBuffer.wrap(data, 0, half);
                while (first.hasRemaining()) ch.write(first);
                observer.at("tmp-partial", target);
                ByteBuffer rest = ByteBuffer.wrap(data, half, data.length - half);
                while (rest.hasRemaining()) ch.write(rest);
                ch.force(true);
            }
            observer.at("tmp-synced", target);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            observer.at("renamed", target);
            syncDirectory(dir);
            observer.at("done", target);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            throw e;
        }
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
