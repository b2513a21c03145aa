package io.chainbeasts.engine;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.curriculum.TrainingConstants;

/**
 * Everything a window reads that is not in the beast state, as explicit input recorded with the
 * checkpoint (SPEC.md "Window context"):
 * <pre>
 *  "CBWC" u8 version=2       (2: kernel v2, whose season has the disengage and closing-arena constants)
 *  SeasonConstants (42 B)  TrainingConstants (38 B)
 *  bytes32 epochSeed           stands in for blockHash(epoch_start)
 *  bytes32 checkpointRoot      the latest checkpoint hash before this window (self-play key)
 *  bytes32 datasetCommitment   C_dataset, zero when the beast has no private curriculum
 *  bytes32 realPoolCommitment  the real-battle pool's commitment
 *  u8 growthSlot               slot woken at step GROWTH_STEP of this window, 255 = none
 * </pre>
 * Its Keccak-256 is the context hash, which {@code h128} commits to.
 */
public record WindowContext(SeasonConstants season, TrainingConstants training, byte[] epochSeed, byte[] checkpointRoot,
                            byte[] datasetCommitment, byte[] realPoolCommitment, int growthSlot) {
    public static final int NO_GROWTH = 255;
    public static final int VERSION = 2;
    public static final byte[] ZERO32 = new byte[32];

    public WindowContext {
        for (byte[] b : new byte[][] {epochSeed, checkpointRoot, datasetCommitment, realPoolCommitment}) {
            if (b.length != 32) throw new IllegalArgumentException("window context hashes must be 32 bytes, got " + b.length);
        }
        if (growthSlot != NO_GROWTH && (growthSlot < 0 || growthSlot >= NetShape.SLOTS)) {
            throw new IllegalArgumentException("growthSlot " + growthSlot + " is outside 0.." + (NetShape.SLOTS - 1) + " (or 255 for none)");
        }
        epochSeed = epochSeed.clone();
        checkpointRoot = checkpointRoot.clone();
        datasetCommitment = datasetCommitment.clone();
        realPoolCommitment = realPoolCommitment.clone();
    }

    public boolean hasPrivateDataset() {
        for (byte v : datasetCommitment) if (v != 0) return true;
        return false;
    }

    public byte[] toBytes() {
        CanonicalWriter w = new CanonicalWriter(160);
        w.bytes(new byte[] {'C', 'B', 'W', 'C'}).u8(VERSION);
        season.encode(w);
        training.encode(w);
        w.bytes32(epochSeed).bytes32(checkpointRoot).bytes32(datasetCommitment).bytes32(realPoolCommitment).u8(growthSlot);
        return w.toByteArray();
    }

    public byte[] hash() {
        return io.chainbeasts.core.Keccak256.hash(toBytes());
    }

    /** XOR of the four big-endian 64-bit words of a 32-byte value (how hashes seed a PRNG). */
    public static long fold64(byte[] b32) {
        return io.chainbeasts.curriculum.PrivateSampling.fold(b32);
    }
}
