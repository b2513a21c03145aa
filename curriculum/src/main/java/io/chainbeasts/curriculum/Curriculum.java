package io.chainbeasts.curriculum;

/**
 * What is trained when. An epoch is {@code stepsPerEpoch} micro-steps of the beast's own global
 * step counter (1,024 by default = 8 windows). Epochs 0..powerEpoch-1 train the move head only,
 * then the attack-power head joins, and from blockEpoch the block head too.
 */
public final class Curriculum {
    private Curriculum() {}

    public static final int HEAD_MOVE = 1;
    public static final int HEAD_POWER = 2;
    public static final int HEAD_BLOCK = 4;

    public static int epoch(long globalStep, TrainingConstants tc) {
        return (int) (globalStep / tc.stepsPerEpoch());
    }

    /** Bit set of the heads trained in an epoch. */
    public static int heads(int epoch, TrainingConstants tc) {
        int h = HEAD_MOVE;
        if (epoch >= tc.powerEpoch()) h |= HEAD_POWER;
        if (epoch >= tc.blockEpoch()) h |= HEAD_BLOCK;
        return h;
    }

    /** The learning-rate shift of an epoch; epochs past the schedule keep its last entry. */
    public static int lrShift(int epoch, TrainingConstants tc) {
        int[] s = tc.lrShiftByEpoch();
        return s[Math.min(epoch, s.length - 1)];
    }
}
