package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.engine.Window;
import io.chainbeasts.node.DisputeGamePlayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay node that holds no store and no dataset re-judges private windows once a dispute game makes their owners
 * reveal S_owner and the records the window drew (DigestsPosted): an honest window 0 goes from LINEAGE_ONLY to VERIFIED
 * after a liar's dispute (and the owner's node, holding only the owner's key, opens the step the liar names), and a
 * window 1 whose weights were nudged after a private step goes to FAILURE once its owner answers with the digests of
 * its own run. In the node's own game it names that step and proves it; in another challenger's game it opens the
 * step the challenger named, that being where its replay departs. Both cheats end INVALIDATED, every verdict is in the
 * node's judgements file. Real Solidity one-step verifier, real CLI, anvil.
 */
class NodePrivateRevealE2ETest {
    static final int BAD = 38; // window 1, globalStep 166: a step that draws a private record

    @TempDir
    Path dir;

    @Test
    void aNodeJudgesPrivateWindowsFromTheirRevealsAndProvesTheCheat() throws Exception {
        assertEquals(SampleSource.PRIVATE, SampleSource.forStep(Window.STEPS + BAD, true));
        try (Anvil anvil = Anvil.start(6); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 4);
            Deployment d = chain.d();
            String C = chain.file();
            Path ds = dir.resolve("coach.zst");
            ok("dataset", "pack", "--in", Vectors.repoRoot().resolve("examples/battle_samples.csv").toString(), "-o", ds.toString());
            PrivateDataset dataset = PrivateDataset.open(ds, ChainPrivateDisputeGameTest.SEASON);

            // two private cheaters: window 0 honest, window 1 nudged right after micro-step BAD (beast #1: anvil:1, beast #2: anvil:4)
            Cheater p = cheater(C, "p", 1, "0xc4ea7", dataset, ds);
            Cheater q = cheater(C, "q", 4, "0x0c4e8", dataset, ds);
            String[] node = {"node", "--key", "anvil:3", "--dispute-budget", "1000", "--confirmations", "0", "--backend", "java", "--data",
                    dir.resolve("node").toString(), "--chain", C};
            CliTest.Result first = ok(node);
            for (String beast : List.of("#1", "#2")) {
                for (int w = 0; w < 2; w++) {
                    assertTrue(first.out().contains("beast " + beast + " window " + w + ": LINEAGE_ONLY (private: binding, links and step count hold)"), first.out());
                }
            }

            // ---- a liar (anvil:2) disputes each honest window 0; its owner reveals; the node re-judges it VERIFIED ----
            for (Cheater x : List.of(p, q)) {
                ok("chain", "dispute", "--key", "anvil:2", "--beast", x.dir.toString(), "--window", "0", "--force", "--chain", C);
                ok("chain", "answer", "--key", "anvil:" + x.owner, "--beast", x.dir.toString(), "--dataset", ds.toString(), "--secret", x.secretFile.toString(),
                        "--chain", C);
            }
            CliTest.Result revealed = ok(node);
            for (String beast : List.of("#1", "#2")) {
                assertTrue(revealed.out().contains("beast " + beast + " window 0: VERIFIED (private: replayed from the records its owner revealed in a dispute)"),
                        revealed.out());
            }
            assertFalse(revealed.out().contains("window 1: "), "window 1 was never revealed: unchanged\n" + revealed.out());
            // the liar names a private step of beast #1's window 0; the owner's node (its key, no store, no dataset) opens it
            byte[] p0 = p.store.window(0).checkpointHash();
            c.tx(c.account(2), d.game, d.game.nameStep(p0, BigInteger.valueOf(2)));
            String[] ownerNode = {"node", "--key", "anvil:1", "--confirmations", "0", "--backend", "java", "--data", dir.resolve("owner-node").toString(),
                    "--chain", C};
            CliTest.Result answered = ok(ownerNode);
            assertTrue(answered.out().contains("ALERT: your beast #1 is disputed by") && answered.out().contains("this node answers it from the chain"),
                    answered.out());
            assertTrue(Pattern.compile("proveStep 2: gas \\d+; outcome RESOLVED_VALID").matcher(answered.out()).find()
                    && answered.out().contains("beast #1 window 0: answered as its owner, RESOLVED_VALID"), answered.out());
            assertEquals(DisputeGamePlayer.RESOLVED_VALID, d.game.getGame(p0).send().stage.intValue());
            // beast #2's liar loses the same way, to `chain answer`
            byte[] q0 = q.store.window(0).checkpointHash();
            c.tx(c.account(2), d.game, d.game.nameStep(q0, BigInteger.valueOf(2)));
            ok("chain", "answer", "--key", "anvil:4", "--beast", q.dir.toString(), "--dataset", ds.toString(), "--secret", q.secretFile.toString(), "--chain", C);
            assertEquals(DisputeGamePlayer.RESOLVED_VALID, d.game.getGame(q0).send().stage.intValue());

            // ---- beast #1's cheat: the node's operator files with the node's key; the owner answers with its lie ----
            ok("chain", "dispute", "--key", "anvil:3", "--beast", p.dir.toString(), "--window", "1", "--force", "--chain", C);
            p.answerWithTheLie(c, d, dataset);
            // ---- beast #2's cheat: another challenger (anvil:2) files and names the step; the cheater never opens it ----
            ok("chain", "dispute", "--key", "anvil:2", "--beast", q.dir.toString(), "--window", "1", "--force", "--chain", C);
            q.answerWithTheLie(c, d, dataset);
            c.tx(c.account(2), d.game, d.game.nameStep(q.store.window(1).checkpointHash(), BigInteger.valueOf(BAD)));

            CliTest.Result proven = CliTest.run(node);
            proven.out().lines().forEach(l -> System.out.println("[node private reveal] " + l));
            assertEquals(1, proven.code(), "a FAILURE: " + proven.out() + proven.err());
            for (String beast : List.of("#1", "#2")) {
                assertTrue(proven.out().contains("beast " + beast + " window 1: FAILURE (private, replayed from the records its owner revealed: h128: replay 0x"),
                        proven.out());
            }
            // its own game: it names the first step that departs and proves it with the revealed record
            assertTrue(proven.out().contains("nameStep " + BAD + " (D_" + BAD + " -> D_" + (BAD + 1) + "): gas "), proven.out());
            // the other game: it opens the step anvil:2 named, that being where its replay departs
            assertTrue(proven.out().contains("beast #2 window 1: " + c.account(2).getAddress() + " named step " + BAD
                    + ", where this node's replay departs from the owner's digests: the node opens it"), proven.out());
            assertEquals(2, Pattern.compile("proveStep " + BAD + ": gas \\d+; outcome RESOLVED_INVALID").matcher(proven.out()).results().count(), proven.out());
            for (Cheater x : List.of(p, q)) {
                byte[] h = x.store.window(1).checkpointHash();
                assertEquals(4, d.ledger.records(h).send().component5().intValue(), "INVALIDATED");
                assertEquals(DisputeGamePlayer.RESOLVED_INVALID, d.game.getGame(h).send().stage.intValue());
            }
            // the verdicts are in the node's crash-safe state (saved before the moves that followed them)
            Map<String, Object> beasts = Json.obj(Json.obj(Json.parse(Files.readString(dir.resolve("node/judgements.json"))), "judgements").get("beasts"), "beasts");
            for (String id : List.of("1", "2")) {
                List<Object> js = Json.arr(beasts.get(id), "beast " + id);
                assertEquals("VERIFIED", Json.str(Json.obj(js.get(0), "w0"), "outcome"));
                assertEquals("FAILURE", Json.str(Json.obj(js.get(1), "w1"), "outcome"));
            }
            assertTrue(d.game.owed(c.account(3).getAddress()).send().signum() > 0, "the node's operator is paid for its own game");

            // a pass after: the invalidated windows leave the live chains, nothing is filed, named or proven again
            CliTest.Result after = ok(node);
            assertFalse(Pattern.compile("fileDispute|nameStep|proveStep|dispute move failed").matcher(after.out()).find(), after.out());
        }
    }

    /** A private beast of anvil:{@code owner} on chain: window 0 honest, window 1 a cheat at micro-step {@link #BAD}. */
    private Cheater cheater(String chain, String name, int owner, String seedCore, PrivateDataset dataset, Path ds) throws Exception {
        Path beast = dir.resolve(name);
        Path secretFile = dir.resolve(name + ".secret");
        ok("chain", "hatch", "--key", "anvil:" + owner, "--seed-core", seedCore, "--dataset", ds.toString(), "--new-secret", secretFile.toString(),
                "--out", beast.toString(), "--chain", chain);
        ok("train", "--beast", beast.toString(), "--windows", "1", "--dataset", ds.toString(), "--secret", secretFile.toString(), "--quiet");
        byte[] secret = Secrets.read(secretFile);
        BeastStore store = BeastStore.open(beast);
        List<byte[]> lie = ChainPrivateDisputeGameTest.cheat(store, BAD, dataset, secret);
        ok("chain", "submit", "--key", "anvil:" + owner, "--beast", beast.toString(), "--chain", chain);
        return new Cheater(beast, secretFile, owner, BeastStore.open(beast), secret, lie);
    }

    private record Cheater(Path dir, Path secretFile, int owner, BeastStore store, byte[] secret, List<byte[]> lie) {
        /** The cheater's answer to the dispute on window 1: the digests of its nudged run, S_owner and the true records it drew. */
        void answerWithTheLie(ChainClient c, Deployment d, PrivateDataset dataset) throws Exception {
            byte[] used = PrivateWitness.used(secret, PrivateWitness.of(dataset), ChainPrivateDisputeGameTest.honestPoints(store, 1, dataset, secret));
            c.tx(c.account(owner), d.game, d.game.postDigests(store.window(1).checkpointHash(), lie, secret, used));
            assertEquals(DisputeGamePlayer.AWAIT_STEP, d.game.getGame(store.window(1).checkpointHash()).send().stage.intValue(),
                    "digests posted on 0x" + Hex.of(store.window(1).checkpointHash()));
        }
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
