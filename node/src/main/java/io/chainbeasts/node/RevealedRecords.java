package io.chainbeasts.node;

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
 * throws {@link Unrevealed}, which ends the replay at that step (the step a challenger then names).
 */
final class RevealedRecords implements SampleDataset {
    /** A step drew a record the owner did not reveal (or revealed with a path that does not reach R_dataset). */
    static final class Unrevealed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unrevealed(int index) {
            super("record " + index + " was not revealed with a valid path", null, false, false);
        }
    }

    private final int count;
    private final byte[] commitment;
    private final Map<Integer, Board> boards = new HashMap<>();
    private final Map<Integer, Demonstration> demos = new HashMap<>();

    private RevealedRecords(int count, byte[] commitment) {
        this.count = count;
        this.commitment = commitment.clone();
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
            if (r == null) r = new RevealedRecords(count, cDataset);
            if (count != r.count || !RecordsMerkle.verify(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, root, count, index, rec, path)) {
                bad++;
                continue;
            }
            CanonicalReader cr = new CanonicalReader(rec);
            r.boards.put(index, Board.decode(cr));
            r.demos.put(index, new Demonstration(cr.u8("kind"), cr.u8("dir"), cr.u8("outcome")));
          } catch (RuntimeException malformed) { // BufferUnderflowException, DecodeException
            bad++; // a truncated or undecodable reveal: what follows is unusable; the steps drawing it stay unrevealed
            break;
          }
        }
        if (bad > 0) out.accept("the owner revealed " + bad + " record(s) whose path does not reach R_dataset: the first step drawing one is disputed");
        return r == null ? new RevealedRecords(1, cDataset) : r;
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
}
