/*
 * keccak256.cl: the OpenCL C twin of core/.../Keccak256.java (Ethereum Keccak-256, pad 0x01..0x80).
 * Streaming form: bytes are XORed straight into the lanes (lane i>>3, byte i&7, little-endian), which
 * is what Java's block-then-absorb does; a full 136-byte block triggers the permutation. Big-endian ints
 * go in four bytes at a time (keccak256_i32).
 */
#define KECCAK256_RATE 136
#define KECCAK256_DIGEST_LENGTH 32

__constant ulong KECCAK256_RC[24] = {
    0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
    0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
    0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
    0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
    0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
    0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
};

typedef struct {
    ulong a[25];
    int blockLen;
} Keccak256;

void keccak256_init(Keccak256 *k) {
    for (int i = 0; i < 25; i++) k->a[i] = 0;
    k->blockLen = 0;
}

/* Keccak-f[1600] on the 25 lanes a[x + 5y]: Java's Keccak256.permute, unrolled with the lanes in locals a00..a24
   (theta, rho and pi as one cycle of rotations, chi row by row, iota); Java's permuteReference (the specification's
   loops) is held equal to it by Keccak256Test. */
void keccak256_permute(ulong *a) {
    ulong a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4];
    ulong a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9];
    ulong a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14];
    ulong a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
    ulong a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
    for (int round = 0; round < 24; round++) {
        // theta
        ulong c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
        ulong c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
        ulong c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
        ulong c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
        ulong c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
        ulong d0 = rotate(c1, (ulong) 1) ^ c4;
        ulong d1 = rotate(c2, (ulong) 1) ^ c0;
        ulong d2 = rotate(c3, (ulong) 1) ^ c1;
        ulong d3 = rotate(c4, (ulong) 1) ^ c2;
        ulong d4 = rotate(c0, (ulong) 1) ^ c3;
        a00 ^= d0; a05 ^= d0; a10 ^= d0; a15 ^= d0; a20 ^= d0;
        a01 ^= d1; a06 ^= d1; a11 ^= d1; a16 ^= d1; a21 ^= d1;
        a02 ^= d2; a07 ^= d2; a12 ^= d2; a17 ^= d2; a22 ^= d2;
        a03 ^= d3; a08 ^= d3; a13 ^= d3; a18 ^= d3; a23 ^= d3;
        a04 ^= d4; a09 ^= d4; a14 ^= d4; a19 ^= d4; a24 ^= d4;
        // rho and pi: one cycle of moves through every lane but a00
        c1 = rotate(a01, (ulong) 1);
        a01 = rotate(a06, (ulong) 44);
        a06 = rotate(a09, (ulong) 20);
        a09 = rotate(a22, (ulong) 61);
        a22 = rotate(a14, (ulong) 39);
        a14 = rotate(a20, (ulong) 18);
        a20 = rotate(a02, (ulong) 62);
        a02 = rotate(a12, (ulong) 43);
        a12 = rotate(a13, (ulong) 25);
        a13 = rotate(a19, (ulong) 8);
        a19 = rotate(a23, (ulong) 56);
        a23 = rotate(a15, (ulong) 41);
        a15 = rotate(a04, (ulong) 27);
        a04 = rotate(a24, (ulong) 14);
        a24 = rotate(a21, (ulong) 2);
        a21 = rotate(a08, (ulong) 55);
        a08 = rotate(a16, (ulong) 45);
        a16 = rotate(a05, (ulong) 36);
        a05 = rotate(a03, (ulong) 28);
        a03 = rotate(a18, (ulong) 21);
        a18 = rotate(a17, (ulong) 15);
        a17 = rotate(a11, (ulong) 10);
        a11 = rotate(a07, (ulong) 6);
        a07 = rotate(a10, (ulong) 3);
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
        a00 ^= KECCAK256_RC[round];
    }
    a[0] = a00; a[1] = a01; a[2] = a02; a[3] = a03; a[4] = a04;
    a[5] = a05; a[6] = a06; a[7] = a07; a[8] = a08; a[9] = a09;
    a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14;
    a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19;
    a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24;
}

void keccak256_updateByte(Keccak256 *k, uint v) {
    int i = k->blockLen;
    k->a[i >> 3] ^= ((ulong) (v & 0xFFu)) << (8 * (i & 7));
    k->blockLen = i + 1;
    if (k->blockLen == KECCAK256_RATE) {
        keccak256_permute(k->a);
        k->blockLen = 0;
    }
}

/* CanonicalWriter-style big-endian helpers feeding the sponge directly. */
void keccak256_u16(Keccak256 *k, uint v) {
    keccak256_updateByte(k, v >> 8);
    keccak256_updateByte(k, v);
}

/* Big-endian: the four bytes v >> 24, v >> 16, v >> 8, v; XORed into the lanes at once when they end before the
   block does (the same bytes at the same places as four keccak256_updateByte calls), else byte by byte. */
void keccak256_i32(Keccak256 *k, uint v) {
    int i = k->blockLen;
    if (i + 4 >= KECCAK256_RATE) {
        keccak256_updateByte(k, v >> 24);
        keccak256_updateByte(k, v >> 16);
        keccak256_updateByte(k, v >> 8);
        keccak256_updateByte(k, v);
        return;
    }
    ulong bytes = (ulong) ((v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24));
    int shift = 8 * (i & 7);
    k->a[i >> 3] ^= bytes << shift;
    if (shift > 32) k->a[(i >> 3) + 1] ^= bytes >> (64 - shift);
    k->blockLen = i + 4;
}

void keccak256_i64(Keccak256 *k, ulong v) {
    keccak256_i32(k, (uint) (v >> 32));
    keccak256_i32(k, (uint) v);
}

void keccak256_updatePrivate(Keccak256 *k, const uchar *data, int len) {
    for (int i = 0; i < len; i++) keccak256_updateByte(k, data[i]);
}

void keccak256_updateGlobal(Keccak256 *k, __global const uchar *data, int len) {
    for (int i = 0; i < len; i++) keccak256_updateByte(k, data[i]);
}

void keccak256_digest(Keccak256 *k, uchar *out) {
    int i = k->blockLen;
    k->a[i >> 3] ^= ((ulong) 0x01) << (8 * (i & 7));
    k->a[(KECCAK256_RATE - 1) >> 3] ^= ((ulong) 0x80) << (8 * ((KECCAK256_RATE - 1) & 7));
    keccak256_permute(k->a);
    for (int j = 0; j < KECCAK256_DIGEST_LENGTH; j++) out[j] = (uchar) (k->a[j >> 3] >> (8 * (j & 7)));
    k->blockLen = 0;
}
