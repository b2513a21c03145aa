package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.prover.Judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Judges a beast from the chain alone: its hatch (seed_core and commitments, from BeastNFT) and the payloads
 * of its live checkpoint chain, in window order. A public beast is rebuilt from the hatch state by replaying
 * every window under the constants in force when its checkpoint was submitted; each replay either reproduces
 * every field of the payload (VERIFIED) or names the first that differs (FAILURE). No owner's store is needed.
 * A private beast is checked as far as the chain allows without its dataset (LINEAGE_ONLY: binding, links,
 * window index and step count); a window whose owner revealed S_owner and the records it drew (the dispute game's
 * DigestsPosted, {@link Reveal}) is replayed from them, once the state it starts from is known: window 0's is the hatch
 * state, a later window's the post-state of the previous window re-judged VERIFIED the same way. Those replays run in
 * Java on this thread (the optimised kernel; they are rare: one per dispute), not in the batched backend call.
 *
 * <p>Post-states go to the {@link StateCache} by hash, and each verified window's post-state hash is what the
 * next one starts from, so a restarted node resumes where its cache ends instead of from the hatch.
 */
public final class ChainReplay {
    /** What the node concluded about one window. */
    public enum Outcome {
        /** The replay reproduced the payload. */
        VERIFIED,
        /** The replay contradicts the payload (the detail names the field): dispute it. */
        FAILURE,
        /** A private window: every check the chain allows without its dataset holds. */
        LINEAGE_ONLY,
        /** After a FAILURE: the pre-state the payload chain commits to is unknown, so nothing can be replayed. */
        NOT_JUDGED
    }

    /**
     * One window's outcome for the payload whose hash is {@code checkpointHash} (null when it does not decode);
     * {@code postStateHash} is the replayed post-state (VERIFIED only, else null); {@code contextHash} the protocol's
     * context the window was replayed under (VERIFIED and a replayed FAILURE, else null: what anchors the next window's D_0).
     */
    public record Judgement(long window, byte[] checkpointHash, Outcome outcome, String detail, byte[] postStateHash, byte[] contextHash) {
        /**
         * Whether this FAILURE rests on one reveal (a record the owner's answer in one game left out) rather than on the
         * payload: a later game's reveal may hold the record, so the window is judged again from the newest one.
         */
        boolean restsOnAReveal() {
            return outcome == Outcome.FAILURE && detail != null && detail.endsWith(UNREVEALED);
        }
    }

    /** The end of a private FAILURE's detail when a step drew a record the reveal does not hold. */
    static final String UNREVEALED = ", which its owner's reveal does not hold with a path to R_dataset";

    /** The detail of a VERIFIED public window (a node's line leaves it out; any other detail is printed). */
    public static final String REPRODUCES = "replay reproduces the payload";

    /**
     * What a private window's owner revealed in the dispute game (DisputeGame's DigestsPosted event): S_owner and the
     * records the window drew with their Merkle paths ({@link RevealedRecords}), and the beast's R_dataset (BeastNFT)
     * those paths must reach.
     */
    public record Reveal(byte[] ownerSecret, byte[] usedRecords, byte[] recordsRoot) {}

    /** The reveal of a checkpoint by its hash; null when none is on chain. */
    @FunctionalInterface
    public interface Reveals {
        Reveal of(byte[] checkpointHash);

        Reveals NONE = h -> null;
    }

    /** The constants a window was trained under (those in force when its checkpoint was submitted). */
    public interface ConstantsAt extends LongFunction<ChainBeast.Constants> {}

    private final StateCache cache;
    private final TrainingBackend backend;

    public ChainReplay(StateCache cache, TrainingBackend backend) {
        this.cache = cache;
        this.backend = backend;
    }

