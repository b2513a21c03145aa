package io.chainbeasts.node;

import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.engine.WindowContext;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Submitting a beast's local windows that are not on chain yet, the one sequence the CLI's {@code chain submit} and
 * the client's Chain screen both run: {@link #plan} checks everything before any ENERGY moves (the key owns the beast;
 * every window was trained under the constants SeasonRegistry holds now, which validators will judge it under; the
 * key holds the ENERGY the windows lock), then {@link #send} approves and deposits what is missing and submits each
 * window bound to the season version read at planning ({@code submitCheckpointUnder}: a governance change applied
 * before inclusion reverts the submit instead of having the window judged under constants it was not trained under).
 * A window invalidated because its owner's clock ran out is submitted again (the ledger marks it resubmittable: a
 * window is deterministic, so it is the same payload); windows after one proven invalid are refused, as the ledger
 * would revert them. Refusals are one-line {@link ChainError}s starting with the session's command.
 */
public final class CheckpointSubmission {
    private final ChainBeast b;
    private final ChainSession s;
    /** The windows to submit, in order. */
    public final List<WindowRecord> todo;
    /** Local windows already on chain. */
    public final long already;
    /** ENERGY (wei) the windows to submit lock. */
    public final BigInteger need;
    /** The first local window the ledger INVALIDATED on a proof (not one lost on a clock, which is submitted again), or -1. */
    public final long invalidated;
    private final BigInteger seasonVersion;

    private CheckpointSubmission(ChainBeast b, List<WindowRecord> todo, long already, long invalidated, BigInteger need, BigInteger seasonVersion) {
        this.b = b;
        this.s = b.s;
        this.todo = todo;
        this.already = already;
        this.invalidated = invalidated;
        this.need = need;
        this.seasonVersion = seasonVersion;
    }

    /** One submitted window: its record, the gas, and what the ledger then holds for it (locked ENERGY, challenge deadline). */
    public record Submitted(WindowRecord record, BigInteger gas, BigInteger locked, long deadline) {}

    public static CheckpointSubmission plan(ChainBeast b) {
        ChainSession s = b.s;
        String owner = b.owner();
        if (!owner.equalsIgnoreCase(s.address())) {
            throw new ChainError(s.command + ": --key: " + s.address() + " does not own beast #" + b.id.beastId() + " (owner " + owner + ")");
        }
        BigInteger price = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("energyPrice")), "SeasonRegistry.get(energyPrice)");
        List<WindowRecord> todo = new ArrayList<>();
        long already = 0;
        long invalidated = -1;
        BigInteger need = BigInteger.ZERO;
        for (long i = 0; i < b.windows; i++) {
            WindowRecord r = b.window(i);
            CheckpointStatus st = b.status(r.checkpointHash());
            boolean again = st == CheckpointStatus.INVALIDATED
                    && s.view(s.d.ledger.resubmittable(r.checkpointHash()), "CheckpointLedger.resubmittable"); // lost on a clock, not proven wrong
            if (st == CheckpointStatus.INVALIDATED && !again && invalidated < 0) invalidated = i;
            if (st != CheckpointStatus.NONE && !again) {
                already++;
                continue;
            }
            todo.add(r);
            need = need.add(BigInteger.valueOf(r.decodedPayload().energyBurn()).multiply(price));
        }
        long last = invalidated;
        if (invalidated >= 0 && todo.stream().anyMatch(r -> r.index() > last)) {
            // the ledger takes no window whose parent was proven wrong: submitting would spend a deposit on a revert
            throw new ChainError(s.command + ": window " + invalidated + " of beast #" + b.id.beastId() + " was proven invalid on chain, so the"
                    + " local windows after it build on a checkpoint the ledger rejected and cannot be submitted ("
                    + (invalidated == 0 ? "the beast has no window on the ledger" : "its chain on the ledger ends at window " + (invalidated - 1)) + ")");
        }
        BigInteger seasonVersion = s.view(s.d.season.season(), "SeasonRegistry.season");
        ChainBeast.Constants now = ChainBeast.constants(s);
        for (WindowRecord r : todo) {
            WindowContext ctx;
            try {
                ctx = ContextCodec.decode(r.context());
            } catch (DecodeException e) {
                throw new ChainError(s.command + ": " + b.store.windowSource(r.index()) + ": field 'context': " + e.getMessage());
            }
            if (!ctx.season().equals(now.season()) || !ctx.training().equals(now.training())) {
                throw new ChainError(s.command + ": window " + r.index() + " was trained under " + (ctx.season().equals(now.season()) ? "training" : "season")
                        + " constants that differ from SeasonRegistry's now, so validators would judge it invalid; it cannot be"
                        + " submitted under the current constants (`chain season` shows them; `train --chain` trains under them)");
            }
        }
        if (!todo.isEmpty()) {
            BigInteger dep = s.view(s.d.ledger.deposits(s.address()), "CheckpointLedger.deposits");
            BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
            if (dep.compareTo(need) < 0 && bal.compareTo(need.subtract(dep)) < 0) {
                throw new ChainError(s.command + ": --key: " + s.address() + " holds " + ChainSession.energy(bal) + " but the " + todo.size()
                        + " window(s) lock " + ChainSession.energy(need) + " (deposit " + ChainSession.energy(dep)
                        + "): get ENERGY first (`chain mint` on a local chain)");
            }
        }
        return new CheckpointSubmission(b, todo, already, invalidated, need, seasonVersion);
    }

    /** Sends the plan: approve and deposit what the ledger lacks (each reported to {@code lines}), then every window in order. */
    public List<Submitted> send(Consumer<String> lines) {
        return send(lines, w -> { });
    }

    /** As above, handing each window to {@code each} as soon as its transaction is mined (a long run reports as it goes). */
    public List<Submitted> send(Consumer<String> lines, Consumer<Submitted> each) {
        String ledger = s.d.ledger.getContractAddress();
        BigInteger dep = s.view(s.d.ledger.deposits(s.address()), "CheckpointLedger.deposits");
        if (!todo.isEmpty() && dep.compareTo(need) < 0) {
            BigInteger more = need.subtract(dep);
            if (s.view(s.d.energy.allowance(s.address(), ledger), "Energy.allowance").compareTo(more) < 0) {
                TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(ledger, more), "Energy.approve");
                lines.accept("approve " + ChainSession.energy(more) + " to CheckpointLedger: gas " + a.getGasUsed());
            }
            TransactionReceipt d = s.tx(s.d.ledger, s.d.ledger.deposit(more), "CheckpointLedger.deposit");
            lines.accept("deposit " + ChainSession.energy(more) + ": gas " + d.getGasUsed());
        }
        List<Submitted> out = new ArrayList<>();
        for (WindowRecord r : todo) {
            TransactionReceipt t = s.tx(s.d.ledger, s.d.ledger.submitCheckpointUnder(b.id.beastId(), r.payload(), seasonVersion),
                    "CheckpointLedger.submitCheckpointUnder(window " + r.index() + ", season " + seasonVersion + ")");
            var rec = b.record(r.checkpointHash());
            Submitted w = new Submitted(r, t.getGasUsed(), rec.component1(), rec.component2().longValueExact());
            out.add(w);
            each.accept(w);
        }
        return out;
    }
}
