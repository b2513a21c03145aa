package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chainbeasts node} on a real anvil judges beasts nobody gave it: two public beasts (one honest, one
 * lying about its net in window 1) and a private one are hatched and submitted by their owners, whose stores
 * are then deleted. The node finds all three from the chain's events, verifies the honest windows by replay,
 * names the lie's field, checks the private windows as far as the chain allows, and, restarted, neither
 * replays nor reports a window twice.
 */
class ReplayNodeE2ETest extends ChainScenario {
    @Test
    void judgesEveryBeastFromTheChainAlone(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(4, dir, "replay-node-transcript.txt")) {
            script = s;
            String[] C = {"--chain", s.chainFile.toString()};
            String owner = s.keys.get(1);
            ok(cat(new String[] {"chain", "mint", "--key", "anvil:0", "--to", "anvil:1", "--amount", "10000"}, C));

            Path honest = dir.resolve("honest");
            ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x1001", "--out", honest.toString()}, C));
            ok("train", "--beast", honest.toString(), "--windows", "3", "--quiet");
            ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", honest.toString()}, C));

            Path liar = dir.resolve("liar");
            ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x2002", "--out", liar.toString()}, C));
            ok("train", "--beast", liar.toString(), "--windows", "2", "--quiet");
            BeastStore ls = BeastStore.open(liar);
            CheckpointPayload truth = ls.window(1).decodedPayload();
            ChainScript.forgeLastH128(ls, truth);
            ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", liar.toString()}, C));

            Path packed = dir.resolve("samples.zst");
            ok("dataset", "pack", "--in", ChainE2ETest.examples().resolve("battle_samples.csv").toString(), "-o", packed.toString());
            Path priv = dir.resolve("private");
            Path secret = dir.resolve("owner.secret");
            ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x3003", "--out", priv.toString(),
                    "--dataset", packed.toString(), "--new-secret", secret.toString()}, C));
            ok("train", "--beast", priv.toString(), "--windows", "2", "--quiet", "--dataset", packed.toString(), "--secret", secret.toString());
            ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", priv.toString()}, C));

            // the owners keep their stores to themselves: the node gets none of them
            for (Path p : new Path[] {honest, liar, priv}) deleteTree(p);

            Path nodeData = dir.resolve("node-data");
            String[] node = cat(new String[] {"node", "--backend", "java", "--confirmations", "0", "--data", nodeData.toString()}, C);
            CliTest.Result first = CliTest.run(node);
            assertEquals(1, first.code(), "a FAILURE makes the pass exit 1\n" + first.out() + first.err());
            String out = first.out();
            for (int w = 0; w < 3; w++) assertTrue(out.contains("beast #1 window " + w + ": VERIFIED"), out);
            assertTrue(out.contains("beast #2 window 0: VERIFIED"), out);
            assertTrue(out.contains("beast #2 window 1: FAILURE (h128: replay 0x"), out);
            for (int w = 0; w < 2; w++) assertTrue(out.contains("beast #3 window " + w + ": LINEAGE_ONLY"), out);

            CliTest.Result again = CliTest.run(node);
            assertEquals(1, again.code());
            assertFalse(again.out().contains("window"), "a restarted node reports nothing twice:\n" + again.out());
        }
    }

    /**
     * A reorg: the node sees a lie at depth 0, the chain is reverted (anvil's evm_snapshot / evm_revert) and the honest
     * payload submitted in its place; the node judges the new checkpoint, and with confirmations it never saw the lie.
     */
    @Test
    void aReorgIsJudgedAgainAndConfirmationsKeepShallowOnesAway(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(3, dir, "replay-node-reorg-transcript.txt")) {
            script = s;
            String[] C = {"--chain", s.chainFile.toString()};
            String owner = s.keys.get(1);
            ok(cat(new String[] {"chain", "mint", "--key", "anvil:0", "--to", "anvil:1", "--amount", "10000"}, C));
            Path beast = dir.resolve("b");
            ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x4004", "--out", beast.toString()}, C));
            ok("train", "--beast", beast.toString(), "--windows", "2", "--quiet");
            Path honestCopy = dir.resolve("b-honest");
            copyTree(beast, honestCopy);
            BeastStore bs = BeastStore.open(beast);
            ChainScript.forgeLastH128(bs, bs.window(1).decodedPayload());

            String snapshot = rpc(s, "evm_snapshot");
            ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", beast.toString()}, C));
            String[] shallow = cat(new String[] {"node", "--backend", "java", "--confirmations", "0", "--data", dir.resolve("n0").toString()}, C);
            String[] deep = cat(new String[] {"node", "--backend", "java", "--confirmations", "3", "--data", dir.resolve("n3").toString()}, C);
            CliTest.Result sawLie = CliTest.run(shallow);
            assertTrue(sawLie.out().contains("beast #1 window 1: FAILURE (h128"), sawLie.out());
            CliTest.Result deepNode = CliTest.run(deep);
            assertEquals(0, deepNode.code(), deepNode.out() + deepNode.err());
            assertFalse(deepNode.out().contains("window 1"), "window 1 is not 3 blocks deep yet:\n" + deepNode.out());

            assertEquals("true", rpc(s, "evm_revert", snapshot));
            ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", honestCopy.toString()}, C));
            CliTest.Result afterReorg = CliTest.run(shallow);
            assertEquals(0, afterReorg.code(), afterReorg.out() + afterReorg.err());
            assertTrue(afterReorg.out().contains("beast #1 window 1: VERIFIED"), "the replaced checkpoint is judged anew:\n" + afterReorg.out());
            for (int i = 0; i < 4; i++) rpc(s, "evm_mine");
            CliTest.Result deepLater = CliTest.run(deep);
            assertTrue(deepLater.out().contains("beast #1 window 1: VERIFIED") && !deepLater.out().contains("FAILURE"), deepLater.out());
        }
    }

    /** A raw JSON-RPC call to the test's anvil; returns the result as text. */
    static String rpc(ChainScript s, String method, Object... params) throws java.io.IOException {
        var service = new org.web3j.protocol.http.HttpService(s.chain.anvil.rpcUrl());
        var r = new org.web3j.protocol.core.Request<>(method, java.util.List.of(params), service, org.web3j.protocol.core.methods.response.EthSendTransaction.class)
                .send();
        if (r.hasError()) throw new java.io.IOException(method + ": " + r.getError().getMessage());
        return String.valueOf(r.getResult());
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }

    static void deleteTree(Path p) throws java.io.IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
