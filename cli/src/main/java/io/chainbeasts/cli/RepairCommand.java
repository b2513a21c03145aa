package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code repair DIR}: rebuilds the state blobs of a beast store that replay can rebuild. A window's post-state
 * is determined by its pre-state (the hatch state, which seed_core gives, or the previous window's post-state)
 * and its inputs, so a missing or damaged blob is re-derived by replaying that one window and kept only when its
 * hash is the one the window record names (so a repair can never write a wrong state). What replay cannot
 * rebuild (a damaged record, beast.json or HEAD; a private window without its dataset and secret) is named.
 * Every blob is written crash-safely (temp file, fsync, rename) under the store's writer lock.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Rebuild what replay can rebuild in a beast store: missing or damaged state blobs (e.g. the head state), "
                + "each re-derived by replaying its window from the previous state and kept only when its hash is the recorded one.",
            "Names what it cannot rebuild. Exit 0: the store is whole; 1: something could not be rebuilt; 2: bad input."})
final class RepairCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the beast's directory")
    Path beast;

    @Mixin
    PrivateDataOptions data;

    @Override
    public Integer call() {
        if ((data.dataset == null) != (data.secret == null)) throw new UserError("--dataset and --secret go together");
        BeastStore store = Beasts.open(beast);
        BeastStore.Identity id = store.identity();
        PrivateDataOptions.Opened opened = data.open(store, "repair it without --dataset/--secret", SeasonConstants.DEFAULT);
        SampleDataset samples = opened == null ? null : opened.samples();
        long fold = opened == null ? 0 : opened.fold();
        List<String> rebuilt = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        try (BeastStore.WriterLock lock = store.lockForWriting()) { // also clears a crashed writer's temp files
            BeastStore.Head head;
            try {
                head = store.head();
            } catch (StoreException e) {
                throw new UserError("repair: cannot rebuild HEAD: " + e.getMessage() + " (restore it from a backup)");
            }
            BeastState hatch = Hatchery.hatch(id.seedCore());
            BeastState prev = hatch;
            if (usable(store, hatch.hash()) == null) {
                store.putState(hatch);
                rebuilt.add("the hatch state " + name(hatch.hash()) + " (from seed_core)");
            }
            RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
            Progress progress = Progress.of("repair", "windows", head.windows(), System.out);
            for (long i = 0; i < head.windows(); i++) {
                progress.update(i);
                WindowRecord rec;
                try {
                    rec = store.window(i);
                } catch (StoreException e) {
                    cannot.add("window " + i + "'s record: " + e.getMessage() + "; windows " + i + ".." + (head.windows() - 1)
                            + " are left as they are (restore the record from a backup; chain commands judge it from the payload on chain)");
                    break;
                }
                BeastState post = usable(store, rec.postStateHash());
                if (post == null) {
                    if (prev == null) {
                        cannot.add("window " + i + "'s post-state " + name(rec.postStateHash()) + ": window " + (i - 1) + "'s state is not available to replay from");
                    } else {
                        String why = rebuild(store, rec, prev, pool, id, samples, fold);
                        if (why == null) {
                            post = store.getState(rec.postStateHash());
                            rebuilt.add("window " + i + "'s post-state " + name(rec.postStateHash()) + " (replayed window " + i + " from "
                                    + (i == 0 ? "the hatch state" : "window " + (i - 1) + "'s state") + ")");
                        } else {
                            cannot.add("window " + i + "'s post-state " + name(rec.postStateHash()) + ": " + why);
                        }
                    }
                }
                prev = post;
            }
            progress.finish();
            if (head.windows() > 0 && usable(store, head.stateHash()) == null && cannot.isEmpty()) {
                cannot.add("the head state " + name(head.stateHash()) + " is not the post-state of the last window record");
            }
        }
        for (String r : rebuilt) System.out.println("rebuilt " + r);
        for (String c : cannot) System.out.println("cannot rebuild " + c);
        System.out.println("repair " + beast + ": " + rebuilt.size() + " rebuilt, " + cannot.size() + " not rebuildable"
                + (cannot.isEmpty() ? (rebuilt.isEmpty() ? "; nothing to repair, the store is whole" : "; the store is whole again") : ""));
        return cannot.isEmpty() ? 0 : 1;
    }

    /** The stored state under {@code hash}, or null when it is missing or damaged. */
    private static BeastState usable(BeastStore store, byte[] hash) {
        try {
            return store.getState(hash);
        } catch (StoreException e) {
            return null;
        }
    }

    /** Replays window {@code rec} from {@code pre}; stores the result when it hashes to the recorded post-state; else says why not. */
    private static String rebuild(BeastStore store, WindowRecord rec, BeastState pre, RealBattlePool pool, BeastStore.Identity id,
                                  SampleDataset samples, long fold) {
        byte[] prevCheckpoint;
        try {
            prevCheckpoint = rec.decodedPayload().prevCheckpointHash();
        } catch (RuntimeException e) {
            return "its record's payload is unreadable (" + e.getMessage() + ")";
        }
        WindowContext ctx = TrainingPlan.context(pre, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, prevCheckpoint, id.datasetCommitment(), pool);
        if (ctx.hasPrivateDataset() && samples == null) return "window " + rec.index() + " is private: pass --dataset and --secret to replay it";
        BeastState s = pre.copy();
        Window.run(s, new WindowInputs(ctx, pool, samples, fold));
        if (!Arrays.equals(s.hash(), rec.postStateHash())) {
            return "the replay gives " + name(s.hash()) + ", not the recorded state (a damaged record, or a window trained under "
                    + "other constants, e.g. train --chain after a governance change)";
        }
        store.putState(s);
        return null;
    }

    private static String name(byte[] hash) {
        return "0x" + Hex.of(hash).substring(0, 16) + "…";
    }
}
