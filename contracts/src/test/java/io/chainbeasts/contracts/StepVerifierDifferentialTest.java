package io.chainbeasts.contracts;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Java = Solidity, micro-step by micro-step (issue 12 item 5): real Java micro-steps of several beasts run through the
 * one-step verifier on anvil, comparing the post-state bytes, the running values and both digests. 128-step epochs make
 * one window per epoch, so the eight windows train the move head alone, then attack, then all three, and wake slots
 * 4, 5 and 6 in windows 2, 4 and 6 (the growth step). Every public source is in every window (self-play, template,
 * real battle); a last window runs under a governed season on an 11 x 7 arena (templates from the arena generator).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepVerifierDifferentialTest {
    static final TrainingConstants FAST_EPOCHS = new TrainingConstants(128, new int[] {3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10}, 1, 2, 1_000, 64_000);
    static final int[] GROWTH = {255, 255, 4, 255, 5, 255, 6, 255};

    StepVerifierChain chain;
    RealBattlePool pool;

    @BeforeAll
    void up() throws Exception {
        chain = new StepVerifierChain();
        pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
    }

    @AfterAll
    void down() {
        chain.close();
    }

    @Test
    void everyStepOfEightWindowsMatchesJavaByteForByte() {
        List<StepTrace.Step> steps = new ArrayList<>();
        steps.addAll(StepTrace.run(0x11L, 8, FAST_EPOCHS, SeasonConstants.DEFAULT, pool, GROWTH));
        steps.addAll(StepTrace.run(StepTrace.seed(0xD1FFL, 1), 2, TrainingConstants.DEFAULT, SeasonConstants.DEFAULT, pool, new int[] {255, 4}));
        // A governed season on an 11 x 7 arena: templates come from the arena generator, its own real-battle pool.
        SeasonConstants odd = new SeasonConstants(11, 7, 40, 30, 50, 10, 1, 2, 5, 24, 72, 200, 12, 20, 3, 50, 6, 1, 20, 2, 3);
        steps.addAll(StepTrace.run(StepTrace.seed(0x0DDL, 2), 1, TrainingConstants.DEFAULT, odd, RealBattlePool.fromSeededBattles(0x0DD, 8, odd),
                new int[] {255}));
        assertTrue(steps.size() >= 1_400, "at least 1,000 micro-steps, got " + steps.size());
        TreeMap<Integer, long[]> gasBySource = new TreeMap<>();
        int[] bySource = new int[4];
        int[] byHeads = new int[8];
        int growthSteps = 0;
        List<String> mismatches = new ArrayList<>();
        for (StepTrace.Step s : steps) {
            StepVerifierChain.Post p = chain.stepPost(s);
            String where = "seed 0x" + Long.toHexString(s.seedCore()) + " window " + s.window() + " step " + s.k() + " ("
                    + SampleSource.name(s.source()) + ")";
            if (!Arrays.equals(p.board(), s.board())) {
                int at = StepVerifierChain.firstDiff(p.board(), s.board());
                mismatches.add(where + ": board differs at byte " + at + ": solidity " + StepVerifierChain.hex(p.board(), at, 12)
                        + " java " + StepVerifierChain.hex(s.board(), at, 12));
            } else if (!Arrays.equals(p.state(), s.post())) {
                int at = StepVerifierChain.firstDiff(p.state(), s.post());
                mismatches.add(where + ": post state differs first at byte " + at + " (" + StepVerifierChain.stateField(at) + "): solidity "
                        + StepVerifierChain.hex(p.state(), at, 8) + " java " + StepVerifierChain.hex(s.post(), at, 8)
                        + " label " + Arrays.toString(p.label()) + " losses " + Arrays.toString(p.losses()));
            } else if (!Arrays.equals(p.lineage(), s.postLineage()) || p.loss() != s.postLoss() || p.energy() != s.postEnergy()) {
                mismatches.add(where + ": running values differ: loss " + p.loss() + " vs " + s.postLoss() + ", energy " + p.energy()
                        + " vs " + s.postEnergy());
            }
            if (!Arrays.equals(p.preDigest(), s.preDigest()) || !Arrays.equals(p.postDigest(), s.postDigest())) {
                mismatches.add(where + ": digests differ: D_k 0x" + Hex.of(p.preDigest()) + " vs 0x" + Hex.of(s.preDigest()));
            }
            if (mismatches.size() >= 10) break;
            bySource[s.source()]++;
            byHeads[s.heads()]++;
            if (s.k() == 64 && s.ctx()[213] != (byte) 255) growthSteps++;
        }
        assertEquals(List.of(), mismatches, mismatches.size() + " mismatches (first 10 shown)");
        assertTrue(bySource[SampleSource.SELF_PLAY] > 0 && bySource[SampleSource.TEMPLATE] > 0 && bySource[SampleSource.REAL_BATTLE] > 0,
                "every public source: " + Arrays.toString(bySource));
        assertTrue(byHeads[1] > 0 && byHeads[3] > 0 && byHeads[7] > 0, "every head set: " + Arrays.toString(byHeads));
        assertTrue(growthSteps >= 3, "growth steps " + growthSteps);
        System.out.println("StepVerifierDifferentialTest: " + steps.size() + " micro-steps equal (by source " + Arrays.toString(bySource)
                + ", by heads " + Arrays.toString(byHeads) + ", growth steps " + growthSteps + ")");
    }
}
