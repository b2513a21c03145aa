package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The private window's witnesses as spec/datasets.md 6a writes them, read back field by field here: every private step
 * of a real window opens the record PrivateSampling.index draws, with a path RecordsMerkle.verify accepts under R_dataset;
 * other steps carry only the prefix (and a real-battle step its pool witness); the used records are one opening per
 * private step, in step order.
 */
class PrivateWitnessTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final byte[] SECRET = Keccak256.hash(new byte[] {42});

    @Test
    void everyStepOfAPrivateWindowOpensWhatItDrew() {
        RealBattlePool pool = RealBattlePool.defaultPool(SEASON);
        List<Board> boards = new ArrayList<>();
        List<Demonstration> demos = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            boards.add(pool.get(3 * i));
            demos.add(i % 3 == 0 ? Demonstration.NONE : new Demonstration(ActionKind.MOVE, i % Dir.COUNT, Demonstration.WIN));
        }
        InMemoryDataset ds = new InMemoryDataset(boards, demos);
        PrivateWitness.Records r = PrivateWitness.of(ds);
        long fold = PrivateSampling.fold(SECRET);
        BeastState pre = Hatchery.hatch(0x5EC);
        WindowContext ctx = TrainingPlan.context(pre, SEASON, TrainingConstants.DEFAULT, new byte[32], ds.commitment(), pool);
        List<StepDigest.Point> pts = new ArrayList<>();
        StepDigest.replay(pre, new WindowInputs(ctx, pool, ds, fold), true, pts::add);

        int privateSteps = 0;
        CanonicalReader used = new CanonicalReader(PrivateWitness.used(SECRET, r, pts));
        for (int k = 0; k < Window.STEPS; k++) {
            byte[] w = PrivateWitness.step(SECRET, r, pts.get(k), pool);
            assertArrayEquals(SECRET, Arrays.copyOfRange(w, 0, 32), "step " + k + ": S_owner first");
            assertArrayEquals(r.root(), Arrays.copyOfRange(w, 32, 64), "step " + k + ": R_dataset second");
            byte[] tail = Arrays.copyOfRange(w, 64, w.length);
            int source = pts.get(k + 1).source();
            if (source != SampleSource.PRIVATE) {
                assertArrayEquals(StepDigest.witness(pts.get(k).state(), pool), tail, "step " + k + ": the public witness");
                continue;
            }
            privateSteps++;
            BeastState st = BeastState.decode(pts.get(k).state());
            int want = PrivateSampling.index(st.seedCore, fold, st.globalStep, ds.size());
            CanonicalReader c = new CanonicalReader(tail);
            assertEquals(ds.size(), c.i32("count"));
            int index = c.i32("index");
            assertEquals(want, index, "step " + k + ": the drawn index");
            byte[] rec = c.bytes(c.u16("len"), "record");
            List<byte[]> path = new ArrayList<>();
            int depth = c.u8("depth");
            for (int j = 0; j < depth; j++) path.add(c.bytes(32, "sibling"));
            c.end("witness");
            assertEquals(RecordsMerkle.depth(ds.size()), depth);
            assertTrue(RecordsMerkle.verify(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, r.root(), ds.size(), index, rec, path),
                    "step " + k + ": the path reaches R_dataset");
            // the record is the board the step drew, then the demonstration's three bytes
            assertArrayEquals(pts.get(k + 1).drawn().toBytes(), Arrays.copyOf(rec, rec.length - 3), "step " + k + ": the drawn board");
            Demonstration d = ds.demonstration(index);
            assertArrayEquals(new byte[] {(byte) d.kind(), (byte) d.dir(), (byte) d.outcome()}, Arrays.copyOfRange(rec, rec.length - 3, rec.length));
            // the used records hold the same opening, tagged with k
            assertEquals(k, used.u8("k"));
            assertArrayEquals(tail, used.bytes(tail.length, "opening"), "step " + k + ": the revealed opening");
        }
        used.end("usedRecords");
        assertEquals(64, privateSteps, "half the steps of a private window draw a record");
    }
}
