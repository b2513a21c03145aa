package io.chainbeasts.checkpoint;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.SplitMix64;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointPayloadTest {
    static final byte[] LEDGER = new byte[20];
    static final byte[] Z = new byte[32];

    static CheckpointPayload base() {
        return new CheckpointPayload(1, 31337, LEDGER, BigInteger.ONE, 0, Z, 128, 10, 0xFF, 4, Z, Z, false);
    }

    @Test
    void offsetsAreContiguousAndTotal179() {
        int off = 0;
        for (int i = 0; i < PayloadLayout.FIELD_NAMES.length; i++) {
            assertEquals(off, PayloadLayout.FIELD_OFFSETS[i], PayloadLayout.FIELD_NAMES[i]);
            off += PayloadLayout.FIELD_SIZES[i];
        }
        assertEquals(179, off);
        assertEquals(179, PayloadLayout.LENGTH);
        assertEquals(179, base().encode().length);
    }

    @Test
    void everyFieldLandsAtItsOffset() {
        byte[] h = new byte[32];
        h[0] = 0x11;
        h[31] = 0x22;
        byte[] ledger = new byte[20];
        ledger[0] = (byte) 0xAB;
        ledger[19] = (byte) 0xCD;
        CheckpointPayload p = new CheckpointPayload(1, 0x0102030405060708L, ledger, BigInteger.valueOf(0x99), 0x0A0B0C0DL, h,
                0xDEADBEEFL, 0x1112131415161718L, 0x21222324, 17, h, h, true);
        byte[] b = p.encode();
        assertEquals(1, b[0]);
        assertEquals(0x01, b[1]);
        assertEquals(0x08, b[8]);
        assertEquals((byte) 0xAB, b[9]);
        assertEquals((byte) 0xCD, b[28]);
        assertEquals(0, b[29]);
        assertEquals((byte) 0x99, b[60]);
        assertEquals(0x0A, b[61]);
        assertEquals(0x0D, b[64]);
        assertEquals(0x11, b[65]);
        assertEquals(0x22, b[96]);
        assertEquals((byte) 0xDE, b[97]);
        assertEquals((byte) 0xEF, b[100]);
        assertEquals(0x11, b[101]);
        assertEquals(0x18, b[108]);
        assertEquals(0x21, b[109]);
        assertEquals(0x24, b[112]);
        assertEquals(17, b[113]);
        assertEquals(0x11, b[114]);
        assertEquals(0x22, b[145]);
        assertEquals(0x11, b[146]);
        assertEquals(0x22, b[177]);
        assertEquals(1, b[178]);
    }

    @Test
    void constructorRejectsOutOfRangeFieldsNamingThem() {
        assertMessage("'version'", () -> new CheckpointPayload(2, 1, LEDGER, BigInteger.ONE, 0, Z, 1, 0, 0, 0, Z, Z, false));
        assertMessage("'ledger'", () -> new CheckpointPayload(1, 1, new byte[19], BigInteger.ONE, 0, Z, 1, 0, 0, 0, Z, Z, false));
        assertMessage("'beastId'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE.negate(), 0, Z, 1, 0, 0, 0, Z, Z, false));
        assertMessage("'beastId'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE.shiftLeft(256), 0, Z, 1, 0, 0, 0, Z, Z, false));
        assertMessage("'windowIndex'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 1L << 32, new byte[32], 1, 0, 0, 0, Z, Z, false));
        assertMessage("'windowIndex'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, -1, Z, 1, 0, 0, 0, Z, Z, false));
        assertMessage("'globalStep'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 1L << 32, 0, 0, 0, Z, Z, false));
        assertMessage("'lrShift'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 1, 0, 0, 32, Z, Z, false));
        assertMessage("'lrShift'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 1, 0, 0, -1, Z, Z, false));
        assertMessage("'h128'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 1, 0, 0, 0, new byte[31], Z, false));
        assertMessage("'lineageHash'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 1, 0, 0, 0, Z, new byte[33], false));
        assertMessage("'prevCheckpointHash'", () -> new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 3, Z, 1, 0, 0, 0, Z, Z, false));
    }

    static void assertMessage(String token, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(token), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
    }

    @Test
    void accessorsDoNotExposeInternalArrays() {
        CheckpointPayload p = base();
        byte[] before = p.hash();
        p.h128()[0] = 9;
        p.ledger()[0] = 9;
        assertArrayEquals(before, p.hash());
    }

    @Test
    void randomRoundTripAndSingleByteFlipsChangeTheHash() {
        SplitMix64 r = new SplitMix64(7);
        for (int i = 0; i < 500; i++) {
            byte[] prev = new byte[32];
            for (int j = 0; j < 32; j++) prev[j] = (byte) r.next();
            prev[0] |= 1;
            CheckpointPayload p = new CheckpointPayload(1, r.next(), new byte[20], BigInteger.valueOf(r.next() & Long.MAX_VALUE),
                    1 + r.nextInt(1000), prev, r.next() & 0xFFFFFFFFL, r.next(), (int) r.next(), r.nextInt(32), prev, prev, (r.next() & 1) == 0);
            byte[] enc = p.encode();
            assertEquals(p, CheckpointPayload.decode(enc));
            int pos = r.nextInt(enc.length);
            byte[] flipped = enc.clone();
            flipped[pos] ^= (byte) (1 << r.nextInt(8));
            try {
                CheckpointPayload q = CheckpointPayload.decode(flipped);
                assertNotEquals(p, q);
                assertFalse(java.util.Arrays.equals(p.hash(), q.hash()));
            } catch (DecodeException e) {
                // flips into version, lrShift, lossDrop or prev-hash rules are refused: also fine
                assertTrue(pos == 0 || pos == 113 || pos == 178 || (pos >= 61 && pos < 97), "refused flip at " + pos + ": " + e.getMessage());
            }
        }
    }

    @Test
    void globalStepWraps() {
        assertEquals(64, CheckpointPayload.globalStepOf((1L << 32) + 64));
        assertEquals(0xFFFFFFFFL, CheckpointPayload.globalStepOf(-1L));
    }
}
