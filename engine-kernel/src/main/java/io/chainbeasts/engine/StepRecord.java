package io.chainbeasts.engine;

import io.chainbeasts.combat.Board;
import io.chainbeasts.curriculum.Label;

/**
 * What one micro-step did, for metrics, the float reference and debugging: the step number it
 * ran as, the sample's source, board and key, the label, the heads trained, the net outputs
 * before the update, the per-head losses (Q16), the ENERGY charged for the step, and the learning-rate
 * shift and active mask it ran with.
 */
public record StepRecord(int globalStep, int source, Board board, byte[] sampleKey, Label label, int heads,
                         int[] outputs, Net.Losses losses, long energy, int lrShift, int activeMask) {}
