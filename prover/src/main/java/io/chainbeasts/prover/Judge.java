package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.prover.Verifier.StepDivergence;
import io.chainbeasts.prover.Verifier.Verdict;
import io.chainbeasts.prover.Verifier.WindowVerdict;

import java.util.Arrays;
import java.util.Map;

/**
 * The verdict of a replayed window, from the replay's result against the payload (the on-chain claim)
 * and then against the record (the store's own claims), with the first bad micro-step of a failure.
 */
public final class Judge {
    private final String backendName;

    Judge(String backendName) {
        this.backendName = backendName;
    }

    /**
     * The verdict of a replayed window: FAILURE when the replay contradicts the payload (with the first
     * bad micro-step, searched on the Java reference); UNVERIFIABLE when it reproduces the payload but
     * the record's own fields (post-state, context, metrics) disagree with it; else VERIFIED.
     */
    WindowVerdict judge(WindowChecks.Pending w, WindowResult r) {
        long i = w.payload().windowIndex();
        String diff = payloadDiff(w.payload(), r);
        if (diff != null) {
            // without a record there are no claimed step digests to search
            if (w.rec() == null) return new WindowVerdict(i, Verdict.FAILURE, diff, false, null);
            // training claims no digests (they are derived on demand): only a record that claims them names a step
            if (!w.rec().claimsStepDigests()) {
                return new WindowVerdict(i, Verdict.FAILURE, diff + "; the record claims no step digests", false, null);
            }
            return new WindowVerdict(i, Verdict.FAILURE, diff, true, firstBadStep(w.pre(), w.in(), w.rec()));
        }
        String local = w.rec() == null ? null : !w.recordedContextOk() ? WindowChecks.contextProblem(w.rec().context(), w.ctx()) : recordDiff(w.rec(), r);
        if (local == null && w.rec() != null && w.rec().claimsStepDigests()) local = stepDigestDiff(w);
        if (local != null) {
            return WindowChecks.unverifiable(i, "the replay reproduces the payload, but the record disagrees with it: " + local);
        }
        return new WindowVerdict(i, Verdict.VERIFIED, "replayed " + Window.STEPS + " micro-steps" + (w.ctx().hasPrivateDataset() ? " with the private dataset" : "")
                + " on " + backendName + ", h128 0x" + Hex.of(r.h128()).substring(0, 16) + "…", true, null);
    }

    /** Null when the record's own claims (post-state hash, metrics) match the replay; else "field: replay X, claimed Y". */
    private static String recordDiff(WindowRecord rec, WindowResult r) {
        if (!Arrays.equals(r.stateHash(), rec.postStateHash())) {
            return "postStateHash: replay 0x" + Hex.of(r.stateHash()) + ", claimed 0x" + Hex.of(rec.postStateHash());
        }
        Map<String, Object> want = Trainer.metrics(r);
        Map<String, Object> got = rec.metrics();
        for (Map.Entry<String, Object> e : want.entrySet()) {
            if (!Json.write(e.getValue()).equals(Json.write(got.get(e.getKey())))) {
                return "metrics." + e.getKey() + ": replay " + e.getValue() + ", claimed " + got.get(e.getKey());
            }
        }
        if (!got.keySet().equals(want.keySet())) return "metrics: fields " + got.keySet() + ", replay has " + want.keySet();
        return null;
    }

    /**
     * Null when every step digest the record claims is the replay's; else which one is not. The batched replay
     * reports only the window's end, so this re-runs the window step by step on the Java reference: a record
     * whose digests were edited (and re-checksummed) must never pass as VERIFIED, because the digests are what
     * a dispute would name the first bad micro-step from (issue: disputes that one honest party wins).
     */
    private static String stepDigestDiff(WindowChecks.Pending w) {
        StepDivergence d = firstBadStep(w.pre(), w.in(), w.rec());
        if (d == null) return null;
        return "stepDigests[" + d.step() + "]: replay 0x" + Hex.of(d.expected()) + ", claimed 0x" + Hex.of(d.claimed());
    }

    /** Null when the replay reproduces every field of the payload (the on-chain claim); else "field: replay X, payload Y". */
    public static String payloadDiff(CheckpointPayload p, WindowResult r) {
        if (p.energyBurn() != r.energyBurn()) return "energyBurn: replay " + r.energyBurn() + ", payload " + Long.toUnsignedString(p.energyBurn());
        if (p.activeMask() != r.activeMask()) return "activeMask: replay 0x" + Integer.toHexString(r.activeMask()) + ", payload 0x" + Integer.toHexString(p.activeMask());
        if (p.lrShift() != r.lrShift()) return "lrShift: replay " + r.lrShift() + ", payload " + p.lrShift();
        long gs = r.globalStep() & 0xFFFF_FFFFL;
        if (p.globalStep() != gs) return "globalStep: replay " + gs + ", payload " + p.globalStep();
        if (!Arrays.equals(p.h128(), r.h128())) return "h128: replay 0x" + Hex.of(r.h128()) + ", payload 0x" + Hex.of(p.h128());
        if (!Arrays.equals(p.lineageHash(), r.lineageHash())) return "lineageHash: replay 0x" + Hex.of(r.lineageHash()) + ", payload 0x" + Hex.of(p.lineageHash());
        if (p.lossDrop() != r.lossDrop()) return "lossDrop: replay " + r.lossDrop() + ", payload " + p.lossDrop();
        return null;
    }

    /**
     * Replays the window's step digests D_1..D_128 ({@link StepDigest#replay}) from {@code pre} and returns the first
     * micro-step whose digest differs from the record's claim, or null if all 128 match: the step a challenger names
     * in the dispute game.
     */
    static StepDivergence firstBadStep(BeastState pre, WindowInputs in, WindowRecord rec) {
        byte[][] d = StepDigest.replay(pre, in);
        for (int i = 0; i < Window.STEPS; i++) {
            byte[] claimed = rec.stepDigest(i);
            if (!Arrays.equals(d[i + 1], claimed)) {
                return new StepDivergence(i, (pre.globalStep + i + 1L) & 0xFFFF_FFFFL, d[i + 1], claimed);
            }
        }
        return null;
    }

}
