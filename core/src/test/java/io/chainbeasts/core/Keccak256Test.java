package io.chainbeasts.core;

import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keccak-256 (Ethereum's): known answers, rate-boundary lengths, 1 MiB, cross-checked with BouncyCastle. */
class Keccak256Test {
    static byte[] reference(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        SplitMix64 rng = new SplitMix64(n);
        for (int i = 0; i < n; i++) b[i] = (byte) rng.next();
        return b;
    }

    @Test
    void emptyInputIsEthereumsEmptyHash() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.of(Keccak256.hash(new byte[0])));
    }

    @Test
    void abc() {
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                Hex.of(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void rateBoundaryLengthsMatchBouncyCastle() {
        for (int n : new int[] {1, 31, 32, 33, 135, 136, 137, 271, 272, 273, 1000}) {
            byte[] data = pattern(n);
            assertArrayEquals(reference(data), Keccak256.hash(data), "length " + n);
        }
    }

    @Test
    void oneMebibyteMatchesBouncyCastleAndIsChunkingIndependent() {
        byte[] data = pattern(1 << 20);
        byte[] expected = reference(data);
        assertArrayEquals(expected, Keccak256.hash(data));
        Keccak256 k = new Keccak256();
        int off = 0;
        int step = 1;
        while (off < data.length) {
            int n = Math.min(step, data.length - off);
            k.update(data, off, n);
            off += n;
            step = step * 3 % 1000 + 1;
        }
        assertArrayEquals(expected, k.digest());
    }

    @Test
    void everyLengthUpTo600MatchesBouncyCastle() {
        for (int n = 0; n <= 600; n++) {
            byte[] data = pattern(n);
            assertArrayEquals(reference(data), Keccak256.hash(data), "length " + n);
        }
    }

    @Test
    void unrolledPermutationEqualsTheSpecLoops() {
        SplitMix64 r = new SplitMix64(99);
        for (int n = 0; n < 2000; n++) {
            long[] x = new long[25];
            for (int i = 0; i < 25; i++) x[i] = r.next();
            long[] y = x.clone();
            Keccak256.permute(x);
            Keccak256.permuteReference(y);
            assertArrayEquals(y, x, "state " + n);
        }
    }
}
