package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;
import io.chainbeasts.datasets.RevealBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The on-chain loop from the CLI on a real anvil (started here, stopped by PID): season read, mint,
 * hatch on chain, train, submit (idempotent), an honest validator pass that finds nothing, then a
 * private beast that lies about a window's energyBurn: a challenger disputes with the reveal bundle,
 * two validators replay, commit and reveal INVALID, the dispute resolves, the cheater's locked ENERGY
 * is split between the challenger and the validators, exactly.
 */
class ChainE2ETest extends ChainScenario {
    static final BigInteger E = BigInteger.TEN.pow(18);



    static String[] a(String... x) {
        return x;
    }

    @Test
    void submitValidateDisputeSlash(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(6, dir, "chain-e2e-transcript.txt")) {
            script = s;
            run(s, dir);
        }
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else if (!p.getFileName().toString().equals("LOCK")) Files.copy(p, q);
            }
        }
    }

    private void run(ChainScript sc, Path dir) throws Exception {
        LocalChain lc = sc.chain;
        Deployment d = sc.deployment;
        String chain = sc.chainFile.toString();
        List<String> keys = sc.keys;
        String owner = keys.get(1), cheater = keys.get(2), challenger = keys.get(3), v1 = keys.get(4), v2 = keys.get(5);
        String[] C = a("--chain", chain);

        // season: the deployed defaults are the Java defaults
        CliTest.Result season = ok(cat(a("chain", "season"), C));
        assertTrue(season.out().contains("result: every Java-mapped key equals the Java default"), season.out());
        assertTrue(season.out().matches("(?s).*blockCap\\s+96\\s+96\\s+=.*"), season.out());

        for (int i = 1; i <= 5; i++) ok(cat(a("chain", "mint", "--key", "anvil:0", "--to", "anvil:" + i, "--amount", "10000"), C));

        // bad inputs: one line, exit 2, naming the argument or the decoded custom error
        fails("--rpc: cannot reach http://127.0.0.1:1", cat(a("chain", "season", "--rpc", "http://127.0.0.1:1"), C));
        fails("--key: expected 64 hex digits", cat(a("chain", "mint", "--key", "zz", "--to", "anvil:1", "--amount", "1"), C));
        fails("reverted: NotAdmin(", cat(a("chain", "mint", "--key", owner, "--to", "anvil:1", "--amount", "1"), C));
        fails("--chain: " + dir.resolve("none.json") + ": no such file", "chain", "status", "--beast", "x", "--chain", dir.resolve("none.json").toString());

        // honest beast: hatch on chain, train, submit, submit again (nothing new)
        Path honest = dir.resolve("honest");
        CliTest.Result h = ok(cat(a("chain", "hatch", "--key", owner, "--seed-core", "0x5eed", "--out", honest.toString()), C));
        assertTrue(h.out().contains("minted beast #1"), h.out());
        ok("train", "--beast", honest.toString(), "--windows", "3", "--quiet");
        CliTest.Result sub = ok(cat(a("chain", "submit", "--key", owner, "--beast", honest.toString()), C));
        Matcher gas = Pattern.compile("window (\\d): submitted 0x[0-9a-f]{64}, gas (\\d+)").matcher(sub.out());
        int submitted = 0;
        while (gas.find()) {
            submitted++;
            assertTrue(Long.parseLong(gas.group(2)) < 150_000, sub.out());
        }
        assertEquals(3, submitted, sub.out());
        assertTrue(ok(cat(a("chain", "submit", "--key", owner, "--beast", honest.toString()), C)).out().contains("nothing to submit"));
        BeastStore hs = BeastStore.open(honest);
        assertArrayEquals(hs.head().checkpointHash(), d.ledger.head(BigInteger.ONE).send(), "on-chain head = local HEAD");
        fails("does not own beast #1", cat(a("chain", "submit", "--key", challenger, "--beast", honest.toString()), C));

        // honest validators find nothing; a challenger is stopped before bonding on a valid window
        for (String v : List.of(v1, v2)) {
            CliTest.Result val = ok(cat(a("chain", "validate", "--key", v, "--beast", honest.toString()), C));
            assertTrue(val.out().contains("3 checkpoint(s) on chain, 3 pass the replay, 0 invalid") && val.out().contains("result: no invalid checkpoint found"), val.out());
        }
        assertEquals(2, d.validators.activeCount().send().intValue());
        fails("replays VERIFIED", cat(a("chain", "dispute", "--key", challenger, "--beast", honest.toString(), "--window", "1"), C));

        // a damaged copy of the honest store (one metric edited in window 1, its checksum redone): the
        // payload on chain is honest, so nobody bonds or votes INVALID on it; the window is named unverifiable
        Path damaged = dir.resolve("honest-damaged");
        copyTree(honest, damaged);
        BeastStore ds = BeastStore.open(damaged);
        WindowRecord w1 = ds.window(1);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(w1.metrics());
        m.put("moveSeen", ((Number) m.get("moveSeen")).longValue() + 1);
        io.chainbeasts.checkpoint.ChecksummedJson.write(ds.windowPath(1), new WindowRecord(1, w1.preStateHash(), w1.postStateHash(), w1.context(),
                w1.payload(), w1.checkpointHash(), w1.stepDigests(), m).toJson());
        fails("window 1 is UNVERIFIABLE: this store cannot show the payload wrong",
                cat(a("chain", "dispute", "--key", challenger, "--beast", damaged.toString(), "--window", "1"), C));
        CliTest.Result dv = ok(cat(a("chain", "validate", "--key", v1, "--beast", damaged.toString()), C));
        assertTrue(dv.out().contains("3 checkpoint(s) on chain, 2 pass the replay, 0 invalid, 1 not established by the local store")
                && dv.out().contains("1 checkpoint(s) could not be judged from the local store"), dv.out());
        // a published store that stops short of the chain: the checkpoint it lacks is named, not passed over
        Path shortStore = dir.resolve("honest-short");
        copyTree(honest, shortStore);
        BeastStore ss = BeastStore.open(shortStore);
        WindowRecord last = ss.window(1);
        // HEAD put back by a window: window 2's record stays in its segment beyond HEAD (as an interrupted group
        // commit leaves it), which is not history
        io.chainbeasts.checkpoint.ChecksummedJson.write(ss.headFile(), new BeastStore.Head(2, last.checkpointHash(), last.postStateHash()).toJson());
        CliTest.Result sv = ok(cat(a("chain", "validate", "--key", v1, "--beast", shortStore.toString()), C));
        assertTrue(sv.out().contains("window 2: checkpoint 0x" + io.chainbeasts.core.Hex.of(hs.window(2).checkpointHash()) + " is on chain but not in the local store")
                && sv.out().contains("3 checkpoint(s) on chain, 2 pass the replay, 0 invalid, 1 missing from the local store")
                && sv.out().contains("1 checkpoint(s) could not be judged from the local store"), sv.out());

        // the cheater: a private beast whose last window claims half the ENERGY it burned
        Path coach = dir.resolve("coach.zst");
        ok("dataset", "pack", "--in", examples().resolve("battle_samples.csv").toString(), "-o", coach.toString());
        Path cheat = dir.resolve("cheat");
        Path secret = dir.resolve("cheat.secret");
        ok(cat(a("chain", "hatch", "--key", cheater, "--seed-core", "0xbad", "--out", cheat.toString(), "--dataset", coach.toString(),
                "--new-secret", secret.toString()), C));
        ok("train", "--beast", cheat.toString(), "--windows", "3", "--dataset", coach.toString(), "--secret", secret.toString(), "--quiet");
        BeastStore cs = BeastStore.open(cheat);
        CheckpointPayload lie = ChainScript.halveLastEnergyBurn(cs);
        ok(cat(a("chain", "submit", "--key", cheater, "--beast", cheat.toString()), C));
        BigInteger price = d.season.get(Deployment.key("energyPrice")).send();
        BigInteger locked = BigInteger.valueOf(lie.energyBurn()).multiply(price);
        assertEquals(locked, d.ledger.records(lie.hash()).send().component1());

        // an honest validator pass sees the lie even before any reveal (lineage checks)
        CliTest.Result watch = ok(cat(a("chain", "validate", "--key", v1, "--beast", cheat.toString()), C));
        assertTrue(watch.out().contains("1 invalid") && watch.out().contains("energyBurn"), watch.out());

        String addrC = org.web3j.crypto.Credentials.create(challenger).getAddress();
        String addrV1 = org.web3j.crypto.Credentials.create(v1).getAddress();
        String addrV2 = org.web3j.crypto.Credentials.create(v2).getAddress();
        String addrX = org.web3j.crypto.Credentials.create(cheater).getAddress();
        BigInteger c0 = d.energy.balanceOf(addrC).send(), a0 = d.energy.balanceOf(addrV1).send(), b0 = d.energy.balanceOf(addrV2).send();
        BigInteger x0 = d.energy.balanceOf(addrX).send().add(d.ledger.deposits(addrX).send());

        // the challenger disputes window 2 with the reveal bundle (dataset bytes + S_owner)
        Path bundle = dir.resolve("cheat.reveal");
        new RevealBundle(cs.identity().beastId().toString(), Secrets.read(secret), Files.readAllBytes(coach)).write(bundle);
        CliTest.Result disp = ok(cat(a("chain", "dispute", "--key", challenger, "--beast", cheat.toString(), "--window", "2", "--reveal", bundle.toString()), C));
        assertTrue(disp.out().contains("FAILURE") && disp.out().contains("dispute filed") && disp.out().contains("revealed dataset"), disp.out());
        BigInteger bond = locked.multiply(BigInteger.TWO);
        assertEquals(c0.subtract(bond), d.energy.balanceOf(addrC).send());
        CliTest.Result again = ok(cat(a("chain", "dispute", "--key", challenger, "--beast", cheat.toString(), "--window", "2", "--force"), C));
        assertTrue(again.out().contains("already filed") && again.out().contains("dataset already revealed"), again.out());

        // validators: commit (replaying with the dataset taken from the reveal transaction), reveal, resolve
        for (String v : List.of(v1, v2)) {
            CliTest.Result val = ok(cat(a("chain", "validate", "--key", v, "--beast", cheat.toString()), C));
            assertTrue(val.out().contains("committed verdict INVALID"), val.out());
        }
        ok(cat(a("chain", "warp", "--seconds", "3601"), C));
        for (String v : List.of(v1, v2)) {
            CliTest.Result val = ok(cat(a("chain", "validate", "--key", v, "--beast", cheat.toString()), C));
            assertTrue(val.out().contains("revealed verdict INVALID"), val.out());
        }
        ok(cat(a("chain", "warp", "--seconds", "1801"), C));
        CliTest.Result res = ok(cat(a("chain", "validate", "--key", v1, "--beast", cheat.toString()), C));
        assertTrue(res.out().contains("resolved RESOLVED_INVALID (valid 0, invalid 2"), res.out());

        CliTest.Result st = ok(cat(a("chain", "status", "--beast", cheat.toString()), C));
        assertTrue(st.out().contains("INVALIDATED") && st.out().contains("dispute RESOLVED_INVALID"), st.out());
        assertTrue(st.out().contains("= window 1"), st.out());
        assertTrue(st.out().contains(addrV1.toLowerCase()) && st.out().contains(addrV2.toLowerCase()), "voters listed: " + st.out());
        assertArrayEquals(cs.window(1).checkpointHash(), d.ledger.head(cs.identity().beastId()).send(), "head rolled back to window 1");

        for (String k : List.of(challenger, v1, v2)) ok(cat(a("chain", "withdraw", "--key", k), C));
        // slashBurnBps (50 %) of the 68 locked is burned; the validators share 30 % of the other 34 (5.1 each)
        BigInteger pool = locked.subtract(locked.multiply(BigInteger.valueOf(5000)).divide(BigInteger.valueOf(10000)));
        BigInteger each = pool.multiply(BigInteger.valueOf(3000)).divide(BigInteger.valueOf(10000)).divide(BigInteger.TWO);
        assertEquals(new BigInteger("5100000000000000000"), each);
        assertEquals(c0.add(pool).subtract(each.multiply(BigInteger.TWO)), d.energy.balanceOf(addrC).send(), "challenger: bond back + the unburned slash minus the validators' share");
        assertEquals(a0.add(each), d.energy.balanceOf(addrV1).send());
        assertEquals(b0.add(each), d.energy.balanceOf(addrV2).send());
        assertEquals(x0, d.energy.balanceOf(addrX).send().add(d.ledger.deposits(addrX).send()), "the cheater's remaining ENERGY is untouched");
        assertEquals(100, d.validators.stakeOf(addrV1).send().divide(E).intValue(), "correct validators keep their stake");
        // the honest beast's checkpoints are untouched and still pending
        for (long i = 0; i < 3; i++) assertEquals(1, d.ledger.records(hs.window(i).checkpointHash()).send().component5().intValue());
        // past their challenge windows they finalize in chain order (each finalize names its parent through the payload)
        CliTest.Result fin = ok(cat(a("chain", "finalize", "--key", owner, "--beast", honest.toString()), C));
        assertTrue(fin.out().contains(": finalized 3 (mean gas"), fin.out());
        for (long i = 0; i < 3; i++) assertEquals(3, d.ledger.records(hs.window(i).checkpointHash()).send().component5().intValue());
        // the cheater's windows 0 and 1 finalize; window 2 is INVALIDATED
        CliTest.Result finX = ok(cat(a("chain", "finalize", "--key", owner, "--beast", cheat.toString()), C));
        assertTrue(finX.out().contains(": finalized 2 (mean gas") && finX.out().contains("invalidated 1"), finX.out());

        // governance changes blockCap: history is judged under the constants in force when it was submitted,
        // so the honest checkpoints still replay VERIFIED (under today's constants every one would fail)
        lc.client.tx(d.deployer, d.season, d.season.propose(Deployment.key("blockCap"), BigInteger.valueOf(80)));
        BigInteger pid = d.season.proposalCount().send().subtract(BigInteger.ONE);
        ok(cat(a("chain", "warp", "--seconds", "3601"), C));
        lc.client.tx(d.deployer, d.season, d.season.applyProposal(pid));
        CliTest.Result now = CliTest.run(cat(a("chain", "season"), C));
        assertEquals(1, now.code(), "chain season: a Java-mapped key differs from the Java default");
        assertTrue(now.out().matches("(?s).*blockCap\\s+80\\s+96.*"), "the change is live: " + now.out());
        CliTest.Result after = ok(cat(a("chain", "validate", "--key", v2, "--beast", honest.toString()), C));
        assertTrue(after.out().contains("3 checkpoint(s) on chain, 3 pass the replay, 0 invalid"), after.out());
        // a window trained under the old (Java default) constants is refused before any ENERGY is locked
        Path stale = dir.resolve("honest-stale");
        copyTree(honest, stale);
        ok("train", "--beast", stale.toString(), "--windows", "1", "--quiet");
        fails("window 3 was trained under season constants that differ from SeasonRegistry's now",
                cat(a("chain", "submit", "--key", owner, "--beast", stale.toString()), C));
        // training goes on under the chain's constants (train --chain): the new window is judged under them too
        ok("train", "--beast", honest.toString(), "--windows", "1", "--quiet", "--chain", chain);
        ok(cat(a("chain", "submit", "--key", owner, "--beast", honest.toString()), C));
        CliTest.Result later = ok(cat(a("chain", "validate", "--key", v2, "--beast", honest.toString()), C));
        assertTrue(later.out().contains("4 checkpoint(s) on chain, 4 pass the replay, 0 invalid"), later.out());
    }

    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        assertNotNull(p, "examples/ not found");
        return p.resolve("examples");
    }
}
