package io.chainbeasts.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "chain", mixinStandardHelpOptions = true, description = "The chain: a local anvil, the season, minting, submitting checkpoints, disputes and validation.",
        subcommands = {ChainCommand.Up.class, ChainSeasonCommand.class, ChainMintCommand.class, ChainHatchCommand.class, ChainSubmitCommand.class,
            ChainDisputeCommand.class, ChainRevealCommand.class, ChainValidateCommand.class, ChainStatusCommand.class, ChainWithdrawCommand.class,
            ChainWarpCommand.class, ChainFinalizeCommand.class})
final class ChainCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start anvil on 127.0.0.1 (free port), deploy every contract, write the addresses; runs until stdin closes.")
    static final class Up implements Callable<Integer> {
        @Parameters(arity = "0..1", defaultValue = ".chainbeasts/chain.json", description = "addresses file (default ${DEFAULT-VALUE})")
        String out;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path p = java.nio.file.Path.of(out).toAbsolutePath();
            if (p.getParent() != null) java.nio.file.Files.createDirectories(p.getParent());
            try {
                ChainUp.run(p, System.out);
            } catch (IllegalStateException | java.io.IOException e) {
                throw new UserError("chain up: " + e.getMessage());
            }
            return 0;
        }
    }
}
