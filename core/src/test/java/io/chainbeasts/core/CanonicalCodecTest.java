package io.chainbeasts.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalCodecTest {
    @Test
    void bigEndianFixedWidth() {
        byte[] b = new CanonicalWriter().u8(0xAB).u16(0x0102).i32(-2).i64(0x0102030405060708L).toByteArray();
        assertEquals("ab0102fffffffe0102030405060708", Hex.of(b));
        CanonicalReader r = new CanonicalReader(b);
        assertEquals(0xAB, r.u8("a"));
        assertEquals(0x0102, r.u16("b"));
        assertEquals(-2, r.i32("c"));
        assertEquals(0x0102030405060708L, r.i64("d"));
        r.end("test");
    }

    @Test
    void bulkInt32sAreTheSameBytesAsOneByOne() {
        int[] v = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304, -0x01020305};
        CanonicalWriter one = new CanonicalWriter(3).u8(7); // misaligned start, growing buffer
        for (int x : v) one.i32(x);
        assertEquals(Hex.of(one.toByteArray()), Hex.of(new CanonicalWriter(3).u8(7).i32s(v).toByteArray()));
        assertEquals("07", Hex.of(new CanonicalWriter().u8(7).i32s(new int[0]).toByteArray()));
    }

    @Test
    void truncationNamesTheField() {
        CanonicalReader r = new CanonicalReader(new byte[] {1, 2, 3});
        r.u16("first");
        DecodeException e = assertThrows(DecodeException.class, () -> r.i32("hp"));
        assertTrue(e.getMessage().contains("'hp'") && e.getMessage().contains("byte 2"), e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() {
        CanonicalReader r = new CanonicalReader(new byte[] {1, 2});
        r.u8("x");
        assertThrows(DecodeException.class, () -> r.end("thing"));
    }

    @Test
    void boolRejectsValuesAboveOne() {
        assertThrows(DecodeException.class, () -> new CanonicalReader(new byte[] {2}).bool("flag"));
    }

    @Test
    void hexRoundTripAndErrors() {
        assertEquals("00ff10", Hex.of(Hex.parse("0x00FF10")));
        assertThrows(IllegalArgumentException.class, () -> Hex.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> Hex.parse("zz"));
    }

    @Test
    void atomicFileTempNamesMatchOnlyTheirTarget() {
        assertTrue(AtomicFile.isTempOf(java.nio.file.Path.of(".v.json1234567890.tmp"), "v.json"));
        assertTrue(AtomicFile.isTempOf(java.nio.file.Path.of(".v.json-42.tmp"), "v.json"));
        assertFalse(AtomicFile.isTempOf(java.nio.file.Path.of(".v.json2123.tmp"), "v.json2x"));
        assertFalse(AtomicFile.isTempOf(java.nio.file.Path.of(".v.json.bak77.tmp"), "v.json"), "another target's temp");
        assertFalse(AtomicFile.isTempOf(java.nio.file.Path.of(".v.json.tmp"), "v.json"));
    }
}
