package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.WindowContext;

import java.util.Arrays;

/**
 * Decodes the window-context bytes a record carries ({@link WindowContext#toBytes()}, layout in its
 * javadoc) back into a {@link WindowContext}; the result re-encodes to exactly the same bytes, or the
 * bytes are refused with a one-line {@link DecodeException} naming the field.
 */
public final class ContextCodec {
    private ContextCodec() {}

    private static final byte[] MAGIC = {'C', 'B', 'W', 'C'};

    public static WindowContext decode(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DecodeException("window context: bad magic (not CBWC)");
        int version = r.u8("version");
        if (version != WindowContext.VERSION) {
            throw new DecodeException("window context: version " + version + " is not supported (this kernel reads " + WindowContext.VERSION + ")");
        }
        WindowContext ctx;
        try {
            SeasonConstants season = SeasonConstants.decode(r);
            int stepsPerEpoch = r.i32("training.stepsPerEpoch");
            int[] lr = new int[TrainingConstants.SCHEDULE_LENGTH];
            for (int i = 0; i < lr.length; i++) lr[i] = r.u8("training.lrShiftByEpoch[" + i + "]");
            int powerEpoch = r.u8("training.powerEpoch");
            int blockEpoch = r.u8("training.blockEpoch");
            long baseStepCost = r.i64("training.baseStepCost");
            long growthSlotCost = r.i64("training.growthSlotCost");
            TrainingConstants tc = new TrainingConstants(stepsPerEpoch, lr, powerEpoch, blockEpoch, baseStepCost, growthSlotCost);
            byte[] epochSeed = r.bytes(32, "epochSeed");
            byte[] root = r.bytes(32, "checkpointRoot");
            byte[] dataset = r.bytes(32, "datasetCommitment");
            byte[] pool = r.bytes(32, "realPoolCommitment");
            int growth = r.u8("growthSlot");
            r.end("window context");
            ctx = new WindowContext(season, tc, epochSeed, root, dataset, pool, growth);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("window context: " + e.getMessage());
        }
        if (!Arrays.equals(ctx.toBytes(), bytes)) throw new DecodeException("window context: not in canonical form");
        return ctx;
    }
}
