package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.PrivateDataset;

import java.nio.file.Path;

/** Opening beasts and their private datasets for commands, with user-facing errors. */
final class Beasts {
    private Beasts() {}

    static BeastStore open(Path dir) {
        try {
            return BeastStore.open(dir);
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    static PrivateDataset dataset(Path file, byte[] expectedCommitment) {
        return dataset(file, expectedCommitment, SeasonConstants.DEFAULT);
    }

    /** As above, read under {@code season}'s rules. */
    static PrivateDataset dataset(Path file, byte[] expectedCommitment, SeasonConstants season) {
        try {
            return expectedCommitment == null ? PrivateDataset.open(file, season) : PrivateDataset.open(file, expectedCommitment, season);
        } catch (DatasetException e) {
            throw new UserError("--dataset: " + e.getMessage());
        }
    }
}
