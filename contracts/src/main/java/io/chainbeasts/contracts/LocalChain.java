package io.chainbeasts.contracts;

import java.io.IOException;
import java.util.Map;

/**
 * A throwaway local chain: anvil on 127.0.0.1 (free port) with every contract deployed with the default
 * season, stopped by PID on {@link #close} (tests, `chain cheat-demo`). Users run `chainbeasts chain up`
 * (cli's {@code ChainUpCommand}), which keeps the chain's state across restarts ({@link Anvil#startPersistent}).
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

    /** Starts anvil with {@code accounts} dev accounts (account 0 deploys) and deploys everything (the default: the dispute game). */
    public static LocalChain up(int accounts, Map<String, java.math.BigInteger> season, long timelockSeconds) throws IOException {
        return up(accounts, season, timelockSeconds, false);
    }

    /** As {@link #up(int, Map, long)} with DisputeManager's vote as the ledger's dispute contract (Deployment.deployWithVote). */
    public static LocalChain upWithVote(int accounts, Map<String, java.math.BigInteger> season, long timelockSeconds) throws IOException {
        return up(accounts, season, timelockSeconds, true);
    }

    private static LocalChain up(int accounts, Map<String, java.math.BigInteger> season, long timelockSeconds, boolean vote) throws IOException {
        Anvil a = Anvil.start(accounts);
        try {
            ChainClient c = new ChainClient(a.rpcUrl(), a.privateKeys());
            Deployment d = vote ? Deployment.deployWithVote(c, c.account(0), timelockSeconds, season)
                    : Deployment.deploy(c, c.account(0), timelockSeconds, season);
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
}
