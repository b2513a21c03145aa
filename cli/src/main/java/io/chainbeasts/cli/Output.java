package io.chainbeasts.cli;

import io.chainbeasts.core.AtomicFile;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes a user-named output file atomically; failures become one-line user errors naming the file. */
final class Output {
    private Output() {}

    static void write(Path file, byte[] data) {
        try {
            AtomicFile.write(file, data);
        } catch (NoSuchFileException e) {
            java.nio.file.Path dir = file.toAbsolutePath().getParent();
            throw new UserError("cannot write " + file + ": " + (dir != null && java.nio.file.Files.isDirectory(dir)
                    ? "cannot create files in " + dir : "its directory does not exist"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError("cannot write " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Fails before any work is done when {@code file} could not be written: its directory must exist. */
    static void checkParent(Path file) {
        if (file == null) return;
        java.nio.file.Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new UserError("cannot write " + file + ": its directory does not exist");
        }
    }
}
