package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `chainbeasts node --dispute-budget` on a chain with the dispute game and the real one-step verifier: the node, holding
 * no store, finds a lie by replay, refuses to file while the bond is over its budget, files within it, and after the
 * owner (alerted by its own node) posts its digests names the step and proves it on chain: the checkpoint is
 * invalidated by one honest node.
 */
class NodeDisputeE2ETest {
    @TempDir
    Path dir;

    @Test
    void aNodeWithNoStoreWinsTheDisputeOnItsOwn() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            Path beast = dir.resolve("beast");
            BeastStore store = submitWithForgedWindow1(C, beast, "0x9e11");

            Path data = dir.resolve("node");
            String[] poor = {"node", "--key", "anvil:2", "--dispute-budget", "1", "--confirmations", "0", "--backend", "java", "--data",
                    data.toString(), "--chain", C};
            CliTest.Result r0 = CliTest.run(poor);
            assertEquals(1, r0.code(), r0.out() + r0.err());
            assertTrue(r0.out().contains("beast #1 window 1: FAILURE (h128: replay 0x"), r0.out());
            assertTrue(r0.out().contains("beast #1 window 1: not disputed: its bond 128 ENERGY is over what is left of the budget (1 ENERGY)"), r0.out());

            String[] node = {"node", "--key", "anvil:2", "--dispute-budget", "1000", "--confirmations", "0", "--backend", "java", "--data",
                    data.toString(), "--chain", C};
            CliTest.Result r1 = CliTest.run(node);
            assertTrue(r1.out().contains("fileDispute on window 1"), r1.out() + r1.err());
            // the owner's own node (its key, no budget) is alerted, once
            String[] ownerNode = {"node", "--key", "anvil:1", "--confirmations", "0", "--backend", "java", "--data", dir.resolve("owner-node").toString(),
                    "--chain", C};
            CliTest.Result alert = CliTest.run(ownerNode);
            assertTrue(alert.out().contains("ALERT: your beast #1 is disputed by 0x") && alert.out().contains("bond 128 ENERGY"), alert.out() + alert.err());

            ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            CliTest.Result r2 = CliTest.run(node);
            assertTrue(r2.out().contains("nameStep 128 (the window-end check): gas ") && r2.out().contains("outcome RESOLVED_INVALID"), r2.out() + r2.err());
            assertEquals(4, d.ledger.records(store.window(1).checkpointHash()).send().component5().intValue(), "INVALIDATED");
            // the node's operator collects the bond back plus its reward from the game
            CliTest.Result paid = ok("chain", "withdraw", "--key", "anvil:2", "--chain", C);
            assertTrue(paid.out().matches("(?s).*withdrew \\d+(\\.\\d+)? ENERGY from DisputeGame \\(gas \\d+\\).*"), paid.out());
            CliTest.Result r3 = CliTest.run(node);
            assertTrue(!r3.out().contains("fileDispute") && !r3.out().contains("dispute move failed"), "settled: nothing more to do\n" + r3.out());
            // the invalidated window leaves the live chain: said once, not dropped silently from the node's judgements
            assertTrue(r3.out().contains("beast #1 window 1: dropped, no longer on the beast's live chain"), r3.out());
            assertFalse(CliTest.run(node).out().contains("window 1: dropped"), "said once");
        }
    }

    /**
     * The owner's own node answers a liar from the chain alone: the window replays VERIFIED, so the node (the owner's
     * key, no store, no budget) posts the window's step digests itself; the liar, going on, finds no step that departs
     * from them and the window-end check keeps the window: RESOLVED_VALID, the liar's bond to the owner.
     */
    @Test
    void theOwnersNodeAnswersALiarWithoutTheStore() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            Path beast = dir.resolve("honest");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0x0a11", "--out", beast.toString(), "--chain", C);
            ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
            ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            byte[] h = BeastStore.open(beast).window(0).checkpointHash();

            String[] liar = {"chain", "dispute", "--key", "anvil:2", "--beast", beast.toString(), "--window", "0", "--force", "--chain", C};
            assertTrue(ok(liar).out().contains("fileDispute"));
            String[] ownerNode = {"node", "--key", "anvil:1", "--confirmations", "0", "--backend", "java", "--data", dir.resolve("owner-node").toString(),
                    "--chain", C};
            CliTest.Result answered = ok(ownerNode);
            assertTrue(answered.out().contains("ALERT: your beast #1 is disputed by 0x") && answered.out().contains("this node answers it from the chain"),
                    answered.out() + answered.err());
            assertTrue(answered.out().contains("postDigests") && answered.out().contains("beast #1 window 0: answered as its owner, AWAIT_STEP"),
                    answered.out() + answered.err());
            assertEquals(2, d.game.getGame(h).send().stage.intValue(), "AWAIT_STEP: the owner's digests are on chain");

            CliTest.Result lost = CliTest.run(liar);
            assertTrue(lost.out().contains("nameStep 128 (the window-end check)") && lost.out().contains("RESOLVED_VALID"), lost.out() + lost.err());
            assertEquals(4, d.game.getGame(h).send().stage.intValue(), "RESOLVED_VALID");
            CliTest.Result again = ok(ownerNode);
            assertTrue(!again.out().contains("answered as its owner"), "a settled game is not answered again\n" + again.out());
        }
    }

    /**
     * A cheater's puppet files first (one game at a time), the owner answers, and the puppet lets its clock run out: the
     * game upholds the cheat after the checkpoint's first challenge deadline. The ledger lengthened the window by the
     * game's length, so the node, whose replay shows the lie, files its own game and proves it.
     */
    @Test
    void aPuppetGameThatUpholdsACheatDoesNotStopTheNode() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            Path beast = dir.resolve("cheat");
            BeastStore store = submitWithForgedWindow1(C, beast, "0x9e12");
            byte[] h = store.window(1).checkpointHash();
            long firstDeadline = d.ledger.records(h).send().component2().longValueExact();

            // the puppet (the owner's second key) files, the owner answers, the puppet names nothing
            ok("chain", "mint", "--key", "anvil:0", "--to", "anvil:3", "--amount", "10000", "--chain", C);
            var puppet = c.account(3);
            c.tx(puppet, d.energy, d.energy.approve(d.game.getContractAddress(), java.math.BigInteger.TEN.pow(24)));
            c.tx(puppet, d.game, d.game.fileDispute(store.window(1).decodedPayload().encode()));
            ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            long clock = d.season.get(Deployment.key("commitWindow")).send().add(d.season.get(Deployment.key("revealWindow")).send()).longValueExact();
            c.increaseTime(clock + 1);
            c.tx(puppet, d.game, d.game.timeout(h));
            assertEquals(4, d.game.getGame(h).send().stage.intValue(), "RESOLVED_VALID: the puppet's clock ran out");
            assertTrue(c.now() > firstDeadline, "the game outlasted the first challenge deadline");

            String[] node = {"node", "--key", "anvil:2", "--dispute-budget", "1000", "--confirmations", "0", "--backend", "java", "--data",
                    dir.resolve("node").toString(), "--chain", C};
            CliTest.Result filed = CliTest.run(node);
            assertTrue(filed.out().contains("fileDispute on window 1"), filed.out() + filed.err());
            ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            CliTest.Result proven = CliTest.run(node);
            assertTrue(proven.out().contains("nameStep 128 (the window-end check): gas ") && proven.out().contains("outcome RESOLVED_INVALID"),
                    proven.out() + proven.err());
            assertEquals(4, d.ledger.records(h).send().component5().intValue(), "INVALIDATED");
        }
    }

    /** anvil:1 hatches {@code seedCore} into {@code beast}, trains 2 windows, forges window 1's h128 and submits both. */
    private static BeastStore submitWithForgedWindow1(String chainFile, Path beast, String seedCore) {
        ok("chain", "hatch", "--key", "anvil:1", "--seed-core", seedCore, "--out", beast.toString(), "--chain", chainFile);
        ok("train", "--beast", beast.toString(), "--windows", "2", "--quiet");
        BeastStore store = BeastStore.open(beast);
        ChainScript.forgeLastH128(store, store.window(1).decodedPayload());
        ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", chainFile);
        return store;
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
