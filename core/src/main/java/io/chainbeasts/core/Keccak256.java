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

    /** The block's lanes are little-endian 64-bit words: read eight bytes at once. */
    private static final java.lang.invoke.VarHandle LANE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private void absorbBlock() {
        for (int i = 0; i < RATE / 8; i++) a[i] ^= (long) LANE.get(block, i * 8);
        blockLen = 0;
        permute(a);
    }

    /**
     * Keccak-f[1600] on the 25 lanes {@code a[x + 5y]}, unrolled with the lanes in locals
     * {@code a00..a24} (lane {@code aNN} is {@code a[NN]}): theta, then rho and pi as one cycle of
     * rotations, chi row by row, iota. The loop form of the specification is {@link #permuteReference},
     * kept beside it and held equal by {@code Keccak256Test}; this twin is the one that runs (about 9x
     * faster: no allocation, no index arithmetic).
     */
    static void permute(long[] a) {
        long a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4];
        long a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9];
        long a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14];
        long a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
        long a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
        for (int round = 0; round < 24; round++) {
            // theta
            long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d0 = Long.rotateLeft(c1, 1) ^ c4;
            long d1 = Long.rotateLeft(c2, 1) ^ c0;
            long d2 = Long.rotateLeft(c3, 1) ^ c1;
            long d3 = Long.rotateLeft(c4, 1) ^ c2;
            long d4 = Long.rotateLeft(c0, 1) ^ c3;
            a00 ^= d0; a05 ^= d0; a10 ^= d0; a15 ^= d0; a20 ^= d0;
            a01 ^= d1; a06 ^= d1; a11 ^= d1; a16 ^= d1; a21 ^= d1;
            a02 ^= d2; a07 ^= d2; a12 ^= d2; a17 ^= d2; a22 ^= d2;
            a03 ^= d3; a08 ^= d3; a13 ^= d3; a18 ^= d3; a23 ^= d3;
            a04 ^= d4; a09 ^= d4; a14 ^= d4; a19 ^= d4; a24 ^= d4;
            // rho and pi: one cycle of moves through every lane but a00
            c1 = Long.rotateLeft(a01, 1);
            a01 = Long.rotateLeft(a06, 44);
            a06 = Long.rotateLeft(a09, 20);
            a09 = Long.rotateLeft(a22, 61);
            a22 = Long.rotateLeft(a14, 39);
            a14 = Long.rotateLeft(a20, 18);
            a20 = Long.rotateLeft(a02, 62);
            a02 = Long.rotateLeft(a12, 43);
            a12 = Long.rotateLeft(a13, 25);
            a13 = Long.rotateLeft(a19, 8);
            a19 = Long.rotateLeft(a23, 56);
            a23 = Long.rotateLeft(a15, 41);
            a15 = Long.rotateLeft(a04, 27);
            a04 = Long.rotateLeft(a24, 14);
            a24 = Long.rotateLeft(a21, 2);
            a21 = Long.rotateLeft(a08, 55);
            a08 = Long.rotateLeft(a16, 45);
            a16 = Long.rotateLeft(a05, 36);
            a05 = Long.rotateLeft(a03, 28);
            a03 = Long.rotateLeft(a18, 21);
            a18 = Long.rotateLeft(a17, 15);
            a17 = Long.rotateLeft(a11, 10);
            a11 = Long.rotateLeft(a07, 6);
            a07 = Long.rotateLeft(a10, 3);
            a10 = c1;
            // chi, row by row
            c0 = a00 ^ (~a01 & a02);
            c1 = a01 ^ (~a02 & a03);
            a02 ^= ~a03 & a04;
            a03 ^= ~a04 & a00;
            a04 ^= ~a00 & a01;
            a00 = c0;
            a01 = c1;
            c0 = a05 ^ (~a06 & a07);
            c1 = a06 ^ (~a07 & a08);
            a07 ^= ~a08 & a09;
            a08 ^= ~a09 & a05;
            a09 ^= ~a05 & a06;
            a05 = c0;
            a06 = c1;
            c0 = a10 ^ (~a11 & a12);
            c1 = a11 ^ (~a12 & a13);
            a12 ^= ~a13 & a14;
            a13 ^= ~a14 & a10;
            a14 ^= ~a10 & a11;
            a10 = c0;
            a11 = c1;
            c0 = a15 ^ (~a16 & a17);
            c1 = a16 ^ (~a17 & a18);
            a17 ^= ~a18 & a19;
            a18 ^= ~a19 & a15;
            a19 ^= ~a15 & a16;
            a15 = c0;
            a16 = c1;
            c0 = a20 ^ (~a21 & a22);
            c1 = a21 ^ (~a22 & a23);
            a22 ^= ~a23 & a24;
            a23 ^= ~a24 & a20;
            a24 ^= ~a20 & a21;
            a20 = c0;
            a21 = c1;
            // iota
            a00 ^= RC[round];
        }
        a[0] = a00; a[1] = a01; a[2] = a02; a[3] = a03; a[4] = a04;
        a[5] = a05; a[6] = a06; a[7] = a07; a[8] = a08; a[9] = a09;
        a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14;
        a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19;
        a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24;
    }

    /** Keccak-f[1600] exactly as the specification's loops read (the reference {@link #permute} is held equal to). */
    static void permuteReference(long[] a) {
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