    /**
     * Judges {@code payloads} (window 0, 1, ... of the beast's live chain) of the beast {@code id}.
     * {@code known} are earlier judgements of the same chain (a restarted node's), used to resume: replay
     * continues from the last verified window whose post-state the cache still holds.
     */
    public List<Judgement> judge(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> known) {
        Batch b = judgeAll(List.of(new Task(id, payloads, constants, known)), wave -> { });
        if (b.errors().get(0) != null) throw b.errors().get(0);
        return b.judgements().get(0);
    }

    /**
     * One beast to judge in a batched pass: the arguments of {@link #judge}, and for a private beast the reveals its
     * windows got in dispute games.
     */
    public record Task(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> known, Reveals reveals) {
        public Task(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> known) {
            this(id, payloads, constants, known, Reveals.NONE);
        }
    }

    /**
     * A batched pass so far, per task in order: the judgements, and the error that stopped the task (null when none; a
     * stopped task's judgements are those it reached before the error, each of them sound); {@code replayed}: the
     * windows replayed in all.
     */
    public record Batch(List<List<Judgement>> judgements, List<RuntimeException> errors, long replayed) {}

    /**
     * At most this many windows go to the backend in one call (the OpenCL backend runs a call in one launch), and at
     * most this many beasts' states are in the heap at a time (~53 kB each); every other state stays in the
     * {@link StateCache} on disk, so a node's heap does not grow with the beasts it follows.
     */
    public static final int MAX_BATCH = 256;

    /**
     * Judges many beasts at once, with exactly the judgements {@link #judge} gives each alone: the beasts go in groups
     * of at most {@link #MAX_BATCH}; within a group each beast advances through its windows until one needs a replay,
     * and the windows so gathered (one per beast: its next one starts from that post-state) run in ONE backend call,
     * wave after wave. A window's season and training constants travel in its own context, so a call may mix eras.
     * After each wave {@code afterWave} sees the pass so far (a node saves and reports there). A beast whose judging
     * throws (its pre-state cannot be rebuilt, its replay is refused) stops alone, its error in the result.
     */
    public Batch judgeAll(List<Task> tasks, java.util.function.Consumer<Batch> afterWave) {
        List<Walk> walks = new ArrayList<>();
        List<List<Judgement>> outs = new ArrayList<>();
        List<RuntimeException> errors = new ArrayList<>();
        for (Task t : tasks) {
            Walk wk = new Walk(t);
            walks.add(wk);
            outs.add(wk.out);
            errors.add(null);
        }
        long replayed = 0;
        for (int from = 0; from < walks.size(); from += MAX_BATCH) {
            List<Walk> group = walks.subList(from, Math.min(walks.size(), from + MAX_BATCH));
            while (true) {
                List<Walk> ready = new ArrayList<>();
                for (Walk wk : group) {
                    if (wk.error != null) continue;
                    try {
                        if (wk.advance()) ready.add(wk);
                    } catch (RuntimeException e) {
                        wk.stop(e);
                    }
                    replayed += wk.replayedAlone;
                    wk.replayedAlone = 0;
                }
                replayed += replay(ready);
                for (int i = 0; i < walks.size(); i++) errors.set(i, walks.get(i).error);
                afterWave.accept(new Batch(outs, errors, replayed));
                if (ready.isEmpty()) break;
            }
            for (Walk wk : group) wk.state = null; // the group's states are in the cache now
        }
        return new Batch(outs, errors, replayed);
    }

    /** Runs the gathered windows in one backend call; when that call fails, each window alone, so a bad window stops only its beast. */
    private int replay(List<Walk> ready) {
        if (ready.isEmpty()) return 0;
        List<BeastState> states = new ArrayList<>();
        List<WindowInputs> inputs = new ArrayList<>();
        for (Walk wk : ready) {
            states.add(wk.state);
            inputs.add(wk.in);
        }
        List<WindowResult> results;
        try {
            results = backend.runWindows(states, inputs);
        } catch (RuntimeException batchFailed) {
            int done = 0;
            for (Walk wk : ready) {
                try {
                    wk.reload(); // the failed call may have trained some states in place: each starts from its pre-state again
                    wk.accept(backend.runWindows(List.of(wk.state), List.of(wk.in)).get(0));
                    done++;
                } catch (RuntimeException e) {
                    wk.stop(e);
                }
            }
            return done;
        }
        for (int i = 0; i < ready.size(); i++) ready.get(i).accept(results.get(i));
        return ready.size();
    }

