package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON record file that carries its own checksum: the last field {@code "checksum"} is the
 * Keccak-256 of the compact JSON of every other field, in order. Written atomically ({@link DurableFile}); read back only
 * if the checksum holds and the file is byte for byte the canonical form written (so not even
 * whitespace can change), so a truncated, bit-flipped or zeroed file is detected and never used.
 */
public final class ChecksummedJson {
    private ChecksummedJson() {}

    public static void write(Path file, Map<String, Object> fields) {
        DurableFile.write(file, bytes(fields));
    }

    /** The file's bytes: the fields, then their checksum. */
    static byte[] bytes(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.remove("checksum");
        String body = Json.write(out);
        out.put("checksum", Hex.of(Keccak256.hash(body.getBytes(StandardCharsets.UTF_8))));
        return (Json.write(out) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static Map<String, Object> read(Path file) {
        String text;
        try {
            text = io.chainbeasts.core.BoundedFiles.readUtf8(file, io.chainbeasts.core.BoundedFiles.JSON_LIMIT);
        } catch (NoSuchFileException e) {
            throw new StoreException(file + ": missing");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new StoreException(file + ": corrupted (not UTF-8)");
        } catch (IOException e) {
            throw new StoreException(file + ": unreadable (" + e.getMessage() + ")");
        }
        Map<String, Object> fields;
        try {
            fields = Json.obj(Json.parse(text), file.toString());
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": corrupted (" + e.getMessage() + ")");
        }
        Object sum = fields.remove("checksum");
        if (!(sum instanceof String)) throw new StoreException(file + ": corrupted (no checksum)");
        String expected = Hex.of(Keccak256.hash(Json.write(fields).getBytes(StandardCharsets.UTF_8)));
        if (!expected.equals(sum)) throw new StoreException(file + ": corrupted (checksum mismatch)");
        Map<String, Object> again = new LinkedHashMap<>(fields);
        again.put("checksum", sum);
        if (!text.equals(Json.write(again) + "\n")) {
            throw new StoreException(file + ": corrupted (bytes outside the checksummed JSON changed)");
        }
        return fields;
    }
}
