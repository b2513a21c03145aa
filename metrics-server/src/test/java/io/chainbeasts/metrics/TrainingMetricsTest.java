package io.chainbeasts.metrics;

import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingMetricsTest {

    static TrainingMetrics sample(String h128) {
        return new TrainingMetrics("0xBEEF01", 128, 0, new TrainingMetrics.Heads(98304, 65536, null),
                new TrainingMetrics.Heads(750, 0, null), 6, 0b1011, 384, h128);
    }

    @Test
    void canonicalJsonIsExact() {
        String h = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assertEquals("{\"type\":\"training-metrics\",\"v\":1,\"beastId\":\"beef01\",\"globalStep\":128,\"window\":0,"
                        + "\"lossQ16\":{\"move\":98304,\"power\":65536,\"block\":null},"
                        + "\"accPermille\":{\"move\":750,\"power\":0,\"block\":null},"
                        + "\"lrShift\":6,\"activeMask\":11,\"energySpent\":384,\"h128\":\"" + h + "\"}",
                sample(h.toUpperCase()).toJson());
        assertEquals(3, sample(null).activeSlots());
        assertTrue(sample(h).windowEnd());
        assertFalse(sample(null).windowEnd());
    }

    @Test
    void roundTripsThroughJson() {
        SyntheticRun run = new SyntheticRun();
        for (long s = 1; s <= 700; s++) {
            TrainingMetrics m = run.step(s);
            assertEquals(m, TrainingMetrics.fromJson(m.toJson()), "step " + s);
        }
        TrainingMetrics n = sample(null);
        assertNull(TrainingMetrics.fromJson(n.toJson()).h128());
    }

    @Test
    void largestMessageFitsTheDeclaredBound() {
        String id = "ff".repeat(32);
        TrainingMetrics big = new TrainingMetrics(id, TrainingMetrics.MAX_SAFE, TrainingMetrics.MAX_SAFE,
                TrainingMetrics.Heads.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                TrainingMetrics.Heads.of(1000, 1000, 1000), 31, TrainingMetrics.MAX_SAFE, TrainingMetrics.MAX_SAFE, id);
        assertTrue(big.toJsonBytes().length <= TrainingMetrics.MAX_JSON_BYTES, big.toJsonBytes().length + " bytes");
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        assertMessage("field 'beastId': not a hex digit at position 1",
                () -> new TrainingMetrics("0g", 1, 0, TrainingMetrics.Heads.of(1, 1, 1), TrainingMetrics.Heads.of(1, 1, 1), 0, 1, 0, null));
        assertMessage("field 'accPermille.power': 1001 is outside 0..1000",
                () -> new TrainingMetrics("01", 1, 0, TrainingMetrics.Heads.of(1, 1, 1), TrainingMetrics.Heads.of(1, 1001, 1), 0, 1, 0, null));
        assertMessage("field 'lossQ16.block': -1 is outside 0..2147483647",
                () -> new TrainingMetrics("01", 1, 0, TrainingMetrics.Heads.of(1, 1, -1), TrainingMetrics.Heads.of(1, 1, 1), 0, 1, 0, null));
        assertMessage("field 'lrShift': 32 is outside 0..31",
                () -> new TrainingMetrics("01", 1, 0, TrainingMetrics.Heads.of(1, 1, 1), TrainingMetrics.Heads.of(1, 1, 1), 32, 1, 0, null));
        assertMessage("field 'globalStep': 9007199254740992 is outside 0..9007199254740991",
                () -> new TrainingMetrics("01", 1L << 53, 0, TrainingMetrics.Heads.of(1, 1, 1), TrainingMetrics.Heads.of(1, 1, 1), 0, 1, 0, null));
        assertMessage("field 'h128': expected 16 or 32 bytes of hex, got 20 bytes",
                () -> new TrainingMetrics("01", 1, 0, TrainingMetrics.Heads.of(1, 1, 1), TrainingMetrics.Heads.of(1, 1, 1), 0, 1, 0, "ab".repeat(20)));
        String ok = sample(null).toJson();
        assertMessage("field 'v': schema version 2 is not supported (this build reads 1)",
                () -> TrainingMetrics.fromJson(ok.replace("\"v\":1", "\"v\":2")));
        assertMessage("field 'extra': unknown field", () -> TrainingMetrics.fromJson(ok.substring(0, ok.length() - 1) + ",\"extra\":1}"));
        assertMessage("field 'energySpent': missing", () -> TrainingMetrics.fromJson(ok.replace(",\"energySpent\":384", "")));
        assertMessage("field 'lossQ16.move': expected a 32-bit integer or null, got 4294967296",
                () -> TrainingMetrics.fromJson(ok.replace("\"move\":98304", "\"move\":4294967296")));
        assertMessage("field 'type': expected \"training-metrics\", got hello",
                () -> TrainingMetrics.fromJson(ok.replace("training-metrics", "hello")));
        assertThrows(IllegalArgumentException.class, () -> TrainingMetrics.fromJson(ok.replace("\"lrShift\":6", "\"lrShift\":6.5")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertEquals(expected, x.getMessage());
        assertFalse(x.getMessage().contains("\n"));
    }

    /** The JSON Schema shipped in the jar and the one in spec/ describe exactly the record's fields. */
    @Test
    void schemaFileMatchesTheRecord() throws IOException {
        Map<String, Object> schema;
        try (InputStream in = TrainingMetrics.class.getResourceAsStream("/io/chainbeasts/metrics/training-metrics.schema.json")) {
            schema = Json.obj(parseSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "schema");
        }
        List<Object> required = Json.arr(schema.get("required"), "required");
        assertEquals(TrainingMetrics.FIELDS, required);
        assertEquals(new ArrayList<>(TrainingMetrics.FIELDS), new ArrayList<>(Json.obj(schema.get("properties"), "properties").keySet()));
        Map<String, Object> props = Json.obj(schema.get("properties"), "properties");
        assertEquals((long) TrainingMetrics.SCHEMA_VERSION, Json.obj(props.get("v"), "v").get("const"));
        assertEquals(TrainingMetrics.TYPE, Json.obj(props.get("type"), "type").get("const"));
        assertEquals(TrainingMetrics.MAX_SAFE, Json.obj(props.get("globalStep"), "globalStep").get("maximum"));
        Path doc = Path.of(System.getProperty("metrics.moduleDir", "."), "..", "spec", "metrics-schema.md");
        String md = Files.readString(doc);
        for (String f : TrainingMetrics.FIELDS) assertTrue(md.contains("`" + f + "`"), "spec/metrics-schema.md documents " + f);
        assertTrue(md.contains("Schema version: " + TrainingMetrics.SCHEMA_VERSION), "spec states the schema version");
    }

    /** The schema has "$" keys; core Json reads them as plain strings. */
    private static Object parseSchema(String text) {
        return Json.parse(text);
    }
}
