package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.PrivateWitness;
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
import io.chainbeasts.curriculum.SampleSource;
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
        CheckpointPayload prev = h.windows() == 0 ? null : store.window(h.windows() - 1).decodedPayload();
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

    /** Step 0 of window 0: the node's proof leaves the hatch state out and the game builds it (spec/contracts.md "Window 0"). */
    @Test
    void theChallengersNodeProvesACheatAtMicroStep0OfWindow0() throws Exception {
        BeastStore store = beast(6, 75, 0); // its challenger: account 7, funded by beast()
        List<byte[]> lie = cheat(store, 0);
        submitAll(c.account(6), store);
        try (ChainSession ch = session(7); ChainSession owner = session(6)) {
            DisputeGamePlayer challenger = player(ch);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, 0, null, null);
            program(r);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 0)));
            owner.tx(owner.d.game, owner.d.game.postDigests(r.hash(), lie, new byte[32], new byte[0]), "postDigests");
            assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 1000)));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("proveStep 0: gas ") && l.endsWith("RESOLVED_INVALID")), lines.toString());
            assertEquals(4, d.ledger.records(r.hash()).send().component5().intValue(), "INVALIDATED");
            // the proof transaction carried no state: far fewer bytes than the 53,317 of the hatch state
            var f = new org.web3j.protocol.core.methods.request.EthFilter(org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST, d.game.getContractAddress());
            f.addSingleTopic(org.web3j.abi.EventEncoder.encode(io.chainbeasts.contracts.generated.DisputeGame.STEPPROVEN_EVENT));
            f.addSingleTopic("0x" + Hex.of(r.hash()));
            var logs = c.web3j().ethGetLogs(f).send().getLogs();
            assertEquals(1, logs.size(), "one StepProven");
            String txHash = ((org.web3j.protocol.core.methods.response.Log) logs.get(0).get()).getTransactionHash();
            String input = c.web3j().ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow().getInput();
            assertTrue(input.length() / 2 < 20_000, "proveStep calldata of " + input.length() / 2 + " bytes");
        }
    }

    /** A private beast of one honest window for account {@code acct} (its challenger is acct - 1), trained on 40 pool boards. */
    record PrivateBeast(BeastStore store, PrivateDataset ds, byte[] secret) {}

    PrivateBeast privateBeast(int acct, long seed) throws Exception {
        RealBattlePool pool = RealBattlePool.defaultPool(SEASON);
        List<io.chainbeasts.combat.Board> boards = new ArrayList<>();
        for (int i = 0; i < 40; i++) boards.add(pool.get(i));
        PrivateDataset ds = PrivateDataset.fromStored("private", PackedDataset.pack(boards).stored(), null, SEASON);
        byte[] secret = Keccak256.hash(new byte[] {(byte) seed});
        Credentials o = c.account(acct);
        c.tx(o, d.beasts, d.beasts.hatchPrivate(BigInteger.valueOf(seed), ds.commitment(), ds.records().root(), Keccak256.hash(secret)));
        BigInteger id = d.beasts.totalHatched().send();
        BeastStore store = Trainer.hatch(tmp.resolve("p" + id), new BeastStore.Identity(seed, c.chainId(), Hex.parse(d.ledger.getContractAddress()),
                id, ds.commitment(), Keccak256.hash(secret)));
        new Trainer(store, SEASON, TC, pool, ds, io.chainbeasts.curriculum.PrivateSampling.fold(secret)).train(1, new Trainer.Listener() { });
        BigInteger fund = BigInteger.TEN.pow(21);
        c.tx(c.account(0), d.energy, d.energy.mint(o.getAddress(), fund));
        c.tx(o, d.energy, d.energy.approve(d.ledger.getContractAddress(), fund));
        c.tx(o, d.ledger, d.ledger.deposit(fund));
        c.tx(c.account(0), d.energy, d.energy.mint(c.account(acct - 1).getAddress(), fund));
        return new PrivateBeast(store, ds, secret);
    }

    /** The first step of window 1 that draws a private record (window 1 starts at globalStep 128). */
    static int firstPrivateStep() {
        for (int k = 0; k < Window.STEPS; k++) {
            if (SampleSource.forStep(Window.STEPS + k, true) == SampleSource.PRIVATE) return k;
        }
        throw new AssertionError("window 1 has no private step");
    }

    /**
     * The owner revealed the true records its window drew with lying digests: the challenger, holding no dataset,
     * replays from the reveal, names the cheat and opens that private step itself with the revealed record and path.
     */
    @Test
    void aPrivateCheatIsProvenByTheChallengerFromTheRevealedRecords() throws Exception {
        PrivateBeast pb = privateBeast(7, 74);
        int bad = firstPrivateStep();
        List<byte[]> lie = cheat(pb.store(), bad, pb.ds(), io.chainbeasts.curriculum.PrivateSampling.fold(pb.secret()));
        submitAll(c.account(7), pb.store());
        try (ChainSession ch = session(6); ChainSession os = session(7)) {
            ChainBeast cb = ChainBeast.open(ch, pb.store().dir());
            DisputeGamePlayer challenger = player(ch);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 0)));
            DisputeGamePlayer.Replay mine = DisputeGamePlayer.replay(ChainBeast.open(os, pb.store().dir()), 1, pb.ds(), pb.secret());
            program(mine);
            os.tx(os.d.game, os.d.game.postDigests(mine.hash(), lie, pb.secret(), DisputeGamePlayer.usedRecords(mine)), "postDigests");
            int before = lines.size();
            assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 1000)));
            List<String> moves = lines.subList(before, lines.size());
            assertTrue(moves.stream().anyMatch(l -> l.startsWith("nameStep " + bad + " ")), moves.toString());
            assertTrue(moves.stream().anyMatch(l -> l.startsWith("proveStep " + bad + ": gas ") && l.endsWith("RESOLVED_INVALID")), moves.toString());
            assertEquals(4, d.ledger.records(mine.hash()).send().component5().intValue(), "INVALIDATED");
        }
    }

    /**
     * The owner withholds the record its lie needs (every other used record revealed): the challenger names that step,
     * cannot open it, and the owner's clock runs out.
     */
    @Test
    void aPrivateCheatIsFoundFromTheRevealedRecordsAndLosesOnTheOwnersClock() throws Exception {
        PrivateBeast pb = privateBeast(5, 73);
        int bad = firstPrivateStep();
        long fold = io.chainbeasts.curriculum.PrivateSampling.fold(pb.secret());
        List<byte[]> lie = cheat(pb.store(), bad, pb.ds(), fold);
        submitAll(c.account(5), pb.store());
        try (ChainSession ch = session(4); ChainSession os = session(5)) {
            ChainBeast cb = ChainBeast.open(ch, pb.store().dir());
            DisputeGamePlayer challenger = player(ch);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 0)));
            // the cheater's node posts its own digests with S_owner and the records the window drew, but the one `bad` draws
            DisputeGamePlayer.Replay mine = DisputeGamePlayer.replay(ChainBeast.open(os, pb.store().dir()), 1, pb.ds(), pb.secret());
            int n = mine.records().count();
            int withheld = PrivateWitness.drawnIndex(BeastState.decode(mine.points().get(bad).state()), fold, n);
            java.io.ByteArrayOutputStream used = new java.io.ByteArrayOutputStream();
            for (int k = 0; k < Window.STEPS; k++) {
                BeastState st = BeastState.decode(mine.points().get(k).state());
                if (!PrivateWitness.drawsPrivate(st) || PrivateWitness.drawnIndex(st, fold, n) == withheld) continue; // other steps may draw it too
                used.write(k);
                used.writeBytes(PrivateWitness.opening(mine.records(), PrivateWitness.drawnIndex(st, fold, n)));
            }
            os.tx(os.d.game, os.d.game.postDigests(mine.hash(), lie, pb.secret(), used.toByteArray()), "postDigests");
            int before = lines.size();
            assertEquals(DisputeGamePlayer.AWAIT_PROOF, challenger.challenge(cb, DisputeGamePlayer.unreplayed(cb, 1), new DisputeGamePlayer.Pace(1, 0)));
            List<String> moves = lines.subList(before, lines.size());
            assertTrue(moves.stream().anyMatch(l -> l.startsWith("nameStep " + bad + " ")), moves.toString());
            assertTrue(moves.stream().anyMatch(l -> l.startsWith("step " + bad + " drew a record the owner did not reveal")), moves.toString());
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

    @Test
    void anOwnerWinsTheGameAChallengerWalksAwayFrom() throws Exception {
        BeastStore store = beast(6, 74, 1);
        submitAll(c.account(6), store);
        try (ChainSession ch = session(7); ChainSession os = session(6)) {
            DisputeGamePlayer challenger = player(ch);
            DisputeGamePlayer owner = player(os);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, 0, null, null);
            assertEquals(DisputeGamePlayer.AWAIT_DIGESTS, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 0)));
            DisputeGamePlayer.Replay mine = DisputeGamePlayer.replay(ChainBeast.open(os, store.dir()), 0, null, null);
            assertEquals(DisputeGamePlayer.AWAIT_STEP, owner.answer(mine));
            assertEquals(DisputeGamePlayer.AWAIT_STEP, owner.answer(mine), "the challenger's clock still runs: nothing to do");
            // the challenger never names a step; once its clock has run out the owner's next answer ends the game
            c.increaseTime(d.game.deadline(mine.hash()).send().longValueExact() - c.now() + 1);
            int before = lines.size();
            assertEquals(DisputeGamePlayer.RESOLVED_VALID, owner.answer(mine));
            assertTrue(lines.subList(before, lines.size()).stream().anyMatch(l -> l.startsWith("timeout")), lines.subList(before, lines.size()).toString());
            assertTrue(d.game.owed(c.account(6).getAddress()).send().signum() > 0, "the owner is paid the bond");
        }
    }

    @Test
    void aWindowLostOnTheOwnersClockIsSubmittedAgain() throws Exception {
        BeastStore store = beast(2, 75, 2);
        submitAll(c.account(2), store);
        byte[] h1 = store.window(1).checkpointHash();
        try (ChainSession ch = session(3); ChainSession os = session(2)) {
            DisputeGamePlayer challenger = player(ch);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, 1, null, null);
            challenger.file(r); // an honest head window, filed on anyway; its owner is offline
            c.increaseTime(d.game.deadline(h1).send().longValueExact() - c.now() + 1);
            assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 1000)));
            assertEquals(CheckpointStatus.INVALIDATED, b.status(h1));
            // the owner comes back: the same window goes again (a clock lost, not a proof)
            CheckpointSubmission plan = CheckpointSubmission.plan(ChainBeast.open(os, store.dir()));
            assertEquals(-1, plan.invalidated);
            assertEquals(List.of(1L), plan.todo.stream().map(w -> w.index()).toList());
            plan.send(lines::add);
            assertEquals(CheckpointStatus.PENDING, b.status(h1));
        }
    }

    /**
     * Two windows below the head lost on their owner's clock: both go back in place, the head stays on the windows
     * already built on them, and the beast goes on (a resubmission through the resume point used to move the head back
     * to it, stranding its descendants; a second one then had no resume point left).
     */
    @Test
    void windowsLostBelowTheHeadGoBackInPlaceAndTheBeastGoesOn() throws Exception {
        BeastStore store = beast(4, 76, 4);
        submitAll(c.account(4), store);
        byte[] h3 = store.window(3).checkpointHash();
        try (ChainSession ch = session(5); ChainSession os = session(4)) {
            DisputeGamePlayer challenger = player(ch);
            ChainBeast b = ChainBeast.open(ch, store.dir());
            List<DisputeGamePlayer.Replay> filed = new ArrayList<>();
            for (int w : new int[] {1, 2}) {
                DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, w, null, null);
                challenger.file(r); // honest windows, filed on anyway, both inside their challenge windows; their owner is offline
                filed.add(r);
            }
            long last = Math.max(d.game.deadline(filed.get(0).hash()).send().longValueExact(), d.game.deadline(filed.get(1).hash()).send().longValueExact());
            c.increaseTime(last - c.now() + 1);
            for (DisputeGamePlayer.Replay r : filed) {
                assertEquals(DisputeGamePlayer.RESOLVED_INVALID, challenger.challenge(b, r, new DisputeGamePlayer.Pace(1, 1000)));
            }
            assertArrayEquals(h3, d.ledger.head(store.identity().beastId()).send(), "the head stayed on window 3");
            new Trainer(store, SEASON, TC, RealBattlePool.defaultPool(SEASON), null, 0).train(1, new Trainer.Listener() { });
            CheckpointSubmission plan = CheckpointSubmission.plan(ChainBeast.open(os, store.dir()));
            assertEquals(List.of(1L, 2L, 4L), plan.todo.stream().map(w -> w.index()).toList());
            plan.send(lines::add);
            for (long w = 0; w <= 4; w++) assertEquals(CheckpointStatus.PENDING, b.status(store.window(w).checkpointHash()), "window " + w);
            assertArrayEquals(store.window(4).checkpointHash(), d.ledger.head(store.identity().beastId()).send(), "the head went on to window 4");
        }
    }
}
