package io.chainbeasts.node;

import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The challenger's and the revealer's side of DisputeManager's vote (a {@code chain up --vote} deployment only; the
 * default deployment's disputes are the dispute game's, {@link DisputeGamePlayer}): file with a bond unless a dispute
 * is open, and reveal a private window's {dataset, S_owner} while the dispute waits for it. Every move is one line
 * with its gas; {@code when} formats a chain timestamp for people.
 */
public final class VoteChallenge {
    private final ChainSession s;
    private final Consumer<String> out;
    private final LongFunction<String> when;

    public VoteChallenge(ChainSession s, Consumer<String> out, LongFunction<String> when) {
        this.s = s;
        this.out = out;
        this.when = when;
    }

    /**
     * Files a dispute on window {@code window}'s checkpoint (payload, hash h), approving the bond first, unless one is
     * open; a checkpoint already disputed {@link DisputeStatus#MAX_ROUNDS} times without a conclusion stands. Returns
     * the dispute as it is after.
     */
    public DisputeManager.Dispute file(ChainBeast b, long window, byte[] payload, byte[] h) {
        DisputeManager.Dispute d = b.dispute(h);
        if (DisputeStatus.of(d.status.intValue()) == DisputeStatus.RESOLVED_INCONCLUSIVE && d.round.intValue() >= DisputeStatus.MAX_ROUNDS) {
            throw new ChainError(s.command + ": window " + window + " was disputed " + DisputeStatus.MAX_ROUNDS + " times without a conclusion; the checkpoint stands");
        }
        // none yet, or the last one was inconclusive (the checkpoint reopened): file
        if (d.status.signum() != 0 && DisputeStatus.of(d.status.intValue()) != DisputeStatus.RESOLVED_INCONCLUSIVE) {
            out.accept("dispute on window " + window + " already filed by " + d.challenger + " (" + DisputeStatus.of(d.status.intValue()).label() + ")");
            return d;
        }
        BigInteger locked = b.record(h).component1();
        BigInteger mult = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("bondMultiplier")), "SeasonRegistry.get(bondMultiplier)");
        BigInteger bond = locked.multiply(mult).max(BigInteger.ONE);
        String dm = s.d.disputes.getContractAddress();
        BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
        if (bal.compareTo(bond) < 0) {
            throw new ChainError(s.command + ": --key: " + s.address() + " holds " + ChainSession.energy(bal) + ", the bond is " + ChainSession.energy(bond));
        }
        if (s.view(s.d.energy.allowance(s.address(), dm), "Energy.allowance").compareTo(bond) < 0) {
            TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(dm, bond), "Energy.approve");
            out.accept("approve bond " + ChainSession.energy(bond) + " to DisputeManager: gas " + a.getGasUsed());
        }
        TransactionReceipt f = s.tx(s.d.disputes, s.d.disputes.fileDispute(payload), "DisputeManager.fileDispute");
        d = b.dispute(h);
        out.accept("dispute filed on window " + window + " (0x" + Hex.of(h) + "): bond " + ChainSession.energy(d.bond)
                + ", gas " + f.getGasUsed() + (d.isPrivate ? "; dataset reveal until " + when.apply(d.datasetDeadline.longValueExact()) : "")
                + "; commit until " + when.apply(d.commitDeadline.longValueExact()) + ", reveal until " + when.apply(d.revealDeadline.longValueExact()));
        return d;
    }

    /** Reveals {dataset, S_owner} of a private window's open dispute when nobody has yet (and says what is left to do). */
    public void revealIfNeeded(byte[] h, DisputeManager.Dispute d, ChainBeast.Reveal reveal) {
        if (!d.isPrivate || DisputeStatus.of(d.status.intValue()) != DisputeStatus.OPEN) return;
        if (d.revealed) {
            out.accept("dataset already revealed on chain");
            return;
        }
        if (reveal == null) {
            out.accept("private window: nobody has revealed {dataset, S_owner} yet; unless it is revealed by " + when.apply(d.datasetDeadline.longValueExact())
                    + " (`chain reveal`), the dispute resolves INVALID by default");
            return;
        }
        TransactionReceipt r = s.tx(s.d.disputes, s.d.disputes.revealDataset(h, reveal.dataset(), reveal.secret()), "DisputeManager.revealDataset");
        out.accept("revealed dataset (" + reveal.dataset().length + " bytes) and S_owner: gas " + r.getGasUsed());
    }
}
