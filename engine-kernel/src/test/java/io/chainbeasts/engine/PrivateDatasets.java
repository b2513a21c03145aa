package io.chainbeasts.engine;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.Labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Private datasets for the kernel's twins (the micro-step vectors, the Solidity verifier's differential test): boards
 * with a coach's demonstrations of every kind, legal ones (the step trains toward them), illegal ones (the kernel asks
 * the teacher instead: packing refuses them, the kernel must still be total) and boards without one.
 */
public final class PrivateDatasets {
    private PrivateDatasets() {}

    /** Every action a demonstration can name: ATTACK, BLOCK, MOVE N/S/E/W, REST, RECOVER. */
    static final int[][] ACTIONS = {{ActionKind.ATTACK, Dir.NONE}, {ActionKind.BLOCK, Dir.NONE}, {ActionKind.MOVE, Dir.N},
            {ActionKind.MOVE, Dir.S}, {ActionKind.MOVE, Dir.E}, {ActionKind.MOVE, Dir.W}, {ActionKind.REST, Dir.NONE},
            {ActionKind.RECOVER, Dir.NONE}};
    static final int[] OUTCOMES = {Demonstration.WIN, Demonstration.LOSS, Demonstration.DRAW, Demonstration.UNKNOWN};

    /** The boards without demonstrations. */
    public static InMemoryDataset boardsOnly(List<Board> boards) {
        return new InMemoryDataset(boards);
    }

    /**
     * The boards with demonstrations: board i carries the first legal action of {@link #ACTIONS} from position i mod 8
     * on, except every 5th board (none) and every 7th (the first illegal action from there, when there is one).
     */
    public static InMemoryDataset coached(List<Board> boards, SeasonConstants season) {
        List<Demonstration> demos = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) demos.add(i % 5 == 4 ? Demonstration.NONE : pick(boards.get(i), season, i, i % 7 != 6));
        return new InMemoryDataset(boards, demos);
    }

    private static Demonstration pick(Board b, SeasonConstants season, int i, boolean legal) {
        for (int j = 0; j < ACTIONS.length; j++) {
            int[] a = ACTIONS[(i + j) % ACTIONS.length];
            Demonstration d = new Demonstration(a[0], a[1], OUTCOMES[i % OUTCOMES.length]);
            if (Labels.isLegal(d, b, season) == legal) return d;
        }
        return Demonstration.NONE;
    }
}