    /** One beast's way through its payloads: {@link #judge}'s loop, paused at each window that needs a replay. */
    private final class Walk {
        final Task t;
        final List<Judgement> out = new ArrayList<>();
        byte[] prevHash = new byte[32];
        long prevStep = 0;
        BeastState state;
        boolean failed;
        int w;
        RuntimeException error;
        /** Private windows replayed from their reveals (outside the backend call) since the last wave counted them. */
        int replayedAlone;
        /** The window waiting for its replay: its payload, hash and inputs. */
        CheckpointPayload p;
        byte[] h;
        WindowInputs in;

        Walk(Task t) {
            this.t = t;
        }

        /** Judges every window it can without a replay; true when it stopped at one that needs one ({@code state} and {@code in} set). */
        boolean advance() {
            List<byte[]> payloads = t.payloads();
            for (; w < payloads.size(); w++) {
                try {
                    p = CheckpointPayload.decode(payloads.get(w));
                } catch (DecodeException e) {
                    out.add(new Judgement(w, null, failed ? Outcome.NOT_JUDGED : Outcome.FAILURE, "payload: " + e.getMessage(), null, null));
                    failed = true;
                    continue;
                }
                h = p.hash();
                String link = linkProblem(t.id(), w, p, prevHash, prevStep);
                prevHash = h;
                prevStep = p.globalStep();
                if (failed) {
                    out.add(new Judgement(w, h, Outcome.NOT_JUDGED, "rests on a failed window", null, null));
                    continue;
                }
                if (link != null) {
                    out.add(new Judgement(w, h, Outcome.FAILURE, link, null, null));
                    failed = true;
                    continue;
                }
                Judgement before = w < t.known().size() ? t.known().get(w) : null;
                if (t.id().isPrivate()) {
                    Judgement j = judgePrivate(before);
                    out.add(j);
                    if (j.outcome() == Outcome.FAILURE) failed = true;
                    continue;
                }
                if (before != null && before.outcome() == Outcome.VERIFIED && Arrays.equals(before.checkpointHash(), h)) {
                    out.add(before); // this very payload was verified before (a restart); the next window starts from its cached state
                    state = null;
                    continue;
                }
                if (before != null && before.outcome() == Outcome.FAILURE && before.contextHash() != null && Arrays.equals(before.checkpointHash(), h)) {
                    // replayed and contradicted before: the hash binds the whole chain up to it, so the replay would say the same
                    out.add(before);
                    failed = true;
                    state = null;
                    continue;
                }
                if (state == null) state = preState(t.id(), payloads, t.constants(), t.reveals(), out, w);
                in = inputs(t.id(), state, payloads, t.constants(), w, null);
                return true;
            }
            return false;
        }

