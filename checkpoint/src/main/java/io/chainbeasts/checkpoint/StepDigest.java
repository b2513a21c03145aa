package io.chainbeasts.checkpoint;

import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.engine.BeastState;

/**
 * The per-micro-step claim a window record carries for every one of its 128 steps (spec/verification.md
 * "Step digests"). A full Keccak-256 of the ~29 kB canonical state after every step costs about 25x the
 * training itself, so each step is committed by this cheaper digest instead:
 * <pre>
 *  lanes a, b, c, d (u64) start at four fixed constants; for every i32 word v of
 *  w1 || b1 || w2 || b2 at position p, lane (p mod 4) := rotl64((lane ^ (v as u32)) * M_lane, 29)
 *  digest = keccak256("CBSD" || u8 1 || u64 seedCore || u32 globalStep || u32 activeMask || u8 lrShift
 *                     || u64 energyTotal || i64 prevWindowLoss || u64 mix(a) || u64 mix(b) || u64 mix(c) || u64 mix(d))
 * </pre>
 * where {@code mix} is SplitMix64's finaliser ({@link SplitMix64#hash}). Every scalar of the state
 * enters the Keccak input as is; the weights enter through the four multiply-rotate chains.
 *
 * <p>It is a <em>localisation aid</em>, not a cryptographic commitment to the weights: any honest
 * divergence changes it (each chain step is a bijection of the lane for a fixed word, so a single
 * changed word always changes its lane), but a trainer who wants to could craft two weight vectors
 * with equal lanes. The verdict on a window never rests on it: a window is judged by the full
 * Keccak-256 state hashes and the payload; the digests only say at which step a replay first differs.
 */
public final class StepDigest {
    private StepDigest() {}

    public static final int SIZE = 32;
    private static final byte[] MAGIC = {'C', 'B', 'S', 'D'};
    private static final long M0 = 0x9E3779B97F4A7C15L;
    private static final long M1 = 0xBF58476D1CE4E5B9L;
    private static final long M2 = 0x94D049BB133111EBL;
    private static final long M3 = 0xD6E8FEB86659FD93L;

    public static byte[] of(BeastState s) {
        long[] lanes = {0x243F6A8885A308D3L, 0x13198A2E03707344L, 0xA4093822299F31D0L, 0x082EFA98EC4E6C89L};
        int p = 0;
        p = absorb(lanes, s.w1, p);
        p = absorb(lanes, s.b1, p);
        p = absorb(lanes, s.w2, p);
        absorb(lanes, s.b2, p);
        CanonicalWriter w = new CanonicalWriter(4 + 1 + 8 + 4 + 4 + 1 + 8 + 8 + 32);
        w.bytes(MAGIC).u8(1).i64(s.seedCore).i32(s.globalStep).i32(s.activeMask).u8(s.lrShift).i64(s.energyTotal)
                .i64(s.prevWindowLoss);
        for (long lane : lanes) w.i64(SplitMix64.hash(lane));
        return w.keccak();
    }

    private static int absorb(long[] lanes, int[] words, int start) {
        long a = lanes[0], b = lanes[1], c = lanes[2], d = lanes[3];
        int p = start;
        int i = 0;
        // keep the lane of word i at (start + i) mod 4 while unrolling by 4
        while (i < words.length && (p & 3) != 0) {
            long v = words[i++] & 0xFFFF_FFFFL;
            switch (p & 3) {
                case 1 -> b = Long.rotateLeft((b ^ v) * M1, 29);
                case 2 -> c = Long.rotateLeft((c ^ v) * M2, 29);
                default -> d = Long.rotateLeft((d ^ v) * M3, 29);
            }
            p++;
        }
        for (; i + 4 <= words.length; i += 4, p += 4) {
            a = Long.rotateLeft((a ^ (words[i] & 0xFFFF_FFFFL)) * M0, 29);
            b = Long.rotateLeft((b ^ (words[i + 1] & 0xFFFF_FFFFL)) * M1, 29);
            c = Long.rotateLeft((c ^ (words[i + 2] & 0xFFFF_FFFFL)) * M2, 29);
            d = Long.rotateLeft((d ^ (words[i + 3] & 0xFFFF_FFFFL)) * M3, 29);
        }
        for (; i < words.length; i++, p++) {
            long v = words[i] & 0xFFFF_FFFFL;
            switch (p & 3) {
                case 0 -> a = Long.rotateLeft((a ^ v) * M0, 29);
                case 1 -> b = Long.rotateLeft((b ^ v) * M1, 29);
                case 2 -> c = Long.rotateLeft((c ^ v) * M2, 29);
                default -> d = Long.rotateLeft((d ^ v) * M3, 29);
            }
        }
        lanes[0] = a;
        lanes[1] = b;
        lanes[2] = c;
        lanes[3] = d;
        return p;
    }
}
