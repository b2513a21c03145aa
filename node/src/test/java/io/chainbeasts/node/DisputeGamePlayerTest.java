package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.generated.ProgrammedStepVerifier;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.PackedDataset;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The node's dispute-game state machine against a real deployment on anvil (Deployment with a DisputeGame; the step
 * verifier is the test-only ProgrammedStepVerifier, deployed here by the test, programmed with the Java replay's
 * D_k -> D_k+1): a cheat at micro-step 37 is found and proven by the challenger's node alone; an honest window
 * disputed anyway survives through the window-end check and the owner gets the bond.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeGamePlayerTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    @TempDir
    static Path tmp;
    Anvil anvil;
    ChainClient c;
    Deployment d;
    ProgrammedStepVerifier pv;
    Path chainFile;
    final List<String> lines = new ArrayList<>();

    @BeforeAll
    void up() throws Exception {
        anvil = Anvil.start(8);
        c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
        String pvAddr = c.deploy(c.account(0), ProgrammedStepVerifier.BINARY, "", "ProgrammedStepVerifier").getContractAddress();
        d = Deployment.deploy(c, c.account(0), 3600, Deployment.defaultSeason(), pvAddr);
        pv = ProgrammedStepVerifier.load(pvAddr, c.web3j(), new ReadonlyTransactionManager(c.web3j(), c.account(0).getAddress()), new DefaultGasProvider());
        chainFile = tmp.resolve("chain.json");
        d.writeJson(chainFile, anvil.rpcUrl());
    }

    @AfterAll
    void down() {
        long pid = anvil.pid();
        c.close();
        anvil.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    ChainSession session(int acct) {
        return ChainSession.open("chain dispute", chainFile, null, "anvil:" + acct, true);
    }

    DisputeGamePlayer player(ChainSession s) {
        return new DisputeGamePlayer(s, lines::add, t -> "t=" + t);
    }

    /** Hatches, funds and trains a public beast of {@code honest} windows for account {@code acct}; returns its store. */
    BeastStore beast(int acct, long seed, int honest) throws Exception {
        Credentials o = c.account(acct);
        c.tx(o, d.beasts, d.beasts.hatch(BigInteger.valueOf(seed), new byte[32], new byte[32]));
        BigInteger id = d.beasts.totalHatched().send();
        BeastStore store = Trainer.hatch(tmp.resolve("b" + id), new BeastStore.Identity(seed, c.chainId(), Hex.parse(d.ledger.getContractAddress()),
                id, new byte[32], new byte[32]));
        new Trainer(store, SEASON, TC, RealBattlePool.defaultPool(SEASON), null, 0).train(honest, new Trainer.Listener() { });
        BigInteger fund = BigInteger.TEN.pow(21);
        c.tx(c.account(0), d.energy, d.energy.mint(o.getAddress(), fund.multiply(BigInteger.TWO)));
        c.tx(o, d.energy, d.energy.approve(d.ledger.getContractAddress(), fund));
        c.tx(o, d.ledger, d.ledger.deposit(fund));
        c.tx(c.account(0), d.energy, d.energy.mint(c.account(acct + 1).getAddress(), fund));
        return store;
    }

    /** Commits to the store a window whose weights are nudged after micro-step {@code bad}; returns the digests it claims. */
    static List<byte[]> cheat(BeastStore store, int bad) {
        return cheat(store, bad, null, 0);
    }

    static List<byte[]> cheat(BeastStore store, int bad, io.chainbeasts.curriculum.SampleDataset ds, long fold) {
        BeastStore.Head h = store.head();
        BeastState st = store.getState(h.stateHash());
        RealBattlePool pool = RealBattlePool.defaultPool(SEASON);
        WindowContext ctx = TrainingPlan.context(st, SEASON, TC, h.checkpointHash(), store.identity().datasetCommitment(), pool);
        byte[] ctxHash = ctx.hash();
        byte[] preHash = st.hash();
        List<byte[]> claimed = new ArrayList<>();
        byte[][] lineage = {new byte[32]};
        long[] run = {0, 0, 0};
        long growth = ctx.growthSlot() == WindowContext.NO_GROWTH ? 0 : ctx.training().growthSlotCost();
        WindowResult r = Window.run(st, new WindowInputs(ctx, pool, ds, fold), new MicroStep.Scratch(), rec -> {
            int i = (int) run[0]++;
            if (i == bad) st.w2[7] += 3;
            run[1] += rec.losses().total();
            run[2] += rec.energy() + (i == Window.GROWTH_STEP ? growth : 0);
            lineage[0] = new Keccak256().update(lineage[0]).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            claimed.add(StepDigest.of(i + 1, st.hash(), lineage[0], run[1], run[2], ctxHash));
        });
        CheckpointPayload prev = store.window(h.windows() - 1).decodedPayload();
        store.commit(Trainer.record(store.identity(), h.windows(), preHash, ctx, r, prev, new byte[0]), st);
        return claimed;
    }

    void submitAll(Credentials o, BeastStore store) throws Exception {
        for (long w = 0; w < store.head().windows(); w++) {
            CheckpointPayload p = store.window(w).decodedPayload();
            c.tx(o, d.ledger, d.ledger.submitCheckpointUnder(p.beastId(), p.encode(), d.season.season().send()));
        }
    }

    /** Programs the test verifier with the honest D_k -> D_k+1 of a replay (the real verifier computes them). */
    void program(DisputeGamePlayer.Replay r) {
        List<byte[]> pre = new ArrayList<>(), post = new ArrayList<>();
        for (int k = 0; k < Window.STEPS; k++) {
            pre.add(r.points().get(k).digest());
            post.add(r.points().get(k + 1).digest());
        }
        c.tx(c.account(0), pv, pv.program(pre, post));
    }

    @Test
    void theChallengersNodeProvesACheatAtMicroStep37Alone() throws Exception {
        BeastStore store = beast(1, 71, 1);
        List<byte[]> lie = cheat(store, 37);
        submitAll(c.account(1), store);
        try (ChainSession ch = session(2); ChainSession owner = session(1)) {
            DisputeGamePlayer challenger = player(ch);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, 1, null, null);
            program(r);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 0)));
            // the cheater's node posts what it claims: the digests of its own run
            owner.tx(owner.d.game, owner.d.game.postDigests(r.hash(), lie, new byte[32], new byte[0]), "postDigests");
            assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 1000)));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("nameStep 37 ")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("proveStep 37: gas ") && l.endsWith("RESOLVED_INVALID")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("fileDispute on window 1") && l.contains(": gas ")), lines.toString());
            assertEquals(4, d.ledger.records(r.hash()).send().component5().intValue(), "INVALIDATED");
        }
    }

    @Test
    void aPrivateCheatIsFoundFromTheRevealedRecordsAndLosesOnTheOwnersClock() throws Exception {
        RealBattlePool pool = RealBattlePool.defaultPool(SEASON);
        List<io.chainbeasts.combat.Board> boards = new ArrayList<>();
        for (int i = 0; i < 40; i++) boards.add(pool.get(i));
        PrivateDataset ds = PrivateDataset.fromStored("private", PackedDataset.pack(boards).stored(), null, SEASON);
        byte[] secret = Keccak256.hash(new byte[] {7});
        long fold = io.chainbeasts.curriculum.PrivateSampling.fold(secret);
        Credentials o = c.account(5);
        c.tx(o, d.beasts, d.beasts.hatchPrivate(BigInteger.valueOf(73), ds.commitment(), ds.records().root(), Keccak256.hash(secret)));
        BigInteger id = d.beasts.totalHatched().send();
        BeastStore store = Trainer.hatch(tmp.resolve("p" + id), new BeastStore.Identity(73, c.chainId(), Hex.parse(d.ledger.getContractAddress()),
                id, ds.commitment(), Keccak256.hash(secret)));
        new Trainer(store, SEASON, TC, pool, ds, fold).train(1, new Trainer.Listener() { });
        BigInteger fund = BigInteger.TEN.pow(21);
        c.tx(c.account(0), d.energy, d.energy.mint(o.getAddress(), fund));
        c.tx(o, d.energy, d.energy.approve(d.ledger.getContractAddress(), fund));
        c.tx(o, d.ledger, d.ledger.deposit(fund));
        c.tx(c.account(0), d.energy, d.energy.mint(c.account(4).getAddress(), fund));
        // find a step of window 1 that draws a private record, and cheat right there
        try (ChainSession ch = session(4); ChainSession os = session(5)) {
            ChainBeast ob = ChainBeast.open(os, store.dir());
            DisputeGamePlayer.Replay honest0 = DisputeGamePlayer.replay(ob, 0, ds, secret);
            int bad = -1;
            long gs1 = (honest0.points().get(128).state() == null ? 0 : BeastState.decode(honest0.points().get(128).state()).globalStep) & 0xFFFF_FFFFL;
            for (int k = 0; k < Window.STEPS && bad < 0; k++) {
                if (io.chainbeasts.curriculum.SampleSource.forStep(gs1 + k, true) == io.chainbeasts.curriculum.SampleSource.PRIVATE) bad = k;
            }
            assertTrue(bad >= 0, "window 1 has a private step");
            List<byte[]> lie = cheat(store, bad, ds, fold);
            submitAll(o, store);
            ChainBeast cb = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer challenger = player(ch);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 0)));
            // the cheater's node posts its own digests with S_owner and the records the window drew (true, with paths)
            DisputeGamePlayer.Replay mine = DisputeGamePlayer.replay(ChainBeast.open(os, store.dir()), 1, ds, secret);
            byte[] used = DisputeGamePlayer.usedRecords(mine);
            assertTrue(used.length > 0);
            os.tx(os.d.game, os.d.game.postDigests(mine.hash(), lie, secret, used), "postDigests");
            int before = lines.size();
            assertEquals(DisputeGamePlayer.AWAIT_PROOF, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 0)));
            final int named = bad;
            assertTrue(lines.subList(before, lines.size()).stream().anyMatch(l -> l.startsWith("nameStep " + named + " ")), lines.toString());
            // the owner cannot open that step with its lie; its clock runs out and the challenger claims the timeout
            c.increaseTime(d.season.get(io.chainbeasts.contracts.Deployment.key("ownerClock")).send().longValueExact() + 1); // past the owner's clock
            assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 1000)));
            assertEquals(4, d.ledger.records(mine.hash()).send().component5().intValue(), "INVALIDATED");
        }
    }

    @Test
    void anHonestOwnersNodeAnswersAndItsWindowStands() throws Exception {
        BeastStore store = beast(3, 72, 2);
        submitAll(c.account(3), store);
        try (ChainSession ch = session(4); ChainSession os = session(3)) {
            DisputeGamePlayer challenger = player(ch);
            DisputeGamePlayer owner = player(os);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, 1, null, null);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 0)));
            DisputeGamePlayer.Replay mine = DisputeGamePlayer.replay(ChainBeast.open(os, store.dir()), 1, null, null);
            assertEquals(DisputeGamePlayer.AWAIT_STEP, owner.answer(mine));
            // every digest agrees: the challenger can only name the window-end check, and its proof upholds the window
            assertEquals(DisputeGamePlayer.RESOLVED_VALID, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 1000)));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("nameStep 128 (the window-end check)")), lines.toString());
            assertTrue(d.game.owed(c.account(3).getAddress()).send().signum() > 0, "the owner is paid the bond");
        }
    }
}
