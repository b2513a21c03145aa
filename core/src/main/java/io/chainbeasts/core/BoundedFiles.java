package io.chainbeasts.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a file that anyone may have written (a published beast store, a node's state file) without
 * trusting its size: more than the caller's limit is an {@link IOException} naming both sizes, read
 * before the whole file is in memory, so a huge file cannot exhaust the heap.
 */
public final class BoundedFiles {
    private BoundedFiles() {}

    /** The small JSON files of a store or a node (records, heads, identities, state files): 16 MiB at most. */
    public static final int JSON_LIMIT = 16 << 20;

    /** All of {@code file}'s bytes, refusing a file over {@code maxBytes}. */
    public static byte[] readBytes(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(maxBytes + 1);
            if (b.length > maxBytes) throw new IOException(file + " is over the limit of " + maxBytes + " bytes");
            return b;
        }
    }

    /**
     * {@code file} as UTF-8 text, refusing a file over {@code maxBytes} and malformed UTF-8
     * ({@link java.nio.charset.MalformedInputException}, as {@link Files#readString} throws).
     */
    public static String readUtf8(Path file, int maxBytes) throws IOException {
        return utf8(readBytes(file, maxBytes));
    }

    /** {@code bytes} as UTF-8 text, refusing malformed UTF-8 ({@link java.nio.charset.MalformedInputException}). */
    public static String utf8(byte[] bytes) throws java.nio.charset.CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
