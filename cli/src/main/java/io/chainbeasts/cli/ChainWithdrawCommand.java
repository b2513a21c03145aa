package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.Payouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Collect what DisputeManager and the dispute game owe the key (bonds back, rewards, slashes won: pull payments); "
                + "--deposit also takes the unused CheckpointLedger deposit back.")
final class ChainWithdrawCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--deposit", description = "also withdraw the whole unused ledger deposit")
    boolean deposit;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain withdraw", true)) {
            for (Payouts.Withdrawal w : Payouts.collect(s, deposit)) {
                if (w.gas() == null) System.out.println(w.from() + " owes " + s.address() + " nothing");
                else System.out.println("withdrew " + ChainSession.energy(w.amount()) + " from " + w.from() + " (gas " + w.gas() + ")");
            }
            System.out.println("balance " + ChainSession.energy(s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf")));
            return 0;
        }
    }
}
