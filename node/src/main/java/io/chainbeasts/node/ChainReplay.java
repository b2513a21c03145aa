package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
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
 * window index and step count); its windows are replayed once a dispute reveals their records.
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
    public record Judgement(long window, byte[] checkpointHash, Outcome outcome, String detail, byte[] postStateHash, byte[] contextHash) {}

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
        List<Judgement> out = new ArrayList<>();
        byte[] prevHash = new byte[32];
        long prevStep = 0;
        BeastState state = null;
        boolean failed = false;
        for (int w = 0; w < payloads.size(); w++) {
            byte[] bytes = payloads.get(w);
            CheckpointPayload p;
            try {
                p = CheckpointPayload.decode(bytes);
            } catch (DecodeException e) {
                out.add(new Judgement(w, null, failed ? Outcome.NOT_JUDGED : Outcome.FAILURE, "payload: " + e.getMessage(), null, null));
                failed = true;
                continue;
            }
            byte[] h = p.hash();
            String link = linkProblem(id, w, p, prevHash, prevStep);
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
            if (id.isPrivate()) {
                out.add(new Judgement(w, h, Outcome.LINEAGE_ONLY, "private: binding, links and step count hold", null, null));
                continue;
            }
            Judgement before = w < known.size() ? known.get(w) : null;
            if (before != null && before.outcome() == Outcome.VERIFIED && Arrays.equals(before.checkpointHash(), h)) {
                out.add(before); // this very payload was verified before (a restart); the next window starts from its cached state
                state = null;
                continue;
            }
            if (state == null) state = preState(id, payloads, constants, out, w);
            WindowInputs in = inputs(id, state, payloads, constants, w);
            WindowContext ctx = in.context();
            WindowResult r = backend.runWindows(List.of(state), List.of(in)).get(0);
            String diff = Judge.payloadDiff(p, r);
            if (diff != null) {
                out.add(new Judgement(w, h, Outcome.FAILURE, diff, null, ctx.hash()));
                failed = true;
                state = null;
                continue;
            }
            out.add(new Judgement(w, h, Outcome.VERIFIED, "replay reproduces the payload", cache.put(state), ctx.hash()));
        }
        return out;
    }

    /**
     * The honest replay of public window {@code w} that {@code judged} found FAILURE, as the dispute game needs it: its
     * anchored pre-state (the hatch state, or the previous verified window's cached post-state), inputs, every point
     * k = 0..128, and the previous payload and context hash that anchor D_0.
     */
    public DisputeGamePlayer.Replay disputeReplay(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> judged, int w) {
        BeastState pre = preState(id, payloads, constants, judged, w);
        WindowInputs in = inputs(id, pre, payloads, constants, w);
        List<io.chainbeasts.checkpoint.StepDigest.Point> points = new ArrayList<>();
        io.chainbeasts.checkpoint.StepDigest.replay(pre, in, true, points::add);
        return new DisputeGamePlayer.Replay(w, payloads.get(w), w == 0 ? null : payloads.get(w - 1), w == 0 ? null : judged.get(w - 1).contextHash(),
                in, points, null, null);
    }

    /** The state window {@code w} starts from: the hatch state, the previous verified window's cached post-state, or rebuilt. */
    private BeastState preState(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> judged, int w) {
        BeastState s = w == 0 ? Hatchery.hatch(id.seedCore()) : cache.get(judged.get(w - 1).postStateHash());
        return s != null ? s : rebuild(id, payloads, constants, judged, w);
    }

    /** Window {@code w}'s protocol inputs from state {@code s}: the constants of its submission, its checkpoint root, the default pool. */
    private static WindowInputs inputs(BeastStore.Identity id, BeastState s, List<byte[]> payloads, ConstantsAt constants, int w) {
        ChainBeast.Constants c = constants.apply(w);
        RealBattlePool pool = RealBattlePool.defaultPool(c.season());
        byte[] root = CheckpointPayload.decode(payloads.get(w)).prevCheckpointHash();
        return WindowInputs.publicWindow(TrainingPlan.context(s, c.season(), c.training(), root, id.datasetCommitment(), pool), pool);
    }

    /** Replays windows 0..w-1 again from the hatch when the cache lost the state window w starts from. */
    private BeastState rebuild(BeastStore.Identity id, List<byte[]> payloads, ConstantsAt constants, List<Judgement> judged, int w) {
        BeastState s = Hatchery.hatch(id.seedCore());
        for (int k = 0; k < w; k++) {
            backend.runWindows(List.of(s), List.of(inputs(id, s, payloads, constants, k)));
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
