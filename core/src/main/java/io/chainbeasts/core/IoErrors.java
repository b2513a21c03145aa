package io.chainbeasts.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says what went wrong with a file in words a user reads, never a Java class name: "no such file or directory",
 * "permission denied", "/etc/passwd is a file, not a directory".
 */
public final class IoErrors {
    private IoErrors() {}

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) return named(f, "no such file or directory");
        if (e instanceof AccessDeniedException f) return named(f, "permission denied");
        if (e instanceof NotDirectoryException f) return f.getFile() + " is not a directory";
        if (e instanceof DirectoryNotEmptyException f) return f.getFile() + " is a directory that is not empty";
        if (e instanceof FileAlreadyExistsException f) {
            // createDirectories reports a regular file in the way of a directory it must create this way
            if (f.getFile() != null && Files.isRegularFile(Path.of(f.getFile()))) return f.getFile() + " is a file, not a directory";
            return (f.getFile() == null ? "it" : f.getFile()) + " already exists";
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot be used" : lower(f.getReason());
            return named(f, reason);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m.replace('\n', ' ');
    }

    /** The reason, preceded by the other file when the failure names a second one. */
    private static String named(FileSystemException f, String reason) {
        return f.getOtherFile() != null ? f.getOtherFile() + ": " + reason : reason;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
