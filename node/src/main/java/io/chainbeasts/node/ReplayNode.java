package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.BoundedFiles;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.engine.TrainingBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A validator replay node that needs nothing but the chain: each {@link #pass} discovers every beast
 * ({@link ChainHistory}), judges each one's live checkpoint chain from its hatch ({@link ChainReplay}, each
 * window under the constants of the era it was submitted in, {@link SeasonEras}) and reports every window it
 * judged for the first time, one line each. Its data folder holds the state cache and {@code judgements.json}
 * (published atomically after each pass), so a restarted node neither replays nor reports a window twice.
 * A beast whose judging throws is reported and skipped; it never stops the node.
 */
public final class ReplayNode {
    private final ChainSession s;
    private final int confirmations;
    private final Path judgementsFile;
    private final ChainReplay replay;
    private final Map<BigInteger, List<ChainReplay.Judgement>> known;
    private volatile Status status = new Status(0, BigInteger.ZERO, BigInteger.ZERO, 0, 0, 0, 0, 0, BigInteger.ZERO);
    /** Open disputes already announced to their owner (one alert per dispute and run). */
    private final java.util.Set<String> alerted = new java.util.HashSet<>();
    /** With a dispute game deployed and a bond budget: the node disputes every public FAILURE itself (null: it only reports). */
    private DisputeGamePlayer player;
    private BigInteger bondBudget = BigInteger.ZERO;
    /** Bonds this node has put up so far (kept in judgements.json, so a restart does not spend the budget twice). */
    private BigInteger bondsCommitted = BigInteger.ZERO;

    /**
     * What the node's health endpoint and metrics show, as of the last pass: how many passes ran, the chain's head and the
     * last block read, the beasts tracked, the windows replayed in all, the windows judged FAILURE now and the private
     * windows checked lineage-only.
     */
    public record Status(long passes, BigInteger head, BigInteger readUpTo, int beasts, long windowsReplayed, int failures, int lineageOnly,
                         int disputesOpen, BigInteger bondAtRisk) {
        /** Blocks between the chain's head and the last block the node has judged. */
        public BigInteger blocksBehind() {
            return head.subtract(readUpTo).max(BigInteger.ZERO);
        }
    }

    /**
     * @param confirmations how deep a block must be before the node reads it (0: the latest); a reorg shallower than
     *                      that never reaches the node, and a deeper one is judged again (judgements are keyed by the
     *                      checkpoint hash, so a replaced payload is a new window to judge)
     */
    public ReplayNode(ChainSession s, Path dataDir, TrainingBackend backend, int confirmations) {
        if (confirmations < 0) throw new IllegalArgumentException("confirmations: must not be negative");
        this.s = s;
        this.confirmations = confirmations;
        this.judgementsFile = dataDir.resolve("judgements.json");
        this.replay = new ChainReplay(new StateCache(dataDir.resolve("states")), backend);
        this.known = load(judgementsFile);
        this.bondsCommitted = bondsCommitted(judgementsFile);
    }

