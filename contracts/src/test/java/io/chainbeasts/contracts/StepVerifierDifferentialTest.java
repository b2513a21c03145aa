package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.PrivateDatasets;
import io.chainbeasts.engine.WindowContext;
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
        int[] bySource = new int[4];
        int[] byHeads = new int[8];
        int growthSteps = 0;
        List<String> mismatches = compare(steps, bySource, byHeads, null);
        for (StepTrace.Step s : steps) if (s.k() == 64 && s.ctx()[213] != (byte) 255) growthSteps++;
        assertEquals(List.of(), mismatches, mismatches.size() + " mismatches (first 10 shown)");
        assertTrue(bySource[SampleSource.PRIVATE] == 0, "public beasts only here");
        assertTrue(bySource[SampleSource.SELF_PLAY] > 0 && bySource[SampleSource.TEMPLATE] > 0 && bySource[SampleSource.REAL_BATTLE] > 0,
                "every public source: " + Arrays.toString(bySource));
        assertTrue(byHeads[1] > 0 && byHeads[3] > 0 && byHeads[7] > 0, "every head set: " + Arrays.toString(byHeads));
        assertTrue(growthSteps >= 3, "growth steps " + growthSteps);
        System.out.println("StepVerifierDifferentialTest: " + steps.size() + " micro-steps equal (by source " + Arrays.toString(bySource)
                + ", by heads " + Arrays.toString(byHeads) + ", growth steps " + growthSteps + ")");
    }

    /**
     * Private beasts (issue 12: a private window re-executed on chain): the window context commits C_dataset, every
     * step's witness starts with S_owner || R_dataset, and half the steps draw a record of the owner's dataset, opened
     * with its Merkle path. A beast coached with demonstrations of every kind (legal ones train toward the coach's
     * action, illegal ones fall back to the teacher, some boards carry none) over three windows of 128-step epochs (so
     * every head set and a growth step), and a beast on boards alone; compared byte for byte as the public steps are.
     */
    @Test
    void privateStepsMatchJavaByteForByte() {
        SeasonConstants season = SeasonConstants.DEFAULT;
        List<io.chainbeasts.combat.Board> boards = new ArrayList<>();
        for (int i = 0; i < 90; i++) boards.add(pool.get(i * 7 % pool.size()));
        InMemoryDataset coached = PrivateDatasets.coached(boards, season);
        InMemoryDataset plain = PrivateDatasets.boardsOnly(boards.subList(0, 33));
        List<StepTrace.Step> steps = new ArrayList<>();
        steps.addAll(StepTrace.run(StepTrace.seed(0x9A1L, 0), 3, FAST_EPOCHS, season, pool, new int[] {255, 255, 4}, coached, SECRET));
        steps.addAll(StepTrace.run(StepTrace.seed(0x9A1L, 1), 1, TrainingConstants.DEFAULT, season, pool, new int[] {255}, plain, k("other")));
        int[] bySource = new int[4];
        int[] byHeads = new int[8];
        int[] demos = new int[2]; // private steps labelled by a demonstration, by the teacher
        List<String> mismatches = compare(steps, bySource, byHeads, (s, p) -> {
            if (s.source() != SampleSource.PRIVATE) return;
            BeastState pre = BeastState.decode(s.pre());
            boolean isCoached = s.seedCore() == StepTrace.seed(0x9A1L, 0);
            InMemoryDataset ds = isCoached ? coached : plain;
            int i = PrivateWitness.drawnIndex(pre, PrivateSampling.fold(isCoached ? SECRET : k("other")), ds.size());
            boolean legal = Labels.isLegal(ds.demonstration(i), ds.get(i), season);
            demos[legal ? 0 : 1]++;
            if (legal) {
                Label want = Labels.demonstrated(ds.demonstration(i));
                assertArrayEquals(new int[] {want.move(), want.power(), want.block(), 0}, p.label(), "the demonstration's label");
            }
        });
        assertEquals(List.of(), mismatches, mismatches.size() + " mismatches (first 10 shown)");
        assertTrue(bySource[SampleSource.PRIVATE] >= 200 && bySource[SampleSource.REAL_BATTLE] > 0 && bySource[SampleSource.SELF_PLAY] > 0,
                "private windows draw every source: " + Arrays.toString(bySource));
        assertTrue(demos[0] > 20 && demos[1] > 20, "demonstrated " + demos[0] + ", teacher " + demos[1]);
        assertTrue(byHeads[1] > 0 && byHeads[3] > 0 && byHeads[7] > 0, "every head set: " + Arrays.toString(byHeads));
        System.out.println("StepVerifierDifferentialTest: " + steps.size() + " micro-steps of private windows equal (by source "
                + Arrays.toString(bySource) + "; private steps labelled by a demonstration " + demos[0] + ", by the teacher " + demos[1] + ")");
    }

    /** Malformed records a private step can be handed (a dataset of one record: every step draws it) revert by name. */
    @Test
    void malformedPrivateRecordsRevertByName() {
        io.chainbeasts.combat.Board b = pool.get(0);
        byte[] board = b.toBytes();
        byte[][] records = {
                StepTrace.concat(board, new byte[] {7, (byte) 255, (byte) 255}),          // no such action kind
                StepTrace.concat(board, new byte[] {1, (byte) 255, 2}),                   // a MOVE without a direction
                StepTrace.concat(board, new byte[] {0, (byte) 255, 9}),                   // outcome 9
                StepTrace.concat(Arrays.copyOf(board, board.length - 1), new byte[] {(byte) 255, (byte) 255, (byte) 255}), // short board
                {1, 1},                                                                   // shorter than a demonstration
        };
        String[] errors = {"DemonstrationMalformed", "DemonstrationMalformed", "DemonstrationMalformed", "BoardMalformed", "BoardMalformed"};
        BeastState pre = io.chainbeasts.engine.Hatchery.hatch(0x77); // globalStep 0: a private step
        WindowContext ctx = new WindowContext(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, k("epoch"), k("root"), k("C_dataset"),
                pool.commitment(), 255);
        for (int i = 0; i < records.length; i++) {
            RecordsMerkle m = new RecordsMerkle(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, List.of(records[i]));
            byte[] w = StepTrace.concat(SECRET, m.root(), new io.chainbeasts.core.CanonicalWriter(10).i32(1).i32(0).u16(records[i].length)
                    .toByteArray(), records[i], new byte[] {0});
            ContractRevertException e = assertThrows(ContractRevertException.class,
                    () -> chain.step(0, pre.toBytes(), ctx.toBytes(), new byte[32], 0, 0, w), "record " + i);
            assertEquals(errors[i], e.error(), "record " + i + ": " + e.getMessage());
        }
    }

    static final byte[] SECRET = k("S_owner");

    static byte[] k(String s) {
        return io.chainbeasts.core.Keccak256.hash(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Each step through stepPost against its Java trace; per source and head-set counts; {@code check} sees every equal step. */
    List<String> compare(List<StepTrace.Step> steps, int[] bySource, int[] byHeads,
                         java.util.function.BiConsumer<StepTrace.Step, StepVerifierChain.Post> check) {
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
            if (check != null && mismatches.isEmpty()) check.accept(s, p);
            bySource[s.source()]++;
            byHeads[s.heads()]++;
        }
        return mismatches;
    }
}
