package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ForcedErrorKeeper;
import io.chainbeasts.node.ForcedErrorWatch;
import io.chainbeasts.node.NodeHttp;
import io.chainbeasts.node.ReplayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forced errors end to end (issue 14 item 5) on a chain with the dispute game and the real one-step verifier: the
 * keeper (`chain forced-error`) hatches a protocol beast, posts an honest window and then a deliberately wrong one; a
 * node started with no store finds the wrong one by replay, disputes it, and after the keeper posted the digests of its
 * wrong trace names the false micro-step and proves it on chain; after the challenge window the keeper reveals, and the
 * node's next pass claims the forced-error reward, which its metrics show. A second forced error nobody disputes is
 * revealed MISSED and its reward stays in the pool. A third, caught, that the keeper never reveals is claimed by the
 * node once REVEAL_GRACE has passed. Transcript: cli/target/forced-error-transcript.txt.
 */
class ForcedErrorE2ETest {
    @TempDir
    Path dir;

    @Test
    void aNodeWithNoStoreCatchesAForcedErrorAndIsPaidAfterTheReveal() throws Exception {
        try (Anvil anvil = Anvil.start(4); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            Deployment d = Deployment.deploy(c, c.account(0), 3600, Deployment.defaultSeason(), Deployment.deployStepVerifier(c, c.account(0)));
            Path chainFile = dir.resolve("chain.json");
            d.writeJson(chainFile, anvil.rpcUrl());
            String C = chainFile.toString();
            ok("chain", "mint", "--key", "anvil:0", "--to", "anvil:2", "--amount", "1000", "--chain", C);
            Path protocol = dir.resolve("protocol");
            ok("chain", "forced-error", "hatch", "--key", "anvil:0", "--seed-core", "0xf0", "--out", protocol.toString(), "--chain", C);
            // an empty pool and a keeper without ENERGY: each said in ENERGY, before any transaction
            CliTest.Result empty = run("chain", "forced-error", "post", "--key", "anvil:0", "--beast", protocol.toString(), "--chain", C);
            assertTrue(empty.code() == 2 && empty.err().contains("the forced-error pool has 0 ENERGY free; posting window 0 needs ")
                    && empty.err().contains("`chain forced-error fund` first"), empty.err());
            CliTest.Result poor = run("chain", "forced-error", "fund", "--key", "anvil:0", "--amount", "1000", "--chain", C);
            assertTrue(poor.code() == 2 && poor.err().contains("holds 0 ENERGY, less than the 1000 ENERGY to fund"), poor.err());
            assertFalse(poor.out().contains("approve"), "no approve for a fund that cannot happen: " + poor.out());
            ok("chain", "mint", "--key", "anvil:0", "--to", "anvil:0", "--amount", "1000", "--chain", C);
            ok("chain", "forced-error", "fund", "--key", "anvil:0", "--amount", "1000", "--chain", C);
            CliTest.Result honest = ok("chain", "forced-error", "post", "--key", "anvil:0", "--beast", protocol.toString(), "--chain", C);
            assertTrue(honest.out().contains("posted window 0 of protocol beast #1") && honest.out().contains("honest"), honest.out());
            CliTest.Result wrong = ok("chain", "forced-error", "post", "--key", "anvil:0", "--beast", protocol.toString(), "--wrong", "--chain", C);
            Matcher fm = Pattern.compile("forced error: micro-step (\\d+) is false").matcher(wrong.out());
            assertTrue(fm.find(), wrong.out());
            int falseStep = Integer.parseInt(fm.group(1));
            assertEquals(ForcedErrorKeeper.faultPoint(c.account(0), BigInteger.ONE, 1) - 1, falseStep, "the fault is where the key puts it");
            assertEquals(1, BeastStore.open(protocol).head().windows(), "a wrong window never enters the keeper's store");
            // a player cannot post through the keeper's command
            CliTest.Result notKeeper = run("chain", "forced-error", "post", "--key", "anvil:3", "--beast", protocol.toString(), "--chain", C);
            assertEquals(2, notKeeper.code());
            assertTrue(notKeeper.err().contains("is not the forced-error keeper"), notKeeper.err());

            Path data = dir.resolve("node");
            String[] node = {"node", "--key", "anvil:2", "--dispute-budget", "1000", "--confirmations", "0", "--backend", "java", "--data",
                    data.toString(), "--chain", C};
            CliTest.Result r1 = run(node);
            assertEquals(1, r1.code(), r1.out() + r1.err());
            assertTrue(r1.out().contains("beast #1 window 0: VERIFIED"), r1.out());
            assertTrue(r1.out().contains("beast #1 window 1: FAILURE"), r1.out());
            assertTrue(r1.out().contains("fileDispute on window 1"), r1.out() + r1.err());

            CliTest.Result answered = ok("chain", "forced-error", "answer", "--key", "anvil:0", "--beast", protocol.toString(), "--chain", C);
            assertTrue(answered.out().contains("answering from the keeper's wrong trace") && answered.out().contains("postDigests"), answered.out());

            CliTest.Result r2 = run(node);
            assertTrue(r2.out().contains("nameStep " + falseStep + " (D_" + falseStep + " -> D_" + (falseStep + 1) + ")"), r2.out() + r2.err());
            assertTrue(r2.out().contains("proveStep " + falseStep + ": gas ") && r2.out().contains("outcome RESOLVED_INVALID"), r2.out() + r2.err());
            assertTrue(r2.out().contains("beast #1: fileDispute") || r2.out().contains("beast #1: nameStep"), "the node's game lines name the beast\n" + r2.out());
            // the keeper's store never held the wrong window, yet status shows it as the chain does: invalidated, its game lost
            CliTest.Result status = ok("chain", "status", "--beast", protocol.toString(), "--chain", C);
            assertTrue(status.out().lines().anyMatch(l -> l.startsWith("window    1") && l.contains("INVALIDATED") && l.contains("on chain only")),
                    status.out());
            assertTrue(status.out().contains("RESOLVED_INVALID") && status.out().contains("checkpoints: 1 local, 2 on chain;"), status.out());

            CliTest.Result early = ok("chain", "forced-error", "reveal", "--key", "anvil:0", "--chain", C);
            assertTrue(early.out().contains("not yet (challenge window open until"), early.out());
            ok("chain", "warp", "--seconds", "3601", "--chain", C);
            CliTest.Result revealed = ok("chain", "forced-error", "reveal", "--key", "anvil:0", "--chain", C);
            assertTrue(revealed.out().contains("window 1") && revealed.out().contains("revealed forced error, CAUGHT by " + c.account(2).getAddress()),
                    revealed.out());
            assertTrue(revealed.out().contains("revealed honest window, STOOD"), revealed.out());

            BigInteger before = d.energy.balanceOf(c.account(2).getAddress()).send();
            CliTest.Result r3 = run(node);
            assertTrue(r3.out().contains("forced error caught: beast #1 checkpoint 0x") && r3.out().contains("reward 50 ENERGY claimed"), r3.out() + r3.err());
            assertEquals(before.add(Deployment.FORCED_ERROR_REWARD), d.energy.balanceOf(c.account(2).getAddress()).send());
            CliTest.Result r4 = run(node);
            assertTrue(!r4.out().contains("forced error caught"), "claimed once\n" + r4.out());

            // a second forced error that nobody disputes: revealed MISSED, its reward back in the pool
            Path second = dir.resolve("protocol2");
            ok("chain", "forced-error", "hatch", "--key", "anvil:0", "--seed-core", "0xf1", "--out", second.toString(), "--chain", C);
            BigInteger pool = d.forced.pool().send();
            ok("chain", "forced-error", "post", "--key", "anvil:0", "--beast", second.toString(), "--wrong", "--chain", C);
            ok("chain", "warp", "--seconds", "3601", "--chain", C);
            CliTest.Result missed = ok("chain", "forced-error", "reveal", "--key", "anvil:0", "--chain", C);
            assertTrue(missed.out().contains("revealed forced error, MISSED (50 ENERGY back to the pool)"), missed.out());
            BigInteger lock = d.ledger.records(d.ledger.head(BigInteger.TWO).send()).send().component1();
            assertEquals(pool.subtract(lock), d.forced.pool().send(), "only the lock left the pool");
            CliTest.Result retired = run("chain", "forced-error", "post", "--key", "anvil:0", "--beast", second.toString(), "--chain", C);
            assertEquals(2, retired.code());
            assertTrue(retired.err().contains("a forced error that stood ends its beast"), retired.err());

            // a third forced error, caught by the node, that the keeper never reveals: the node is paid after REVEAL_GRACE anyway
            Path third = dir.resolve("protocol3");
            ok("chain", "forced-error", "hatch", "--key", "anvil:0", "--seed-core", "0xf2", "--out", third.toString(), "--chain", C);
            ok("chain", "forced-error", "post", "--key", "anvil:0", "--beast", third.toString(), "--wrong", "--chain", C);
            CliTest.Result f3 = run(node);
            assertTrue(f3.out().contains("beast #3 window 0: FAILURE") && f3.out().contains("fileDispute on window 0"), f3.out() + f3.err());
            // the missed one is judged too, but its challenge window is over: reported, never filed, no bond counted
            assertTrue(f3.out().contains("beast #2 window 0: FAILURE"), f3.out());
            ok("chain", "forced-error", "answer", "--key", "anvil:0", "--beast", third.toString(), "--chain", C);
            CliTest.Result p3 = run(node);
            assertTrue(p3.out().contains("outcome RESOLVED_INVALID"), p3.out() + p3.err());
            ok("chain", "warp", "--seconds", String.valueOf(3601 + 7 * 24 * 3600), "--chain", C);
            BigInteger beforeGrace = d.energy.balanceOf(c.account(2).getAddress()).send();
            CliTest.Result g3 = run(node);
            assertTrue(g3.out().contains("proven wrong by this node and never revealed by the keeper: reward 50 ENERGY claimed after the grace"),
                    g3.out() + g3.err());
            assertEquals(beforeGrace.add(Deployment.FORCED_ERROR_REWARD), d.energy.balanceOf(c.account(2).getAddress()).send());
            for (CliTest.Result r : new CliTest.Result[] {f3, p3, g3}) assertTrue(!r.out().contains("dispute move failed"), r.out());

            // the node's metrics: two caught (by its key), two revealed (the third never was), one missed
            try (ChainSession s = ChainSession.open("node", chainFile, null, "anvil:2", true)) {
                ForcedErrorWatch watch = ForcedErrorWatch.of(s);
                watch.pass(line -> { });
                ReplayNode.Status st = new ReplayNode(s, data, new io.chainbeasts.engine.JavaBackend(), 0).status();
                try (NodeHttp http = NodeHttp.start("127.0.0.1", 0, 2, () -> st, () -> ForcedErrorWatch.prometheus(watch.stats()))) {
                    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    assertTrue(metrics.contains("\nchainbeasts_forced_errors_caught_total 2\n"), metrics);
                    assertTrue(metrics.contains("\nchainbeasts_forced_errors_reward_wei_total " + Deployment.FORCED_ERROR_REWARD.multiply(BigInteger.TWO) + "\n"), metrics);
                    assertTrue(metrics.contains("\nchainbeasts_forced_errors_revealed_total 2\n"), metrics);
                    assertTrue(metrics.contains("\nchainbeasts_forced_errors_missed_total 1\n"), metrics);
                }
            }
        }
    }

    /** Every command and its output, written to cli/target/forced-error-transcript.txt at the end. */
    private static final StringBuilder TRANSCRIPT = new StringBuilder();

    private static CliTest.Result run(String... args) {
        CliTest.Result r = CliTest.run(args);
        TRANSCRIPT.append("$ chainbeasts ").append(String.join(" ", args).replaceAll("--chain \\S+", "").replaceAll("--data \\S+", "--data NODE"))
                .append("   (exit ").append(r.code()).append(")\n").append(r.out()).append(r.err()).append('\n');
        return r;
    }

    @org.junit.jupiter.api.AfterAll
    static void writeTranscript() throws java.io.IOException {
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target", "forced-error-transcript.txt"), TRANSCRIPT.toString());
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
