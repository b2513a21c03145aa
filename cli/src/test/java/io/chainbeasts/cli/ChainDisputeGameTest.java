package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `chain dispute`, `chain answer` and `chain status` on a deployment with the dispute game and the real Solidity
 * one-step verifier (as `chain up` deploys it): a payload that lies about its h128 is proven wrong on
 * chain by the CLI alone through the window-end check, every move printed with its gas.
 */
class ChainDisputeGameTest {
    @TempDir
    Path dir;

    @Test
    void theCliPlaysTheWholeGame() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            Path beast = dir.resolve("beast");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0x5eed", "--out", beast.toString(), "--chain", C);
            ok("train", "--beast", beast.toString(), "--windows", "2", "--quiet");
            // the owner lies about window 1's net (h128 with one bit flipped); its weights and digests are honest
            BeastStore store = BeastStore.open(beast);
            CheckpointPayload p = store.window(1).decodedPayload();
            ChainScript.forgeLastH128(store, p);
            CliTest.Result sub = ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertTrue(sub.out().contains("submitCheckpointUnder") || sub.out().contains("window 1: submitted"), sub.out());

            CliTest.Result filed = ok("chain", "dispute", "--key", "anvil:2", "--beast", beast.toString(), "--window", "1", "--chain", C);
            assertTrue(filed.out().matches("(?s).*fileDispute on window 1 \\(0x[0-9a-f]{10}…\\): gas \\d+; bond 128 ENERGY; the owner must post its step digests by .*"),
                    filed.out());
            CliTest.Result st = ok("chain", "status", "--beast", beast.toString(), "--chain", C);
            assertTrue(st.out().contains("dispute game AWAIT_DIGESTS") && st.out().contains("the owner must post its step digests by"), st.out());

            // only the owner may answer: another key is refused in one line before anything is sent
            fails("does not own beast #1", "chain", "answer", "--key", "anvil:2", "--beast", beast.toString(), "--chain", C);
            CliTest.Result ans = ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertTrue(ans.out().matches("(?s).*postDigests \\(128 step digests\\): gas \\d+.*"), ans.out());

            CliTest.Result won = ok("chain", "dispute", "--key", "anvil:2", "--beast", beast.toString(), "--window", "1", "--chain", C);
            Matcher m = Pattern.compile("proveStep 128: gas (\\d+); outcome RESOLVED_INVALID").matcher(won.out());
            assertTrue(won.out().contains("nameStep 128 (the window-end check): gas ") && m.find(), won.out());
            assertTrue(Long.parseLong(m.group(1)) < (1L << 24), won.out());
            assertEquals(4, d.ledger.records(store.window(1).checkpointHash()).send().component5().intValue(), "INVALIDATED");
            CliTest.Result after = ok("chain", "status", "--beast", beast.toString(), "--chain", C);
            assertTrue(after.out().contains("dispute game RESOLVED_INVALID"), after.out());

            // nothing trained after an invalidated window can go on chain: said, and refused before any ENERGY moves
            CliTest.Result none = ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertTrue(none.out().contains("nothing to submit; window 1 was proven invalid on chain"), none.out());
            ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
            java.math.BigInteger deposit = d.ledger.deposits(c.account(1).getAddress()).send();
            fails("window 1 of beast #1 was proven invalid on chain", "chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertEquals(deposit, d.ledger.deposits(c.account(1).getAddress()).send(), "no deposit for a submit that cannot land");
        }
    }

    @Test
    void theOwnerClaimsTheTimeoutOfAChallengerWhoWalksAway() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            Path beast = dir.resolve("walked");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0x5eee", "--out", beast.toString(), "--chain", C);
            ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
            BeastStore store = BeastStore.open(beast);
            ChainScript.forgeLastH128(store, store.window(0).decodedPayload());
            ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            ok("chain", "dispute", "--key", "anvil:2", "--beast", beast.toString(), "--window", "0", "--chain", C);
            ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C); // posts the digests
            CliTest.Result early = ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertTrue(early.out().contains("no dispute awaits an answer"), "the challenger's clock still runs\n" + early.out());
            // the challenger never names a step: once its clock has run out, the owner's answer ends the game
            byte[] h = store.window(0).checkpointHash();
            c.increaseTime(d.game.deadline(h).send().longValueExact() - c.now() + 1);
            CliTest.Result st = ok("chain", "status", "--beast", beast.toString(), "--chain", C);
            assertTrue(st.out().contains("`chain answer` claims the timeout for the owner"), st.out());
            CliTest.Result won = ok("chain", "answer", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
            assertTrue(won.out().contains("the challenger named no step in time; claiming the timeout") && won.out().contains("RESOLVED_VALID"),
                    won.out());
            assertTrue(d.game.owed(c.account(1).getAddress()).send().signum() > 0, "the owner is paid the bond");
        }
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    private static CliTest.Result fails(String mustContain, String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertTrue(r.err().contains(mustContain), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        return r;
    }
}
