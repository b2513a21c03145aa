package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Board;
import io.chainbeasts.core.Keccak256;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset held in memory; its commitment is Keccak-256 over the concatenated records (board encoding, then the
 * demonstration's 3 bytes: kind, dir, outcome).
 */
public final class InMemoryDataset implements SampleDataset {
    private final List<Board> boards;
    private final List<Demonstration> demonstrations;
    private final byte[] commitment;

    /** Boards without demonstrations. */
    public InMemoryDataset(List<Board> boards) {
        this(boards, nones(boards.size()));
    }

    public InMemoryDataset(List<Board> boards, List<Demonstration> demonstrations) {
        if (boards.isEmpty()) throw new IllegalArgumentException("a dataset needs at least one board");
        if (demonstrations.size() != boards.size()) {
            throw new IllegalArgumentException(boards.size() + " boards but " + demonstrations.size() + " demonstrations");
        }
        this.boards = List.copyOf(boards);
        this.demonstrations = List.copyOf(demonstrations);
        Keccak256 k = new Keccak256();
        for (int i = 0; i < this.boards.size(); i++) {
            Demonstration d = this.demonstrations.get(i);
            k.update(this.boards.get(i).toBytes()).update(new byte[] {(byte) d.kind(), (byte) d.dir(), (byte) d.outcome()});
        }
        this.commitment = k.digest();
    }

    private static List<Demonstration> nones(int n) {
        List<Demonstration> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(Demonstration.NONE);
        return out;
    }

    @Override
    public int size() {
        return boards.size();
    }

    @Override
    public Board get(int index) {
        return boards.get(index);
    }

    @Override
    public Demonstration demonstration(int index) {
        return demonstrations.get(index);
    }

    @Override
    public byte[] commitment() {
        return commitment.clone();
    }
}