        /**
         * A private window (payload {@code p}, hash {@code h}): what an earlier pass concluded from its reveal, or its
         * replay from the records revealed in a dispute game when the state it starts from is known, else LINEAGE_ONLY.
         */
        Judgement judgePrivate(Judgement before) {
            boolean replayedBefore = before != null && before.contextHash() != null && Arrays.equals(before.checkpointHash(), h)
                    && (before.outcome() == Outcome.VERIFIED || before.outcome() == Outcome.FAILURE) && !before.restsOnAReveal();
            if (replayedBefore) return before; // the hash binds the whole chain up to it: its replay would say the same
            Reveal rv = t.reveals().of(h);
            if (rv == null) return new Judgement(w, h, Outcome.LINEAGE_ONLY, "private: binding, links and step count hold", null, null);
            if (w > 0 && out.get(w - 1).outcome() != Outcome.VERIFIED) {
                return new Judgement(w, h, Outcome.LINEAGE_ONLY, "private: its records were revealed in a dispute, but window " + (w - 1)
                        + "'s were not, so the state it starts from is unknown; binding, links and step count hold", null, null);
            }
            BeastState pre = preState(t.id(), t.payloads(), t.constants(), t.reveals(), out, w);
            WindowInputs win = inputs(t.id(), pre, t.payloads(), t.constants(), w, rv);
            byte[] ctxHash = win.context().hash();
            int[] steps = {0};
            replayedAlone++;
            try {
                WindowResult r = Window.runRecords(pre, win, new MicroStep.Scratch(), rec -> steps[0]++);
                String diff = Judge.payloadDiff(p, r);
                if (diff != null) return new Judgement(w, h, Outcome.FAILURE, "private, replayed from the records its owner revealed: " + diff, null, ctxHash);
                return new Judgement(w, h, Outcome.VERIFIED, "private: replayed from the records its owner revealed in a dispute", cache.put(pre), ctxHash);
            } catch (RevealedRecords.Unrevealed e) {
                // an owner reveals every record its window drew; one missing (or off R_dataset) is the step a dispute names
                return new Judgement(w, h, Outcome.FAILURE, "private: micro-step " + steps[0] + " drew record " + e.index + UNREVEALED, null, ctxHash);
            }
        }

        /** The replay's verdict on the waiting window ({@code state} now holds the replayed post-state). */
        void accept(WindowResult r) {
            String diff = Judge.payloadDiff(p, r);
            if (diff != null) {
                out.add(new Judgement(w, h, Outcome.FAILURE, diff, null, in.context().hash()));
                failed = true;
                state = null;
            } else {
                out.add(new Judgement(w, h, Outcome.VERIFIED, REPRODUCES, cache.put(state), in.context().hash()));
            }
            w++;
        }

        /** The waiting window's pre-state read again (hatch, cache, or rebuilt). */
        void reload() {
            state = preState(t.id(), t.payloads(), t.constants(), t.reveals(), out, w);
            in = inputs(t.id(), state, t.payloads(), t.constants(), w, null);
        }

        void stop(RuntimeException e) {
            error = e;
            state = null;
        }
    }

    /**
     * The honest replay of window {@code w} that {@code judged} found FAILURE (or, for its owner, VERIFIED), as the
     * dispute game needs it: its anchored pre-state (the hatch state, or the previous verified window's cached
     * post-state), inputs, every point k = 0..128, and the previous payload and context hash that anchor D_0. A private
     * window is replayed from the records its owner revealed ({@code reveals}), which also open the steps that drew
     * them; a step whose record was not revealed ends the points there (the step a challenger names).
     */
    public DisputeGamePlayer.Replay disputeReplay(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, Reveals reveals,
                                                  List<Judgement> judged, int w) {
        BeastState pre = preState(id, payloads, constants, reveals, judged, w);
        Reveal rv = id.isPrivate() ? reveals.of(Keccak256.hash(payloads.get(w))) : null;
        if (id.isPrivate() && rv == null) throw new ChainError("window " + w + " is private and its records were never revealed");
        WindowInputs in = inputs(id, pre, payloads, constants, w, rv);
        List<io.chainbeasts.checkpoint.StepDigest.Point> points = new ArrayList<>();
        try {
            io.chainbeasts.checkpoint.StepDigest.replay(pre, in, true, points::add);
        } catch (RevealedRecords.Unrevealed e) {
            // the points so far are the replay's; DisputeGamePlayer.firstDisputed names the step that stopped it
        }
        return new DisputeGamePlayer.Replay(w, payloads.get(w), w == 0 ? null : payloads.get(w - 1), w == 0 ? null : judged.get(w - 1).contextHash(),
                in, points, rv == null ? null : (RevealedRecords) in.dataset(), rv == null ? null : rv.ownerSecret());
    }

