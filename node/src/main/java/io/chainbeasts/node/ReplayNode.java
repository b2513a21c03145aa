package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.contracts.generated.DisputeGame;
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
 * A beast whose judging throws is reported and skipped; it never stops the node. A private window is LINEAGE_ONLY until
 * a dispute game makes its owner reveal S_owner and the records it drew (DigestsPosted): the node then replays it from
 * them ({@link ChainReplay}) and plays a FAILURE like a public one.
 */
public final class ReplayNode {
    private final ChainSession s;
    private final int confirmations;
    private final Path judgementsFile;
    /** Block 0's hash of the chain judged, saved with the judgements (files from before it have none). */
    private final String genesis;
    private final ChainReplay replay;
    private final Map<BigInteger, List<ChainReplay.Judgement>> known;
    private volatile Status status = new Status(0, BigInteger.ZERO, BigInteger.ZERO, 0, 0, 0, 0, 0, BigInteger.ZERO, 0);
    /** Open disputes already announced to their owner (one alert per dispute and run). */
    private final java.util.Set<String> alerted = new java.util.HashSet<>();
    /** With a dispute game deployed and a bond budget: the node disputes every public FAILURE itself (null: it only reports). */
    private DisputeGamePlayer player;
    private BigInteger bondBudget = BigInteger.ZERO;
    /**
     * The bond this node committed to each dispute it decided to file, by checkpoint hash (kept in judgements.json and
     * saved before the filing, so a node killed at any moment neither spends the budget twice nor files twice).
     */
    private final Map<String, BigInteger> bonds;
    /** Payloads read from calldata, by checkpoint hash, kept across passes (each submit transaction is fetched once). */
    private final Map<String, byte[]> payloadCache = new java.util.HashMap<>();
    /** The constants over the chain's history, kept across passes (read again only when governance applied a change). */
    private SeasonEras eras;
    /** Checkpoints whose dispute is over (or that were settled without one), by hash: the node stops asking the chain about them. */
    private final java.util.Set<String> settled = new java.util.HashSet<>();
    /** Whether the last pass left something to retry (a beast not judged, a dispute move that failed or waited). */
    private boolean retry;
    /** R_dataset of each private beast with a reveal, by beast id (fixed at hatch: read from BeastNFT once). */
    private final Map<BigInteger, byte[]> recordsRoots = new java.util.HashMap<>();
    /** Games of others this node has looked at (checkpoint and stage/step), so it says what it makes of each once per run. */
    private final java.util.Set<String> looked = new java.util.HashSet<>();
    private java.util.function.LongFunction<String> when = t -> java.time.Instant.ofEpochSecond(t).toString();
    /** The beast whose dispute game the player is on ("beast #N"), named in its lines; null between beasts. */
    private String playing;

    /**
     * What the node's health endpoint and metrics show, as of the last pass: how many passes ran, the chain's head and the
     * last block read, the beasts tracked, the windows replayed in all, the windows judged FAILURE now and the private
     * windows checked lineage-only; {@code replayNanos}: the time spent judging in passes that replayed something.
     */
    public record Status(long passes, BigInteger head, BigInteger readUpTo, int beasts, long windowsReplayed, int failures, int lineageOnly,
                         int disputesOpen, BigInteger bondAtRisk, long replayNanos) {
        /** Windows replayed per second of judging, in thousandths (0 before any replay). */
        public long windowsPerSecondMilli() {
            return replayNanos == 0 ? 0 : windowsReplayed * 1_000_000_000_000L / replayNanos;
        }

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
        this.genesis = s.genesisHash();
        String judged = genesisOf(judgementsFile);
        if (judged != null && !judged.equalsIgnoreCase(genesis)) {
            // another chain's judgements and bonds (a reset local chain has the same contract addresses): never mixed in
            throw new ChainError(s.command + ": " + judgementsFile + ": these judgements are of another chain (block 0 " + judged + ", this chain's "
                    + genesis + "); give the node a fresh --data folder");
        }
        this.replay = new ChainReplay(new StateCache(dataDir.resolve("states")), backend);
        this.known = load(judgementsFile);
        this.bonds = bonds(judgementsFile);
    }

