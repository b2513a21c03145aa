package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a stored beast window by window and commits each window to its {@link BeastStore}:
 * the context comes from the default plan with the last checkpoint hash as checkpoint_root, the
 * payload chains to the previous one, and a crash at any point resumes from HEAD.
 */
public final class Trainer {
    /** Notified after every micro-step and after every committed window. */
    public interface Listener {
        default void onStep(StepRecord step, long windowIndex) {}

        default void onWindow(WindowRecord record, WindowResult result) {}
    }

    private final BeastStore store;
    private final SeasonConstants season;
    private final TrainingConstants training;
    private final RealBattlePool pool;
    private final SampleDataset dataset;
    private final long secretFold;

    public Trainer(BeastStore store, SeasonConstants season, TrainingConstants training, RealBattlePool pool,
                   SampleDataset dataset, long secretFold) {
        this.store = store;
        this.season = season;
        this.training = training;
        this.pool = pool;
        this.dataset = dataset;
        this.secretFold = secretFold;
        byte[] committed = store.identity().datasetCommitment();
        boolean isPrivate = !Arrays.equals(committed, WindowContext.ZERO32);
        if (isPrivate && dataset == null) {
            throw new StoreException(store.dir() + ": this beast trains on a private dataset (C_dataset 0x"
                    + io.chainbeasts.core.Hex.of(committed) + "): pass --dataset and --secret");
        }
        if (!isPrivate && dataset != null) {
            throw new StoreException(store.dir() + ": this beast was hatched without a private dataset; hatch a new one with --dataset");
        }
    }

    /** Hatches a new beast into {@code store}'s directory. */
    public static BeastStore hatch(java.nio.file.Path dir, BeastStore.Identity id) {
        return BeastStore.create(dir, id, Hatchery.hatch(id.seedCore()));
    }

    /** Runs {@code windows} more windows; returns the number of windows done afterwards. */
    public long train(int windows, Listener listener) {
        BeastStore.Head head = store.head();
        BeastState state = store.getState(head.stateHash());
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        CheckpointPayload prev = head.windows() == 0 ? null : store.window(head.windows() - 1).decodedPayload();
        for (int w = 0; w < windows; w++) {
            long index = head.windows();
            byte[] preHash = head.stateHash();
            WindowContext ctx = TrainingPlan.context(state, season, training, head.checkpointHash(),
                    store.identity().datasetCommitment(), pool);
            WindowInputs in = new WindowInputs(ctx, pool, dataset, secretFold);
            WindowResult r = Window.run(state, in, scratch, step -> listener.onStep(step, index));
            CheckpointPayload payload = prev == null
                    ? new CheckpointPayload(1, store.identity().chainId(), store.identity().ledger(), store.identity().beastId(), 0,
                            new byte[32], r.globalStep() & 0xFFFFFFFFL, r.energyBurn(), r.activeMask(), r.lrShift(), r.h128(),
                            r.lineageHash(), r.lossDrop())
                    : prev.next(r.globalStep() & 0xFFFFFFFFL, r.energyBurn(), r.activeMask(), r.lrShift(), r.h128(), r.lineageHash(), r.lossDrop());
            WindowRecord rec = new WindowRecord(index, preHash, r.stateHash(), ctx.toBytes(), payload.encode(), payload.hash(), metrics(r));
            store.commit(rec, state);
            listener.onWindow(rec, r);
            prev = payload;
            head = store.head();
        }
        return head.windows();
    }

    static Map<String, Object> metrics(WindowResult r) {
        WindowResult.HeadTally t = r.tally();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowLossQ16", r.windowLoss());
        m.put("moveSeen", t.moveSeen());
        m.put("moveRight", t.moveRight());
        m.put("moveLossQ16", t.moveLossQ16());
        m.put("powerSeen", t.powerSeen());
        m.put("powerAbsErrorQ16", t.powerAbsErrorQ16());
        m.put("powerLossQ16", t.powerLossQ16());
        m.put("blockSeen", t.blockSeen());
        m.put("blockRight", t.blockRight());
        m.put("blockLossQ16", t.blockLossQ16());
        m.put("energyBurn", r.energyBurn());
        return m;
    }
}
