package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.util.concurrent.Callable;

@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Collect what DisputeManager owes the key (bonds back, rewards, slashes won: pull payments); "
                + "--deposit also takes the unused CheckpointLedger deposit back.")
final class ChainWithdrawCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--deposit", description = "also withdraw the whole unused ledger deposit")
    boolean deposit;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain withdraw", true)) {
            BigInteger owed = s.view(s.d.disputes.owed(s.address()), "DisputeManager.owed");
            if (owed.signum() > 0) {
                TransactionReceipt r = s.tx(s.d.disputes, s.d.disputes.withdraw(), "DisputeManager.withdraw");
                System.out.println("withdrew " + ChainSession.energy(owed) + " from DisputeManager (gas " + r.getGasUsed() + ")");
            } else {
                System.out.println("DisputeManager owes " + s.address() + " nothing");
            }
            if (deposit) {
                BigInteger d = s.view(s.d.ledger.deposits(s.address()), "CheckpointLedger.deposits");
                if (d.signum() > 0) {
                    TransactionReceipt r = s.tx(s.d.ledger, s.d.ledger.withdraw(d), "CheckpointLedger.withdraw");
                    System.out.println("withdrew deposit " + ChainSession.energy(d) + " from CheckpointLedger (gas " + r.getGasUsed() + ")");
                }
            }
            System.out.println("balance " + ChainSession.energy(s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf")));
            return 0;
        }
    }
}
