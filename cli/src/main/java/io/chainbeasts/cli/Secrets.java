package io.chainbeasts.cli;

import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.SecretFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Owner secret files (one line of 64 hex digits, optionally 0x): read through datasets' SecretFile, created readable by the owner only. */
final class Secrets {
    private Secrets() {}

    /** Reads an owner secret file (datasets' {@code SecretFile}); problems become one-line user errors. */
    static byte[] read(Path file) {
        try {
            return SecretFile.read(file);
        } catch (DatasetException e) {
            throw new UserError("--secret: " + e.getMessage());
        }
    }

    /** Creates a fresh random secret file (mode 600, datasets' {@code SecretFile}); refuses to overwrite. */
    static byte[] create(Path file) {
        if (Files.exists(file)) throw new UserError("--new-secret: " + file + " already exists; refusing to overwrite a secret");
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        try {
            SecretFile.create(file, s);
        } catch (DatasetException e) {
            throw new UserError("--new-secret: " + e.getMessage());
        }
        return s;
    }
}
