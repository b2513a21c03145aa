package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.curriculum.Demonstration;

import java.util.Objects;

/**
 * One sample of a packed private dataset (format v2): a board, at its battle turn, and the coach's demonstration
 * on it ({@link Demonstration#NONE} when the sample is a board only). A present demonstration has been checked
 * legal on its board ({@link DemonstrationCheck}) before it is packed.
 */
public record Sample(Board board, Demonstration demonstration) {
    public Sample {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(demonstration, "demonstration");
    }

    /** A sample without a demonstration. */
    public static Sample boardOnly(Board board) {
        return new Sample(board, Demonstration.NONE);
    }
}
