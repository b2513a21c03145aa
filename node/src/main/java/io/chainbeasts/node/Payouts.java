package io.chainbeasts.node;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Collecting what the protocol owes a key (pull payments): bonds back, rewards and slashes won in DisputeManager's
 * votes and in the dispute game, and optionally the unused CheckpointLedger deposit. One sequence for `chain withdraw`
 * and the client's Chain screen.
 */
public final class Payouts {
    private Payouts() {}

    /** One withdrawal sent (or, with gas null, a source that owed nothing). */
    public record Withdrawal(String from, BigInteger amount, BigInteger gas) {}

    public static List<Withdrawal> collect(ChainSession s, boolean deposit) {
        String me = s.address();
        List<Withdrawal> out = new ArrayList<>();
        BigInteger owed = s.view(s.d.disputes.owed(me), "DisputeManager.owed");
        if (owed.signum() > 0) {
            TransactionReceipt r = s.tx(s.d.disputes, s.d.disputes.withdraw(), "DisputeManager.withdraw");
            out.add(new Withdrawal("DisputeManager", owed, r.getGasUsed()));
        } else {
            out.add(new Withdrawal("DisputeManager", BigInteger.ZERO, null));
        }
        if (s.d.game != null) {
            BigInteger won = s.view(s.d.game.owed(me), "DisputeGame.owed");
            if (won.signum() > 0) {
                TransactionReceipt r = s.tx(s.d.game, s.d.game.withdraw(), "DisputeGame.withdraw");
                out.add(new Withdrawal("DisputeGame", won, r.getGasUsed()));
            } else {
                out.add(new Withdrawal("DisputeGame", BigInteger.ZERO, null));
            }
        }
        if (deposit) {
            BigInteger d = s.view(s.d.ledger.deposits(me), "CheckpointLedger.deposits");
            if (d.signum() > 0) {
                TransactionReceipt r = s.tx(s.d.ledger, s.d.ledger.withdraw(d), "CheckpointLedger.withdraw");
                out.add(new Withdrawal("CheckpointLedger deposit", d, r.getGasUsed()));
            }
        }
        return out;
    }
}
