package io.chainbeasts.cli;

import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code chain up}: starts anvil on 127.0.0.1 (free port), deploys every contract with the default
 * season, prints the addresses and writes them to a JSON file. Stays up until stdin closes or the JVM
 * is interrupted; anvil is stopped by PID on exit.
 */
final class ChainUp {
    private ChainUp() {}

    /** One day: the governance timelock of a local chain. */
    static final long TIMELOCK_SECONDS = 86_400;
    static final int ACCOUNTS = 10;

    static void run(Path out, PrintStream stdout) throws IOException {
        try (LocalChain lc = LocalChain.up(ACCOUNTS, Deployment.defaultSeason(), TIMELOCK_SECONDS)) {
            lc.deployment.writeJson(out, lc.anvil.rpcUrl());
            stdout.println("anvil " + lc.anvil.rpcUrl() + " (pid " + lc.anvil.pid() + "), chain id " + lc.client.chainId());
            lc.deployment.addresses().forEach((k, v) -> stdout.println("  " + k + " " + v));
            stdout.println("addresses written to " + out.toAbsolutePath() + "; close stdin (Ctrl-D) or Ctrl-C to stop");
            while (System.in.read() >= 0) {
                // keep running
            }
        }
    }
}
