package io.chainbeasts.cli;

import picocli.CommandLine.Command;

@Command(name = "chain", mixinStandardHelpOptions = true, description = "The chain: a local anvil, the season, minting, submitting checkpoints, disputes and validation.",
        subcommands = {ChainUpCommand.class, ChainDownCommand.class, ChainSeasonCommand.class, ChainMintCommand.class, ChainHatchCommand.class, ChainSubmitCommand.class,
            ChainDisputeCommand.class, ChainAnswerCommand.class, ChainRevealCommand.class, ChainValidateCommand.class, ChainStatusCommand.class,
            ChainWithdrawCommand.class, ChainWarpCommand.class, ChainFinalizeCommand.class, ChainCheatDemoCommand.class, ChainForcedErrorCommand.class,
            ChainStakeCommand.Stake.class, ChainStakeCommand.Unstake.class, ChainStakeCommand.Unbond.class})
final class ChainCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }
}
