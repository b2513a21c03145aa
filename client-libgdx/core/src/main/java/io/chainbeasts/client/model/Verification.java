package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.prover.Verifier;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Replays a beast's windows with the prover's {@link Verifier}, as {@code chainbeasts verify} does. */
public final class Verification {
    private Verification() {}

    /**
     * The verdict per window and a one-line summary ("verified 4/4", "FAILED at window 2: ..."). {@code ok}: nothing
     * contradicts a payload; {@code complete}: every window was replayed (a private window without its dataset and
     * secret is checked for lineage only, which says nothing of its training).
     */
    public record Result(Map<Long, Verifier.Verdict> verdicts, boolean ok, boolean complete, String summary) {}

    /** Verifies the beast in {@code dir} on the Java reference; its private windows only by lineage (no dataset given). */
    public static Result verify(Path dir) {
        return verify(dir, null);
    }

    /** As above; {@code curriculum}: a private beast's dataset and secret, so its private windows are replayed too. */
    public static Result verify(Path dir, PrivateCurriculum curriculum) {
        try {
            BeastStore store = BeastStore.open(dir);
            Verifier.Report r = new Verifier(store, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT,
                    curriculum == null ? null : curriculum.dataset(), curriculum == null ? 0 : curriculum.fold(), new JavaBackend(1))
                    .verifyAll(v -> { });
            Map<Long, Verifier.Verdict> m = new HashMap<>();
            String head = "";
            for (Verifier.WindowVerdict v : r.verdicts()) {
                if (v.ofHead()) head = "; HEAD: " + v.detail(); // not a window: HEAD or the state it names is damaged
                else m.put(v.window(), v.verdict());
            }
            Verifier.WindowVerdict bad = r.firstFailure();
            if (bad != null) return new Result(m, false, false, "FAILED at window " + bad.window() + ": " + bad.detail());
            long ok = r.count(Verifier.Verdict.VERIFIED);
            long lineage = r.count(Verifier.Verdict.LINEAGE_ONLY);
            String s = "verified " + ok + "/" + r.windows()
                    + (lineage > 0 ? "; " + lineage + " private window" + (lineage == 1 ? "" : "s")
                    + " need the dataset and secret (Train screen)" : "") + head;
            return new Result(m, true, ok == r.windows() && head.isEmpty(), s);
        } catch (StoreException | Verifier.BackendFailure e) {
            throw new ClientError(e.getMessage());
        }
    }
}
