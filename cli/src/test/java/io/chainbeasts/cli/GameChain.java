package io.chainbeasts.cli;

import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chain of the dispute-game end-to-end tests: {@link Deployment#deploy} with the real Solidity one-step verifier
 * (a 3,600 s challenge window, the default season), its addresses file {@code chain.json} in the test's folder, and
 * 10,000 ENERGY minted by `chain mint` to each of anvil:1..funded.
 */
record GameChain(Deployment d, String file) {
    static GameChain deploy(Anvil anvil, ChainClient c, Path dir, int funded) throws Exception {
        Deployment d = Deployment.deploy(c, c.account(0), 3600, Deployment.defaultSeason(), Deployment.deployStepVerifier(c, c.account(0)));
        Path chainFile = dir.resolve("chain.json");
        d.writeJson(chainFile, anvil.rpcUrl());
        String file = chainFile.toString();
        for (int i = 1; i <= funded; i++) {
            CliTest.Result r = CliTest.run("chain", "mint", "--key", "anvil:0", "--to", "anvil:" + i, "--amount", "10000", "--chain", file);
            assertEquals(0, r.code(), "chain mint to anvil:" + i + "\n" + r.out() + r.err());
        }
        return new GameChain(d, file);
    }
}
