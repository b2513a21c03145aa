package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.prover.Verifier.WindowVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays the windows waiting for it in batches of {@link Verifier#REPLAY_BATCH} (one backend call each)
 * and emits every window's verdict in order. It remembers the post-state of the last replay that
 * reproduced its payload, the anchored pre-state of the next window, so that a window whose stored
 * pre-state is unusable is judged from it ({@link #repair}). One batcher per pass over a store.
 */
final class ReplayBatcher {
    /** The post-state of the last replay that reproduced its payload: the anchored pre-state of the next window. */
    private record Replayed(long window, BeastState post) {}

    private final BeastStore store;
    private final TrainingBackend backend;
    private final WindowChecks checks;
    private final Judge judge;
    private final List<WindowChecks.Slot> slots = new ArrayList<>();
    private int pendings;
    private Replayed lastReplayed;

    ReplayBatcher(BeastStore store, TrainingBackend backend, WindowChecks checks, Judge judge) {
        this.store = store;
        this.backend = backend;
        this.checks = checks;
        this.judge = judge;
    }

    /** Queues a window; a full batch is replayed and emitted at once. */
    void add(WindowChecks.Slot slot, List<WindowVerdict> out, Consumer<WindowVerdict> each) {
        slots.add(slot);
        if (slot.pending() != null && ++pendings == Verifier.REPLAY_BATCH) {
            flush(out, each);
        }
    }

    /** Replays the queued windows that wait for a replay in one backend call, then emits every queued verdict in order. */
    void flush(List<WindowVerdict> out, Consumer<WindowVerdict> each) {
        List<BeastState> states = new ArrayList<>();
        List<WindowInputs> inputs = new ArrayList<>();
        for (WindowChecks.Slot sl : slots) {
            if (sl.pending() == null) continue;
            states.add(sl.pending().pre().copy());
            inputs.add(sl.pending().in());
        }
        List<WindowResult> results = states.isEmpty() ? List.of() : replay(states, inputs);
        assert results.size() == states.size() : backend.name() + " returned " + results.size() + " results for " + states.size() + " windows";
        int k = 0;
        for (WindowChecks.Slot sl : slots) {
            WindowVerdict v;
            if (sl.pending() != null) {
                WindowResult r = results.get(k);
                v = judge.judge(sl.pending(), r);
                lastReplayed = Judge.payloadDiff(sl.pending().payload(), r) == null ? new Replayed(sl.pending().payload().windowIndex(), states.get(k)) : null;
                k++;
            } else if (sl.repair() != null && (sl.repair().payload().windowIndex() == 0
                    || lastReplayed != null && lastReplayed.window() == sl.repair().payload().windowIndex() - 1)) {
                v = repair(sl);
            } else {
                v = sl.verdict();
                lastReplayed = null;
            }
            out.add(v);
            each.accept(v);
        }
        assert k == results.size() : "a replay result was not judged";
        slots.clear();
        pendings = 0;
    }

    /**
     * Judges a window from the previous window's replayed post-state instead of its unusable stored
     * pre-state: so neither a deleted blob nor a forged record keeps a payload from being judged.
     */
    private WindowVerdict repair(WindowChecks.Slot sl) {
        WindowChecks.Repair rp = sl.repair();
        // window 0 starts from the hatch state, which seed_core alone determines
        BeastState from = rp.payload().windowIndex() == 0 ? Hatchery.hatch(store.identity().seedCore()) : lastReplayed.post();
        WindowChecks.Slot again = checks.prepare(rp.rec(), rp.payload(), from, rp.prevCheckpoint());
        if (again.pending() == null) { // a private window without its dataset: nothing more to learn
            lastReplayed = null;
            return sl.verdict();
        }
        BeastState s = again.pending().pre().copy();
        WindowResult r = replay(List.of(s), List.of(again.pending().in())).get(0);
        WindowVerdict v = judge.judge(again.pending(), r);
        long i = rp.payload().windowIndex();
        lastReplayed = Judge.payloadDiff(rp.payload(), r) == null ? new Replayed(i, s) : null;
        String source = i == 0 ? "the hatch state" : "window " + (i - 1) + "'s replay";
        String how = rp.rec() == null ? "; judged from the payload on chain and " + source + ", as the record is unusable ("
                : "; pre-state taken from " + source + ", as the stored one is unusable (";
        return new WindowVerdict(v.window(), v.verdict(), v.detail() + how + sl.verdict().detail() + ")", v.replayed(), v.step(), true, v.ofHead());
    }

    private List<WindowResult> replay(List<BeastState> states, List<WindowInputs> inputs) {
        try {
            return backend.runWindows(states, inputs);
        } catch (RuntimeException e) {
            throw new Verifier.BackendFailure(backend.name(), e);
        }
    }
}
