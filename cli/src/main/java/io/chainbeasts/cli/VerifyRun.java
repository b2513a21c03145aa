package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.prover.Verifier;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code chainbeasts verify DIR [--dataset FILE --secret FILE]}: one line per window, then a result
 * line. Exit codes: 0 every window verified or (private, no dataset) lineage-only checked, 1 a
 * divergence (the first bad window named, with its first bad micro-step when it was replayed) or a
 * window this store cannot establish (UNVERIFIABLE: a missing, damaged, unanchored or reordered file),
 * 2 bad input (no beast there, unreadable beast.json or HEAD, a dataset or secret that does not match
 * the beast's commitments, a malformed secret file), 3 the replay backend itself failed (nothing judged).
 */
public final class VerifyRun {
    private VerifyRun() {}

    public static final int OK = 0;
    public static final int DIVERGENCE = 1;
    public static final int BAD_INPUT = 2;
    public static final int NOT_JUDGED = 3;

    /** Bad input: a one-line message naming the file or option. */
    public static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }

    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, PrintStream out) {
        return run(beastDir, datasetOrNull, secretFileOrNull, new JavaBackend(1), out);
    }

    /** Replays on {@code backend} (the CLI's --backend), in batches of {@link Verifier#REPLAY_BATCH} windows. */
    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, TrainingBackend backend, PrintStream out) {
        return run(beastDir, datasetOrNull, secretFileOrNull, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, backend, out);
    }

    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, SeasonConstants season, TrainingConstants training,
                          PrintStream out) {
        return run(beastDir, datasetOrNull, secretFileOrNull, season, training, new JavaBackend(1), out);
    }

    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, SeasonConstants season, TrainingConstants training,
                          TrainingBackend backend, PrintStream out) {
        return run(beastDir, datasetOrNull, secretFileOrNull, season, training, backend, out, m -> out.println("verify: " + m));
    }

    /**
     * The verifier proper: verdicts go to {@code out}; a bad-input message (unreadable store, wrong
     * dataset or secret; one line naming the file) goes to {@code errorLine} with exit code 2, and so
     * does a failure of the replay backend itself, with exit code 3.
     */
    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, SeasonConstants season, TrainingConstants training,
                          TrainingBackend backend, PrintStream out, Consumer<String> errorLine) {
        return run(beastDir, datasetOrNull, secretFileOrNull, season, training, backend, out, errorLine, new WindowLines() {
            @Override
            public void start(long windows) {}

            @Override
            public void window(String line) {
                out.println(line);
            }
        });
    }

    /**
     * Records an interrupted (group) commit left past HEAD, one line for the run of them instead of one each: they are
     * not part of the history, and a stopped long train can leave a dozen.
     */
    private static final class PendingRun {
        private final WindowLines lines;
        private Verifier.WindowVerdict first;
        private long last;

        PendingRun(WindowLines lines) {
            this.lines = lines;
        }

        void add(Verifier.WindowVerdict w) {
            if (first == null) first = w;
            last = w.window();
        }

        void flush() {
            if (first == null) return;
            lines.window(last == first.window() ? first.line() : "windows " + first.window() + "-" + last + ": PENDING (" + (last - first.window() + 1)
                    + " records from " + first.detail().replaceFirst(": written but not committed by HEAD", " on: written but not committed by HEAD") + ")");
            first = null;
        }
    }

    /** Where the per-window verdict lines go (the CLI draws a progress bar between them). */
    public interface WindowLines {
        /** Called once, before the first verdict, with the number of windows to replay. */
        void start(long windows);

        void window(String line);
    }

    /** As above, with each window's verdict line given to {@code lines}. */
    public static int run(Path beastDir, Path datasetOrNull, Path secretFileOrNull, SeasonConstants season, TrainingConstants training,
                          TrainingBackend backend, PrintStream out, Consumer<String> errorLine, WindowLines lines) {
        Verifier v;
        BeastStore store;
        try {
            store = BeastStore.open(beastDir);
            store.head();
            PrivateDataOptions.Opened data = privateData(store, datasetOrNull, secretFileOrNull, season);
            v = new Verifier(store, season, training, data == null ? null : data.samples(), data == null ? 0 : data.fold(), backend);
        } catch (StoreException | BadInput e) {
            errorLine.accept(e.getMessage());
            return BAD_INPUT;
        }
        BeastStore.Identity id = store.identity();
        boolean bound = new java.math.BigInteger(1, id.ledger()).signum() != 0;
        out.println("verify " + beastDir + ": beast " + id.beastId() + (bound ? " on chain " + Long.toUnsignedString(id.chainId()) + ", ledger 0x"
                + Hex.of(id.ledger()) : " (local: bound to no ledger)") + ", " + (id.isPrivate() ? "private curriculum (C_dataset 0x" + Hex.of(id.datasetCommitment()) + ", "
                + (datasetOrNull == null ? "no dataset given: private windows get lineage-only checks)" : "dataset and secret given)") : "public curriculum"));
        Verifier.Report r;
        try {
            lines.start(store.head().windows());
            PendingRun pending = new PendingRun(lines);
            r = v.verifyAll(w -> {
                if (w.verdict() == Verifier.Verdict.PENDING) {
                    pending.add(w);
                } else {
                    pending.flush();
                    lines.window(w.line());
                }
            });
            pending.flush();
        } catch (StoreException e) {
            errorLine.accept(e.getMessage());
            return BAD_INPUT;
        } catch (Verifier.BackendFailure e) {
            errorLine.accept(e.getMessage());
            return NOT_JUDGED;
        }
        assert r.verdicts().stream().allMatch(w -> w.verdict() != Verifier.Verdict.VERIFIED || w.replayed()) : "a window verified without a replay";
        Verifier.WindowVerdict first = r.firstFailure();
        long unverifiable = r.count(Verifier.Verdict.UNVERIFIABLE);
        long unverifiableInHistory = r.countInHistory(Verifier.Verdict.UNVERIFIABLE);
        String counts = r.countInHistory(Verifier.Verdict.VERIFIED) + " verified, " + r.countInHistory(Verifier.Verdict.LINEAGE_ONLY) + " lineage-only, "
                + r.countInHistory(Verifier.Verdict.FAILURE) + " failed" + (unverifiableInHistory > 0 ? ", " + unverifiableInHistory + " unverifiable" : "")
                + " of " + r.windows() + " windows" + beyondHistory(r);
        if (first != null) {
            out.println("result: DIVERGENCE at window " + first.window()
                    + (first.step() != null ? ", micro-step " + first.step().step() : "") + " (" + counts + ")");
            return DIVERGENCE;
        }
        if (unverifiable > 0) {
            Verifier.WindowVerdict u = r.first(Verifier.Verdict.UNVERIFIABLE);
            out.println("result: UNVERIFIABLE " + (u.ofHead() ? "at HEAD" : "from window " + u.window())
                    + ": this store cannot establish the claimed history (" + counts + ")");
            return DIVERGENCE;
        }
        long rederived = r.verdicts().stream().filter(Verifier.WindowVerdict::preStateRederived).count();
        out.println("result: OK (" + counts + ")" + (r.count(Verifier.Verdict.LINEAGE_ONLY) > 0
                ? "; lineage-only windows are not verified: pass --dataset and --secret to replay them" : "")
                + (rederived > 0 ? "; the store is damaged: " + rederived + " window(s) had an unusable stored pre-state and were replayed from"
                + " the state before them (the previous window's replay; for window 0 the hatch from seed_core), and the history holds" : ""));
        return OK;
    }

    /** What the counts of HEAD's windows leave out: a verdict on HEAD itself, records beyond it; "" when there is none. */
    private static String beyondHistory(Verifier.Report r) {
        StringBuilder b = new StringBuilder();
        for (Verifier.WindowVerdict w : r.verdicts()) {
            if (w.ofHead()) b.append("; HEAD ").append(w.verdict().name().toLowerCase(java.util.Locale.ROOT));
        }
        long past = r.verdicts().stream().filter(w -> !w.ofHead() && w.window() >= r.windows()).count();
        if (past > 0) b.append("; ").append(past).append(past == 1 ? " record" : " records").append(" beyond HEAD");
        return b.toString();
    }

    /** The private data of {@code --dataset/--secret} (null without them); every refusal of {@link PrivateDataOptions#open} is bad input here. */
    static PrivateDataOptions.Opened privateData(BeastStore store, Path datasetFile, Path secretFile, SeasonConstants season) {
        try {
            return PrivateDataOptions.open(datasetFile, secretFile, store, "it has no dataset to check", season);
        } catch (UserError e) {
            throw new BadInput(e.getMessage());
        }
    }
}
