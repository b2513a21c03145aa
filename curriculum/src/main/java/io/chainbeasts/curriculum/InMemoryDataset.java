package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Board;
import io.chainbeasts.core.Keccak256;

import java.util.List;

/** A dataset held in memory; its commitment is Keccak-256 over the concatenated board encodings. */
public final class InMemoryDataset implements SampleDataset {
    private final List<Board> boards;
    private final byte[] commitment;

    public InMemoryDataset(List<Board> boards) {
        if (boards.isEmpty()) throw new IllegalArgumentException("a dataset needs at least one board");
        this.boards = List.copyOf(boards);
        Keccak256 k = new Keccak256();
        for (Board b : this.boards) k.update(b.toBytes());
        this.commitment = k.digest();
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
    public byte[] commitment() {
        return commitment.clone();
    }
}
