package io.chainbeasts.engine;

/**
 * The outcome of a 128-step window: the checkpoint fields {@code {energyBurn, activeMask, lrShift,
 * h128, globalStep}}, the private-curriculum additions {@code lineageHash} and {@code lossDrop},
 * and what they were computed from (state hash, context hash, window loss, per-head tallies).
 */
public record WindowResult(long energyBurn, int activeMask, int lrShift, byte[] h128, int globalStep,
                           byte[] lineageHash, boolean lossDrop, byte[] stateHash, byte[] contextHash,
                           long windowLoss, HeadTally tally) {

    /** Training-time accuracy counts of the window (outputs before each step's update). */
    public record HeadTally(int moveSeen, int moveRight, int powerSeen, int powerRight, int blockSeen, int blockRight,
                            long moveLossQ16, long powerLossQ16, long blockLossQ16) {}
}
