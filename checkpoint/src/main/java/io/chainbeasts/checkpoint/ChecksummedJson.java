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
        String sum = Hex.of(Keccak256.hash(body.getBytes(StandardCharsets.UTF_8)));
        // the checksum appended to the compact body is what writing the map with it would give, without writing it twice
        String text = (out.isEmpty() ? "{" : body.substring(0, body.length() - 1) + ",") + "\"checksum\":\"" + sum + "\"}\n";
        assert text.equals(Json.write(withChecksum(out, sum)) + "\n") : text;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> withChecksum(Map<String, Object> fields, String sum) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put("checksum", sum);
        return m;
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
        return parse(file.toString(), text);
    }

    /** Checks and parses a checksummed JSON text read from {@code source} (how errors name it). */
    static Map<String, Object> parse(String source, String text) {
        Map<String, Object> fields;
        try {
            fields = Json.obj(Json.parse(text), source);
        } catch (IllegalArgumentException e) {
            throw new StoreException(source + ": corrupted (" + e.getMessage() + ")");
        }
        Object sum = fields.remove("checksum");
        if (!(sum instanceof String)) throw new StoreException(source + ": corrupted (no checksum)");
        String expected = Hex.of(Keccak256.hash(Json.write(fields).getBytes(StandardCharsets.UTF_8)));
        if (!expected.equals(sum)) throw new StoreException(source + ": corrupted (checksum mismatch)");
        if (!text.equals(Json.write(withChecksum(fields, (String) sum)) + "\n")) {
            throw new StoreException(source + ": corrupted (bytes outside the checksummed JSON changed)");
        }
        return fields;
    }
}
