/*
 * keccak256.cl: the OpenCL C twin of core/.../Keccak256.java (Ethereum Keccak-256, pad 0x01..0x80).
 * Streaming form: bytes are XORed straight into the lanes (lane i>>3, byte i&7, little-endian), which
 * is what Java's block-then-absorb does; a full 136-byte block triggers the permutation.
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

/* Rotation offsets r[x + 5y]. */
__constant int KECCAK256_ROT[25] = {
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14,
};

typedef struct {
    ulong a[25];
    int blockLen;
} Keccak256;

void keccak256_init(Keccak256 *k) {
    for (int i = 0; i < 25; i++) k->a[i] = 0;
    k->blockLen = 0;
}

/* Keccak-f[1600] on the 25 lanes a[x + 5y]; the same loops as Java (the % are by the literal 5). */
void keccak256_permute(ulong *a) {
    ulong c[5];
    ulong b[25];
    for (int round = 0; round < 24; round++) {
        for (int x = 0; x < 5; x++) {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for (int x = 0; x < 5; x++) {
            ulong d = c[(x + 4) % 5] ^ rotate(c[(x + 1) % 5], (ulong) 1);
            for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
        }
        for (int x = 0; x < 5; x++) {
            for (int y = 0; y < 5; y++) {
                b[y + 5 * ((2 * x + 3 * y) % 5)] = rotate(a[x + 5 * y], (ulong) KECCAK256_ROT[x + 5 * y]);
            }
        }
        for (int y = 0; y < 25; y += 5) {
            for (int x = 0; x < 5; x++) {
                a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
            }
        }
        a[0] ^= KECCAK256_RC[round];
    }
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

void keccak256_i32(Keccak256 *k, uint v) {
    keccak256_updateByte(k, v >> 24);
    keccak256_updateByte(k, v >> 16);
    keccak256_updateByte(k, v >> 8);
    keccak256_updateByte(k, v);
}

void keccak256_i64(Keccak256 *k, ulong v) {
    for (int s = 56; s >= 0; s -= 8) keccak256_updateByte(k, (uint) (v >> s));
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