    /** The state window {@code w} starts from: the hatch state, the previous verified window's cached post-state, or rebuilt. */
    private BeastState preState(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, Reveals reveals, List<Judgement> judged, int w) {
        BeastState s = w == 0 ? Hatchery.hatch(id.seedCore()) : cache.get(judged.get(w - 1).postStateHash());
        return s != null ? s : rebuild(id, payloads, constants, reveals, judged, w);
    }

    /**
     * Window {@code w}'s protocol inputs from state {@code s}: the constants of its submission, its checkpoint root, the
     * default pool, and for a private window the records and S_owner its owner revealed ({@code rv}; null: a public one).
     */
    private static WindowInputs inputs(BeastStore.Identity id, BeastState s, List<byte[]> payloads, ConstantsAt constants, int w, Reveal rv) {
        ChainBeast.Constants c = constants.apply(w);
        RealBattlePool pool = RealBattlePool.defaultPool(c.season());
        byte[] root = CheckpointPayload.decode(payloads.get(w)).prevCheckpointHash();
        WindowContext ctx = TrainingPlan.context(s, c.season(), c.training(), root, id.datasetCommitment(), pool);
        if (rv == null) return WindowInputs.publicWindow(ctx, pool);
        RevealedRecords records = RevealedRecords.parse(rv.usedRecords(), rv.recordsRoot(), id.datasetCommitment(), line -> { });
        return new WindowInputs(ctx, pool, records, PrivateSampling.fold(rv.ownerSecret()));
    }

    /**
     * Replays windows 0..w-1 again from the hatch when the cache lost the state window w starts from (a private beast's
     * from the records revealed for each, in Java on this thread).
     */
    private BeastState rebuild(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, Reveals reveals, List<Judgement> judged, int w) {
        BeastState s = Hatchery.hatch(id.seedCore());
        for (int k = 0; k < w; k++) {
            if (id.isPrivate()) {
                Reveal rv = reveals.of(Keccak256.hash(payloads.get(k)));
                if (rv == null) throw new ChainError("window " + k + " is private and its records are no longer on chain");
                Window.run(s, inputs(id, s, payloads, constants, k, rv));
            } else {
                backend.runWindows(List.of(s), List.of(inputs(id, s, payloads, constants, k, null)));
            }
            assert Arrays.equals(s.hash(), judged.get(k).postStateHash()) : "window " + k + " replays to another state than before";
            cache.put(s);
        }
        return s;
    }

    /** Null when payload p of window w is bound to this beast and chains to the previous one; else what is wrong. */
    static String linkProblem(BeastStore.Identity id, long w, CheckpointPayload p, byte[] prevHash, long prevStep) {
        if (p.chainId() != id.chainId()) return "chainId: payload " + Long.toUnsignedString(p.chainId()) + ", beast " + Long.toUnsignedString(id.chainId());
        if (!Arrays.equals(p.ledger(), id.ledger())) return "ledger: payload 0x" + Hex.of(p.ledger()) + ", beast 0x" + Hex.of(id.ledger());
        if (!p.beastId().equals(id.beastId())) return "beastId: payload " + p.beastId() + ", beast " + id.beastId();
        if (p.windowIndex() != w) return "windowIndex: payload " + p.windowIndex() + ", expected " + w;
        if (!Arrays.equals(p.prevCheckpointHash(), prevHash)) return "prevCheckpointHash: payload 0x" + Hex.of(p.prevCheckpointHash()) + ", expected 0x" + Hex.of(prevHash);
        long want = (prevStep + Window.STEPS) & 0xFFFF_FFFFL;
        if (p.globalStep() != want) return "globalStep: payload " + p.globalStep() + ", expected " + want + " (one window of " + Window.STEPS + " micro-steps)";
        return null;
    }
}
