package io.chainbeasts.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void roundTripKeepsOrder() {
        String text = "{\"b\":1,\"a\":[1,-2,\"x\"],\"c\":{\"d\":true,\"e\":null}}";
        Object v = Json.parse(text);
        assertEquals(text, Json.write(v));
        Map<String, Object> o = Json.obj(v, "root");
        assertEquals(List.of(1L, -2L, "x"), o.get("a"));
    }

    @Test
    void rejectsFractionsWithLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": 1.5}"));
        assertTrue(e.getMessage().startsWith("line 2, column 9"), e.getMessage());
    }

    @Test
    void rejectsDuplicateKeysAndTrailingGarbage() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }

    @Test
    void escapes() {
        String s = "q\"\\\n\t\u0001";
        assertEquals(s, Json.parse(Json.write(s)));
    }
}
