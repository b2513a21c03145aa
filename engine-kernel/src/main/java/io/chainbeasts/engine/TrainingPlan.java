package io.chainbeasts.engine;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.curriculum.Curriculum;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;

/**
 * The default local schedule of window contexts (SPEC.md "Default training plan"): epoch seeds
 * stand in for {@code blockHash(epoch_start)} as {@code keccak("CBEPOCH" || seedCore || epoch)};
 * growth spurts wake slots 4, 5, 6, 7 in windows 2, 4, 6, 8 (all 64 units live from step 1,088).
 * On chain, the epoch seed and checkpoint root come from the chain instead.
 */
public final class TrainingPlan {
    private TrainingPlan() {}

    public static byte[] epochSeed(long seedCore, int epoch) {
        return new CanonicalWriter(24).bytes("CBEPOCH".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .i64(seedCore).i32(epoch).keccak();
    }

    public static int growthSlot(int windowIndex, int activeMask) {
        if (windowIndex >= 2 && windowIndex <= 8 && windowIndex % 2 == 0) {
            int slot = 4 + (windowIndex / 2 - 1);
            if (((activeMask >>> slot) & 1) == 0) return slot;
        }
        return WindowContext.NO_GROWTH;
    }

    /** The context of the window that starts at the state's current global step. */
    public static WindowContext context(BeastState s, SeasonConstants season, TrainingConstants tc, byte[] checkpointRoot,
                                        byte[] datasetCommitment, RealBattlePool pool) {
        int windowIndex = Integer.divideUnsigned(s.globalStep, Window.STEPS);
        int epoch = Curriculum.epoch(s.globalStep & 0xFFFFFFFFL, tc);
        return new WindowContext(season, tc, epochSeed(s.seedCore, epoch), checkpointRoot, datasetCommitment,
                pool.commitment(), growthSlot(windowIndex, s.activeMask));
    }
}
