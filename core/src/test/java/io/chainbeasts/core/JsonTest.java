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

    @Test
    void nestingIsBoundedSoHostileInputIsAnErrorNotAStackOverflow() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(ok, Json.write(Json.parse(ok)));
        String mixed = "{\"a\":".repeat(Json.MAX_DEPTH / 2) + "[".repeat(Json.MAX_DEPTH / 2 + 1) + "]".repeat(Json.MAX_DEPTH / 2 + 1)
                + "}".repeat(Json.MAX_DEPTH / 2);
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class, () -> Json.parse(mixed));
        assertTrue(deep.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), deep.getMessage());
        // what took a node down: 100k opening brackets
        IllegalArgumentException poison = assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100_000)));
        assertTrue(poison.getMessage().startsWith("line 1, column " + (Json.MAX_DEPTH + 1) + ": nested deeper"), poison.getMessage());
    }

    @Test
    void sizeIsBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(" ".repeat(Json.MAX_CHARS + 1)));
        assertTrue(e.getMessage().contains("over the limit of " + Json.MAX_CHARS), e.getMessage());
    }
}
