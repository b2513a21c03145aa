package io.chainbeasts.cli;

import io.chainbeasts.cli.bench.NodeBench;
import io.chainbeasts.cli.bench.NodeProcess;
import io.chainbeasts.contracts.Anvil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's restart of a local chain under a following node: `chain down`, then `chain up` restores the chain on a
 * new port and writes it into the chain file. The node says once that its passes fail, follows the chain to the new
 * endpoint by itself, and judges the window submitted after the restart. A reset chain, though at the same addresses,
 * is another chain: the node refuses to carry its judgements over.
 */
class NodeFollowsRestartTest {
    @TempDir
    Path dir;

    @Test
    void aFollowingNodeFindsTheRestartedChainThroughItsFile() throws Exception {
        try {
            Anvil.binary();
        } catch (IllegalStateException e) {
            Assumptions.assumeTrue(false, "anvil not installed: " + e.getMessage());
        }
        String file = dir.resolve("chain/chain.json").toString();
        ok("chain", "up", "--detach", file);
        try {
            Path beast = dir.resolve("beast");
            ok("chain", "mint", "--chain", file, "--key", "anvil:0", "--to", "anvil:1", "--amount", "1000");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0x5e7", "--out", beast.toString(), "--chain", file);
            ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
            ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", file);
            String before = ChainUpCommand.rpcOf(Path.of(file));
            List<String> args = List.of("--chain", file, "--data", dir.resolve("node").toString(), "--backend", "java", "--confirmations", "0",
                    "--follow", "--interval", "1", "--rpc-timeout", "5");
            try (NodeProcess node = NodeProcess.start(NodeBench.HEAP, NodeProcess.QUICK_START, args)) {
                assertNotNull(node.await("window 0: VERIFIED", 120_000), String.join("\n", node.lines()));
                ok("chain", "down", file);
                assertNotNull(node.await("(retrying next pass)", 30_000), String.join("\n", node.lines()));
                ok("chain", "up", "--detach", file);
                String after = ChainUpCommand.rpcOf(Path.of(file));
                // anvil takes a free port: a new one (the case this test is about) unless the old one came round again
                String back = node.await(after.equals(before) ? "the chain answers again" : "following the chain there", 60_000);
                assertNotNull(back, String.join("\n", node.lines()));
                assertTrue(after.equals(before) || back.contains(after), back);
                ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
                ok("chain", "submit", "--key", "anvil:1", "--beast", beast.toString(), "--chain", file);
                assertNotNull(node.await("window 1: VERIFIED", 120_000), String.join("\n", node.lines()));
                assertEquals(1, node.lines().stream().filter(l -> l.contains("window 0: VERIFIED")).count(),
                        "window 0 is not judged twice after the reconnection:\n" + String.join("\n", node.lines()));

                // a fresh chain (same contract addresses) is another chain: the node's own --data is not mixed into it
                ok("chain", "down", file);
                ok("chain", "up", "--detach", "--reset", file);
                String refused = node.await("these judgements are of another chain", 60_000);
                assertNotNull(refused, String.join("\n", node.lines()));
                assertTrue(refused.contains("give the node a fresh --data folder"), refused);
            }
        } finally {
            CliTest.run("chain", "down", file);
        }
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
