package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ValidatorStake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** The operator's stake in ValidatorRegistry: `chain stake`, `chain unstake` and `chain unbond`, each printing its gas and the position after it. */
final class ChainStakeCommand {
    private ChainStakeCommand() {}

    @Command(name = "stake", mixinStandardHelpOptions = true,
            description = "Bond ENERGY as a validator's stake (approve + stake); without --amount, show the key's stake, unbonding queue and balance.")
    static final class Stake implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Option(names = "--amount", paramLabel = "E", description = "ENERGY to bond, in tokens (e.g. 100 or 0.5)")
        String amount;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain stake", true)) {
                ValidatorStake v = new ValidatorStake(s);
                if (amount != null) print(v.stake(ChainSession.parseEnergy("--amount", amount)));
                position(s, v.position());
                return 0;
            }
        }
    }

    @Command(name = "unstake", mixinStandardHelpOptions = true,
            description = "Start unbonding part of the stake: it leaves the stake at once and can be taken back with `chain unbond` "
                    + "after the season's unbondingDelay (a new request restarts the delay of the whole queue).")
    static final class Unstake implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Option(names = "--amount", required = true, paramLabel = "E", description = "ENERGY to unbond, in tokens")
        String amount;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain unstake", true)) {
                ValidatorStake v = new ValidatorStake(s);
                print(v.unstake(ChainSession.parseEnergy("--amount", amount)));
                position(s, v.position());
                return 0;
            }
        }
    }

    @Command(name = "unbond", mixinStandardHelpOptions = true,
            description = "Take the released unbonding stake back to the key's balance (refused, saying how long, while it is still unbonding).")
    static final class Unbond implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain unbond", true)) {
                ValidatorStake v = new ValidatorStake(s);
                print(v.withdrawUnbonded());
                position(s, v.position());
                return 0;
            }
        }
    }

    static void print(List<ValidatorStake.Sent> sent) {
        for (ValidatorStake.Sent t : sent) System.out.println(t.what() + ": gas " + t.gas());
    }

    static void position(ChainSession s, ValidatorStake.Position p) {
        System.out.println("validator " + s.address() + ": staked " + ChainSession.energy(p.staked()) + " (minStake " + ChainSession.energy(p.minStake())
                + ", " + (p.active() ? "active" : "not active") + "), unbonding " + ChainSession.energy(p.unbonding())
                + (p.unbonding().signum() > 0 ? " (released " + Times.at(p.releaseAt(), s.now()) + ")" : "") + ", balance " + ChainSession.energy(p.balance()));
    }
}