    /** One line per newly judged window (and per beast that could not be judged); returns the windows that FAILED so far. */
    public int pass(Consumer<String> lines) {
        BigInteger head = s.blockNumber();
        BigInteger upTo = head.subtract(BigInteger.valueOf(confirmations));
        if (upTo.signum() < 0) return 0;
        long replayed = 0;
        int lineageOnly = 0;
        ChainHistory history = new ChainHistory(s, upTo);
        SeasonEras eras = new SeasonEras(s);
        Map<BigInteger, List<ChainHistory.Submission>> chains = history.liveChains();
        int failures = 0;
        for (BeastStore.Identity id : history.beasts()) {
            List<ChainHistory.Submission> chain = chains.getOrDefault(id.beastId(), List.of());
            List<byte[]> payloads = new ArrayList<>();
            for (ChainHistory.Submission sub : chain) payloads.add(sub.payload());
            List<ChainReplay.Judgement> before = known.getOrDefault(id.beastId(), List.of());
            List<ChainReplay.Judgement> now;
            try {
                now = replay.judge(id, payloads, w -> eras.at(chain.get((int) w).at()), before);
            } catch (RuntimeException e) {
                lines.accept("beast #" + id.beastId() + ": not judged this pass (" + ChainSession.rootMessage(e) + "); retried next pass");
                continue;
            }
            for (ChainReplay.Judgement j : now) {
                if (j.outcome() == ChainReplay.Outcome.LINEAGE_ONLY) lineageOnly++;
                boolean reported = j.window() < before.size() && java.util.Arrays.equals(before.get((int) j.window()).checkpointHash(), j.checkpointHash())
                        && before.get((int) j.window()).outcome() == j.outcome();
                if (!reported) {
                    if (j.outcome() == ChainReplay.Outcome.VERIFIED || j.outcome() == ChainReplay.Outcome.FAILURE) replayed++;
                    lines.accept("beast #" + id.beastId() + " window " + j.window() + ": " + j.outcome()
                            + (j.outcome() == ChainReplay.Outcome.VERIFIED ? "" : " (" + j.detail() + ")")
                            + (j.checkpointHash() == null ? "" : " checkpoint 0x" + Hex.of(j.checkpointHash()).substring(0, 16)));
                }
                if (j.outcome() == ChainReplay.Outcome.FAILURE) failures++;
            }
            known.put(id.beastId(), now);
            if (player != null && !id.isPrivate()) dispute(id, payloads, chain, eras, now, lines);
        }
        save();
        List<ChainHistory.OpenDispute> open = history.openDisputes();
        BigInteger atRisk = BigInteger.ZERO;
        String me = s.me == null ? null : s.address();
        for (ChainHistory.OpenDispute d : open) {
            if (me == null) continue;
            if (d.challenger().equalsIgnoreCase(me)) atRisk = atRisk.add(d.bond());
            if (d.trainer().equalsIgnoreCase(me) && alerted.add(Hex.of(d.checkpointHash()))) {
                lines.accept("ALERT: your beast #" + d.beastId() + " is disputed by " + d.challenger() + " (checkpoint 0x"
                        + Hex.of(d.checkpointHash()).substring(0, 16) + ", bond " + ChainSession.energy(d.bond())
                        + "): answer with `chainbeasts chain answer --beast DIR` before the owner's clock runs out");
            }
        }
        Status was = status;
        status = new Status(was.passes() + 1, head, upTo, known.size(), was.windowsReplayed() + replayed, failures, lineageOnly, open.size(), atRisk);
        return failures;
    }

    /**
     * Makes the node a challenger: every public window it judges FAILURE and that is still open on chain is disputed
     * through the dispute game (file, then on later passes name the first bad step and prove it), as long as the bonds
     * put up stay within {@code budget} (ENERGY wei); a dispute over budget is reported, not filed.
     */
    public void challengeWithin(BigInteger budget, Consumer<String> lines) {
        if (s.d.game == null) throw new ChainError(s.command + ": --dispute-budget: this deployment has no dispute game (it was deployed with `chain up --vote`)");
        this.bondBudget = budget;
        this.player = new DisputeGamePlayer(s, lines, t -> java.time.Instant.ofEpochSecond(t).toString());
    }

    /** As of the last pass. */
    public Status status() {
        return status;
    }

