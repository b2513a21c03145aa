package io.chainbeasts.engine;

import io.chainbeasts.combat.Board;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;

/**
 * One training micro-step, in this order (SPEC.md "Training step"; the OpenCL kernel mirrors it):
 * <ol>
 *   <li>schedule: epoch = globalStep / stepsPerEpoch; lrShift and trained heads from the curriculum;</li>
 *   <li>sample: the source for this step, then the board;</li>
 *   <li>labels by the rules;</li>
 *   <li>encode, forward, loss and output gradients, backward and update;</li>
 *   <li>ENERGY for the step; globalStep + 1 (unsigned 32-bit wrap).</li>
 * </ol>
 */
public final class MicroStep {
    private MicroStep() {}

    /** Scratch for a step: the net's arrays and the BFS arrays of the labels. */
    public static final class Scratch {
        final NetScratch net = new NetScratch();
        int[] dist = new int[0];
        int[] queue = new int[0];

        void ensureCells(int n) {
            if (dist.length < n) {
                dist = new int[n];
                queue = new int[n];
            }
        }
    }

    public static StepRecord run(BeastState s, WindowInputs in, Scratch scratch) {
        TrainingConstants tc = in.context().training();
        int epoch = Curriculum.epoch(s.globalStep & 0xFFFFFFFFL, tc);
        s.lrShift = Curriculum.lrShift(epoch, tc);
        int heads = Curriculum.heads(epoch, tc);

        int source = SampleSource.forStep(s.globalStep & 0xFFFFFFFFL, in.context().hasPrivateDataset());
        Board board = Sampler.draw(source, s, in, scratch.net);

        scratch.ensureCells(board.arena().width() * board.arena().height());
        Label label = Labels.of(board, in.context().season(), scratch.dist, scratch.queue);

        NetScratch t = scratch.net;
        InputEncoder.encode(board, in.context().season(), t.x);
        Net.forward(s, t);
        int[] outputs = t.out.clone();
        Net.Losses losses = Net.lossAndGradient(t, label, heads);
        Net.backwardAndUpdate(s, t);

        long energy = Energy.stepCost(s.activeMask, tc);
        s.energyTotal += energy;
        int stepRan = s.globalStep;
        s.globalStep = s.globalStep + 1;
        return new StepRecord(stepRan, source, board, board.key(), label, heads, outputs, losses, energy, s.lrShift, s.activeMask);
    }
}
