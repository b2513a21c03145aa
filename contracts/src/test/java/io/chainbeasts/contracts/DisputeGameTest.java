package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.generated.CheckpointLedger;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.contracts.generated.ProgrammedStepVerifier;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.combat.Board;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.PrivateDatasets;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dispute game on anvil with real Java windows (issue 12 item 2 and the attacks of its "Why" list). The one-step
 * verifier here is the test-only ProgrammedStepVerifier, programmed with the true D_k -> D_k+1 of the Java replay
 * (StepDigest.replay); the real Solidity verifier replaces it once merged. Every move's gas is recorded, checked to be
 * under 2^24 and printed as a table at the end.
 */
class DisputeGameTest extends ChainTestBase {
    static final long TRAINER_CLOCK = 6 * 3600;
    static final BigInteger TX_CAP = BigInteger.ONE.shiftLeft(24);
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    @TempDir
    Path tmp;
    CheckpointLedger gl;
    DisputeGame game;
    ProgrammedStepVerifier pv;
    RealBattlePool pool;
    final Map<String, BigInteger> gas = new LinkedHashMap<>();

    @Override
    int accounts() {
        return 40;
    }

    @Override
    Map<String, BigInteger> seasonValues() {
        Map<String, BigInteger> s = Deployment.defaultSeason();
        assertEquals(BigInteger.valueOf(TRAINER_CLOCK), s.get("ownerClock"), "the deployment's owner clock: hours");
        return s;
    }

