package io.chainbeasts.curriculum;

import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.SplitMix64;

/**
 * The private curriculum's sample order (seed rules, "Sample Selection"):
 * {@code sampleIdx = splitMix64(seed_core ^ fold(S_owner) ^ globalStep) mod DATASET_LEN}, where
 * {@code fold} XORs the four big-endian 64-bit words of the 32-byte secret and globalStep is the
 * unsigned 32-bit step counter.
 */
public final class PrivateSampling {
    private PrivateSampling() {}

    public static long fold(byte[] secret32) {
        if (secret32.length != 32) throw new IllegalArgumentException("S_owner must be 32 bytes, got " + secret32.length);
        long f = 0;
        for (int word = 0; word < 4; word++) {
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (secret32[word * 8 + i] & 0xFFL);
            f ^= v;
        }
        return f;
    }

    public static int index(long seedCore, long secretFold, int globalStep, int datasetLength) {
        if (datasetLength <= 0) throw new IllegalArgumentException("dataset is empty");
        long mixed = SplitMix64.hash(seedCore ^ secretFold ^ (globalStep & 0xFFFFFFFFL));
        return (int) Fixed.remUnsigned(mixed, datasetLength);
    }
}