    /**
     * One pass over every beast: the windows ready to judge are replayed in batches across beasts
     * ({@link ChainReplay#judgeAll}: one backend call per wave, one OpenCL launch), and after each wave the judgements
     * are saved, then reported: one line per newly judged window (and per beast that could not be judged). Saving
     * before printing makes a killed node print a window at most once and judge it again only if it never saved it.
     * Returns the windows that FAILED so far.
     */
    public int pass(Consumer<String> sink) {
        BigInteger head = s.blockNumber();
        BigInteger upTo = head.subtract(BigInteger.valueOf(confirmations));
        if (upTo.signum() < 0) return 0;
        if (status.passes() > 0 && upTo.equals(status.readUpTo()) && !retry) return status.failures(); // no new block: nothing new to judge or play
        retry = false;
        Consumer<String> lines = line -> {
            if (line.contains("retried next pass") || line.contains("wait for the next pass")) retry = true;
            sink.accept(line);
        };
        ChainHistory history = new ChainHistory(s, upTo, payloadCache);
        SeasonEras eras = this.eras = this.eras == null ? new SeasonEras(s) : this.eras.refreshed();
        Map<BigInteger, List<ChainHistory.Submission>> chains = history.liveChains();
        List<BeastStore.Identity> ids = history.beasts();
        Map<String, DisputeGame.DigestsPostedEventResponse> revealed = ids.stream().anyMatch(BeastStore.Identity::isPrivate) ? history.reveals() : Map.of();
        List<ChainReplay.Task> tasks = new ArrayList<>();
        for (BeastStore.Identity id : ids) {
            List<ChainHistory.Submission> chain = chains.getOrDefault(id.beastId(), List.of());
            List<byte[]> payloads = new ArrayList<>();
            for (ChainHistory.Submission sub : chain) payloads.add(sub.payload());
            tasks.add(new ChainReplay.Task(id, payloads, w -> eras.at(chain.get((int) w).at()), known.getOrDefault(id.beastId(), List.of()),
                    reveals(id, revealed)));
        }
        long t0 = System.nanoTime();
        ChainReplay.Batch done = replay.judgeAll(tasks, wave -> record(ids, tasks, wave, lines));
        long replayNanos = System.nanoTime() - t0;
        boolean inFlight = (player != null || s.me != null && s.d.game != null) && ourTransactionInFlight(lines);
        int failures = 0;
        int lineageOnly = 0;
        for (int i = 0; i < ids.size(); i++) {
            BeastStore.Identity id = ids.get(i);
            if (done.errors().get(i) != null) {
                lines.accept("beast #" + id.beastId() + ": not judged this pass (" + ChainSession.rootMessage(done.errors().get(i)) + "); retried next pass");
                continue;
            }
            for (ChainReplay.Judgement j : done.judgements().get(i)) {
                if (j.outcome() == ChainReplay.Outcome.LINEAGE_ONLY) lineageOnly++;
                if (j.outcome() == ChainReplay.Outcome.FAILURE) failures++;
            }
        }
        // judged up to upTo: the health endpoint says so now, not after the dispute moves (each waits for its block)
        Status was = status;
        status = new Status(was.passes() + 1, head, upTo, known.size(), was.windowsReplayed() + done.replayed(), failures, lineageOnly,
                was.disputesOpen(), was.bondAtRisk(), was.replayNanos() + (done.replayed() > 0 ? replayNanos : 0));
        for (int i = 0; i < ids.size() && player != null && !inFlight; i++) {
            BeastStore.Identity id = ids.get(i);
            if (done.errors().get(i) == null) {
                List<ChainHistory.Submission> chain = chains.getOrDefault(id.beastId(), List.of());
                int at = i;
                asPlaying(id.beastId(), () -> dispute(tasks.get(at), chain, eras, done.judgements().get(at), lines));
            }
        }
        List<ChainHistory.OpenDispute> open = history.openDisputes();
        BigInteger atRisk = BigInteger.ZERO;
        String me = s.me == null ? null : s.address();
        for (ChainHistory.OpenDispute d : open) {
            if (me == null) continue;
            if (d.challenger().equalsIgnoreCase(me)) atRisk = atRisk.add(d.bond());
            if (!d.trainer().equalsIgnoreCase(me)) continue;
            int i = indexOf(ids, d.beastId());
            ChainReplay.Judgement mine = i < 0 || done.errors().get(i) != null ? null : judgementOf(done.judgements().get(i), d.checkpointHash());
            // a private window replays VERIFIED only from its owner's reveal, whose records then open any step it drew
            boolean answers = mine != null && mine.outcome() == ChainReplay.Outcome.VERIFIED;
            if (alerted.add(Hex.of(d.checkpointHash()))) {
                lines.accept("ALERT: your beast #" + d.beastId() + " is disputed by " + d.challenger() + " (checkpoint 0x"
                        + Hex.of(d.checkpointHash()).substring(0, 16) + ", bond " + ChainSession.energy(d.bond()) + "): "
                        + (answers ? "this node answers it from the chain (the window replays VERIFIED)"
                        : "answer with `chainbeasts chain answer --beast DIR` before the owner's clock runs out"));
            }
            if (answers && !inFlight) {
                int at = i;
                asPlaying(d.beastId(), () -> answer(tasks.get(at), chains.getOrDefault(d.beastId(), List.of()), eras, done.judgements().get(at), mine, lines));
            }
        }
        Status judged = status;
        status = new Status(judged.passes(), head, upTo, judged.beasts(), judged.windowsReplayed(), failures, lineageOnly, open.size(), atRisk,
                judged.replayNanos());
        return failures;
    }