    @BeforeAll
    void deployGame() {
        pool = RealBattlePool.defaultPool(SEASON);
        var g = new DefaultGasProvider();
        var web3 = c.web3j();
        String pvAddr = c.deploy(gov, ProgrammedStepVerifier.BINARY, "", "ProgrammedStepVerifier").getContractAddress();
        String verifier = verifierAddress(pvAddr);
        String lAddr = c.deploy(gov, CheckpointLedger.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(d.beasts.getContractAddress()),
                new Address(d.energy.getContractAddress()), new Address(d.season.getContractAddress()))), "CheckpointLedger").getContractAddress();
        String gAddr = c.deploy(gov, DisputeGame.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(d.beasts.getContractAddress()),
                new Address(d.energy.getContractAddress()), new Address(d.season.getContractAddress()), new Address(lAddr),
                new Address(verifier))), "DisputeGame").getContractAddress();
        var ro = new ReadonlyTransactionManager(web3, gov.getAddress());
        pv = ProgrammedStepVerifier.load(pvAddr, web3, ro, g);
        gl = CheckpointLedger.load(lAddr, web3, ro, g);
        game = DisputeGame.load(gAddr, web3, ro, g);
        c.tx(gov, gl, gl.setDisputeManager(gAddr));
    }

    /** The IStepVerifier the game calls: here the programmed one; {@link DisputeGameRealVerifierTest} deploys the real one. */
    String verifierAddress(String programmed) {
        return programmed;
    }

    String verifierName() {
        return "programmed verifier";
    }

    /** The training constants the beasts train under (the season's: {@link #seasonValues}). */
    TrainingConstants tc() {
        return TC;
    }

    /** A public step's witness: none for the programmed verifier (it looks up D_k -> D_k+1 only). */
    byte[] publicWitness(Win w, int k) {
        return new byte[0];
    }

    @AfterAll
    void printGas() {
        System.out.println("dispute game gas (anvil, DisputeGameTest):");
        gas.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-58s %,12d%n", k, v));
    }

    // ---- beasts ----

    /** One window as both sides know it: its payload, pre-state, inputs and every point of the honest replay. */
    record Win(CheckpointPayload payload, BeastState pre, WindowInputs in, List<StepDigest.Point> honest, byte[][] claimed) {
        /** The digests D_1..D_128 the owner claims (posts). */
        List<byte[]> posted() {
            List<byte[]> l = new ArrayList<>();
            for (int i = 1; i <= Window.STEPS; i++) l.add(claimed[i]);
            return l;
        }
    }

    record Beast(Credentials owner, BigInteger id, BeastStore store, List<Win> windows) {}

    /** Hatches a public beast on chain and trains {@code n} honest windows in Java, bound to the game's ledger. */
    Beast beast(int ownerAcct, long seed, int n) throws Exception {
        return beast(ownerAcct, seed, n, null);
    }

    static final byte[] SECRET = Keccak256.hash(new byte[] {'s', 'e', 'c', 'r', 'e', 't'});
    InMemoryDataset dataset;
    PrivateWitness.Records records;

    /**
     * The private dataset of the private-window tests: 64 boards of the real-battle pool with a coach's demonstrations
     * (legal ones, illegal ones, boards without one: PrivateDatasets.coached).
     */
    InMemoryDataset privateDataset() {
        if (dataset == null) {
            List<Board> boards = new ArrayList<>();
            for (int i = 0; i < 64; i++) boards.add(pool.get(i));
            dataset = PrivateDatasets.coached(boards, SEASON);
            records = PrivateWitness.of(dataset);
        }
        return dataset;
    }

    /** As above; with {@code ds} a private beast hatched with C_dataset, R_dataset and the secret's commitment. */
    Beast beast(int ownerAcct, long seed, int n, InMemoryDataset ds) throws Exception {
        Credentials owner = acct(ownerAcct);
        BigInteger id;
        if (ds == null) {
            id = hatch(owner, seed, Z, Z);
        } else {
            c.tx(owner, d.beasts, d.beasts.hatchPrivate(BigInteger.valueOf(seed), ds.commitment(), records.root(), Keccak256.hash(SECRET)));
            id = d.beasts.totalHatched().send();
        }
        byte[] cd = ds == null ? new byte[32] : ds.commitment();
        byte[] sc = ds == null ? new byte[32] : Keccak256.hash(SECRET);
        BeastStore store = Trainer.hatch(tmp.resolve("beast" + id), new BeastStore.Identity(seed, c.chainId(),
                Hex.parse(gl.getContractAddress()), id, cd, sc));
        long fold = ds == null ? 0 : PrivateSampling.fold(SECRET);
        new Trainer(store, SEASON, tc(), pool, ds, fold).train(n, new Trainer.Listener() { });
        List<Win> ws = new ArrayList<>();
        for (long w = 0; w < n; w++) {
            WindowRecord r = store.window(w);
            BeastState pre = store.getState(r.preStateHash());
            WindowInputs in = new WindowInputs(ContextCodec.decode(r.context()), pool, ds, fold);
            List<StepDigest.Point> pts = new ArrayList<>();
            StepDigest.replay(pre, in, true, pts::add);
            byte[][] claimed = pts.stream().map(StepDigest.Point::digest).toArray(byte[][]::new);
            ws.add(new Win(r.decodedPayload(), pre, in, pts, claimed));
        }
        fundTrainerOn(owner, E.multiply(BigInteger.valueOf(1000)));
        return new Beast(owner, id, store, ws);
    }

    /** Window {@code index} (> 0) of {@code b} trained by a cheater: one weight nudged right after micro-step {@code bad}. */
    Win cheatWindow(Beast b, Win prev, int bad) {
        BeastState pre = BeastState.decode(prev.honest().get(Window.STEPS).state());
        pre.prevWindowLoss = prev.honest().get(Window.STEPS).loss(); // the window's finish
        return cheatFrom(b, pre, prev.payload(), prev.in().context().datasetCommitment(), prev.in().dataset(), prev.in().secretFold(), bad);
    }

    /** Window 0 of public beast {@code b} trained by a cheater from its hatch state, nudged right after micro-step {@code bad}. */
    Win cheatWindow0(Beast b, int bad) {
        return cheatFrom(b, Hatchery.hatch(b.store().identity().seedCore()), null, new byte[32], null, 0, bad);
    }

    Win cheatFrom(Beast b, BeastState pre, CheckpointPayload prevPayload, byte[] datasetCommitment, io.chainbeasts.curriculum.SampleDataset ds,
                  long fold, int bad) {
        byte[] root = prevPayload == null ? new byte[32] : prevPayload.hash();
        WindowContext ctx = TrainingPlan.context(pre, SEASON, tc(), root, datasetCommitment, pool);
        WindowInputs in = new WindowInputs(ctx, pool, ds, fold);
        List<StepDigest.Point> honest = new ArrayList<>();
        StepDigest.replay(pre, in, true, honest::add);
        byte[][] claimed = new byte[Window.STEPS + 1][];
        claimed[0] = honest.get(0).digest();
        BeastState st = pre.copy();
        byte[] ctxHash = ctx.hash();
        byte[][] lineage = {new byte[32]};
        long[] run = {0, 0, 0};
        long growth = ctx.growthSlot() == WindowContext.NO_GROWTH ? 0 : ctx.training().growthSlotCost();
        WindowResult res = Window.run(st, in, new MicroStep.Scratch(), rec -> {
            int i = (int) run[0]++;
            if (i == bad) st.w2[7] += 3;
            run[1] += rec.losses().total();
            run[2] += rec.energy() + (i == Window.GROWTH_STEP ? growth : 0);
            lineage[0] = new Keccak256().update(lineage[0]).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            claimed[i + 1] = StepDigest.of(i + 1, st.hash(), lineage[0], run[1], run[2], ctxHash);
        });
        CheckpointPayload p = Trainer.record(b.store().identity(), prevPayload == null ? 0 : prevPayload.windowIndex() + 1, pre.hash(), ctx, res,
                prevPayload, new byte[0]).decodedPayload();
        return new Win(p, pre, in, honest, claimed);
    }

    void fundTrainerOn(Credentials t, BigInteger amount) {
        mint(t, amount);
        approve(t, gl.getContractAddress(), amount);
        c.tx(t, gl, gl.deposit(amount));
    }

    TransactionReceipt submitTo(Credentials owner, CheckpointPayload p) throws Exception {
        return c.tx(owner, gl, gl.submitCheckpointUnder(p.beastId(), p.encode(), d.season.season().send()));
    }

    // ---- the moves, as the owner's and the challenger's nodes play them ----

    TransactionReceipt fileOn(Credentials ch, CheckpointPayload p) throws Exception {
        BigInteger bond = gl.records(p.hash()).send().component1().multiply(season("bondMultiplier"));
        mint(ch, bond);
        approve(ch, game.getContractAddress(), bond);
        return move("fileDispute", c.tx(ch, game, game.fileDispute(p.encode())));
    }

    TransactionReceipt post(Beast b, Win w) {
        byte[] secret = w.in().dataset() == null ? Z : SECRET;
        byte[] used = w.in().dataset() == null ? new byte[0] : usedRecords(w);
        return move(w.in().dataset() == null ? "postDigests (128 digests)" : "postDigests (128 digests + S_owner + used records)",
                c.tx(b.owner(), game, game.postDigests(w.payload().hash(), w.posted(), secret, used)));
    }

    /** The honest challenger's choice: the first k whose posted D_k+1 is not the replay's; 128 when all agree. */
    static int firstDisputed(Win w) {
        for (int k = 0; k < Window.STEPS; k++) {
            if (!Arrays.equals(w.claimed()[k + 1], w.honest().get(k + 1).digest())) return k;
        }
        return Window.STEPS;
    }

    TransactionReceipt name(Credentials ch, Win w, int k) {
        return move("nameStep", c.tx(ch, game, game.nameStep(w.payload().hash(), BigInteger.valueOf(k))));
    }

    /** The proof of step k from the honest replay's point k (the verifier programmed with the honest successor). */
    DisputeGame.Proof proof(Win w, Win prev, int k) {
        StepDigest.Point pt = w.honest().get(k);
        if (k < Window.STEPS) {
            c.tx(gov, pv, pv.program(List.of(pt.digest()), List.of(w.honest().get(k + 1).digest())));
        }
        // every window but window 0 carries the previous payload (its start: the context's epoch seed and growth slot)
        byte[] anchor = prev == null ? new byte[0] : anchor(prev.payload().encode(), prev.in().context().hash());
        byte[] witness = k >= Window.STEPS ? new byte[0] : w.in().dataset() != null ? privateWitness(w, k) : publicWitness(w, k);
        // step 0 of window 0: the game builds the hatch state itself, the proof leaves it out
        byte[] state = prev == null && k == 0 ? new byte[0] : pt.state();
        return new DisputeGame.Proof(state, w.in().context().toBytes(), pt.lineage(), BigInteger.valueOf(pt.loss()),
                BigInteger.valueOf(pt.energy()), witness, anchor);
    }

    /**
     * A private window's step witness (spec/datasets.md "Records commitment", PrivateWitness): S_owner || R_dataset, then
     * the drawn record with its path on a private step, else the step's public witness.
     */
    byte[] privateWitness(Win w, int k) {
        return PrivateWitness.step(SECRET, records, w.honest().get(k), pool);
    }

    /** The records a private window drew, as the owner reveals them with its digests: per private step, u8 k || opening. */
    byte[] usedRecords(Win w) {
        return PrivateWitness.used(SECRET, records, w.honest());
    }

    TransactionReceipt prove(Credentials who, Win w, DisputeGame.Proof pr, String label) {
        return move(label, c.tx(who, game, game.proveStep(w.payload().encode(), w.posted(), pr)));
    }

    /** abi.encode(bytes prevPayload, bytes32 prevContextHash). */
    static byte[] anchor(byte[] prevPayload, byte[] prevCtxHash) {
        int padded = (prevPayload.length + 31) / 32 * 32;
        byte[] out = new byte[64 + 32 + padded];
        out[31] = 0x40;
        System.arraycopy(prevCtxHash, 0, out, 32, 32);
        byte[] len = BigInteger.valueOf(prevPayload.length).toByteArray();
        System.arraycopy(len, 0, out, 96 - len.length, len.length);
        System.arraycopy(prevPayload, 0, out, 96, prevPayload.length);
        return out;
    }

    TransactionReceipt move(String label, TransactionReceipt r) {
        assertTrue(r.getGasUsed().compareTo(TX_CAP) < 0, label + " used " + r.getGasUsed() + " gas, over 2^24");
        gas.merge(label, r.getGasUsed(), BigInteger::max);
        return r;
    }

    int stage(CheckpointPayload p) throws Exception {
        return game.getGame(p.hash()).send().stage.intValueExact();
    }

    int ledgerStatus(CheckpointPayload p) throws Exception {
        return gl.records(p.hash()).send().component5().intValueExact();
    }

    BigInteger owed(Credentials a) throws Exception {
        return game.owed(a.getAddress()).send();
    }

    // ---- tests ----

    @Test
    void aCheatAtMicroStep0_37_127IsProvenByOneChallenger() throws Exception {
        int acct = 1;
        for (int bad : new int[] {0, 37, 127}) {
            Beast b = beast(acct, 100 + bad, 1);
            Win w0 = b.windows().get(0);
            submitTo(b.owner(), w0.payload());
            Win lie = cheatWindow(b, w0, bad);
            submitTo(b.owner(), lie.payload());
            Credentials ch = acct(acct + 1);
            BigInteger before = owed(ch);
            BigInteger locked = gl.records(lie.payload().hash()).send().component1();
            BigInteger bond = locked.multiply(season("bondMultiplier"));
            BigInteger total = fileOn(ch, lie.payload()).getGasUsed();
            total = total.add(post(b, lie).getGasUsed());
            int k = firstDisputed(lie);
            assertEquals(bad, k, "the first disputed step is the cheat");
            total = total.add(name(ch, lie, k).getGasUsed());
            DisputeGame.Proof pr = proof(lie, w0, k);
            total = total.add(prove(ch, lie, pr, k == 0 ? "proveStep k=0 (anchored D_0)" : "proveStep 0<k<128").getGasUsed());
            gas.merge("whole public dispute (" + verifierName() + "), max", total, BigInteger::max);
            assertEquals(5, stage(lie.payload()), "RESOLVED_INVALID");
            assertEquals(4, ledgerStatus(lie.payload()), "ledger INVALIDATED");
            BigInteger burnt = locked.multiply(season("slashBurnBps")).divide(BigInteger.valueOf(10000));
            assertEquals(before.add(bond).add(locked).subtract(burnt), owed(ch), "bond back plus the unburnt lock");
            // the honest window replaces it: the beast is not stuck
            Win honest1 = new Win(Trainer.record(b.store().identity(), 1, lie.pre().hash(), lie.in().context(),
                    Window.run(lie.pre().copy(), lie.in()), w0.payload(), new byte[0]).decodedPayload(), lie.pre(), lie.in(), lie.honest(), null);
            submitTo(b.owner(), honest1.payload());
            assertEquals(1, ledgerStatus(honest1.payload()), "the correct window 1 is PENDING");
            acct += 2;
        }
    }

    /** A cheat right after micro-step 38 of window 1 (globalStep 166: a step that draws a private record). */
    @Test
    void aCheatInAPrivateWindowIsProvenRevealingOnlyTheRecordsItUsed() throws Exception {
        Beast b = beast(7, 800, 1, privateDataset());
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Win lie = cheatWindow(b, w0, 38);
        submitTo(b.owner(), lie.payload());
        Credentials ch = acct(8);
        BigInteger total = fileOn(ch, lie.payload()).getGasUsed();
        byte[] h = lie.payload().hash();
        // the owner's answer reveals S_owner (checked against its commitment), never the dataset
        expectRevert("SecretMismatch", () -> c.tx(b.owner(), game, game.postDigests(h, lie.posted(), k("not the secret"), new byte[0])));
        total = total.add(post(b, lie).getGasUsed());
        int k = firstDisputed(lie);
        assertEquals(38, k);
        assertEquals(SampleSource.PRIVATE, lie.honest().get(k + 1).source(), "the disputed step draws a private record");
        total = total.add(name(ch, lie, k).getGasUsed());
        DisputeGame.Proof pr = proof(lie, w0, k);
        byte[] badSecret = pr.witness.clone();
        badSecret[0] ^= 1;
        expectRevert("WrongWitnessSecret", () -> c.tx(ch, game, game.proveStep(lie.payload().encode(), lie.posted(),
                new DisputeGame.Proof(pr.preState, pr.ctx, pr.lineage, pr.loss, pr.energy, badSecret, pr.anchor))));
        byte[] badRoot = pr.witness.clone();
        badRoot[40] ^= 1;
        expectRevert("WrongWitnessRoot", () -> c.tx(ch, game, game.proveStep(lie.payload().encode(), lie.posted(),
                new DisputeGame.Proof(pr.preState, pr.ctx, pr.lineage, pr.loss, pr.energy, badRoot, pr.anchor))));
        total = total.add(prove(ch, lie, pr, "proveStep 0<k<128, private step").getGasUsed());
        gas.merge("whole private dispute (" + verifierName() + "), max", total, BigInteger::max);
        assertEquals(5, stage(lie.payload()), "RESOLVED_INVALID");
        assertEquals(4, ledgerStatus(lie.payload()), "ledger INVALIDATED");
    }

    /**
     * An honest private window survives liars that name its steps: a private step (the owner opens it with the drawn
     * record and its path), a real-battle step of the private window (the prefix, then the pool witness) and the
     * window end; each liar's bond goes to the owner.
     */
    @Test
    void anHonestPrivateWindowSurvivesLiarsNamingItsSteps() throws Exception {
        Beast b = beast(24, 810, 2, privateDataset());
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        int priv = -1, real = -1;
        for (int k = 0; k < Window.STEPS; k++) {
            int src = w1.honest().get(k + 1).source();
            if (priv < 0 && src == SampleSource.PRIVATE && k > 0) priv = k;
            if (real < 0 && src == SampleSource.REAL_BATTLE) real = k;
        }
        int[] named = {priv, real, Window.STEPS};
        for (int i = 0; i < named.length; i++) {
            Credentials liar = acct(25 + i);
            BigInteger ownerBefore = owed(b.owner());
            BigInteger bond = gl.records(w1.payload().hash()).send().component1().multiply(season("bondMultiplier"));
            fileOn(liar, w1.payload());
            post(b, w1);
            name(liar, w1, named[i]);
            prove(b.owner(), w1, proof(w1, w0, named[i]), named[i] == priv ? "proveStep 0<k<128, private step"
                    : named[i] == real ? "proveStep 0<k<128, real battle in a private window" : "proveStep k=128 (window-end check)");
            assertEquals(4, stage(w1.payload()), "RESOLVED_VALID after step " + named[i]);
            assertEquals(ownerBefore.add(bond), owed(b.owner()), "the honest owner gets the liar's bond");
        }
    }

    @Test
    void anHonestWindowSurvivesEveryLiarAndEachLiarPaysItsBond() throws Exception {
        Beast b = beast(9, 300, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        // a majority of liars, one after the other: each names a step (37, then the window end), each proof upholds
        int[] named = {37, 128, 0};
        for (int i = 0; i < named.length; i++) {
            Credentials liar = acct(10 + i);
            BigInteger ownerBefore = owed(b.owner());
            BigInteger bond = gl.records(w1.payload().hash()).send().component1().multiply(season("bondMultiplier"));
            fileOn(liar, w1.payload());
            post(b, w1);
            name(liar, w1, named[i]);
            // the liar cannot make its own proof pass: the computation decides, whoever sends it; the owner proves
            prove(b.owner(), w1, proof(w1, w0, named[i]), named[i] == 128 ? "proveStep k=128 (window-end check)"
                    : named[i] == 0 ? "proveStep k=0 (anchored D_0)" : "proveStep 0<k<128");
            assertEquals(4, stage(w1.payload()), "RESOLVED_VALID");
            assertEquals(1, ledgerStatus(w1.payload()), "PENDING again");
            assertEquals(ownerBefore.add(bond), owed(b.owner()), "the honest owner gets the liar's bond");
            assertEquals(BigInteger.ZERO, owed(liar));
        }
        // and it finalizes after its challenge window
        c.increaseTime(season("challengeWindow").longValueExact() + 1);
        c.tx(gov, gl, gl.finalize(w0.payload().encode()));
        c.tx(gov, gl, gl.finalize(w1.payload().encode()));
        assertEquals(3, ledgerStatus(w1.payload()), "FINALIZED");
    }

    /**
     * The cheater's own puppet files first (one game at a time: an honest filing would revert DisputeExists), the cheater
     * spends its owner's clock, and the puppet names an honest step, which the proof upholds. The challenge window grows
     * by the game's length, so the honest challenger still files after the window's first deadline, and proves the cheat.
     */
    @Test
    void aPuppetGameThatUpholdsACheatDoesNotUseUpTheHonestChallengersTime() throws Exception {
        Beast b = beast(32, 1400, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Win lie = cheatWindow(b, w0, 37);
        submitTo(b.owner(), lie.payload());
        byte[] h = lie.payload().hash();
        long deadline = gl.records(h).send().component2().longValueExact();
        Credentials puppet = acct(33), honest = acct(34);
        fileOn(puppet, lie.payload());
        long filedAt = c.now();
        expectRevert("DisputeExists", () -> c.tx(honest, game, game.fileDispute(lie.payload().encode())));
        c.increaseTime(TRAINER_CLOCK - 60); // the owner answers at the end of its clock, hours after the challenge window
        post(b, lie);
        name(puppet, lie, 10); // a step before the cheat: its proof upholds the window
        prove(b.owner(), lie, proof(lie, w0, 10), "proveStep 0<k<128");
        long upheldAt = c.now();
        assertEquals(4, stage(lie.payload()), "RESOLVED_VALID");
        assertEquals(1, ledgerStatus(lie.payload()), "PENDING again");
        assertTrue(upheldAt > deadline, "the game outlasted the checkpoint's first challenge deadline");
        assertEquals(deadline + (upheldAt - filedAt), gl.records(h).send().component2().longValueExact(),
                "the challenge deadline moved by the game's length");
        // the honest challenger files with the time it had left, and the cheat is proven
        fileOn(honest, lie.payload());
        post(b, lie);
        assertEquals(37, firstDisputed(lie));
        name(honest, lie, 37);
        prove(honest, lie, proof(lie, w0, 37), "proveStep 0<k<128");
        assertEquals(5, stage(lie.payload()), "RESOLVED_INVALID");
        assertEquals(4, ledgerStatus(lie.payload()), "ledger INVALIDATED");
    }

    @Test
    void aLieAtTheWindowEndIsProvenAgainstThePayload() throws Exception {
        Beast b = beast(14, 400, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        CheckpointPayload p = w1.payload();
        // honest weights, a forged lineage hash in the payload
        CheckpointPayload lie = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn(), p.activeMask(), p.lrShift(), p.h128(), k("forged lineage"), p.lossDrop());
        Win lw = new Win(lie, w1.pre(), w1.in(), w1.honest(), w1.claimed());
        submitTo(b.owner(), lie);
        Credentials ch = acct(15);
        fileOn(ch, lie);
        post(b, lw);
        assertEquals(128, firstDisputed(lw), "every step digest is the replay's");
        name(ch, lw, 128);
        prove(ch, lw, proof(lw, w0, 128), "proveStep k=128 (window-end check)");
        assertEquals(5, stage(lie), "RESOLVED_INVALID");
    }

    @Test
    void anOwnerWhoNeverAnswersLosesByDefaultButItsWindowCanComeBack() throws Exception {
        Beast b = beast(16, 500, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Credentials ch = acct(17);
        fileOn(ch, w0.payload());
        BigInteger dl = game.deadline(w0.payload().hash()).send();
        assertTrue(dl.longValueExact() >= c.now() + TRAINER_CLOCK - 5, "the owner's clock is hours long");
        expectRevert("ClockRunning", () -> c.tx(ch, game, game.timeout(w0.payload().hash())));
        c.increaseTime(TRAINER_CLOCK + 1);
        expectRevert("ClockExpired", () -> c.tx(b.owner(), game, game.postDigests(w0.payload().hash(), w0.posted(), Z, new byte[0])));
        move("timeout", c.tx(ch, game, game.timeout(w0.payload().hash())));
        assertEquals(5, stage(w0.payload()));
        assertEquals(4, ledgerStatus(w0.payload()));
        // the same deterministic window is accepted again (before: DuplicateCheckpoint, then WrongWindowIndex for ever)
        submitTo(b.owner(), w0.payload());
        assertEquals(1, ledgerStatus(w0.payload()), "PENDING again");
        // and a new dispute on it starts a fresh game the owner now answers
        Credentials ch2 = acct(18);
        fileOn(ch2, w0.payload());
        post(b, w0);
        c.increaseTime(season("commitWindow").add(season("revealWindow")).longValueExact() + 1);
        c.tx(b.owner(), game, game.timeout(w0.payload().hash()));
        assertEquals(4, stage(w0.payload()), "a challenger that names no step loses on its clock");
    }

    @Test
    void aGovernanceChangeBetweenPreflightAndInclusionRevertsTheSubmit() throws Exception {
        Beast b = beast(19, 600, 1);
        BigInteger trainedUnder = d.season.season().send();
        var id = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key("slashAmount"), E.multiply(BigInteger.valueOf(11))));
        c.increaseTime(3601);
        c.tx(gov, d.season, d.season.applyProposal(id));
        CheckpointPayload p = b.windows().get(0).payload();
        ContractRevertException e = expectRevert("SeasonChanged",
                () -> c.tx(b.owner(), gl, gl.submitCheckpointUnder(p.beastId(), p.encode(), trainedUnder)));
        assertEquals(trainedUnder, e.args().get(0));
        assertEquals(0, ledgerStatus(p), "nothing recorded");
    }

    @Test
    void malformedMovesRevertWithNamedErrors() throws Exception {
        Beast b = beast(20, 700, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        Credentials ch = acct(21);
        byte[] h = w1.payload().hash();
        expectRevert("NoSuchDispute", () -> c.tx(ch, game, game.nameStep(h, BigInteger.ONE)));
        fileOn(ch, w1.payload());
        expectRevert("DisputeExists", () -> c.tx(acct(22), game, game.fileDispute(w1.payload().encode())));
        expectRevert("OutOfTurn", () -> c.tx(ch, game, game.nameStep(h, BigInteger.ONE)));
        expectRevert("NotTrainer", () -> c.tx(ch, game, game.postDigests(h, w1.posted(), Z, new byte[0])));
        expectRevert("BadDigestCount", () -> c.tx(b.owner(), game, game.postDigests(h, w1.posted().subList(0, 127), Z, new byte[0])));
        post(b, w1);
        expectRevert("NotChallenger", () -> c.tx(b.owner(), game, game.nameStep(h, BigInteger.ONE)));
        expectRevert("BadStep", () -> c.tx(ch, game, game.nameStep(h, BigInteger.valueOf(129))));
        name(ch, w1, 37);
        // a proof from the wrong pre-state, a digest list that is not the posted one, a context of another window
        DisputeGame.Proof wrong = proof(w1, w0, 36);
        expectRevert("WrongPreState", () -> c.tx(ch, game, game.proveStep(w1.payload().encode(), w1.posted(), wrong)));
        List<byte[]> other = new ArrayList<>(w1.posted());
        other.set(5, k("other"));
        DisputeGame.Proof right = proof(w1, w0, 37);
        expectRevert("DigestsMismatch", () -> c.tx(ch, game, game.proveStep(w1.payload().encode(), other, right)));
        DisputeGame.Proof otherCtx = new DisputeGame.Proof(right.preState, w0.in().context().toBytes(), right.lineage, right.loss, right.energy,
                right.witness, right.anchor);
        expectRevert("WrongContext", () -> c.tx(ch, game, game.proveStep(w1.payload().encode(), w1.posted(), otherCtx)));
        expectRevert("ClockRunning", () -> c.tx(ch, game, game.timeout(h)));
        // the owner opens the named step: the checkpoint stands
        prove(b.owner(), w1, right, "proveStep 0<k<128");
        assertEquals(4, stage(w1.payload()));
        expectRevert("AlreadyResolved", () -> c.tx(ch, game, game.timeout(h)));
        expectRevert("AlreadyResolved", () -> c.tx(ch, game, game.proveStep(w1.payload().encode(), w1.posted(), right)));
    }

    @Test
    void anOwnerThatDoesNotOpenTheNamedStepLosesOnItsClock() throws Exception {
        Beast b = beast(23, 900, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Credentials ch = acct(22);
        fileOn(ch, w0.payload());
        c.increaseTime(600);
        post(b, w0);
        name(ch, w0, 64);
        long left = game.deadline(w0.payload().hash()).send().longValueExact() - c.now();
        assertTrue(left > TRAINER_CLOCK - 700 && left <= TRAINER_CLOCK - 600, "the owner's clock kept what it had left: " + left);
        c.increaseTime(left + 1);
        expectRevert("ClockExpired", () -> c.tx(b.owner(), game, game.proveStep(w0.payload().encode(), w0.posted(), proof(w0, null, 64))));
        c.tx(ch, game, game.timeout(w0.payload().hash()));
        assertEquals(5, stage(w0.payload()), "RESOLVED_INVALID");
        assertTrue(gl.resubmittable(w0.payload().hash()).send(), "an offline owner's window may come back");
    }

    // ---- window 0 and the context (the hatch anchor; every context field bound to the chain) ----

    @Test
    void theHatchStateIsRecomputedOnChainBitForBit() throws Exception {
        for (long seed : new long[] {0, 1, 42, 0xDEADBEEFL, -1L, 0x5eedL}) {
            assertArrayEquals(Hatchery.hatch(seed).hash(), game.hatchStateHash(new BigInteger(Long.toUnsignedString(seed))).send(),
                    "hatch state of seed_core " + Long.toUnsignedString(seed));
        }
    }

    @Test
    void aCheatAtMicroStep0OfWindow0IsProvenFromTheHatchState() throws Exception {
        Beast b = beast(24, 1000, 0);
        Win lie = cheatWindow0(b, 0);
        submitTo(b.owner(), lie.payload());
        Credentials ch = acct(25);
        BigInteger total = fileOn(ch, lie.payload()).getGasUsed();
        total = total.add(post(b, lie).getGasUsed());
        assertEquals(0, firstDisputed(lie), "the first disputed step is micro-step 0 of window 0");
        total = total.add(name(ch, lie, 0).getGasUsed());
        DisputeGame.Proof pr = proof(lie, null, 0);
        // D_0 of window 0 is the hatch state of the beast's seed_core, recomputed on chain: any other pre-state is refused
        DisputeGame.Proof notHatch = new DisputeGame.Proof(lie.honest().get(1).state(), pr.ctx, pr.lineage, pr.loss, pr.energy, pr.witness, pr.anchor);
        ContractRevertException e = expectRevert("NotHatchState", () -> c.tx(ch, game, game.proveStep(lie.payload().encode(), lie.posted(), notHatch)));
        assertEquals(BigInteger.valueOf(1000), e.args().get(0), "names the seed_core");
        total = total.add(prove(ch, lie, pr, "proveStep k=0, window 0 (hatch state built on chain)").getGasUsed());
        gas.merge("whole public dispute, step 0 of window 0 (" + verifierName() + ")", total, BigInteger::max);
        assertEquals(5, stage(lie.payload()), "RESOLVED_INVALID");
        assertEquals(4, ledgerStatus(lie.payload()), "ledger INVALIDATED");
        // the correct window 0 replaces it
        CheckpointPayload honest0 = Trainer.record(b.store().identity(), 0, lie.pre().hash(), lie.in().context(),
                Window.run(lie.pre().copy(), lie.in()), null, new byte[0]).decodedPayload();
        submitTo(b.owner(), honest0);
        assertEquals(1, ledgerStatus(honest0), "the correct window 0 is PENDING");
    }

    @Test
    void anHonestWindow0SurvivesALiarAtStep0() throws Exception {
        Beast b = beast(26, 1100, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Credentials liar = acct(27);
        BigInteger ownerBefore = owed(b.owner());
        BigInteger bond = gl.records(w0.payload().hash()).send().component1().multiply(season("bondMultiplier"));
        fileOn(liar, w0.payload());
        post(b, w0);
        name(liar, w0, 0);
        // the owner may also send the hatch state itself: it must be the one the game builds (NotHatchState otherwise)
        DisputeGame.Proof pr = proof(w0, null, 0);
        DisputeGame.Proof withState = new DisputeGame.Proof(w0.honest().get(0).state(), pr.ctx, pr.lineage, pr.loss, pr.energy, pr.witness, pr.anchor);
        prove(b.owner(), w0, withState, "proveStep k=0, window 0 (hatch state in calldata, its hash recomputed)");
        assertEquals(4, stage(w0.payload()), "RESOLVED_VALID");
        assertEquals(1, ledgerStatus(w0.payload()), "PENDING again");
        assertEquals(ownerBefore.add(bond), owed(b.owner()), "the liar's bond goes to the owner");
    }

    /** Each field of the context a proof runs under must be the one the chain says (WrongContext names it). */
    @Test
    void everyFieldOfTheContextIsBoundToTheChain() throws Exception {
        Beast b = beast(28, 1200, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        Credentials ch = acct(29);
        fileOn(ch, w1.payload());
        post(b, w1);
        name(ch, w1, 37);
        DisputeGame.Proof right = proof(w1, w0, 37);
        byte[] payload = w1.payload().encode();
        // one byte changed inside each field, in WindowContext's order (SeasonConstants.blockCap, lrShiftByEpoch[1], ...)
        Map<String, Integer> at = new LinkedHashMap<>();
        at.put("magic/version", 4);
        at.put("season", 5 + 2 * 10 + 1);
        at.put("training", 47 + 4 + 1);
        at.put("epochSeed", 85 + 7);
        at.put("checkpointRoot", 117);
        at.put("datasetCommitment", 149 + 31);
        at.put("realPoolCommitment", 181 + 3);
        at.put("growthSlot", 213);
        for (var f : at.entrySet()) {
            byte[] ctx = right.ctx.clone();
            ctx[f.getValue()] = f.getKey().equals("growthSlot") ? 4 : (byte) (ctx[f.getValue()] ^ 1);
            DisputeGame.Proof bad = new DisputeGame.Proof(right.preState, ctx, right.lineage, right.loss, right.energy, right.witness, right.anchor);
            ContractRevertException e = expectRevert("WrongContext", () -> c.tx(ch, game, game.proveStep(payload, w1.posted(), bad)));
            assertEquals(f.getKey(), e.args().get(0), "the field named");
        }
        byte[] shortCtx = Arrays.copyOf(right.ctx, right.ctx.length - 1);
        expectRevert("BadContextLength", () -> c.tx(ch, game, game.proveStep(payload, w1.posted(),
                new DisputeGame.Proof(right.preState, shortCtx, right.lineage, right.loss, right.energy, right.witness, right.anchor))));
        // window 1 starts where window 0's payload says: without it, or with another payload, nothing is proven
        expectRevert("MissingAnchor", () -> c.tx(ch, game, game.proveStep(payload, w1.posted(),
                new DisputeGame.Proof(right.preState, right.ctx, right.lineage, right.loss, right.energy, right.witness, new byte[0]))));
        byte[] otherPrev = anchor(w1.payload().encode(), w0.in().context().hash());
        expectRevert("WrongPrevPayload", () -> c.tx(ch, game, game.proveStep(payload, w1.posted(),
                new DisputeGame.Proof(right.preState, right.ctx, right.lineage, right.loss, right.energy, right.witness, otherPrev))));
        // the true context proves the honest step
        prove(b.owner(), w1, right, "proveStep 0<k<128");
        assertEquals(4, stage(w1.payload()), "RESOLVED_VALID");
    }

    /**
     * A window is judged under the constants in force when it was submitted: a governance change applied after the
     * submission neither makes the honest window unprovable nor lets a proof use today's constants.
     */
    @Test
    void aWindowIsJudgedUnderTheConstantsInForceAtItsSubmission() throws Exception {
        Beast b = beast(30, 1300, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        BigInteger submittedUnder = d.season.season().send();
        assertEquals(submittedUnder, gl.seasonOf(w1.payload().hash()).send(), "the ledger records the season version");
        Credentials ch = acct(31);
        fileOn(ch, w1.payload()); // inside the challenge window; the change lands while the game is open (the owner's clock is hours)
        int blockCap = SEASON.blockCap();
        applyGoverned("blockCap", blockCap + 1);
        try {
            post(b, w1);
            name(ch, w1, 37);
            DisputeGame.Proof right = proof(w1, w0, 37);
            // the same context with today's blockCap (SeasonConstants field 10) is not the window's
            byte[] today = right.ctx.clone();
            today[5 + 2 * 10] = (byte) ((blockCap + 1) >>> 8);
            today[5 + 2 * 10 + 1] = (byte) (blockCap + 1);
            ContractRevertException e = expectRevert("WrongContext", () -> c.tx(ch, game, game.proveStep(w1.payload().encode(), w1.posted(),
                    new DisputeGame.Proof(right.preState, today, right.lineage, right.loss, right.energy, right.witness, right.anchor))));
            assertEquals("season", e.args().get(0));
            prove(b.owner(), w1, right, "proveStep 0<k<128");
            assertEquals(4, stage(w1.payload()), "the honest window survives the change: RESOLVED_VALID");
        } finally {
            applyGoverned("blockCap", blockCap); // the other tests train under the Java defaults
        }
    }

    void applyGoverned(String key, long value) throws Exception {
        BigInteger id = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key(key), BigInteger.valueOf(value)));
        c.increaseTime(3601);
        c.tx(gov, d.season, d.season.applyProposal(id));
    }
}
