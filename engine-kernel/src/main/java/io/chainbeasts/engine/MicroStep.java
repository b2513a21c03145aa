package io.chainbeasts.engine;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;

/**
 * One training micro-step, in this order (SPEC.md "Training step"; the OpenCL kernel mirrors it):
 * <ol>
 *   <li>schedule: epoch = globalStep / stepsPerEpoch; lrShift and trained heads from the curriculum;</li>
 *   <li>sample: the source for this step, then the board;</li>
 *   <li>labels: the coach's demonstration on a private record that has one, else the teacher (a search over the
 *       rules);</li>
 *   <li>encode, forward, loss and output gradients, backward and update;</li>
 *   <li>ENERGY for the step; globalStep + 1 (unsigned 32-bit wrap).</li>
 * </ol>
 */
public final class MicroStep {
    private MicroStep() {}

    /** Scratch for a step: the net's arrays and the teacher's candidate scores. */
    public static final class Scratch {
        final NetScratch net;
        final long[] scores = new long[Lookahead.CANDIDATES];
        private Lookahead teacher;

        /** Scratch for the optimised kernel ({@link FastNet}): what the trainer and the verifier run. */
        public Scratch() {
            this(new NetScratch());
        }

        private Scratch(NetScratch net) {
            this.net = net;
        }

        /** Scratch for the optimised kernel with its scalar loops only (no Vector API); same results. */
        public static Scratch scalar() {
            return new Scratch(NetScratch.scalar());
        }

        /** Scratch for the optimised kernel with the Vector API on any CPU (tests; {@link NetScratch#vectorsOn()}). */
        static Scratch vectorsOn() {
            return new Scratch(NetScratch.vectorsOn());
        }

        /** Scratch whose steps run the readable reference kernel ({@link Net}); same results, slower. */
        public static Scratch reference() {
            return new Scratch(NetScratch.reference());
        }

        Lookahead teacher(SeasonConstants season) {
            if (teacher == null || teacher.cells() < season.cells()) {
                teacher = new Lookahead(season.cells(), Lookahead.TEACHER_DEPTH, net.reference ? null : net.paths);
            }
            return teacher;
        }
    }

    /**
     * The step's label: on a private step whose record carries a demonstration that is legal on its board, the
     * coach's action (imitation); otherwise the teacher's.
     */
    static Label teach(int source, Board board, BeastState s, WindowInputs in, Scratch scratch) {
        SeasonConstants season = in.context().season();
        if (source == SampleSource.PRIVATE) {
            Demonstration d = in.dataset().demonstration(Sampler.privateIndex(s, in));
            if (Labels.isLegal(d, board, season)) return Labels.demonstrated(d);
        }
        return Labels.of(board, season, scratch.teacher(season), scratch.scores);
    }

    public static StepRecord run(BeastState s, WindowInputs in, Scratch scratch) {
        TrainingConstants tc = in.context().training();
        int epoch = Curriculum.epoch(s.globalStep & 0xFFFFFFFFL, tc);
        s.lrShift = Curriculum.lrShift(epoch, tc);
        int heads = Curriculum.heads(epoch, tc);

        int source = SampleSource.forStep(s.globalStep & 0xFFFFFFFFL, in.context().hasPrivateDataset());
        Board board = Sampler.draw(source, s, in, scratch.net);

        Label label = teach(source, board, s, in, scratch);

        NetScratch t = scratch.net;
        InputEncoder.encode(board, in.context().season(), t);
        if (t.reference) Net.forward(s, t);
        else FastNet.forward(s, t);
        int[] outputs = t.out.clone();
        Net.Losses losses = Net.lossAndGradient(t, label, heads);
        if (t.reference) Net.backwardAndUpdate(s, t);
        else FastNet.backwardAndUpdate(s, t);

        long energy = Energy.stepCost(s.activeMask, tc);
        s.energyTotal += energy;
        int stepRan = s.globalStep;
        s.globalStep = s.globalStep + 1;
        return new StepRecord(stepRan, source, board, board.key(), label, heads, outputs, losses, energy, s.lrShift, s.activeMask);
    }
}