    /** Plays the game on each FAILURE of this public beast that is still open on chain (one move per pass and window). */
    private void dispute(BeastStore.Identity id, List<byte[]> payloads, List<ChainHistory.Submission> chain, SeasonEras eras,
                         List<ChainReplay.Judgement> judged, Consumer<String> lines) {
        for (ChainReplay.Judgement j : judged) {
            if (j.outcome() != ChainReplay.Outcome.FAILURE || j.checkpointHash() == null || j.contextHash() == null) continue;
            String tag = "beast #" + id.beastId() + " window " + j.window();
            var rec = s.view(s.d.ledger.records(j.checkpointHash()), "CheckpointLedger.records");
            CheckpointStatus st = CheckpointStatus.of(rec.component5().intValue());
            int stage = player.game(j.checkpointHash()).stage.intValue();
            if (!st.isOpen() && stage < DisputeGamePlayer.AWAIT_DIGESTS) continue; // settled before this node saw it
            if (stage >= DisputeGamePlayer.RESOLVED_VALID) continue;
            if (stage == 0) {
                // past its challenge window nobody can file any more (a forced error that stood, a cheat nobody disputed in
                // time): reported above, never filed, so no bond is counted against the budget for it
                if (s.now() > rec.component2().longValueExact()) continue;
                BigInteger bond = rec.component1().multiply(s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("bondMultiplier")), "SeasonRegistry.get"));
                if (bondsCommitted.add(bond).compareTo(bondBudget) > 0) {
                    lines.accept(tag + ": not disputed: its bond " + ChainSession.energy(bond) + " is over what is left of the budget ("
                            + ChainSession.energy(bondBudget.subtract(bondsCommitted)) + ")");
                    continue;
                }
                bondsCommitted = bondsCommitted.add(bond);
                save(); // before the filing: a crash after it never spends the budget twice
            }
            try {
                DisputeGamePlayer.Replay r = replay.disputeReplay(id, payloads, w -> eras.at(chain.get((int) w).at()), judged, (int) j.window());
                player.challengePublic(r, new DisputeGamePlayer.Pace(0, 0));
            } catch (ChainError e) {
                lines.accept(tag + ": dispute move failed (" + e.getMessage() + "); retried next pass");
            }
        }
    }

    /** The node's current judgement of every window of every beast it follows. */
    public Map<BigInteger, List<ChainReplay.Judgement>> judgements() {
        return known;
    }

    private void save() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1L);
        root.put("bondsCommitted", bondsCommitted.toString());
        Map<String, Object> beasts = new LinkedHashMap<>();
        for (Map.Entry<BigInteger, List<ChainReplay.Judgement>> e : known.entrySet()) {
            List<Object> js = new ArrayList<>();
            for (ChainReplay.Judgement j : e.getValue()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("window", j.window());
                m.put("checkpoint", j.checkpointHash() == null ? "" : Hex.of(j.checkpointHash()));
                m.put("outcome", j.outcome().name());
                m.put("detail", j.detail());
                m.put("postState", j.postStateHash() == null ? "" : Hex.of(j.postStateHash()));
                m.put("context", j.contextHash() == null ? "" : Hex.of(j.contextHash()));
                js.add(m);
            }
            beasts.put(e.getKey().toString(), js);
        }
        root.put("beasts", beasts);
        try {
            AtomicFile.write(judgementsFile, (Json.write(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(judgementsFile + ": cannot save the node's judgements", e);
        }
    }

    /** The bonds an earlier run put up (0 when the file is missing or unreadable). */
    static BigInteger bondsCommitted(Path file) {
        try {
            Object v = Json.obj(Json.parse(BoundedFiles.readUtf8(file, BoundedFiles.JSON_LIMIT)), file.toString()).get("bondsCommitted");
            return v instanceof String t ? new BigInteger(t) : BigInteger.ZERO;
        } catch (IOException | RuntimeException e) {
            return BigInteger.ZERO;
        }
    }

    /** The judgements of an earlier run; none when the file is missing or unreadable (the node then judges again). */
    static Map<BigInteger, List<ChainReplay.Judgement>> load(Path file) {
        Map<BigInteger, List<ChainReplay.Judgement>> out = new LinkedHashMap<>();
        String text;
        try {
            text = BoundedFiles.readUtf8(file, BoundedFiles.JSON_LIMIT);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            return out;
        }
        try {
            Map<String, Object> beasts = Json.obj(Json.obj(Json.parse(text), file.toString()).get("beasts"), "beasts");
            for (Map.Entry<String, Object> e : beasts.entrySet()) {
                List<ChainReplay.Judgement> js = new ArrayList<>();
                for (Object o : Json.arr(e.getValue(), "beast " + e.getKey())) {
                    Map<String, Object> m = Json.obj(o, "judgement");
                    String cp = Json.str(m, "checkpoint");
                    String post = Json.str(m, "postState");
                    String ctx = Json.str(m, "context");
                    js.add(new ChainReplay.Judgement(Json.num(m, "window"), cp.isEmpty() ? null : Hex.parse(cp),
                            ChainReplay.Outcome.valueOf(Json.str(m, "outcome")), Json.str(m, "detail"), post.isEmpty() ? null : Hex.parse(post),
                            ctx.isEmpty() ? null : Hex.parse(ctx)));
                }
                out.put(new BigInteger(e.getKey()), js);
            }
        } catch (RuntimeException damaged) {
            out.clear(); // judged again from the chain: nothing is lost but time
        }
        return out;
    }
}
