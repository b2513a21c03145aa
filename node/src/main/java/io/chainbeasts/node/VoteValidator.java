package io.chainbeasts.node;

import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.prover.Verifier;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The validators' commit-reveal vote (DisputeManager), as a validator node plays it: one pass stakes up to minStake,
 * replays the beasts' on-chain checkpoints (batched on the backend), and for every open dispute commits the replay's
 * verdict (commit window), reveals it (reveal window), or resolves (after). Only a deployment made with the vote
 * ({@code chain up --vote}) decides anything by it: on the default deployment the dispute game decides and the ledger
 * answers DisputeManager NotDisputeManager, so no dispute is ever open here.
 *
 * <p>What the node did is kept in a {@link ChainValidatorState}: replays are not repeated, and the vote is written
 * ahead of its commit transaction, so a killed node that restarts neither commits twice nor forgets to reveal. The salt
 * is keccak256("chainbeasts/verdict-salt" || key || checkpointHash || round): secret, recorded in the state, and
 * re-derivable should the state be lost; a re-filed dispute (round 2 after an inconclusive round 1) gets a fresh salt
 * and a fresh vote (the state keys votes by hash and round), so nothing revealed in round 1 tells anyone the node's
 * round-2 vote. (Moved here from the CLI's {@code chain validate}, which now only parses options and loops.)
 */
public final class VoteValidator {
    public static final int VALID = 1;
    public static final int INVALID = 2;
    public static final int ABSTAIN = 0;

    private final ChainSession s;
    private final ChainValidatorState st;
    private final TrainingBackend be;
    private final BigInteger stake;
    private final boolean verbose;
    private final Consumer<String> out;
    private final BiFunction<Long, Long, String> when;
    private final ReplayProgress progress;
    private java.util.function.BooleanSupplier stopped = () -> false;
    private final Map<String, String> said = new HashMap<>();
    /** Checkpoints on chain whose local record could not establish a verdict (UNVERIFIABLE or missing), so far. */
    private long unestablished;

    /**
     * @param stake    ENERGY to stake when below minStake (null: exactly what reaches minStake)
     * @param verbose  a one-shot pass prints every line; a node only events (a waiting line once per change)
     * @param at       formats a chain timestamp for people, given the chain's now (the CLI: local time and "in 23 min")
     */
    public VoteValidator(ChainSession s, ChainValidatorState st, TrainingBackend be, BigInteger stake, boolean verbose,
                         Consumer<String> out, BiFunction<Long, Long, String> at, ReplayProgress progress) {
        this.s = s;
        this.st = st;
        this.be = be;
        this.stake = stake;
        this.verbose = verbose;
        this.out = out;
        this.when = at;
        this.progress = progress;
    }

    /**
     * The vote a replay verdict supports: VALID only for a full replay that reproduced the payload,
     * INVALID only for a FAILURE (the replay contradicts the payload itself), else no vote: a damaged or
     * forged store (UNVERIFIABLE) or an unreplayed private window proves nothing about the checkpoint.
     */
    public static int voteFor(String verdict) {
        if (verdict.equals(Verifier.Verdict.VERIFIED.name())) return VALID;
        if (verdict.equals(Verifier.Verdict.FAILURE.name())) return INVALID;
        return ABSTAIN;
    }

    /** Checkpoints this validator could not judge from the local stores, so far. */
    public long unestablished() {
        return unestablished;
    }

    /**
     * One pass over {@code beasts} (stake, replay, vote); {@code stop} ends it at the next beast. Returns how many
     * of their on-chain checkpoints replay invalid.
     */
    public int pass(List<java.nio.file.Path> beasts, java.util.function.BooleanSupplier stop) {
        stopped = stop;
        register();
        ChainBeast.Constants c = constants();
        int bad = 0;
        for (java.nio.file.Path dir : beasts) {
            if (stopped.getAsBoolean()) break;
            bad += beast(ChainBeast.open(s, dir), c);
        }
        BigInteger owed = s.view(s.d.disputes.owed(s.address()), "DisputeManager.owed");
        if (owed.signum() > 0) say("owed", "owed to " + s.address() + ": " + ChainSession.energy(owed) + " (`chain withdraw`)");
        return bad;
    }

    /** Prints a line; in node mode only when it differs from the last line printed under {@code key}. */
    private void say(String key, String line) {
        if (verbose || !line.equals(said.put(key, line))) out.accept(line);
    }

    private String at(BigInteger t, long now) {
        return when.apply(t.longValueExact(), now);
    }

    /** Today's constants; a change since the state's replays (a governance apply) clears them, so everything is replayed again. */
    private ChainBeast.Constants constants() {
        ChainBeast.Constants c = ChainBeast.constants(s);
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(c.raw()).forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
        String h = Hex.of(Keccak256.hash(sb.toString().getBytes(StandardCharsets.UTF_8)));
        if (!h.equals(st.seasonHash)) {
            if (!st.replays.isEmpty()) out.accept("season constants changed on chain: replaying every checkpoint again");
            st.replays.clear();
            st.seasonHash = h;
            st.save();
        }
        return c;
    }

    /** Stakes up to minStake (at least --stake when given) unless already staked. */
    private void register() {
        BigInteger min = s.view(s.d.validators.minStake(), "ValidatorRegistry.minStake");
        BigInteger have = s.view(s.d.validators.stakeOf(s.address()), "ValidatorRegistry.stakeOf");
        if (have.compareTo(min) >= 0) {
            say("stake", stakedLine(have, min));
            return;
        }
        BigInteger add = min.subtract(have);
        if (stake != null) add = add.max(stake);
        List<ValidatorStake.Sent> sent = new ValidatorStake(s).stake(add);
        String line = "validator " + s.address() + ": staked " + ChainSession.energy(add) + " (approve gas " + sent.get(0).gas() + ", stake gas "
                + sent.get(1).gas() + "); active " + s.view(s.d.validators.isActive(s.address()), "ValidatorRegistry.isActive");
        said.put("stake", stakedLine(have.add(add), min));
        out.accept(line);
    }

    private String stakedLine(BigInteger have, BigInteger min) {
        return "validator " + s.address() + ": staked " + ChainSession.energy(have) + " (minStake " + ChainSession.energy(min) + ")";
    }

    /** A checkpoint of this beast on chain: its window and hash (what the validator judges and votes on). */
    private record OnChain(long index, byte[] checkpointHash) {}

    /**
     * Window {@code i}'s checkpoint: the local record's, or, when that record is unreadable, the one
     * open (pending or disputed) checkpoint the chain has for window i, which the verifier then judges
     * from its on-chain payload. Null when neither exists.
     */
    private static OnChain onChain(ChainBeast b, long i) {
        try {
            return new OnChain(i, b.window(i).checkpointHash());
        } catch (ChainError unreadable) {
            List<byte[]> open = new ArrayList<>();
            for (var ev : b.submitted()) {
                if (ev.windowIndex.longValue() != i) continue;
                if (b.status(ev.checkpointHash).isOpen()) open.add(ev.checkpointHash);
            }
            return open.size() == 1 ? new OnChain(i, open.get(0)) : null;
        }
    }

    /** Replays what is new on chain, handles the disputes; returns how many of the beast's on-chain checkpoints replay invalid. */
    private int beast(ChainBeast b, ChainBeast.Constants c) {
        String tag = "beast #" + b.id.beastId();
        List<OnChain> onChain = new ArrayList<>();
        List<CheckpointStatus> status = new ArrayList<>();
        boolean fresh = false;
        for (long i = 0; i < b.windows; i++) {
            OnChain r = onChain(b, i);
            if (r == null) continue;
            CheckpointStatus x = b.status(r.checkpointHash());
            if (x == CheckpointStatus.NONE) continue;
            onChain.add(r);
            status.add(x);
            if (!st.replays.containsKey(Hex.of(r.checkpointHash()))) fresh = true;
        }
        if (fresh) {
            Verifier.Report report = b.verifyAsSubmitted(null, null, be, progress);
            for (int k = 0; k < onChain.size(); k++) {
                OnChain r = onChain.get(k);
                Verifier.WindowVerdict v = ChainBeast.verdictOf(report, r.index());
                ChainValidatorState.Replay rep = new ChainValidatorState.Replay(b.id.beastId().toString(), r.index(),
                        v == null ? Verifier.Verdict.UNVERIFIABLE.name() : v.verdict().name(), v == null ? "window " + r.index() + ": no verdict" : v.line());
                // a private window replayed from its revealed dataset keeps that replay: this one had no dataset
                ChainValidatorState.Replay had = st.replays.get(Hex.of(r.checkpointHash()));
                if (had != null && rep.verdict().equals(Verifier.Verdict.LINEAGE_ONLY.name())
                        && !had.verdict().equals(Verifier.Verdict.LINEAGE_ONLY.name())) continue;
                if (st.replays.put(Hex.of(r.checkpointHash()), rep) == null && !verbose) {
                    out.accept(tag + " " + rep.line() + " [on chain: " + status.get(k) + "]");
                }
            }
            st.save();
        }
        int invalid = 0;
        long lineage = 0, unverifiable = 0;
        for (int k = 0; k < onChain.size(); k++) {
            OnChain r = onChain.get(k);
            ChainValidatorState.Replay rep = st.replays.get(Hex.of(r.checkpointHash()));
            boolean failed = rep.verdict().equals(Verifier.Verdict.FAILURE.name());
            if (failed) invalid++;
            if (rep.verdict().equals(Verifier.Verdict.LINEAGE_ONLY.name())) lineage++;
            if (rep.verdict().equals(Verifier.Verdict.UNVERIFIABLE.name())) unverifiable++;
            if (verbose && (failed || status.get(k) != CheckpointStatus.PENDING)) out.accept(tag + " " + rep.line() + " [on chain: " + status.get(k) + "]");
            DisputeManager.Dispute d = b.dispute(r.checkpointHash());
            if (d.status.signum() != 0) dispute(b, c, r, d, rep);
        }
        // A checkpoint on chain that the owner's store does not hold cannot be replayed: say so, never pass over it.
        java.util.Set<String> local = new java.util.HashSet<>();
        for (OnChain r : onChain) local.add(Hex.of(r.checkpointHash()));
        long missing = 0;
        for (var ev : b.submitted()) {
            if (local.contains(Hex.of(ev.checkpointHash))) continue;
            if (!b.status(ev.checkpointHash).isOpen()) continue; // finalized or invalidated: settled, nothing left to judge
            missing++;
            say("missing:" + Hex.of(ev.checkpointHash), tag + " window " + ev.windowIndex + ": checkpoint 0x" + Hex.of(ev.checkpointHash)
                    + " is on chain but not in the local store: it cannot be replayed (the owner's published store lacks it)");
        }
        if (verbose || fresh) {
            out.accept(tag + ": " + (onChain.size() + missing) + " checkpoint(s) on chain, " + (onChain.size() - invalid - unverifiable) + " pass"
                    + (lineage > 0 ? " (" + lineage + " private, checked lineage-only until a dispute reveals the dataset)" : " the replay")
                    + ", " + invalid + " invalid"
                    + (unverifiable > 0 ? ", " + unverifiable + " not established by the local store (damaged or forged; no vote on them)" : "")
                    + (missing > 0 ? ", " + missing + " missing from the local store" : ""));
        }
        unestablished += unverifiable + missing;
        return invalid;
    }

    private void dispute(ChainBeast b, ChainBeast.Constants c, OnChain r, DisputeManager.Dispute d, ChainValidatorState.Replay replay) {
        byte[] h = r.checkpointHash();
        int round = d.round.intValueExact();
        String key = ChainValidatorState.voteKey(h, round);
        String tag = "dispute on beast #" + b.id.beastId() + " window " + r.index() + (round > 1 ? " (round " + round + ")" : "");
        ChainValidatorState.Vote vote = st.votes.get(key);
        // the earlier round ended inconclusive (the dispute was re-filed): that vote is closed, never reused
        for (int older = 1; older < round; older++) {
            ChainValidatorState.Vote old = st.votes.get(ChainValidatorState.voteKey(h, older));
            if (old != null && !old.phase.equals("closed")) {
                old.phase = "closed";
                old.outcome = DisputeStatus.RESOLVED_INCONCLUSIVE.label();
                st.save();
            }
        }
        DisputeStatus status = DisputeStatus.of(d.status.intValue());
        if (status != DisputeStatus.OPEN) {
            if (vote != null && !vote.phase.equals("closed")) {
                vote.phase = "closed";
                vote.outcome = status.label();
                st.save();
            }
            say(key, tag + ": " + status.label() + " (valid " + d.votesValid + ", invalid " + d.votesInvalid + ")");
            return;
        }
        long now = s.now();
        String me = s.address();
        byte[] committed = s.view(s.d.disputes.commitments(h, me), "DisputeManager.commitments");
        boolean haveCommitted = !Arrays.equals(committed, new byte[32]);
        if (d.isPrivate && !d.revealed) {
            if (now > d.datasetDeadline.longValue()) {
                resolve(tag, h, key, vote);
            } else {
                say(key, tag + ": waiting for the dataset reveal (until " + at(d.datasetDeadline, now) + ")");
            }
            return;
        }
        if (now <= d.commitDeadline.longValue()) {
            if (haveCommitted) {
                if (vote == null || !vote.phase.equals("committed")) {
                    Match m = match(h, round, committed, vote);
                    boolean known = vote != null;
                    vote = vote(b, r, key, round, vote);
                    vote.phase = "committed";
                    vote.verdict = m == null ? 0 : m.verdict;
                    if (m != null) vote.salt = m.salt;
                    st.save();
                    out.accept(tag + ": verdict " + (m == null ? "(not made with this key's salt)" : name(m.verdict)) + " found committed on chain"
                            + (known ? " (the node stopped before recording it)" : " (not in the state: an earlier pass)") + "; not committing again");
                }
                say(key, tag + ": verdict committed; reveal after " + at(d.commitDeadline, now));
                return;
            }
            int verdict;
            byte[] salt;
            if (vote != null && vote.verdict != 0) {
                verdict = vote.verdict;
                salt = vote.salt;
                out.accept(tag + ": the state holds verdict " + name(verdict) + " (" + vote.phase + ") but the chain has no commitment; sending it");
            } else {
                Verifier.WindowVerdict v;
                if (d.isPrivate) {
                    ChainBeast.Reveal rv = b.revealFromChain(h, c.season());
                    if (rv == null) {
                        say(key, tag + ": the dataset was revealed but not by a direct revealDataset call; cannot replay, not voting");
                        return;
                    }
                    v = ChainBeast.verdictOf(b.verifyAsSubmitted(rv.opened(), rv.secret(), be, progress), r.index());
                    out.accept(tag + ": replay " + (v == null ? "impossible (record missing)" : v.line()));
                    // the window is no longer lineage-only: later passes count it by this replay (saved with the vote below)
                    if (v != null) st.replays.put(Hex.of(r.checkpointHash()), new ChainValidatorState.Replay(b.id.beastId().toString(), r.index(),
                            v.verdict().name(), v.line()));
                    verdict = voteFor(v == null ? Verifier.Verdict.UNVERIFIABLE.name() : v.verdict().name());
                } else {
                    out.accept(tag + ": replay " + replay.line());
                    verdict = voteFor(replay.verdict());
                }
                if (verdict == ABSTAIN) {
                    say(key, tag + ": not voting: the replay establishes neither VALID nor INVALID (only a FAILURE of the payload itself is INVALID)");
                    return;
                }
                salt = salt(s, h, round);
            }
            vote = vote(b, r, key, round, vote);
            vote.phase = "committing";
            vote.verdict = verdict;
            vote.salt = salt;
            st.save();
            byte[] commitment = s.view(s.d.disputes.verdictCommitment(h, me, BigInteger.valueOf(verdict), salt), "DisputeManager.verdictCommitment");
            TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.commitVerdict(h, commitment), "DisputeManager.commitVerdict");
            vote.phase = "committed";
            vote.commitTx = t.getTransactionHash();
            st.save();
            String line = tag + ": committed verdict " + name(verdict) + " (gas " + t.getGasUsed() + "); reveal after " + at(d.commitDeadline, now);
            said.put(key, line);
            out.accept(line);
            return;
        }
        if (now <= d.revealDeadline.longValue()) {
            if (!haveCommitted) {
                say(key, tag + ": commit window closed without a verdict from " + me
                        + (vote != null ? " (the commit recorded in the state never landed)" : "") + "; resolvable after " + at(d.revealDeadline, now));
                return;
            }
            BigInteger voted = s.view(s.d.disputes.verdicts(h, me), "DisputeManager.verdicts");
            if (voted.signum() != 0) {
                if (vote == null || !vote.phase.equals("revealed")) {
                    vote = vote(b, r, key, round, vote);
                    vote.phase = "revealed";
                    vote.verdict = voted.intValue();
                    st.save();
                }
                say(key, tag + ": verdict revealed; resolvable after " + at(d.revealDeadline, now));
                return;
            }
            Match m = match(h, round, committed, vote);
            if (m == null) throw new ChainError(s.command + ": " + tag + ": the commitment on chain was made neither with the salt in the state nor with this key's salt");
            TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.revealVerdict(h, BigInteger.valueOf(m.verdict), m.salt), "DisputeManager.revealVerdict");
            vote = vote(b, r, key, round, vote);
            vote.phase = "revealed";
            vote.verdict = m.verdict;
            vote.salt = m.salt;
            vote.revealTx = t.getTransactionHash();
            st.save();
            String line = tag + ": revealed verdict " + name(m.verdict) + " (gas " + t.getGasUsed() + ")";
            said.put(key, line);
            out.accept(line);
            return;
        }
        resolve(tag, h, key, vote);
    }

    private ChainValidatorState.Vote vote(ChainBeast b, OnChain r, String key, int round, ChainValidatorState.Vote vote) {
        if (vote != null) return vote;
        ChainValidatorState.Vote v = new ChainValidatorState.Vote();
        v.beast = b.id.beastId().toString();
        v.window = r.index();
        v.phase = "committing";
        v.salt = salt(s, r.checkpointHash(), round);
        st.votes.put(key, v);
        return v;
    }

    private record Match(int verdict, byte[] salt) {}

    /** The (verdict, salt) behind this validator's commitment on chain: the state's first, then the derived salt. */
    private Match match(byte[] h, int round, byte[] committed, ChainValidatorState.Vote vote) {
        List<byte[]> salts = new ArrayList<>();
        if (vote != null && vote.salt != null) salts.add(vote.salt);
        salts.add(salt(s, h, round));
        for (byte[] salt : salts) {
            for (int cand : new int[] {VALID, INVALID}) {
                byte[] x = s.view(s.d.disputes.verdictCommitment(h, s.address(), BigInteger.valueOf(cand), salt), "DisputeManager.verdictCommitment");
                if (Arrays.equals(x, committed)) return new Match(cand, salt);
            }
        }
        return null;
    }

    private void resolve(String tag, byte[] h, String key, ChainValidatorState.Vote vote) {
        TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.resolve(h), "DisputeManager.resolve");
        DisputeManager.Dispute after = s.view(s.d.disputes.getDispute(h), "DisputeManager.getDispute");
        String outcome = DisputeStatus.of(after.status.intValue()).label();
        if (vote != null) {
            vote.phase = "closed";
            vote.outcome = outcome;
            st.save();
        }
        String line = tag + ": resolved " + outcome + " (valid " + after.votesValid + ", invalid " + after.votesInvalid + ", gas " + t.getGasUsed() + ")";
        said.put(key, tag + ": " + outcome + " (valid " + after.votesValid + ", invalid " + after.votesInvalid + ")");
        out.accept(line);
    }

    private static String name(int verdict) {
        return verdict == VALID ? "VALID" : verdict == INVALID ? "INVALID" : "UNKNOWN";
    }

    /** keccak256("chainbeasts/verdict-salt" || private key || h || round as 32 bytes big-endian). */
    public static byte[] salt(ChainSession s, byte[] h, int round) {
        return salt(s.me.getEcKeyPair().getPrivateKey(), h, round);
    }

    public static byte[] salt(BigInteger privateKey, byte[] h, int round) {
        byte[] tag = "chainbeasts/verdict-salt".getBytes(StandardCharsets.UTF_8);
        byte[] key = Hex.parse(String.format("%064x", privateKey));
        byte[] all = new byte[tag.length + key.length + h.length + 32];
        System.arraycopy(tag, 0, all, 0, tag.length);
        System.arraycopy(key, 0, all, tag.length, key.length);
        System.arraycopy(h, 0, all, tag.length + key.length, h.length);
        all[all.length - 4] = (byte) (round >>> 24);
        all[all.length - 3] = (byte) (round >>> 16);
        all[all.length - 2] = (byte) (round >>> 8);
        all[all.length - 1] = (byte) round;
        return Keccak256.hash(all);
    }
}
