package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.cli.bench.NodeBench;
import io.chainbeasts.cli.bench.NodeProcess;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.node.DisputeGamePlayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node against a JSON-RPC endpoint that hangs ({@link StallingRpc} in front of anvil): one that accepts the
 * connection and never answers, and one that stalls mid-answer right after executing the node's dispute filing. Each
 * request gives up after --rpc-timeout (2 s here), the node says so in one line (not again while it repeats, no stack
 * trace), keeps its judgements, and goes on when the endpoint answers again, without sending the filing a second time
 * although it never saw its answer. A node started against an endpoint that hangs fails in one line within the timeout.
 */
class NodeRpcHangTest {
    static final int TIMEOUT_S = 2;

    @TempDir
    Path dir;

    @Test
    void aHangingRpcTimesOutInOneLineAndTheNodeGoesOnWithoutRepeatingATransaction() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
             StallingRpc rpc = new StallingRpc(anvil.rpcUrl())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 2);
            Deployment d = chain.d();
            String C = chain.file();
            // the node's bond allowance up front: its one transaction in this test is then the filing itself
            c.tx(c.account(2), d.energy, d.energy.approve(d.game.getContractAddress(), BigInteger.TEN.pow(30)));
            String operator = c.account(2).getAddress();
            BigInteger noncesBefore = nonce(c, operator);
            Path beast = dir.resolve("beast");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0x4a46", "--out", beast.toString(), "--chain", C);
            ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
            ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);

            Path data = dir.resolve("node");
            List<String> args = List.of("--chain", C, "--rpc", rpc.url(), "--rpc-timeout", Integer.toString(TIMEOUT_S), "--data", data.toString(),
                    "--backend", "java", "--confirmations", "0", "--follow", "--interval", "1", "--key", "anvil:2", "--dispute-budget", "1000");
            List<String> lines;
            byte[] h;
            try (NodeProcess node = NodeProcess.start(NodeBench.HEAP, NodeProcess.QUICK_START, args)) {
                assertNotNull(node.await("beast #1 window 0: VERIFIED", 120_000), String.join("\n", node.lines()));
                assertTrue(node.lines().stream().anyMatch(l -> l.startsWith("node on chain") && l.contains("RPC timeout " + TIMEOUT_S + " s")),
                        String.join("\n", node.lines()));

                // ---- accepts, reads, never answers ----
                rpc.mode(StallingRpc.Mode.STALL);
                long t0 = System.nanoTime();
                String hung = node.await("no answer within the RPC timeout", 30_000);
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertNotNull(hung, String.join("\n", node.lines()));
                // one interval to the next pass, then one request's timeout (slack for a loaded machine)
                assertTrue(tookMs < (1 + TIMEOUT_S) * 1000L + 8_000, "timed out after " + tookMs + " ms");
                assertTrue(hung.startsWith("node: ") && hung.endsWith("(retrying next pass)"), hung);
                Thread.sleep(3L * (1 + TIMEOUT_S) * 1000); // three more failed passes: said once (twice at most: the stall may
                // have caught a view call, whose message names the call, and then the endpoint's own check)
                assertTrue(node.lines().stream().filter(l -> l.contains("no answer within the RPC timeout")).count() <= 2, String.join("\n", node.lines()));
                assertEquals("VERIFIED", outcome(data, 0), "the judgements survive the outage");
                rpc.mode(StallingRpc.Mode.PASS);
                assertNotNull(node.await("the chain answers again after", 30_000), String.join("\n", node.lines()));

                // ---- a cheat arrives; the endpoint executes the node's filing, then stalls mid-answer ----
                rpc.mode(StallingRpc.Mode.STALL_MID_ANSWER_ON_SEND);
                ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
                BeastStore store = BeastStore.open(beast);
                ChainScript.forgeLastH128(store, store.window(1).decodedPayload());
                ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", C);
                h = BeastStore.open(beast).window(1).checkpointHash();
                assertNotNull(node.await("beast #1 window 1: dispute move failed", 60_000), String.join("\n", node.lines()));
                assertEquals(1, rpc.stalledSends());
                DisputeGame.Game g = d.game.getGame(h).send();
                assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, g.stage.intValue(), "the filing was executed although its answer never came");
                assertEquals(operator.toLowerCase(), g.challenger.toLowerCase());
                int before = node.lines().size();
                // the endpoint stalls every request after the send: wait for a pass to fail on it (said again, since the
                // node recovered in between) before it answers, or the node's next pass could find it answering already
                assertNotNull(node.await(before, l -> l.startsWith("node: ") && l.contains("no answer within the RPC timeout"), 60_000),
                        String.join("\n", node.lines()));
                rpc.mode(StallingRpc.Mode.PASS);
                assertNotNull(node.await("the chain answers again after", 30_000), String.join("\n", node.lines()));
                Thread.sleep(4_000); // a few passes with the game on chain: the node waits for the owner's digests
                List<String> after = node.lines().subList(before, node.lines().size());
                assertFalse(after.stream().anyMatch(l -> l.contains("fileDispute") || l.contains("dispute move failed")), String.join("\n", after));
                NodeBench.stopCleanly(node);
                lines = node.lines();
            }
            lines.forEach(l -> System.out.println("[node rpc hang] " + l));
            assertFalse(lines.stream().anyMatch(l -> l.contains("Exception in thread") || l.startsWith("Caused by") || l.contains("\tat ")), "no stack trace\n"
                    + String.join("\n", lines));
            assertTrue(lines.stream().filter(l -> l.contains("no answer within the RPC timeout")).count() <= 4, String.join("\n", lines));
            assertEquals(1, disputesFiled(c, d, h), "filed once");
            assertEquals(noncesBefore.add(BigInteger.ONE), nonce(c, operator), "one transaction from the node: the filing");
            assertEquals("VERIFIED", outcome(data, 0));
            assertEquals("FAILURE", outcome(data, 1));
            Map<String, Object> bonds = Json.obj(Json.obj(Json.parse(Files.readString(data.resolve("judgements.json"))), "judgements").get("bonds"), "bonds");
            assertEquals(List.of(Hex.of(h)), List.copyOf(bonds.keySet()), "one bond, saved before the filing");
        }
    }

    @Test
    void aNodeStartedAgainstAHangingRpcFailsInOneLineWithinItsTimeout() throws Exception {
        try (Anvil anvil = Anvil.start(1); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
             StallingRpc rpc = new StallingRpc(anvil.rpcUrl())) {
            String chainFile = GameChain.deploy(anvil, c, dir, 0).file();
            rpc.mode(StallingRpc.Mode.STALL);
            long t0 = System.nanoTime();
            CliTest.Result r = CliTest.run("node", "--chain", chainFile, "--rpc", rpc.url(), "--rpc-timeout", "1", "--data",
                    dir.resolve("node").toString(), "--backend", "java");
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains("--rpc: cannot reach " + rpc.url()) && r.err().contains("no answer within the RPC timeout"), r.err());
            assertTrue(tookMs < 10_000, "took " + tookMs + " ms");
            CliTest.Result bad = CliTest.run("node", "--chain", chainFile, "--rpc-timeout", "0");
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("--rpc-timeout: must be 1..600 seconds"), bad.err());
        }
    }

    private static String outcome(Path data, int window) throws Exception {
        Map<String, Object> beasts = Json.obj(Json.obj(Json.parse(Files.readString(data.resolve("judgements.json"))), "judgements").get("beasts"), "beasts");
        return Json.str(Json.obj(Json.arr(beasts.get("1"), "beast 1").get(window), "window"), "outcome");
    }

    private static BigInteger nonce(ChainClient c, String address) throws Exception {
        return c.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    private static int disputesFiled(ChainClient c, Deployment d, byte[] h) throws Exception {
        EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, d.game.getContractAddress());
        f.addSingleTopic(EventEncoder.encode(DisputeGame.DISPUTEFILED_EVENT));
        f.addSingleTopic("0x" + Hex.of(h));
        return c.web3j().ethGetLogs(f).send().getLogs().size();
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
