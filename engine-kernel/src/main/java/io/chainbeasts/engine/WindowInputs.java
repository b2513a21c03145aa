package io.chainbeasts.engine;

import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;

import java.util.Arrays;

/**
 * The context plus the data it commits to: the real-battle pool, and for a private window the
 * dataset and the folded owner secret. Checked against the context's commitments up front.
 */
public record WindowInputs(WindowContext context, RealBattlePool pool, SampleDataset dataset, long secretFold) {
    public WindowInputs {
        if (!Arrays.equals(pool.commitment(), context.realPoolCommitment())) {
            throw new IllegalArgumentException("real-battle pool commitment 0x" + Hex.of(pool.commitment())
                    + " does not match the context's 0x" + Hex.of(context.realPoolCommitment()));
        }
        if (context.hasPrivateDataset()) {
            if (dataset == null) {
                throw new IllegalArgumentException("this window trains on a private dataset (C_dataset 0x"
                        + Hex.of(context.datasetCommitment()) + "): the dataset and secret are needed to run it");
            }
            if (!Arrays.equals(dataset.commitment(), context.datasetCommitment())) {
                throw new IllegalArgumentException("dataset commitment 0x" + Hex.of(dataset.commitment())
                        + " does not match C_dataset 0x" + Hex.of(context.datasetCommitment()));
            }
        }
    }

    public static WindowInputs publicWindow(WindowContext context, RealBattlePool pool) {
        return new WindowInputs(context, pool, null, 0);
    }
}
