package io.chainbeasts.metrics;

import io.chainbeasts.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One training micro-step as seen by a coach: what the trainer publishes after every micro-step.
 * Wire format: schema {@value #TYPE} version {@value #SCHEMA_VERSION}, specified in
 * {@code spec/metrics-schema.md} and {@code io/chainbeasts/metrics/training-metrics.schema.json}.
 *
 * <p>All values are integers (no floating point on the producing side): losses are Q16 fixed
 * point ({@code value / 65536}), accuracies are per-mille (0..1000). Every integer is within
 * ±(2^53 - 1) so that JavaScript consumers read it exactly.
 *
 * @param beastId     the beast, lower-case hex without prefix (1..32 bytes)
 * @param globalStep  micro-steps completed since genesis, including this one
 * @param window      index of the 128-step window this micro-step belongs to
 * @param lossQ16     loss of this micro-step per head, Q16; a head is null when not trained at this step
 * @param accPermille running accuracy per head in per-mille; null while a head has no samples
 * @param lrShift     learning-rate shift in force (0..31)
 * @param activeMask  bit i set = slot i active
 * @param energySpent ENERGY spent by this beast's training up to and including this step
 * @param h128        the window's h128 (lower-case hex, 16 or 32 bytes) when this step closes a
 *                    window, null otherwise
 */
public record TrainingMetrics(String beastId, long globalStep, long window, Heads lossQ16, Heads accPermille,
                              int lrShift, long activeMask, long energySpent, String h128) {

    /** The {@code type} field of every message. */
    public static final String TYPE = "training-metrics";
    /** The schema version written in the {@code v} field; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest integer JavaScript represents exactly (2^53 - 1): the bound of every integer field. */
    public static final long MAX_SAFE = (1L << 53) - 1;
    /** One in Q16. */
    public static final int Q16_ONE = 1 << 16;
    /** No valid message serializes to more UTF-8 bytes than this. */
    public static final int MAX_JSON_BYTES = 1024;

    /** One value per head (move, power, block); a null entry means "not available at this step". */
    public record Heads(Integer move, Integer power, Integer block) {
        public static Heads of(int move, int power, int block) {
            return new Heads(move, power, block);
        }

        Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("move", move);
            m.put("power", power);
            m.put("block", block);
            return m;
        }

        void check(String field, int min, int max) {
            checkHead(field + ".move", move, min, max);
            checkHead(field + ".power", power, min, max);
            checkHead(field + ".block", block, min, max);
        }

        private static void checkHead(String field, Integer v, int min, int max) {
            if (v != null && (v < min || v > max)) {
                throw new IllegalArgumentException("field '" + field + "': " + v + " is outside " + min + ".." + max);
            }
        }

        static Heads fromJson(Object v, String field) {
            Map<String, Object> o = Json.obj(v, "field '" + field + "'");
            for (String k : o.keySet()) {
                if (!k.equals("move") && !k.equals("power") && !k.equals("block")) {
                    throw new IllegalArgumentException("field '" + field + "." + k + "': unknown field");
                }
            }
            return new Heads(head(o, field, "move"), head(o, field, "power"), head(o, field, "block"));
        }

        private static Integer head(Map<String, Object> o, String field, String head) {
            if (!o.containsKey(head)) throw new IllegalArgumentException("field '" + field + "." + head + "': missing");
            Object v = o.get(head);
            if (v == null) return null;
            if (!(v instanceof Long) || (Long) v < Integer.MIN_VALUE || (Long) v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("field '" + field + "." + head + "': expected a 32-bit integer or null, got " + v);
            }
            return ((Long) v).intValue();
        }
    }

    public TrainingMetrics {
        beastId = canonicalHex("beastId", beastId, 2, 64);
        range("globalStep", globalStep, 0, MAX_SAFE);
        range("window", window, 0, MAX_SAFE);
        Objects.requireNonNull(lossQ16, "field 'lossQ16': missing");
        Objects.requireNonNull(accPermille, "field 'accPermille': missing");
        lossQ16.check("lossQ16", 0, Integer.MAX_VALUE);
        accPermille.check("accPermille", 0, 1000);
        range("lrShift", lrShift, 0, 31);
        range("activeMask", activeMask, 0, MAX_SAFE);
        range("energySpent", energySpent, 0, MAX_SAFE);
        if (h128 != null) {
            h128 = canonicalHex("h128", h128, 32, 64);
            if (h128.length() != 32 && h128.length() != 64) {
                throw new IllegalArgumentException("field 'h128': expected 16 or 32 bytes of hex, got " + h128.length() / 2 + " bytes");
            }
        }
    }

    /** True when this micro-step closes a window (it carries the window's h128). */
    public boolean windowEnd() {
        return h128 != null;
    }

    /** Number of active slots (set bits of {@link #activeMask}). */
    public int activeSlots() {
        return Long.bitCount(activeMask);
    }

    /** The canonical JSON text (fixed field order, no whitespace). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("v", SCHEMA_VERSION);
        m.put("beastId", beastId);
        m.put("globalStep", globalStep);
        m.put("window", window);
        m.put("lossQ16", lossQ16.toJsonMap());
        m.put("accPermille", accPermille.toJsonMap());
        m.put("lrShift", lrShift);
        m.put("activeMask", activeMask);
        m.put("energySpent", energySpent);
        m.put("h128", h128);
        return Json.write(m);
    }

    /** UTF-8 bytes of {@link #toJson()}. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses and validates one message. Unknown fields, a wrong {@code type} or an unsupported
     * {@code v} are refused; errors are one line naming the field.
     */
    public static TrainingMetrics fromJson(String text) {
        if (text.length() > MAX_JSON_BYTES) {
            throw new IllegalArgumentException("message of " + text.length() + " characters exceeds " + MAX_JSON_BYTES);
        }
        Map<String, Object> o = Json.obj(Json.parse(text), "message");
        for (String k : o.keySet()) {
            if (!FIELDS.contains(k)) throw new IllegalArgumentException("field '" + k + "': unknown field");
        }
        for (String k : FIELDS) {
            if (!o.containsKey(k)) throw new IllegalArgumentException("field '" + k + "': missing");
        }
        if (!TYPE.equals(o.get("type"))) {
            throw new IllegalArgumentException("field 'type': expected \"" + TYPE + "\", got " + o.get("type"));
        }
        long v = Json.num(o, "v");
        if (v != SCHEMA_VERSION) {
            throw new IllegalArgumentException("field 'v': schema version " + v + " is not supported (this build reads " + SCHEMA_VERSION + ")");
        }
        Object h = o.get("h128");
        if (h != null && !(h instanceof String)) {
            throw new IllegalArgumentException("field 'h128': expected a hex string or null, got " + h);
        }
        return new TrainingMetrics(Json.str(o, "beastId"), Json.num(o, "globalStep"), Json.num(o, "window"),
                Heads.fromJson(o.get("lossQ16"), "lossQ16"), Heads.fromJson(o.get("accPermille"), "accPermille"),
                Json.int32(o, "lrShift"), Json.num(o, "activeMask"), Json.num(o, "energySpent"), (String) h);
    }

    /** The top-level JSON field names, in wire order. */
    public static final java.util.List<String> FIELDS = java.util.List.of(
            "type", "v", "beastId", "globalStep", "window", "lossQ16", "accPermille", "lrShift",
            "activeMask", "energySpent", "h128");

    private static void range(String field, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("field '" + field + "': " + v + " is outside " + min + ".." + max);
        }
    }

    private static String canonicalHex(String field, String hex, int minDigits, int maxDigits) {
        if (hex == null) throw new IllegalArgumentException("field '" + field + "': missing");
        String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (s.length() < minDigits || s.length() > maxDigits || (s.length() & 1) != 0) {
            throw new IllegalArgumentException("field '" + field + "': expected " + minDigits / 2 + ".." + maxDigits / 2
                    + " bytes of hex, got " + s.length() + " digits");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("field '" + field + "': not a hex digit at position " + i);
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
