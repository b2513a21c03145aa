package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Keccak256;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointChainTest {
    static final byte[] LEDGER = new byte[20];
    static final byte[] Z = new byte[32];

    static byte[] k(String s) {
        return Keccak256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    static CheckpointPayload first() {
        return new CheckpointPayload(1, 31337, LEDGER, BigInteger.ONE, 0, Z, 128, 10, 0xFF, 4, k("h0"), Z, false);
    }

    @Test
    void rootIsZeroThenLatestHash() {
        CheckpointChain c = new CheckpointChain(31337, LEDGER, BigInteger.ONE);
        assertArrayEquals(Z, c.root());
        CheckpointPayload p0 = first();
        assertArrayEquals(p0.hash(), c.append(p0));
        CheckpointPayload p1 = p0.next(256, 10, 0xFF, 4, k("h1"), Z, false);
        assertArrayEquals(p1.hash(), c.append(p1));
        assertArrayEquals(p1.hash(), c.root());
        assertEquals(2, c.length());
    }

    @Test
    void bindingViolationsAreRefusedNamingTheField() {
        CheckpointChain c = new CheckpointChain(31337, LEDGER, BigInteger.ONE);
        CheckpointPayload p0 = first();
        expect("'chainId'", c, new CheckpointPayload(1, 1, LEDGER, BigInteger.ONE, 0, Z, 128, 10, 0xFF, 4, Z, Z, false));
        byte[] other = new byte[20];
        other[3] = 1;
        expect("'ledger'", c, new CheckpointPayload(1, 31337, other, BigInteger.ONE, 0, Z, 128, 10, 0xFF, 4, Z, Z, false));
        expect("'beastId'", c, new CheckpointPayload(1, 31337, LEDGER, BigInteger.TWO, 0, Z, 128, 10, 0xFF, 4, Z, Z, false));
        expect("'globalStep'", c, new CheckpointPayload(1, 31337, LEDGER, BigInteger.ONE, 0, Z, 0, 10, 0xFF, 4, Z, Z, false));
        c.append(p0);
        expect("'windowIndex'", c, p0);
        expect("'prevCheckpointHash'", c, new CheckpointPayload(1, 31337, LEDGER, BigInteger.ONE, 1, k("x"), 256, 10, 0xFF, 4, Z, Z, false));
        expect("'globalStep'", c, p0.next(128, 1, 1, 1, Z, Z, false));
        expect("'globalStep'", c, p0.next(100, 1, 1, 1, Z, Z, false));
        expect("'globalStep'", c, p0.next(128 + 0x80000000L, 1, 1, 1, Z, Z, false));
        assertEquals(1, c.length());
    }

    @Test
    void globalStepAdvancesAcrossTheWrap() {
        assertTrue(CheckpointChain.stepAdvances(0xFFFFFF80L, 0));
        assertTrue(CheckpointChain.stepAdvances(0xFFFFFF80L, 64));
        assertFalse(CheckpointChain.stepAdvances(64, 0xFFFFFF80L));
        assertFalse(CheckpointChain.stepAdvances(5, 5));
    }

    static void expect(String token, CheckpointChain c, CheckpointPayload p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.append(p));
        assertTrue(e.getMessage().contains(token), e.getMessage());
    }
}
