package io.chainbeasts.datasets;

import io.chainbeasts.core.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An owner secret {@code S_owner} in a plain file: one line of 64 hex digits (optionally 0x), the
 * form {@code hatch --new-secret} writes and {@code train}/{@code verify --secret} read. (The vault is
 * the protected store; this file form is what a reveal or a local trainer passes around.)
 */
public final class SecretFile {
    private SecretFile() {}

    /** Reads a secret; {@link DatasetException} with one line naming the file (and line) on any problem. */
    public static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such secret file");
        } catch (IOException e) {
            throw new DatasetException(file + ": unreadable (" + AtomicFiles.describe(e) + ")");
        }
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        line = line.strip();
        if (line.contains("\n")) throw new DatasetException(file + ": expected one line (64 hex digits)");
        if (line.startsWith("0x") || line.startsWith("0X")) line = line.substring(2);
        if (line.length() != 64) throw new DatasetException(file + " line 1: expected 64 hex digits, got " + line.length() + " characters");
        try {
            return Hex.parse(line);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file + " line 1: " + e.getMessage());
        }
    }

    /**
     * Writes a secret file ({@code 0x} + 64 hex digits): crash-safe, never over an existing file, and
     * readable by its owner only (the temporary file is created mode 600 and published by a link).
     */
    public static void create(Path file, byte[] secret) {
        write(file, secret, false);
    }

    /** As {@link #create}, replacing an existing file when {@code replace} (the new file is mode 600 too: a fresh temp file renamed over it). */
    public static void write(Path file, byte[] secret, boolean replace) {
        if (secret.length != 32) throw new IllegalArgumentException("S_owner must be 32 bytes");
        AtomicFiles.output(file, ("0x" + Hex.of(secret) + "\n").getBytes(StandardCharsets.US_ASCII), replace);
    }
}
