package io.chainbeasts.core;

/**
 * Keccak-256 as used by Ethereum (original Keccak padding 0x01, not SHA3-256's 0x06).
 * Rate 136 bytes, capacity 512 bits, 24 rounds of Keccak-f[1600]. Incremental: {@link #update}
 * any number of times, then {@link #digest} once.
 */
public final class Keccak256 {
    public static final int RATE = 136;
    public static final int DIGEST_LENGTH = 32;

    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };
    /** Rotation offsets r[x + 5y]. */
    private static final int[] ROT = {
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14,
    };

    private final long[] a = new long[25];
    private final byte[] block = new byte[RATE];
    private int blockLen;
    private boolean finished;

    public static byte[] hash(byte[] data) {
        return new Keccak256().update(data).digest();
    }

    public Keccak256 update(byte[] data) {
        return update(data, 0, data.length);
    }

    public Keccak256 update(byte[] data, int off, int len) {
        if (finished) throw new IllegalStateException("Keccak256: update after digest");
        while (len > 0) {
            int n = Math.min(len, RATE - blockLen);
            System.arraycopy(data, off, block, blockLen, n);
            blockLen += n;
            off += n;
            len -= n;
            if (blockLen == RATE) {
                absorbBlock();
            }
        }
        return this;
    }

    public byte[] digest() {
        if (finished) throw new IllegalStateException("Keccak256: digest called twice");
        finished = true;
        for (int i = blockLen; i < RATE; i++) block[i] = 0;
        block[blockLen] ^= 0x01;
        block[RATE - 1] ^= (byte) 0x80;
        absorbBlock();
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < DIGEST_LENGTH; i++) {
            out[i] = (byte) (a[i >> 3] >>> (8 * (i & 7)));
        }
        return out;
    }

    private void absorbBlock() {
        for (int i = 0; i < RATE / 8; i++) {
            long lane = 0;
            for (int b = 7; b >= 0; b--) {
                lane = (lane << 8) | (block[i * 8 + b] & 0xFFL);
            }
            a[i] ^= lane;
        }
        blockLen = 0;
        permute(a);
    }

    /** Keccak-f[1600] on the 25 lanes {@code a[x + 5y]}. */
    static void permute(long[] a) {
        long[] c = new long[5];
        long[] b = new long[25];
        for (int round = 0; round < 24; round++) {
            // theta
            for (int x = 0; x < 5; x++) {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
            }
            // rho and pi: b[y, 2x+3y] = rot(a[x, y], r[x, y])
            for (int x = 0; x < 5; x++) {
                for (int y = 0; y < 5; y++) {
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROT[x + 5 * y]);
                }
            }
            // chi
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
                }
            }
            // iota
            a[0] ^= RC[round];
        }
    }
}
