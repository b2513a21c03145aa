package io.chainbeasts.cli;

import io.chainbeasts.node.ChainValidatorState;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;
import io.chainbeasts.core.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A validator node ({@code chain validate --watch}) and {@code chain finalize} on a real anvil (started
 * here, stopped by PID). A public beast lies in window 1; the node replays once and keeps the verdicts in
 * its state file; restarted between passes it commits once, reveals after a restart, survives a kill
 * between its write-ahead record and the commit receipt, stops cleanly on SIGTERM (a real JVM), and refuses
 * a corrupted or foreign state file with one line. Finalize: nothing while the challenge window is open,
 * then the undisputed window only (the disputed one stays DISPUTED), then nothing again (idempotent).
 */
class ChainNodeE2ETest extends ChainScenario {


    @Test
    void nodeSurvivesRestartsAndFinalizeSkipsDisputes(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(5, dir, "chain-node-transcript.txt")) {
            script = s;
            run(s, dir);
        }
    }

    private void run(ChainScript sc, Path dir) throws Exception {
        LocalChain lc = sc.chain;
        Deployment d = sc.deployment;
        Path cf = sc.chainFile;
        String[] C = {"--chain", cf.toString()};
        List<String> keys = sc.keys;
        String owner = keys.get(1), challenger = keys.get(2), v = keys.get(3), other = keys.get(4);
        for (int i = 1; i <= 4; i++) ok(cat(new String[] {"chain", "mint", "--key", "anvil:0", "--to", "anvil:" + i, "--amount", "10000"}, C));

        // a public beast whose window 1 claims half the ENERGY it burned: below one window's ENERGY, the ledger refuses it
        Path beast = dir.resolve("b");
        ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x7e57", "--out", beast.toString()}, C));
        ok("train", "--beast", beast.toString(), "--windows", "2", "--quiet");
        BeastStore bs = BeastStore.open(beast);
        CheckpointPayload truth = bs.window(1).decodedPayload();
        ChainScript.halveLastEnergyBurn(bs);
        fails("EnergyBelowFloor(", cat(new String[] {"chain", "submit", "--key", owner, "--beast", beast.toString()}, C));
        // so it lies about its net instead (h128), declaring the true ENERGY
        CheckpointPayload lie = ChainScript.forgeLastH128(bs, truth);
        ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", beast.toString()}, C));
        byte[] h0 = bs.window(0).checkpointHash(), h1 = lie.hash();

        String[] fin = cat(new String[] {"chain", "finalize", "--key", owner, "--beast", beast.toString()}, C);
        CliTest.Result f0 = ok(fin);
        assertTrue(f0.out().contains("window 0: challenge window open until") && f0.out().contains("nothing to finalize"), f0.out());

        Path state = dir.resolve("node").resolve("v.json");
        String[] node = cat(new String[] {"chain", "validate", "--key", v, "--beast", beast.toString(), "--watch", "--rounds", "1", "--interval", "0",
                "--state", state.toString(), "--backend", "java"}, C);

        // pass 1: stakes, replays both checkpoints once
        CliTest.Result n1 = ok(node);
        assertTrue(n1.out().contains("(new)") && n1.out().contains("staked"), n1.out());
        assertTrue(n1.out().contains("beast #1 window 0: VERIFIED") && n1.out().contains("beast #1 window 1: FAILURE"), n1.out());
        assertTrue(n1.out().contains("validator node stopped after 1 round(s) (1 round(s), 0 failed)"), n1.out());

        // the owner cannot escape by publishing a damaged record: the payload on chain is judged instead
        Path damaged = dir.resolve("b-damaged");
        ChainE2ETest.copyTree(beast, damaged);
        Path rec1 = BeastStore.open(damaged).windowPath(1);
        byte[] bytes = Files.readAllBytes(rec1);
        bytes[bytes.length / 2] ^= 4;
        Files.write(rec1, bytes);
        CliTest.Result dv = ok(cat(new String[] {"chain", "validate", "--key", v, "--beast", damaged.toString(), "--backend", "java"}, C));
        assertTrue(dv.out().contains("beast #1 window 1: FAILURE h128") && dv.out().contains("judged from the payload on chain"), dv.out());
        assertTrue(dv.out().contains("2 checkpoint(s) on chain, 1 pass the replay, 1 invalid"), dv.out());

        // the challenger works from the damaged copy too: the payload comes from the chain, the replay finds the lie
        CliTest.Result filed = ok(cat(new String[] {"chain", "dispute", "--key", challenger, "--beast", damaged.toString(), "--window", "1"}, C));
        assertTrue(filed.out().contains("using the payload submitted on chain") && filed.out().contains("dispute filed"), filed.out());

        // pass 2 (a restarted node): no replay again, commits INVALID
        CliTest.Result n2 = ok(node);
        assertTrue(n2.out().contains("resumed: 2 checkpoint(s) replayed, 0 vote(s)"), n2.out());
        assertFalse(n2.out().contains("VERIFIED"), "replayed again: " + n2.out());
        assertTrue(n2.out().contains("committed verdict INVALID"), n2.out());
        assertEquals("committed", vote(lc, state, v, h1).phase);

        // killed between the write-ahead record and the commit receipt: the restart finds the commitment, does not send another
        try (ChainValidatorState s = state(lc, state, v)) {
            s.votes.get(ChainValidatorState.voteKey(h1, 1)).phase = "committing";
            s.votes.get(ChainValidatorState.voteKey(h1, 1)).commitTx = "";
            s.save();
        }
        CliTest.Result n3 = ok(node);
        assertTrue(n3.out().contains("found committed on chain (the node stopped before recording it); not committing again"), n3.out());
        assertFalse(n3.out().contains("committed verdict"), n3.out());
        assertEquals("committed", vote(lc, state, v, h1).phase);
        assertEquals(1, d.disputes.voterCount(h1).send().intValue(), "one commitment");

        // a real node process, stopped by SIGTERM between commit and reveal
        subprocessStopsOnSigterm(cf, beast, state, v);
        assertEquals("committed", vote(lc, state, v, h1).phase, "state intact after SIGTERM");

        // the reveal window: the restarted node reveals (once)
        ok(cat(new String[] {"chain", "warp", "--seconds", "1801"}, C));
        CliTest.Result n4 = ok(node);
        assertTrue(n4.out().contains("revealed verdict INVALID"), n4.out());
        assertEquals("revealed", vote(lc, state, v, h1).phase);
        CliTest.Result n5 = ok(node);
        assertFalse(n5.out().contains("revealed verdict"), n5.out());
        assertTrue(n5.out().contains("verdict revealed; resolvable after"), n5.out());

        // past the challenge window: window 0 finalizes, window 1 is disputed and stays so; again: nothing
        ok(cat(new String[] {"chain", "warp", "--seconds", "1801"}, C));
        CliTest.Result f1 = ok(fin);
        assertTrue(f1.out().matches("(?s).*beast #1 window 0: finalized 0x" + Hex.of(h0) + ", burned [0-9.]+ ENERGY, gas \\d+.*"), f1.out());
        assertTrue(f1.out().contains("window 1: DISPUTED, not finalized"), f1.out());
        assertEquals(3, d.ledger.records(h0).send().component5().intValue(), "window 0 FINALIZED");
        assertEquals(2, d.ledger.records(h1).send().component5().intValue(), "window 1 still DISPUTED");
        CliTest.Result f2 = ok(fin);
        assertTrue(f2.out().contains("nothing to finalize") && f2.out().contains("already finalized 1"), f2.out());

        // the node resolves; its vote is closed with the outcome
        CliTest.Result n6 = ok(node);
        assertTrue(n6.out().contains("resolved RESOLVED_INVALID (valid 0, invalid 1"), n6.out());
        ChainValidatorState.Vote closed = vote(lc, state, v, h1);
        assertEquals("closed", closed.phase);
        assertEquals("RESOLVED_INVALID", closed.outcome);
        assertEquals(4, d.ledger.records(h1).send().component5().intValue(), "window 1 INVALIDATED");

        reFiledDisputeGetsAFreshVote(lc, dir, C, state, owner, challenger, v);

        // another validator's key on this state, and a corrupted state: one line naming the file
        fails("belongs to validator", cat(new String[] {"chain", "validate", "--key", other, "--beast", beast.toString(), "--watch", "--rounds", "1",
                "--state", state.toString(), "--backend", "java"}, C));
        String text = Files.readString(state);
        Files.writeString(state, text.replace("RESOLVED_INVALID", "RESOLVED_VALID"));
        fails("--state: " + state + ": corrupted (checksum mismatch)", node);
        Files.writeString(state, text.substring(0, text.length() / 2));
        fails("--state: " + state + ": corrupted", node);
        fails("--rounds and --interval go with --watch", cat(new String[] {"chain", "validate", "--key", v, "--beast", beast.toString(), "--rounds", "1"}, C));
    }

    /**
     * A re-filed dispute: the node commits VALID in round 1 and (not run in the reveal window) never reveals; the round
     * is inconclusive and the checkpoint reopens; the challenger files again; the node votes afresh in round 2 with a
     * round-2 salt (not the round-1 vote from its state), so the commitment on chain differs from round 1's.
     */
    private void reFiledDisputeGetsAFreshVote(LocalChain lc, Path dir, String[] C, Path state, String owner, String challenger, String v) throws Exception {
        Deployment d = lc.deployment;
        Path beast = dir.resolve("b2");
        ok(cat(new String[] {"chain", "hatch", "--key", owner, "--seed-core", "0x7e58", "--out", beast.toString()}, C));
        ok("train", "--beast", beast.toString(), "--windows", "1", "--quiet");
        ok(cat(new String[] {"chain", "submit", "--key", owner, "--beast", beast.toString()}, C));
        byte[] h = BeastStore.open(beast).window(0).checkpointHash();
        String[] node = cat(new String[] {"chain", "validate", "--key", v, "--beast", beast.toString(), "--watch", "--rounds", "1", "--interval", "0",
                "--state", state.toString(), "--backend", "java"}, C);
        String[] dispute = cat(new String[] {"chain", "dispute", "--key", challenger, "--beast", beast.toString(), "--window", "0", "--force"}, C);
        String va = org.web3j.crypto.Credentials.create(v).getAddress();

        ok(dispute);
        CliTest.Result r1 = ok(node);
        assertTrue(r1.out().contains("committed verdict VALID"), r1.out());
        byte[] c1 = d.disputes.commitments(h, va).send();
        ChainValidatorState.Vote v1 = vote(lc, state, v, h, 1);
        assertArrayEquals(io.chainbeasts.node.VoteValidator.salt(org.web3j.crypto.Credentials.create(v).getEcKeyPair().getPrivateKey(), h, 1), v1.salt);

        ok(cat(new String[] {"chain", "warp", "--seconds", "3602"}, C)); // past the reveal window, unrevealed
        CliTest.Result r2 = ok(node);
        assertTrue(r2.out().contains("resolved RESOLVED_INCONCLUSIVE"), r2.out());
        assertEquals(1, d.ledger.records(h).send().component5().intValue(), "reopened: PENDING");
        ok(node); // re-stakes what the silent vote cost (active before the re-filing)

        ok(dispute);
        assertEquals(2, d.disputes.getDispute(h).send().round.intValue());
        CliTest.Result r3 = ok(node);
        assertTrue(r3.out().contains("window 0 (round 2): committed verdict VALID"), r3.out());
        assertFalse(r3.out().contains("the state holds verdict"), "round-1 vote reused: " + r3.out());
        byte[] c2 = d.disputes.commitments(h, va).send();
        assertFalse(java.util.Arrays.equals(c1, c2), "round 2's commitment equals round 1's");
        ChainValidatorState.Vote v2 = vote(lc, state, v, h, 2);
        assertEquals("committed", v2.phase);
        assertFalse(java.util.Arrays.equals(v1.salt, v2.salt), "fresh salt");
        assertEquals("closed", vote(lc, state, v, h, 1).phase);
    }

    private static ChainValidatorState state(LocalChain lc, Path state, String key) {
        return ChainValidatorState.open("test", state, lc.client.chainId(), lc.deployment.disputes.getContractAddress(),
                org.web3j.crypto.Credentials.create(key).getAddress());
    }

    private static ChainValidatorState.Vote vote(LocalChain lc, Path state, String key, byte[] h) {
        return vote(lc, state, key, h, 1);
    }

    private static ChainValidatorState.Vote vote(LocalChain lc, Path state, String key, byte[] h, int round) {
        try (ChainValidatorState s = state(lc, state, key)) {
            ChainValidatorState.Vote x = s.votes.get(ChainValidatorState.voteKey(h, round));
            assertNotNull(x, "no vote for 0x" + Hex.of(h) + " in " + state);
            return x;
        }
    }

    /** Starts `chain validate --watch` in its own JVM, waits until it reports the commitment, sends SIGTERM, expects a clean stop. */
    private static void subprocessStopsOnSigterm(Path cf, Path beast, Path state, String key) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-ea", "-cp", cp, "io.chainbeasts.cli.Main", "chain", "validate", "--key", key, "--beast", beast.toString(),
                "--watch", "--interval", "1", "--state", state.toString(), "--backend", "java", "--chain", cf.toString()).redirectErrorStream(true);
        Process proc = pb.start();
        List<String> lines = new ArrayList<>();
        CountDownLatch committed = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = br.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.contains("verdict committed; reveal after")) committed.countDown();
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            assertTrue(committed.await(30, TimeUnit.SECONDS), "node did not report its commitment: " + lines);
            proc.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stdout)
            assertTrue(proc.waitFor(30, TimeUnit.SECONDS), "node did not stop on SIGTERM: " + lines);
            reader.join(5000);
            synchronized (lines) {
                String all = String.join("\n", lines);
                assertTrue(all.contains("validator node stopped on signal"), all);
                assertFalse(all.contains("committed verdict"), "committed again: " + all);
                assertFalse(all.contains("Exception"), all);
                assertEquals(143, proc.exitValue(), "128 + SIGTERM: " + all);
            }
        } finally {
            if (proc.isAlive()) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
