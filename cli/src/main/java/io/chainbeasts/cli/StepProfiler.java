package io.chainbeasts.cli;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Lookahead;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.InputEncoder;
import io.chainbeasts.engine.Net;
import io.chainbeasts.engine.NetScratch;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.Sampler;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

/**
 * Where a Java micro-step's time goes: runs the phases of {@code MicroStep.run} one by one through
 * the same public functions, with a clock between them (the kernel path itself may not read one).
 */
final class StepProfiler {
    static final String[] PHASES = {"sampling (incl. self-play turns)", "labels (BFS, rules)", "encode + forward",
        "loss + output gradients", "backward + update", "hashing (sample key, lineage)"};

    /** Nanoseconds per phase over {@code steps} steps from a beast with all slots live. */
    static long[] profile(int steps) {
        SeasonConstants season = SeasonConstants.DEFAULT;
        TrainingConstants tc = TrainingConstants.DEFAULT;
        RealBattlePool pool = RealBattlePool.defaultPool(season);
        BeastState s = Hatchery.hatch(9);
        s.activeMask = NetShape.ALL_SLOTS_MASK;
        s.globalStep = 12_288; // all heads trained
        WindowInputs in = WindowInputs.publicWindow(TrainingPlan.context(s, season, tc, WindowContext.ZERO32, WindowContext.ZERO32, pool), pool);
        NetScratch t = new NetScratch();
        long[] scores = new long[Lookahead.CANDIDATES];
        Lookahead teacher = new Lookahead(season.cells(), Lookahead.TEACHER_DEPTH);
        long[] ns = new long[PHASES.length];
        byte[] lineage = new byte[32];
        for (int i = 0; i < steps; i++) {
            int epoch = Curriculum.epoch(s.globalStep & 0xFFFFFFFFL, tc);
            s.lrShift = Curriculum.lrShift(epoch, tc);
            long a = System.nanoTime();
            int source = SampleSource.forStep(s.globalStep & 0xFFFFFFFFL, false);
            Board board = Sampler.draw(source, s, in, t);
            long b = System.nanoTime();
            Label label = Labels.of(board, season, teacher, scores);
            long c = System.nanoTime();
            InputEncoder.encode(board, season, t);
            Net.forward(s, t);
            long d = System.nanoTime();
            Net.lossAndGradient(t, label, Curriculum.heads(epoch, tc));
            long e = System.nanoTime();
            Net.backwardAndUpdate(s, t);
            long f = System.nanoTime();
            lineage = new Keccak256().update(lineage).update(new byte[] {(byte) source}).update(board.key()).digest();
            long g = System.nanoTime();
            s.globalStep++;
            ns[0] += b - a;
            ns[1] += c - b;
            ns[2] += d - c;
            ns[3] += e - d;
            ns[4] += f - e;
            ns[5] += g - f;
        }
        return ns;
    }

    /**
     * Multiply-accumulates of one training step with all slots live: forward, hidden gradients,
     * output-weight update and input-weight update, plus the self-play forwards (on 3/4 of the steps,
     * 1.5 turns on average).
     */
    static long macsPerStep() {
        long fwd = (long) NetShape.HIDDEN * NetShape.N_IN + (long) NetShape.N_OUT * NetShape.HIDDEN;
        long bwd = 2L * NetShape.N_OUT * NetShape.HIDDEN + (long) NetShape.HIDDEN * NetShape.N_IN;
        long selfPlay = fwd * 3 * 3 / (4 * 2);
        return fwd + bwd + selfPlay;
    }
}
