package io.chainbeasts.node;

import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.combat.Board;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.SampleDataset;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of a private dataset an owner revealed in the dispute game (DigestsPosted's usedRecords: per private step,
 * u8 k || u32 count || u32 index || u16 len || record || u8 depth || siblings; spec/datasets.md 6a): only records whose
 * path reaches the beast's R_dataset count. A challenger replays the window with them; a sample it does not hold
 * throws {@link Unrevealed}, which ends the replay at that step (the step a challenger then names). The records it holds
 * open again with their paths, so the challenger can send the one-step proof of a step that drew one.
 */
final class RevealedRecords implements SampleDataset, PrivateWitness.Records {
    /** A step drew a record the owner did not reveal (or revealed with a path that does not reach R_dataset). */
    static final class Unrevealed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The record the step drew. */
        final int index;

        Unrevealed(int index) {
            super("record " + index + " was not revealed with a valid path", null, false, false);
            this.index = index;
        }
    }

    private final int count;
    private final byte[] commitment;
    private final byte[] root;
    private final Map<Integer, byte[]> records = new HashMap<>();
    private final Map<Integer, List<byte[]>> paths = new HashMap<>();
    private final Map<Integer, Board> boards = new HashMap<>();
    private final Map<Integer, Demonstration> demos = new HashMap<>();

    private RevealedRecords(int count, byte[] commitment, byte[] root) {
        this.count = count;
        this.commitment = commitment.clone();
        this.root = root.clone();
    }

    static RevealedRecords parse(byte[] used, byte[] root, byte[] cDataset, Consumer<String> out) {
        ByteBuffer b = ByteBuffer.wrap(used);
        RevealedRecords r = null;
        int bad = 0;
        while (b.remaining() > 0) {
          try {
            b.get(); // k: which step drew it (informative)
            int count = b.getInt();
            int index = b.getInt();
            byte[] rec = new byte[b.getShort() & 0xFFFF];
            b.get(rec);
            int depth = b.get() & 0xFF;
            List<byte[]> path = new ArrayList<>();
            for (int j = 0; j < depth; j++) {
                byte[] sib = new byte[32];
                b.get(sib);
                path.add(sib);
            }
            // the dataset's size comes from the first record whose path reaches R_dataset (a bad first entry fixes nothing)
            if (r != null && count != r.count || !RecordsMerkle.verify(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, root, count, index, rec, path)) {
                bad++;
                continue;
            }
            if (r == null) r = new RevealedRecords(count, cDataset, root);
            CanonicalReader cr = new CanonicalReader(rec);
            Board board = Board.decode(cr);
            Demonstration demo = new Demonstration(cr.u8("kind"), cr.u8("dir"), cr.u8("outcome"));
            cr.end("record " + index); // the verifier reads Board v2 || 3 bytes exactly
            r.boards.put(index, board);
            r.demos.put(index, demo);
            r.records.put(index, rec);
            r.paths.put(index, path);
          } catch (RuntimeException malformed) { // BufferUnderflowException, DecodeException
            bad++; // a truncated or undecodable reveal: what follows is unusable; the steps drawing it stay unrevealed
            break;
          }
        }
        if (bad > 0) out.accept("the owner revealed " + bad + " record(s) whose path does not reach R_dataset: the first step drawing one is disputed");
        return r == null ? new RevealedRecords(1, cDataset, root) : r;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Board get(int index) {
        Board x = boards.get(index);
        if (x == null) throw new Unrevealed(index);
        return x;
    }

    @Override
    public Demonstration demonstration(int index) {
        Demonstration d = demos.get(index);
        if (d == null) throw new Unrevealed(index);
        return d;
    }

    @Override
    public byte[] commitment() {
        return commitment.clone();
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public byte[] record(int index) {
        byte[] x = records.get(index);
        if (x == null) throw new Unrevealed(index);
        return x.clone();
    }

    @Override
    public List<byte[]> path(int index) {
        List<byte[]> p = paths.get(index);
        if (p == null) throw new Unrevealed(index);
        return p;
    }
}
