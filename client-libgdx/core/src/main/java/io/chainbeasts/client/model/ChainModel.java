package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.ChainError;
import io.chainbeasts.node.BeastMint;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.Finalization;
import io.chainbeasts.node.Payouts;
import io.chainbeasts.node.CheckpointSubmission;
import io.chainbeasts.node.DisputeStatus;
import io.chainbeasts.node.CheckpointStatus;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Chain screen's model over the node module: one connection (the Settings' chain file, RPC and key) for
 * one job; what the chain says about a beast's checkpoints next to its local windows, the account's ENERGY,
 * and the three transactions a player sends (submit, finalize, withdraw) with the gas of each. Every failure is
 * one sentence ({@link ClientError}); reverts carry their decoded custom error.
 *
 * <p>The three sequences are node's, shared with the CLI: {@link CheckpointSubmission} ({@code chain submit}),
 * {@link Finalization} ({@code chain finalize}) and {@link Payouts} ({@code chain withdraw}).
 */
public final class ChainModel implements AutoCloseable {
    static final String WHO = "chain";

    /** What to connect to: the addresses file, an RPC URL overriding the file's (or null), the key ("" or anvil:N; "" reads CHAINBEASTS_KEY). */
    public record Target(Path chainFile, String rpc, String key) {
        public static Target of(Settings s) {
            if (s.chainFile() == null) throw new ClientError("No chain configured: set the chain file in Settings (`chainbeasts chain up` writes .chainbeasts/chain.json)");
            return new Target(s.chainFile(), s.rpc(), s.key());
        }
    }

    private final ChainSession s;

    private ChainModel(ChainSession s) {
        this.s = s;
    }

