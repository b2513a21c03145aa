package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.Board;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.engine.BeastState;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the one-step verifier needs for a step of a private window, and what the owner reveals with its digests
 * (spec/datasets.md 6a; contracts/src/verifier StepSampler.drawPrivate). The dataset itself is never revealed: a step
 * opens only the record it drew, with its path under R_dataset.
 * <pre>
 *  witness of step k  = S_owner (32) || R_dataset (32) || tail
 *  tail               = opening of the drawn record   (the step's source is PRIVATE)
 *                     | StepDigest.witness(...)        (a real-battle step: the pool witness)
 *                     | nothing                        (self-play, template)
 *  opening            = u32 count || u32 index || u16 len || record || u8 depth || depth x bytes32 sibling
 *  record             = Board v2 || u8 kind || u8 dir || u8 outcome   (PackedDataset.sampleBytes)
 *  usedRecords        = per private step of the window, in order: u8 k || opening   (DisputeGame.postDigests)
 * </pre>
 */
public final class PrivateWitness {
    private PrivateWitness() {}

    /** Records of a private dataset that can be opened: the owner's whole dataset, or what an owner revealed. */
    public interface Records {
        /** The dataset's number of records (bound by R_dataset). */
        int count();

        /** R_dataset. */
        byte[] root();

        /** Record {@code index}'s bytes; throws when this side cannot open it. */
        byte[] record(int index);

        /** Record {@code index}'s sibling hashes, bottom-up. */
        List<byte[]> path(int index);
    }

    /** The owner's records: every sample of {@code d}, its Merkle tree built once. */
    public static Records of(SampleDataset d) {
        List<byte[]> recs = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) recs.add(record(d.get(i), d.demonstration(i)));
        RecordsMerkle m = new RecordsMerkle(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, recs);
        byte[] root = m.root();
        return new Records() {
            @Override
            public int count() {
                return m.count();
            }

            @Override
            public byte[] root() {
                return root.clone();
            }

            @Override
            public byte[] record(int index) {
                return recs.get(index).clone();
            }

            @Override
            public List<byte[]> path(int index) {
                return m.path(index);
            }
        };
    }

    /** The record a leaf of R_dataset commits to: Board v2 || u8 kind || u8 dir || u8 outcome. */
    public static byte[] record(Board b, Demonstration d) {
        byte[] board = b.toBytes();
        return new CanonicalWriter(board.length + Demonstration.ENCODED_SIZE).bytes(board).u8(d.kind()).u8(d.dir()).u8(d.outcome()).toByteArray();
    }

    /** u32 count || u32 index || u16 len || record || u8 depth || siblings. */
    public static byte[] opening(Records r, int index) {
        byte[] rec = r.record(index);
        List<byte[]> path = r.path(index);
        CanonicalWriter w = new CanonicalWriter(4 + 4 + 2 + rec.length + 1 + 32 * path.size());
        w.i32(r.count()).i32(index).u16(rec.length).bytes(rec).u8(path.size());
        for (byte[] sib : path) w.bytes32(sib);
        return w.toByteArray();
    }

    /** The record a private step from {@code pre} draws (Sampler.privateIndex). */
    public static int drawnIndex(BeastState pre, long secretFold, int count) {
        return PrivateSampling.index(pre.seedCore, secretFold, pre.globalStep, count);
    }

    /** Whether the step from {@code pre} draws a private record (SampleSource.forStep in a private window). */
    public static boolean drawsPrivate(BeastState pre) {
        return SampleSource.forStep(pre.globalStep & 0xFFFF_FFFFL, true) == SampleSource.PRIVATE;
    }

    /**
     * The witness of the step from point {@code pre} of a private window (see the class comment).
     */
    public static byte[] step(byte[] secret, Records r, StepDigest.Point pre, RealBattlePool pool) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(secret);
        o.writeBytes(r.root());
        BeastState st = BeastState.decode(pre.state());
        if (drawsPrivate(st)) o.writeBytes(opening(r, drawnIndex(st, PrivateSampling.fold(secret), r.count())));
        else o.writeBytes(StepDigest.witness(pre.state(), pool));
        return o.toByteArray();
    }

    /** The records a window drew, as its owner reveals them with its digests: per private step, u8 k || opening. */
    public static byte[] used(byte[] secret, Records r, List<StepDigest.Point> points) {
        long fold = PrivateSampling.fold(secret);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int k = 0; k < points.size() - 1; k++) {
            BeastState st = BeastState.decode(points.get(k).state());
            if (!drawsPrivate(st)) continue;
            o.write(k);
            o.writeBytes(opening(r, drawnIndex(st, fold, r.count())));
        }
        return o.toByteArray();
    }
}
