package io.chainbeasts.datasets;

import io.chainbeasts.curriculum.Demonstration;

import java.util.List;

/** How many samples carry a demonstration, and the outcome split: what {@code dataset pack} and {@code check} print. */
public record DemonstrationCounts(int samples, int demonstrations, int wins, int draws, int losses, int unknown) {
    public static DemonstrationCounts of(List<Sample> samples) {
        int demos = 0;
        int[] by = new int[4]; // win, draw, loss, unknown
        for (Sample s : samples) {
            Demonstration d = s.demonstration();
            if (!d.present()) continue;
            demos++;
            switch (d.outcome()) {
                case Demonstration.WIN: by[0]++; break;
                case Demonstration.DRAW: by[1]++; break;
                case Demonstration.LOSS: by[2]++; break;
                default: by[3]++; break;
            }
        }
        return new DemonstrationCounts(samples.size(), demos, by[0], by[1], by[2], by[3]);
    }

    public int boardsOnly() {
        return samples - demonstrations;
    }

    /** e.g. {@code demonstrations: 596 of 596 samples (149 win, 298 draw, 149 loss, 0 unknown outcome); 0 boards only}. */
    @Override
    public String toString() {
        return "demonstrations: " + demonstrations + " of " + samples + " samples (" + wins + " win, " + draws + " draw, "
                + losses + " loss, " + unknown + " unknown outcome); " + boardsOnly() + " boards only";
    }
}
