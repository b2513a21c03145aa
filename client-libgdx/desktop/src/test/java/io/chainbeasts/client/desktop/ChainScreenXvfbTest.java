package io.chainbeasts.client.desktop;

import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.client.model.ChainModel;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Chain screen rendered under Xvfb over a real anvil (free port, stopped by PID): the fixture beast "onchain"
 * minted at hatch, 3 windows submitted, window 2 disputed by a challenger, 0 and 1 finalized after the challenge
 * window. PNGs (chain.png, roster-chain.png) under target/screenshots/chain; pixel probes on the status chips.
 */
class ChainScreenXvfbTest {
    @Test
    void chainScreenRendersARealChain() throws Exception {
        ClientProcess.requireXvfb();
        Path out = Path.of("target", "screenshots", "chain").toAbsolutePath();
        ScreensXvfbTest.deleteTree(out);
        Files.createDirectories(out);
        LocalChain lc = LocalChain.upWithVote(3, Deployment.defaultSeason(), 3600); // the screen shows a DisputeManager dispute
        long pid = lc.anvil.pid();
        try {
            ChainClient c = lc.client;
            Deployment d = lc.deployment;
            Path chainFile = out.resolve("chain.json");
            d.writeJson(chainFile, lc.anvil.rpcUrl());
            BigInteger e18 = BigInteger.TEN.pow(18);
            for (int i = 1; i <= 2; i++) c.tx(c.account(0), d.energy, d.energy.mint(c.account(i).getAddress(), e18.multiply(BigInteger.valueOf(1000))));
            Path beasts = out.resolve("beasts");
            ChainModel.Target t = new ChainModel.Target(chainFile, null, "anvil:1");
            Path dir;
            try (ChainModel m = ChainModel.open(t, true)) {
                dir = HatchModel.hatch(beasts, "onchain", "0x0c4a1", null, null, m::mint);
            }
            TrainModel.open(dir).train(3, "java");
            try (ChainModel m = ChainModel.open(t, true)) {
                m.submit(dir);
            }
            WindowRecord w2 = io.chainbeasts.checkpoint.BeastStore.open(dir).window(2);
            BigInteger bond = d.ledger.records(w2.checkpointHash()).send().component1().multiply(BigInteger.TWO);
            c.tx(c.account(2), d.energy, d.energy.approve(d.disputes.getContractAddress(), bond));
            c.tx(c.account(2), d.disputes, d.disputes.fileDispute(w2.payload()));
            c.increaseTime(3601);
            try (ChainModel m = ChainModel.open(t, true)) {
                m.finalizeAll(dir);
            }
            ClientProcess.Result r = ClientProcess.run(out.resolve("client.log"), 300, AutopilotMain.class.getName(),
                    "chain", out.toString(), beasts.toString(), "0", chainFile.toString());
            int probes = ClientProcess.assertAutopilot(out, r);
            assertTrue(probes >= 5, "only " + probes + " probes");
            assertTrue(Files.size(out.resolve("chain.png")) > 10_000, "chain.png looks empty");
            assertTrue(Files.size(out.resolve("roster-chain.png")) > 10_000, "roster-chain.png looks empty");
        } finally {
            lc.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "anvil " + pid + " still running");
    }
}
