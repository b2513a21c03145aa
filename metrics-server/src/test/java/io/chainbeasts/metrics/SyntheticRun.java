package io.chainbeasts.metrics;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;

import java.nio.ByteBuffer;

/**
 * Test-only stand-in for the trainer (which is built elsewhere): a deterministic, integer-only
 * sequence of TrainingMetrics shaped like a real run. Losses decay with seeded noise, running
 * accuracies climb, the power head is trained from step 65 and the block head from step 193
 * (null before, like a curriculum), ENERGY grows with the active slots, and every 128th step
 * carries an h128 (Keccak-256 of the step number standing in for the real state hash).
 */
final class SyntheticRun {
    static final String BEAST = "00000000000000000000000000000000000000000000000000000000000beef1";
    private final String beastId;
    private final long seed;

    SyntheticRun(String beastId, long seed) {
        this.beastId = beastId;
        this.seed = seed;
    }

    SyntheticRun() {
        this(BEAST, 42);
    }

    /** The metrics of micro-step {@code globalStep} (1-based: steps completed including this one). */
    TrainingMetrics step(long globalStep) {
        long window = (globalStep - 1) / 128;
        long noise = SplitMix64.hash(seed ^ globalStep);
        int move = loss(globalStep, 0, 2 * TrainingMetrics.Q16_ONE, noise);
        Integer power = globalStep > 64 ? loss(globalStep - 64, 300, TrainingMetrics.Q16_ONE * 3 / 2, noise >>> 16) : null;
        Integer block = globalStep > 192 ? loss(globalStep - 192, 500, TrainingMetrics.Q16_ONE, noise >>> 32) : null;
        Integer accMove = acc(globalStep, 333, 930);
        Integer accPower = globalStep > 64 ? acc(globalStep - 64, 62, 800) : null;
        Integer accBlock = globalStep > 192 ? acc(globalStep - 192, 500, 880) : null;
        int lrShift = globalStep < 512 ? 6 : 7;
        long activeMask = globalStep < 256 ? 0x0FL : 0x1FL;
        long energy = globalStep * Long.bitCount(activeMask) * 3;
        String h128 = globalStep % 128 == 0
                ? Hex.of(Keccak256.hash(ByteBuffer.allocate(16).putLong(seed).putLong(globalStep).array())) : null;
        return new TrainingMetrics(beastId, globalStep, window, new TrainingMetrics.Heads(move, power, block),
                new TrainingMetrics.Heads(accMove, accPower, accBlock), lrShift, activeMask, energy, h128);
    }

    /** start * tau / (tau + t) plus up to ±12% seeded noise, in Q16. */
    private static int loss(long t, long lag, int start, long noise) {
        long tau = 150 + lag;
        long base = (long) start * tau / (tau + t);
        long jitter = (base * ((noise & 0xFF) - 128)) / 1024;
        return (int) Math.max(1, base + jitter);
    }

    /** Climbs from {@code from} to {@code to} per-mille with a 200-step time constant. */
    private static int acc(long t, int from, int to) {
        return (int) (to - (long) (to - from) * 200 / (200 + t));
    }
}