    /** Connects; with {@code needKey} a signing key must be configured. */
    public static ChainModel open(Target t, boolean needKey) {
        if (!Files.isRegularFile(t.chainFile())) {
            throw new ClientError("Chain file: " + t.chainFile() + " does not exist (`chainbeasts chain up --detach` starts a local chain and writes it)");
        }
        String key = t.key() == null || t.key().isBlank() ? null : t.key();
        if (needKey && key == null && (System.getenv("CHAINBEASTS_KEY") == null || System.getenv("CHAINBEASTS_KEY").isBlank())) {
            throw new ClientError("Signing key: set anvil:N in Settings, or a key in the CHAINBEASTS_KEY environment variable");
        }
        try {
            return new ChainModel(ChainSession.open(WHO, t.chainFile(), t.rpc(), key, needKey));
        } catch (ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    /** The connection in one line: chain id, endpoint, ledger, chain time, and who signs. */
    public String describe() {
        long now = s.now();
        return "Connected to chain " + s.client.chainId() + " at " + s.rpcUrl + ", ledger " + s.d.ledger.getContractAddress() + "; chain time "
                + ChainTimes.at(now, now).replace(" (now)", "") + "; " + (s.me == null ? "no signing key (read-only)" : "signing as " + s.me.getAddress());
    }

    // ---- reads ----

    /** The signer's ENERGY: wallet balance, ledger deposit, validator stake, and what DisputeManager owes it. */
    public record Balances(String account, BigInteger energy, BigInteger deposit, BigInteger stake, BigInteger owed) {
        public List<String> lines() {
            return List.of("account " + account, "wallet " + ChainModel.energy(energy), "ledger deposit " + ChainModel.energy(deposit),
                    "validator stake " + ChainModel.energy(stake), "owed (withdraw) " + ChainModel.energy(owed));
        }
    }

    /** Null without a signing key. */
    public Balances balances() {
        if (s.me == null) return null;
        String a = s.me.getAddress();
        return new Balances(a, view(s.d.energy.balanceOf(a), "Energy.balanceOf"), view(s.d.ledger.deposits(a), "CheckpointLedger.deposits"),
                view(s.d.validators.stakeOf(a), "ValidatorRegistry.stakeOf"), view(s.d.disputes.owed(a), "DisputeManager.owed"));
    }

    /** One window: local (always), its status on the ledger, its ENERGY, the challenge deadline in local time, its dispute's stage. */
    public record WindowRow(long index, String hash, String status, String energy, String deadline, String dispute) {}

    /** A beast as the chain sees it; {@code problem} (one sentence) when it cannot be read there (not bound to this chain...). */
    public record BeastView(String name, String state, String owner, List<WindowRow> rows, String problem) {}

    /** The roster's chain column and the Chain screen's table for the beast in {@code dir}. */
    public BeastView beast(Path dir) {
        String name = dir.getFileName().toString();
        BeastStore.Identity id;
        try {
            id = BeastStore.open(dir).identity();
        } catch (StoreException e) {
            return new BeastView(name, "unreadable", "-", List.of(), ClientError.sentence(e));
        }
        if (new BigInteger(1, id.ledger()).signum() == 0) {
            return new BeastView(name, "local", "-", List.of(), "hatched locally (not minted): only a beast minted at hatch (Hatch: mint it on the chain) can be submitted");
        }
        ChainBeast b;
        try {
            b = ChainBeast.open(s, dir);
        } catch (ChainError e) {
            return new BeastView(name, "other chain", "-", List.of(), ClientError.sentence(e));
        }
        long now = s.now();
        List<WindowRow> rows = new ArrayList<>();
        int[] count = new int[CheckpointStatus.values().length];
        for (long i = 0; i < b.windows; i++) {
            WindowRecord r = window(b, i);
            byte[] h = r.checkpointHash();
            var rec = record(b, h);
            CheckpointStatus st = CheckpointStatus.of(rec.component5().intValue());
            count[st.code()]++;
            String energy = st == CheckpointStatus.NONE ? "" : energyState(st, rec.component1());
            String deadline = st.isOpen() ? ChainTimes.at(rec.component2().longValueExact(), now) : "";
            String dispute = "";
            DisputeManager.Dispute d = dispute(b, h);
            if (d.status.signum() != 0) dispute = disputeStage(d, now);
            rows.add(new WindowRow(i, "0x" + Hex.of(h).substring(0, 12), st == CheckpointStatus.NONE ? "local only" : st.name(), energy, deadline, dispute));
        }
        return new BeastView(name, state(count, b.windows), view(s.d.beasts.ownerOf(id.beastId()), "BeastNFT.ownerOf"), rows, null);
    }

    /** The roster's chain column for each beast folder, read on this one connection. */
    public java.util.Map<Path, String> states(List<Path> dirs) {
        java.util.Map<Path, String> out = new java.util.LinkedHashMap<>();
        for (Path d : dirs) {
            try {
                out.put(d, beast(d).state());
            } catch (ClientError e) {
                out.put(d, "unreadable");
            }
        }
        return out;
    }

    /**
     * The roster's chain state from the checkpoints' statuses: disputed (any), invalidated (any), submitted (some
     * pending), finalized (every window finalized), else local (trained windows not on chain yet).
     */
    /** The roster's chain state from how many windows have each status ({@code count[status.code()]}). */
    static String state(int[] count, long windows) {
        int pending = count[CheckpointStatus.PENDING.code()], finalized = count[CheckpointStatus.FINALIZED.code()];
        if (count[CheckpointStatus.DISPUTED.code()] > 0) return "disputed";
        if (count[CheckpointStatus.INVALIDATED.code()] > 0) return "invalidated";
        if (pending > 0) return "submitted " + (pending + finalized) + "/" + windows;
        if (windows > 0 && finalized == windows) return "finalized";
        if (finalized > 0) return "finalized " + finalized + "/" + windows;
        return "local";
    }

    /** A dispute's stage as DisputeManager reports it, with the deadline of the stage that is open. */
    static String disputeStage(DisputeManager.Dispute d, long now) {
        int st = d.status.intValue();
        String name = st < DisputeStatus.values().length ? DisputeStatus.of(st).label() : "status " + st;
        StringBuilder b = new StringBuilder(name);
        b.append(", bond ").append(energy(d.bond)).append(", votes ").append(d.votesValid).append(" valid / ").append(d.votesInvalid).append(" invalid");
        if (st == DisputeStatus.OPEN.ordinal()) {
            if (d.isPrivate && !d.revealed) b.append(", dataset reveal until ").append(ChainTimes.at(d.datasetDeadline.longValueExact(), now));
            else if (now <= d.commitDeadline.longValueExact()) b.append(", commit until ").append(ChainTimes.at(d.commitDeadline.longValueExact(), now));
            else if (now <= d.revealDeadline.longValueExact()) b.append(", reveal until ").append(ChainTimes.at(d.revealDeadline.longValueExact(), now));
            else b.append(", voting ended ").append(ChainTimes.at(d.revealDeadline.longValueExact(), now));
        }
        return b.toString();
    }

    /** What a checkpoint's ENERGY is now: locked while pending or disputed, burned once finalized, slashed when invalidated. */
    static String energyState(CheckpointStatus status, BigInteger amount) {
        return switch (status) {
            case FINALIZED -> "burned " + energy(amount);
            case INVALIDATED -> "slashed " + energy(amount);
            default -> "locked " + energy(amount);
        };
    }

    public static String energy(BigInteger wei) {
        return ChainSession.energy(wei);
    }

    // ---- transactions ----

    /**
     * Mints the beast's token (node's {@link BeastMint}, as `chain hatch` does: a private beast commits R_dataset too) and
     * returns the identity its store binds to; the gas goes to {@link #log()}.
     */
    public BeastStore.Identity mint(long seedCore, byte[] datasetCommitment, byte[] recordsRoot, byte[] secretCommitment) {
        BeastMint.Minted m;
        try {
            m = BeastMint.mint(s, seedCore, datasetCommitment, recordsRoot, secretCommitment);
        } catch (ChainError e) {
            throw new ClientError("Mint: " + e.getMessage().replaceFirst("^" + WHO + ": ", ""));
        }
        log.add("minted beast #" + m.identity().beastId() + " to " + s.me.getAddress() + ": gas " + m.gas());
        return m.identity();
    }

    /**
     * Submits, in order, every window of the beast not on chain yet, after depositing (and approving) the ENERGY
     * they lock; refuses windows trained under constants other than SeasonRegistry's now. Returns one line per transaction.
     */
    public List<String> submit(Path dir) {
        ChainBeast b = beastFor(dir);
        CheckpointSubmission plan;
        try {
            plan = CheckpointSubmission.plan(b); // node's one submit sequence, the same as `chainbeasts chain submit`
        } catch (ChainError e) {
            throw new ClientError("Submit: " + e.getMessage().replaceFirst("^" + WHO + ": (--key: )?", ""));
        }
        if (plan.todo.isEmpty()) {
            log.add(dir.getFileName() + ": nothing to submit (every window is on chain)");
            return log;
        }
        for (CheckpointSubmission.Submitted w : plan.send(log::add)) {
            log.add("window " + w.record().index() + " submitted: gas " + w.gas() + ", locked " + energy(w.locked()) + ", challenge window until "
                    + ChainTimes.at(w.deadline(), s.now()));
        }
        return log;
    }

    /**
     * Finalizes, in chain order, every pending checkpoint whose challenge window has passed and whose parent is
     * finalized (anyone may). Returns one line per transaction and one for what is left.
     */
    public List<String> finalizeAll(Path dir) {
        ChainBeast b = beastFor(dir);
        long now = s.now();
        int done = 0;
        int open = 0;
        long next = Long.MAX_VALUE;
        for (Finalization.Step f : Finalization.run(b)) { // node's one finalize sequence, the same as `chainbeasts chain finalize`
            if (f.fate() == Finalization.Fate.FINALIZED) {
                done++;
                log.add("window " + f.window() + " finalized: gas " + f.gas() + ", burned " + energy(f.burned()));
            } else if (f.fate() == Finalization.Fate.CHALLENGE_OPEN) {
                open++;
                next = Math.min(next, f.deadline());
            }
        }
        log.add(dir.getFileName() + ": " + done + " finalized" + (open > 0 ? ", " + open + " still in their challenge window (next ends " + ChainTimes.at(next, now) + ")" : ""));
        return log;
    }

    /** Collects what DisputeManager and the dispute game owe the signer and, with {@code deposit}, the unused ledger deposit (node's {@link Payouts}). */
    public List<String> withdraw(boolean deposit) {
        String me = s.address();
        for (Payouts.Withdrawal w : Payouts.collect(s, deposit)) {
            if (w.gas() == null) log.add(w.from() + " owes " + me + " nothing");
            else if (w.from().startsWith("CheckpointLedger")) log.add("withdrew the deposit of " + energy(w.amount()) + ": gas " + w.gas());
            else log.add("withdrew " + energy(w.amount()) + " owed by " + w.from() + ": gas " + w.gas());
        }
        return log;
    }

    private final List<String> log = new ArrayList<>();

    /** The lines of the transactions sent on this connection so far. */
    public List<String> log() {
        return log;
    }

    // ---- plumbing: node's calls with failures as one sentence ----

    private ChainBeast beastFor(Path dir) {
        try {
            BeastStore.Identity id = BeastStore.open(dir).identity();
            if (new BigInteger(1, id.ledger()).signum() == 0) {
                throw new ClientError(dir.getFileName() + " was hatched locally (not minted), so its checkpoints cannot go on chain; hatch one with \"mint it on the chain\"");
            }
            return ChainBeast.open(s, dir);
        } catch (StoreException | ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    private TransactionReceipt tx(org.web3j.tx.Contract target, RemoteFunctionCall<?> call, String what) {
        try {
            return s.tx(target, call, what);
        } catch (ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    private <T> T view(RemoteFunctionCall<T> call, String what) {
        try {
            return call.send();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new ClientError(what + ": " + ChainSession.rootMessage(e));
        }
    }

    private static WindowRecord window(ChainBeast b, long i) {
        try {
            return b.window(i);
        } catch (ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    private static org.web3j.tuples.generated.Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> record(ChainBeast b, byte[] h) {
        try {
            return b.record(h);
        } catch (ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    private static DisputeManager.Dispute dispute(ChainBeast b, byte[] h) {
        try {
            return b.dispute(h);
        } catch (ChainError e) {
            throw new ClientError(e.getMessage());
        }
    }

    @Override
    public void close() {
        s.close();
    }
}
