package io.chainbeasts.contracts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A throwaway local chain: anvil on 127.0.0.1 (free port) with every contract deployed with the default
 * season, stopped by PID on {@link #close} (tests, `chain cheat-demo`). {@link #main} is a minimal
 * stand-alone runner that stays up until stdin closes; users run `chainbeasts chain up`, which keeps the
 * chain's state across restarts ({@link Anvil#startPersistent}).
 * Usage: {@code LocalChain [addresses.json]} (default {@code .chainbeasts/chain.json}).
 */
public final class LocalChain implements AutoCloseable {
    public final Anvil anvil;
    public final ChainClient client;
    public final Deployment deployment;

    private LocalChain(Anvil anvil, ChainClient client, Deployment deployment) {
        this.anvil = anvil;
        this.client = client;
        this.deployment = deployment;
    }

    /** Starts anvil with {@code accounts} dev accounts (account 0 deploys) and deploys everything. */
    public static LocalChain up(int accounts, Map<String, java.math.BigInteger> season, long timelockSeconds) throws IOException {
        Anvil a = Anvil.start(accounts);
        try {
            ChainClient c = new ChainClient(a.rpcUrl(), a.privateKeys());
            Deployment d = Deployment.deploy(c, c.account(0), timelockSeconds, season);
            return new LocalChain(a, c, d);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        anvil.close();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".chainbeasts/chain.json");
        try (LocalChain lc = up(10, Deployment.defaultSeason(), 86_400)) {
            lc.deployment.writeJson(out, lc.anvil.rpcUrl());
            System.out.println("anvil " + lc.anvil.rpcUrl() + " (pid " + lc.anvil.pid() + "), chain id " + lc.client.chainId());
            lc.deployment.addresses().forEach((k, v) -> System.out.println("  " + k + " " + v));
            System.out.println("addresses written to " + out.toAbsolutePath() + "; close stdin (Ctrl-D) or Ctrl-C to stop");
            while (System.in.read() >= 0) {
                // keep running
            }
        }
    }
}