    /**
     * Whether a transaction this node sent is not mined yet (a node killed after sending a move, restarted before the
     * block): it then makes no move this pass, since the chain does not show that move yet and repeating it would be a
     * second transaction for one move.
     */
    private boolean ourTransactionInFlight(Consumer<String> lines) {
        try {
            var w = s.client.web3j();
            BigInteger pending = w.ethGetTransactionCount(s.address(), org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
            BigInteger mined = w.ethGetTransactionCount(s.address(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount();
            if (pending.compareTo(mined) <= 0) return false;
            lines.accept("node: " + pending.subtract(mined) + " transaction(s) of ours not mined yet; dispute moves wait for the next pass");
            return true;
        } catch (IOException | RuntimeException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        }
    }

    /**
     * After a wave: every judgement not yet known goes into {@code known}, which is saved, and only then printed. A beast
     * part-way through keeps its older judgements past the wave's end (its next waves re-derive them).
     */
    private void record(List<BeastStore.Identity> ids, List<ChainReplay.Task> tasks, ChainReplay.Batch wave, Consumer<String> lines) {
        List<String> fresh = new ArrayList<>();
        boolean dirty = false;
        for (int i = 0; i < ids.size(); i++) {
            if (wave.errors().get(i) != null) continue;
            BigInteger beast = ids.get(i).beastId();
            List<ChainReplay.Judgement> now = wave.judgements().get(i);
            List<ChainReplay.Judgement> before = known.getOrDefault(beast, List.of());
            boolean changed = false;
            for (ChainReplay.Judgement j : now) {
                ChainReplay.Judgement b = j.window() < before.size() ? before.get((int) j.window()) : null;
                if (b != null && java.util.Arrays.equals(b.checkpointHash(), j.checkpointHash()) && b.outcome() == j.outcome()) continue;
                changed = true;
                fresh.add("beast #" + beast + " window " + j.window() + ": " + j.outcome()
                        + (j.detail().equals(ChainReplay.REPRODUCES) ? "" : " (" + j.detail() + ")")
                        + (j.checkpointHash() == null ? "" : " checkpoint 0x" + Hex.of(j.checkpointHash()).substring(0, 16)));
            }
            List<ChainReplay.Judgement> merged = new ArrayList<>(now);
            if (before.size() > now.size() && tasks.get(i).payloads().size() > now.size()) merged.addAll(before.subList(now.size(), before.size()));
            for (int w = merged.size(); w < before.size(); w++) { // the live chain got shorter: say what left it, never drop it silently
                byte[] h = before.get(w).checkpointHash();
                fresh.add("beast #" + beast + " window " + w + ": dropped, no longer on the beast's live chain (invalidated by a dispute,"
                        + " or built on one that was)" + (h == null ? "" : " checkpoint 0x" + Hex.of(h).substring(0, 16)));
            }
            if (changed || merged.size() != before.size() || !known.containsKey(beast)) {
                known.put(beast, merged);
                dirty = true;
            }
        }
        if (!dirty) return;
        save();
        fresh.forEach(lines);
    }

    /** How deadlines are printed (default ISO-8601 UTC; the CLI gives local time and the time left). */
    public ReplayNode timesAs(java.util.function.LongFunction<String> format) {
        this.when = format;
        return this;
    }

    /** A dispute player whose lines name the beast whose game it plays ({@link #asPlaying}), deadlines as {@link #timesAs} says. */
    private DisputeGamePlayer newPlayer(Consumer<String> lines) {
        return new DisputeGamePlayer(s, line -> lines.accept(playing == null ? line : playing + ": " + line), sec -> when.apply(sec)).goesOnByItself();
    }

    /** Runs {@code moves} on beast {@code beastId}'s games: the player's lines name it meanwhile. */
    private void asPlaying(BigInteger beastId, Runnable moves) {
        playing = "beast #" + beastId;
        try {
            moves.run();
        } finally {
            playing = null;
        }
    }

    /**
     * Makes the node a challenger: every public window it judges FAILURE and that is still open on chain is disputed
     * through the dispute game (file, then on later passes name the first bad step and prove it), as long as the bonds
     * put up stay within {@code budget} (ENERGY wei); a dispute over budget is reported, not filed.
     */
    public void challengeWithin(BigInteger budget, Consumer<String> lines) {
        if (s.d.game == null) throw new ChainError(s.command + ": --dispute-budget: this deployment has no dispute game (it was deployed with `chain up --vote`)");
        this.bondBudget = budget;
        this.player = newPlayer(lines);
    }

    /** As of the last pass. */
    public Status status() {
        return status;
    }

    /**
     * Plays the game on each replayed FAILURE of this beast that is still open on chain (one move per pass and window): a
     * public window's, or a private window's replayed from the records its owner revealed. In its own game the node files,
     * names the first step that departs and proves it; in another challenger's it proves the named step when that is
     * the step where its replay departs (anyone may; the result, not the caller, decides), and otherwise says once what
     * it makes of the game (only the challenger may name a step).
     */
    private void dispute(ChainReplay.Task t, List<ChainHistory.Submission> chain, SeasonEras eras, List<ChainReplay.Judgement> judged,
                         Consumer<String> lines) {
        BeastStore.Identity id = t.id();
        for (ChainReplay.Judgement j : judged) {
            if (j.outcome() != ChainReplay.Outcome.FAILURE || j.checkpointHash() == null || j.contextHash() == null) continue;
            String tag = "beast #" + id.beastId() + " window " + j.window();
            if (settled.contains(Hex.of(j.checkpointHash()))) continue;
            var rec = s.view(s.d.ledger.records(j.checkpointHash()), "CheckpointLedger.records");
            CheckpointStatus st = CheckpointStatus.of(rec.component5().intValue());
            var game = player.game(j.checkpointHash());
            int stage = game.stage.intValue();
            boolean ours = stage != 0 && game.challenger.equalsIgnoreCase(s.address());
            // another challenger's game upheld what this node's replay shows wrong (a step named before the lie, a clock
            // run out): the ledger lengthened the challenge window by the game's length, so the node files its own
            boolean upheldByAnother = stage == DisputeGamePlayer.RESOLVED_VALID && st == CheckpointStatus.PENDING && !ours;
            if (!upheldByAnother && (!st.isOpen() && stage < DisputeGamePlayer.AWAIT_DIGESTS || stage >= DisputeGamePlayer.RESOLVED_VALID)) {
                settled.add(Hex.of(j.checkpointHash())); // settled before this node saw it, or its game is over: never looked at again
                continue;
            }
            boolean fileable = stage == 0 || upheldByAnother;
            boolean clockRuns = !fileable && s.now() <= player.deadline(j.checkpointHash());
            if (stage == DisputeGamePlayer.AWAIT_DIGESTS && clockRuns) continue; // the owner's move, its clock still runs: nothing to replay yet
            if (stage == DisputeGamePlayer.AWAIT_PROOF && clockRuns) {
                // a replayed step is opened by whoever holds the replay: a node stopped between naming the step and proving
                // it (killed, restarted) proves it now instead of waiting for the owner's clock
                if (ours) proveNamedStep(t, chain, eras, judged, j, game.step.intValue(), tag, lines);
                else join(t, chain, eras, judged, j, game, tag, lines);
                continue;
            }
            if (stage == DisputeGamePlayer.AWAIT_STEP && clockRuns && !ours) {
                String key = Hex.of(j.checkpointHash()) + "/step";
                try {
                    if (looked.add(key)) {
                        lines.accept(tag + ": disputed by " + game.challenger + ", whose move it is (only the challenger names a step); this node's replay"
                                + " departs at step " + DisputeGamePlayer.firstDisputed(player.posted(j.checkpointHash()), disputeReplay(t, chain, eras, judged, j)));
                    }
                } catch (ChainError e) {
                    looked.remove(key);
                    lines.accept(tag + ": dispute move failed (" + e.getMessage() + "); retried next pass");
                }
                continue;
            }
            if (fileable && s.now() > rec.component2().longValueExact()) {
                // past its challenge window nobody can file any more (a forced error that stood, a cheat nobody disputed in
                // time): reported above, never filed, and a bond set aside for it before a crash goes back to the budget
                settled.add(Hex.of(j.checkpointHash()));
                if (bonds.remove(Hex.of(j.checkpointHash())) != null) save();
                continue;
            }
            if (fileable && !bonds.containsKey(Hex.of(j.checkpointHash()))) {
                BigInteger bond = rec.component1().multiply(s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("bondMultiplier")), "SeasonRegistry.get"));
                BigInteger committed = bondsCommitted();
                if (committed.add(bond).compareTo(bondBudget) > 0) {
                    lines.accept(tag + ": not disputed: its bond " + ChainSession.energy(bond) + " is over what is left of the budget ("
                            + ChainSession.energy(bondBudget.subtract(committed)) + ")");
                    continue;
                }
                bonds.put(Hex.of(j.checkpointHash()), bond);
                save(); // before the filing: a crash after it never spends the budget twice
            }
            try {
                player.challengeReplayed(disputeReplay(t, chain, eras, judged, j), new DisputeGamePlayer.Pace(0, 0));
            } catch (ChainError e) {
                lines.accept(tag + ": dispute move failed (" + e.getMessage() + "); retried next pass");
            }
        }
    }

    /**
     * The owner's side of a game on its own window that this node judged VERIFIED: everything the answer needs (the
     * window's replay, its step digests, the named step's proof) follows from the chain, so the owner's node answers
     * without the owner's store. A private window is VERIFIED only once its owner revealed its records (the first
     * answer needs them: `chain answer`); from then on the node opens any step the challenger names.
     */
    private void answer(ChainReplay.Task t, List<ChainHistory.Submission> chain, SeasonEras eras, List<ChainReplay.Judgement> judged,
                        ChainReplay.Judgement j, Consumer<String> lines) {
        String tag = "beast #" + t.id().beastId() + " window " + j.window();
        try {
            DisputeGamePlayer answerer = player != null ? player : newPlayer(lines);
            int stage = answerer.game(j.checkpointHash()).stage.intValue();
            if (answerer.challengerWalkedAway(j.checkpointHash(), stage)) {
                lines.accept(tag + ": the challenger named no step in time; claimed the timeout as its owner, "
                        + DisputeGamePlayer.STAGE[answerer.claimTimeout(j.checkpointHash())]);
                return;
            }
            if (stage != DisputeGamePlayer.AWAIT_DIGESTS && stage != DisputeGamePlayer.AWAIT_PROOF) return; // the challenger's move
            int now = answerer.answer(disputeReplay(t, chain, eras, judged, j));
            lines.accept(tag + ": answered as its owner, " + DisputeGamePlayer.STAGE[now]);
        } catch (ChainError e) {
            lines.accept(tag + ": answer failed (" + e.getMessage() + "); retried next pass");
        }
    }

    private static int indexOf(List<BeastStore.Identity> ids, BigInteger beastId) {
        for (int i = 0; i < ids.size(); i++) if (ids.get(i).beastId().equals(beastId)) return i;
        return -1;
    }

    private static ChainReplay.Judgement judgementOf(List<ChainReplay.Judgement> judged, byte[] checkpointHash) {
        for (ChainReplay.Judgement j : judged) if (j.checkpointHash() != null && java.util.Arrays.equals(j.checkpointHash(), checkpointHash)) return j;
        return null;
    }

    private void proveNamedStep(ChainReplay.Task t, List<ChainHistory.Submission> chain, SeasonEras eras, List<ChainReplay.Judgement> judged,
                                ChainReplay.Judgement j, int k, String tag, Consumer<String> lines) {
        try {
            DisputeGamePlayer.Replay r = disputeReplay(t, chain, eras, judged, j);
            if (!DisputeGamePlayer.canOpen(r, k)) {
                if (looked.add(Hex.of(j.checkpointHash()) + "/open/" + k)) {
                    lines.accept(tag + ": step " + k + " drew a record its owner did not reveal: the owner must open it before its clock runs out");
                }
                return;
            }
            player.prove(r, player.posted(j.checkpointHash()), k);
        } catch (ChainError e) {
            lines.accept(tag + ": dispute move failed (" + e.getMessage() + "); retried next pass");
        }
    }

    /**
     * Another challenger's game on a window this node replayed FAILURE, waiting for the named step's proof: the node
     * opens it when that step is exactly where its replay departs from the owner's digests (the proof then invalidates
     * the window, and its pay goes to the game's challenger); any other named step it leaves to the owner (opening it
     * would uphold the window). Decided once per named step and run.
     */
    private void join(ChainReplay.Task t, List<ChainHistory.Submission> chain, SeasonEras eras, List<ChainReplay.Judgement> judged,
                      ChainReplay.Judgement j, DisputeGame.Game game, String tag, Consumer<String> lines) {
        int k = game.step.intValue();
        String key = Hex.of(j.checkpointHash()) + "/join/" + k;
        if (!looked.add(key)) return;
        try {
            DisputeGamePlayer.Replay r = disputeReplay(t, chain, eras, judged, j);
            List<byte[]> posted = player.posted(j.checkpointHash());
            int first = DisputeGamePlayer.firstDisputed(posted, r);
            if (k != first || !DisputeGamePlayer.canOpen(r, k)) {
                lines.accept(tag + ": " + game.challenger + " named step " + k + ", but this node's replay departs at step " + first
                        + ": left to the owner");
                return;
            }
            lines.accept(tag + ": " + game.challenger + " named step " + k + ", where this node's replay departs from the owner's digests: the node opens it");
            player.prove(r, posted, k);
        } catch (ChainError e) {
            looked.remove(key);
            lines.accept(tag + ": dispute move failed (" + e.getMessage() + "); retried next pass");
        }
    }

    /** The dispute game's replay of judged window {@code j} (a private one from the records its owner revealed). */
    private DisputeGamePlayer.Replay disputeReplay(ChainReplay.Task t, List<ChainHistory.Submission> chain, SeasonEras eras,
                                                   List<ChainReplay.Judgement> judged, ChainReplay.Judgement j) {
        return replay.disputeReplay(t.id(), t.payloads(), w -> eras.at(chain.get((int) w).at()), t.reveals(), judged, (int) j.window());
    }

    /**
     * The reveals of a private beast's windows from this pass's DigestsPosted events, with the beast's R_dataset (read
     * from BeastNFT the first time one is needed); a public beast has none.
     */
    private ChainReplay.Reveals reveals(BeastStore.Identity id, Map<String, DisputeGame.DigestsPostedEventResponse> revealed) {
        if (!id.isPrivate() || revealed.isEmpty()) return ChainReplay.Reveals.NONE;
        return h -> {
            var ev = revealed.get(Hex.of(h));
            if (ev == null) return null;
            byte[] root = recordsRoots.computeIfAbsent(id.beastId(), b -> s.view(s.d.beasts.recordsRoot(b), "BeastNFT.recordsRoot"));
            return new ChainReplay.Reveal(ev.ownerSecret, ev.usedRecords, root);
        };
    }

    /** The node's current judgement of every window of every beast it follows. */
    public Map<BigInteger, List<ChainReplay.Judgement>> judgements() {
        return known;
    }

    private void save() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1L);
        root.put("genesis", genesis);
        root.put("bondsCommitted", bondsCommitted().toString());
        Map<String, Object> b = new LinkedHashMap<>();
        bonds.forEach((k, v) -> b.put(k, v.toString()));
        root.put("bonds", b);
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

    /** Bonds this node has put up so far, in all. */
    public BigInteger bondsCommitted() {
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger b : bonds.values()) sum = sum.add(b);
        return sum;
    }

    /** Block 0's hash of the chain an earlier run judged; null when the file is missing, unreadable or from before it was kept. */
    static String genesisOf(Path file) {
        try {
            Map<String, Object> root = Json.obj(Json.parse(BoundedFiles.readUtf8(file, BoundedFiles.JSON_LIMIT)), file.toString());
            return root.get("genesis") instanceof String g ? g : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The bonds an earlier run committed, by checkpoint hash (none when the file is missing or unreadable). */
    static Map<String, BigInteger> bonds(Path file) {
        Map<String, BigInteger> out = new LinkedHashMap<>();
        try {
            Map<String, Object> root = Json.obj(Json.parse(BoundedFiles.readUtf8(file, BoundedFiles.JSON_LIMIT)), file.toString());
            if (root.get("bonds") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), new BigInteger(String.valueOf(e.getValue())));
            } else if (root.get("bondsCommitted") instanceof String t && new BigInteger(t).signum() > 0) {
                out.put("earlier", new BigInteger(t)); // a file from before bonds were kept per dispute
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
        }
        return out;
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
