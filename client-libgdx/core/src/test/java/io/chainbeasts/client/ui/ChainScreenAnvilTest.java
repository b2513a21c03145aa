package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.CheckBox;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.client.model.ChainModel;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Chain screen's actions against a real anvil (free port, stopped by PID at the end), through the Stage:
 * mint at hatch, submit (approve, deposit, one transaction per window, each with its gas), a dispute filed by a
 * challenger shown with its stage, finalize after the challenge window, withdraw; the roster's chain column from
 * the same chain; a key that does not own the beast is refused in one sentence.
 */
class ChainScreenAnvilTest {
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    @Test
    void submitDisputeFinalizeWithdrawThroughTheScreen(@TempDir Path tmp) throws Exception {
        LocalChain lc = LocalChain.upWithVote(4, Deployment.defaultSeason(), 3600); // the screen shows a DisputeManager dispute
        long pid = lc.anvil.pid();
        try {
            run(lc, tmp);
        } finally {
            lc.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "anvil " + pid + " still running");
    }

    private void run(LocalChain lc, Path tmp) throws Exception {
        ChainClient c = lc.client;
        Deployment d = lc.deployment;
        Path chainFile = tmp.resolve("chain.json");
        d.writeJson(chainFile, lc.anvil.rpcUrl());
        Credentials owner = c.account(1);
        Credentials challenger = c.account(2);
        for (Credentials who : List.of(owner, challenger)) c.tx(c.account(0), d.energy, d.energy.mint(who.getAddress(), E18.multiply(BigInteger.valueOf(10_000))));
        Path beasts = tmp.resolve("beasts");
        try (HeadlessGame g = new HeadlessGame(beasts, "hatch")) {
            g.game.settings().chainFile(chainFile.toString());
            g.game.settings().key("anvil:1");

            // hatch, minted first: the store is bound to this chain's ledger and token #1
            g.type("seed-core", "0x5eed");
            g.type("beast-name", "onchain");
            ((CheckBox) g.find("mint")).setChecked(true);
            g.click("hatch");
            HatchScreen h = g.game.screen("hatch", HatchScreen.class);
            g.until("minted and hatched", () -> h.hatched() != null);
            assertTrue(g.game.current().statusText().contains("minted on the chain; minted beast #1 to " + owner.getAddress() + ": gas "), g.game.current().statusText());
            Path dir = beasts.resolve("onchain");
            BeastStore.Identity id = BeastStore.open(dir).identity();
            assertEquals(BigInteger.ONE, id.beastId());
            assertEquals(c.chainId(), id.chainId());
            assertEquals(owner.getAddress(), d.beasts.ownerOf(BigInteger.ONE).send());
            TrainModel.open(dir).train(3, "java");

            // the Chain screen: three windows, none on chain; the signer's balances
            g.click("nav-chain");
            ChainScreen cs = g.game.screen("chain", ChainScreen.class);
            g.until("first read", () -> !cs.busy() && cs.view() != null);
            assertTrue(ScreensHeadlessTest.text(g, "chain-connection").startsWith("Connected to chain " + c.chainId()), ScreensHeadlessTest.text(g, "chain-connection"));
            assertEquals("local", cs.view().state());
            assertEquals(List.of("local only", "local only", "local only"), statuses(cs));
            assertEquals("10000 ENERGY", ChainModel.energy(cs.balances().energy()));

            // submit: approve, deposit and one submitCheckpoint per window, each line with its gas
            g.click("chain-submit");
            g.until("submitted", () -> !cs.busy() && statuses(cs).equals(List.of("PENDING", "PENDING", "PENDING")));
            List<String> log = cs.logLines();
            assertTrue(log.get(0).startsWith("approve ") && log.get(0).matches(".*: gas \\d+"), log.toString());
            assertTrue(log.get(1).startsWith("deposit ") && log.get(1).matches(".*: gas \\d+"), log.toString());
            for (int i = 0; i < 3; i++) assertTrue(log.get(2 + i).matches("window " + i + " submitted: gas \\d+, locked .* ENERGY, challenge window until .*\\(in 60 min\\)"), log.get(2 + i));
            assertTrue(cs.view().rows().get(0).deadline().endsWith("(in 60 min)"), cs.view().rows().get(0).deadline());
            assertTrue(cs.view().rows().get(0).energy().startsWith("locked "), cs.view().rows().get(0).energy());
            assertEquals("submitted 3/3", cs.view().state());
            g.click("chain-submit"); // idempotent
            g.until("nothing new", () -> !cs.busy() && cs.logLines().size() == 6);
            assertEquals("onchain: nothing to submit (every window is on chain)", cs.logLines().get(5));

            // a challenger disputes window 2: the screen shows the dispute and its stage as DisputeManager reports it
            WindowRecord w2 = BeastStore.open(dir).window(2);
            BigInteger locked = d.ledger.records(w2.checkpointHash()).send().component1();
            BigInteger bond = locked.multiply(BigInteger.TWO);
            c.tx(challenger, d.energy, d.energy.approve(d.disputes.getContractAddress(), bond));
            c.tx(challenger, d.disputes, d.disputes.fileDispute(w2.payload()));
            g.click("chain-refresh");
            g.until("dispute read", () -> !cs.busy() && statuses(cs).get(2).equals("DISPUTED"));
            String stage = cs.view().rows().get(2).dispute();
            assertTrue(stage.startsWith("OPEN, bond " + ChainModel.energy(bond) + ", votes 0 valid / 0 invalid, commit until "), stage);
            assertEquals("disputed", cs.view().state());

            // after the challenge window: finalize takes windows 0 and 1 (2 is disputed), each with its gas
            c.increaseTime(3601);
            g.click("chain-finalize");
            g.until("finalized", () -> !cs.busy() && statuses(cs).equals(List.of("FINALIZED", "FINALIZED", "DISPUTED")));
            List<String> fin = cs.logLines().subList(6, cs.logLines().size());
            assertTrue(fin.get(0).matches("window 0 finalized: gas \\d+, burned .* ENERGY"), fin.toString());
            assertTrue(fin.get(1).matches("window 1 finalized: gas \\d+, burned .* ENERGY"), fin.toString());
            assertEquals("onchain: 2 finalized", fin.get(2));
            assertTrue(cs.view().rows().get(0).energy().startsWith("burned "), cs.view().rows().get(0).energy());

            // withdraw the unused deposit (5 ENERGY put in by hand)
            BigInteger five = E18.multiply(BigInteger.valueOf(5));
            c.tx(owner, d.energy, d.energy.approve(d.ledger.getContractAddress(), five));
            c.tx(owner, d.ledger, d.ledger.deposit(five));
            ((CheckBox) g.find("withdraw-deposit")).setChecked(true);
            int before = cs.logLines().size();
            g.click("chain-withdraw");
            g.until("withdrawn", () -> !cs.busy() && cs.logLines().size() > before);
            List<String> wd = cs.logLines().subList(before, cs.logLines().size());
            assertEquals("DisputeManager owes " + owner.getAddress() + " nothing", wd.get(0));
            assertTrue(wd.get(1).matches("withdrew the deposit of 5 ENERGY: gas \\d+"), wd.toString());
            assertEquals(BigInteger.ZERO, d.ledger.deposits(owner.getAddress()).send());

            // the roster's chain column reads the same chain
            g.click("nav-roster");
            RosterScreen r = g.game.screen("roster", RosterScreen.class);
            g.until("chain column", () -> !r.chainPending() && !ScreensHeadlessTest.text(g, "chain-onchain").equals("..."));
            assertEquals("disputed", ScreensHeadlessTest.text(g, "chain-onchain"));

            // a key that does not own the beast: one sentence, nothing sent
            g.game.settings().key("anvil:3");
            g.click("nav-chain");
            g.until("read", () -> !cs.busy());
            g.click("chain-submit");
            g.until("refused", () -> !cs.busy() && g.game.current().statusText().startsWith("Submit:"));
            assertEquals("Submit: " + c.account(3).getAddress() + " does not own beast #1 (owner " + owner.getAddress() + ").", g.game.current().statusText());
        }
    }

    static List<String> statuses(ChainScreen cs) {
        return cs.view() == null ? List.of() : cs.view().rows().stream().map(ChainModel.WindowRow::status).toList();
    }
}
