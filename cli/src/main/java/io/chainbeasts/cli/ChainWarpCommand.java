package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "warp", mixinStandardHelpOptions = true,
        description = "Local chains only (anvil): move the block clock forward by --seconds and mine a block, to pass challenge, commit and reveal windows.")
final class ChainWarpCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--seconds", required = true, description = "seconds to add")
    long seconds;

    @Override
    public Integer call() {
        if (seconds <= 0) throw new UserError("chain warp: --seconds: must be positive");
        try (ChainSession s = chain.session("chain warp", false)) {
            long before = s.now();
            try {
                s.client.increaseTime(seconds);
            } catch (RuntimeException e) {
                throw new UserError("chain warp: " + s.endpoint + ": " + ChainSession.rootMessage(e));
            }
            long after = s.now();
            if (after < before + seconds) throw new UserError("chain warp: " + s.endpoint + " did not move its clock (evm_increaseTime is anvil/hardhat only)");
            System.out.println("chain time " + Times.local(before) + " -> " + Times.local(after) + " (" + io.chainbeasts.core.Durations.of(after - before) + " later)");
            return 0;
        }
    }
}
