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

    /** The verdict per window and a one-line summary ("verified 4/4", "FAILED at window 2: ..."). */
    public record Result(Map<Long, Verifier.Verdict> verdicts, boolean ok, String summary) {}

    /** Verifies the public windows of the beast in {@code dir} on the Java reference (private ones get lineage-only checks). */
    public static Result verify(Path dir) {
        try {
            BeastStore store = BeastStore.open(dir);
            Verifier.Report r = new Verifier(store, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, null, 0, new JavaBackend(1))
                    .verifyAll(v -> { });
            Map<Long, Verifier.Verdict> m = new HashMap<>();
            String head = "";
            for (Verifier.WindowVerdict v : r.verdicts()) {
                if (v.ofHead()) head = "; HEAD: " + v.detail(); // not a window: HEAD or the state it names is damaged
                else m.put(v.window(), v.verdict());
            }
            Verifier.WindowVerdict bad = r.firstFailure();
            if (bad != null) return new Result(m, false, "FAILED at window " + bad.window() + ": " + bad.detail());
            long ok = r.count(Verifier.Verdict.VERIFIED);
            long lineage = r.count(Verifier.Verdict.LINEAGE_ONLY);
            String s = "verified " + ok + "/" + r.windows() + (lineage > 0 ? " (" + lineage + " lineage-only)" : "") + head;
            return new Result(m, true, s);
        } catch (StoreException | Verifier.BackendFailure e) {
            throw new ClientError(e.getMessage());
        }
    }
}
