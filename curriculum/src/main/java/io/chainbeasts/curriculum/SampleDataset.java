package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Board;

/**
 * Random access to a beast's private coaching dataset. The packed-file implementation lives in
 * the datasets module; tests use {@link InMemoryDataset}.
 */
public interface SampleDataset {
    int size();

    Board get(int index);

    /** The coach's demonstrated action on sample {@code index} (kernel v2), or {@link Demonstration#NONE}. */
    default Demonstration demonstration(int index) {
        return Demonstration.NONE;
    }

    /** {@code C_dataset}: Keccak-256 of the stored (compressed) dataset bytes. */
    byte[] commitment();
}
