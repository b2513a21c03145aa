package io.chainbeasts.cli;

import io.chainbeasts.core.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Owner secret files: one line of 64 hex digits (optionally 0x), readable by the owner only. */
final class Secrets {
    private Secrets() {}

    static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new UserError("--secret: " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError("--secret: cannot read " + file + ": " + e.getMessage());
        }
        byte[] s;
        try {
            s = Hex.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--secret: " + file + " line 1: " + e.getMessage());
        }
        if (s.length != 32) throw new UserError("--secret: " + file + " line 1: expected 32 bytes (64 hex digits), got " + s.length);
        return s;
    }

    /** Creates a fresh random secret file (mode 600); refuses to overwrite. */
    static byte[] create(Path file) {
        if (Files.exists(file)) throw new UserError("--new-secret: " + file + " already exists; refusing to overwrite a secret");
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        Output.write(file, ("0x" + Hex.of(s) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("chainbeasts: warning: could not restrict permissions of " + file);
        }
        return s;
    }
}
