package io.chainbeasts.cli;

import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.IoErrors;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes a user-named output file atomically; failures become one-line user errors naming the file. */
final class Output {
    private Output() {}

    /** Replaces {@code file} with {@code data} atomically (the {@code --force} path of {@link #create}). */
    static void write(Path file, byte[] data) {
        try {
            AtomicFile.write(file, data);
        } catch (NoSuchFileException e) {
            Path dir = file.toAbsolutePath().getParent();
            throw new UserError("cannot write " + file + ": " + (dir != null && Files.isDirectory(dir)
                    ? "cannot create files in " + dir : "its directory does not exist"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError("cannot write " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + IoErrors.describe(e));
        }
    }

    /**
     * Publishes {@code data} as {@code file}, never over an existing file unless {@code force} (then atomically
     * replacing it); the check and the publish are one step (AtomicFile.create), so a file that appeared
     * meanwhile is not lost either.
     */
    static void create(String option, Path file, byte[] data, boolean force) {
        if (force) {
            write(file, data);
            return;
        }
        try {
            AtomicFile.create(file, data);
        } catch (FileAlreadyExistsException e) {
            throw new UserError(option + ": " + file + " already exists; pass --force to replace it");
        } catch (IOException e) {
            checkTarget(option, file, false);
            throw new UserError(option + ": cannot write " + file + ": " + IoErrors.describe(e));
        }
    }

    /**
     * Fails before any work is done when {@code file} could not be published: its directory must exist, it must
     * not be a directory, and (without {@code force}) must not exist.
     */
    static void checkTarget(String option, Path file, boolean force) {
        if (file == null) return;
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(option + ": cannot write " + file + ": " + (dir != null && Files.exists(dir)
                    ? dir + " is a file, not a directory" : "its directory does not exist"));
        }
        if (Files.isDirectory(file)) throw new UserError(option + ": " + file + " is a directory; name the file to write");
        if (!force && Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(option + ": " + file + " already exists; pass --force to replace it");
        }
        if (!Files.isWritable(dir)) throw new UserError(option + ": cannot write " + file + ": permission denied in " + dir);
    }
}
