package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ChecksummedJson;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.PackedDataset;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Honest beasts verify; every kind of tampering is detected and named (window, field, micro-step). */
class VerifierTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;
    static final byte[] SECRET = new byte[32];
    static final int W = 4;

    static {
        for (int i = 0; i < 32; i++) SECRET[i] = (byte) (0x11 * (i % 15) + 1);
    }

    @TempDir
    static Path tmp;
    static RealBattlePool pool;
    static Path datasetFile, otherDatasetFile, secretFile, wrongSecretFile;
    static SampleDataset dataset;
    static Path publicRef, privateRef;
    static int tamperCases;

    static List<Board> boards(long domain, int n) {
        List<Board> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplitMix64 r = new SplitMix64(SplitMix64.hash(domain ^ i));
            Arena.Generated g = Arena.generate(r.next(), SEASON);
            out.add(new Board(g.arena(), Fighter.spawn(g.ax(), g.ay(), 10 + r.nextInt(6), r.nextInt(33), SEASON),
                    Fighter.spawn(g.bx(), g.by(), 10 + r.nextInt(6), r.nextInt(33), SEASON)));
        }
        return out;
    }

    @BeforeAll
    static void beasts() throws IOException {
        pool = RealBattlePool.defaultPool(SEASON);
        datasetFile = tmp.resolve("coach.cbds");
        Files.write(datasetFile, PackedDataset.pack(boards(0x1234, 40)).stored());
        otherDatasetFile = tmp.resolve("other.cbds");
        Files.write(otherDatasetFile, PackedDataset.pack(boards(0x5678, 40)).stored());
        secretFile = tmp.resolve("secret.hex");
        Files.writeString(secretFile, "0x" + Hex.of(SECRET) + "\n");
        byte[] wrong = SECRET.clone();
        wrong[31] ^= 1;
        wrongSecretFile = tmp.resolve("wrong.hex");
        Files.writeString(wrongSecretFile, Hex.of(wrong) + "\n");
        io.chainbeasts.datasets.PrivateDataset pd = io.chainbeasts.datasets.PrivateDataset.open(datasetFile, SEASON);
        dataset = new SampleDataset() {
            public int size() {
                return pd.size();
            }

            public Board get(int i) {
                return pd.get(i);
            }

            public byte[] commitment() {
                return pd.commitment();
            }
        };
        publicRef = tmp.resolve("public");
        train(Trainer.hatch(publicRef, id(false, true)), W);
        privateRef = tmp.resolve("private");
        train(Trainer.hatch(privateRef, id(true, true)), W);
    }

    static BeastStore.Identity id(boolean priv, boolean withSecretCommitment) {
        byte[] cd = priv ? Keccak256.hash(readUnchecked(datasetFile)) : new byte[32];
        byte[] sc = priv && withSecretCommitment ? Keccak256.hash(SECRET) : new byte[32];
        return new BeastStore.Identity(0x5EED, 31337, new byte[20], BigInteger.valueOf(42), cd, sc);
    }

    static byte[] readUnchecked(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void train(BeastStore s, int windows) {
        boolean priv = s.identity().isPrivate();
        new Trainer(s, SEASON, TC, pool, priv ? dataset : null, priv ? PrivateSampling.fold(SECRET) : 0).train(windows, new Trainer.Listener() { });
    }

    record Run(int code, String out) {
        List<String> lines() {
            return List.of(out.split("\n"));
        }

        String firstFailure() {
            return lines().stream().filter(l -> l.contains(": FAILURE")).findFirst().orElse("");
        }
    }

    static Run verify(Path dir, Path ds, Path secret) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int code = VerifyRun.run(dir, ds, secret, new PrintStream(b, true, StandardCharsets.UTF_8));
        return new Run(code, b.toString(StandardCharsets.UTF_8));
    }

    static Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
        return to;
    }

    static void rewrite(BeastStore s, WindowRecord r) {
        ChecksummedJson.write(s.windowPath(r.index()), r.toJson());
    }

    /** Adds one to a metric of a stored record, re-checksummed: a store-only edit the payload does not see. */
    static void bumpMetric(BeastStore s, long window, String key) {
        WindowRecord r = s.window(window);
        Map<String, Object> m = new java.util.LinkedHashMap<>(r.metrics());
        m.put(key, ((Number) m.get(key)).longValue() + 1);
        rewrite(s, new WindowRecord(window, r.preStateHash(), r.postStateHash(), r.context(), r.payload(), r.checkpointHash(), r.stepDigests(), m));
    }

    static WindowRecord withPayload(WindowRecord r, CheckpointPayload p) {
        return new WindowRecord(r.index(), r.preStateHash(), r.postStateHash(), r.context(), p.encode(), p.hash(), r.stepDigests(), r.metrics());
    }

    static void tampered(Run r, int window, String... mustContain) {
        assertEquals(VerifyRun.DIVERGENCE, r.code(), r.out());
        String f = r.firstFailure();
        assertTrue(f.startsWith("window " + window + ": FAILURE"), "first failure should be window " + window + ":\n" + r.out());
        for (String m : mustContain) assertTrue(f.contains(m), "'" + m + "' missing in: " + f);
        assertTrue(r.out().contains("result: DIVERGENCE at window " + window), r.out());
        tamperCases++;
    }

    /**
     * A damaged or forged store: detected and named (exit 1), but as UNVERIFIABLE, never as a FAILURE,
     * because nothing in it shows the payload (the on-chain claim) to be wrong.
     */
    static void unverifiable(Run r, int window, String... mustContain) {
        assertEquals(VerifyRun.DIVERGENCE, r.code(), r.out());
        String f = r.lines().stream().filter(l -> l.contains(": UNVERIFIABLE")).findFirst().orElse("");
        assertTrue(f.startsWith("window " + window + ": UNVERIFIABLE"), "first unverifiable window should be " + window + ":\n" + r.out());
        for (String m : mustContain) assertTrue(f.contains(m), "'" + m + "' missing in: " + f);
        assertFalse(r.out().contains(": FAILURE"), "a store problem must not be blamed on a payload:\n" + r.out());
        assertTrue(r.out().contains("result: UNVERIFIABLE from window " + window), r.out());
        tamperCases++;
    }

    // ---- honest beasts ----------------------------------------------------------------------------

    @Test
    void honestPublicBeastVerifies() {
        Run r = verify(publicRef, null, null);
        assertEquals(0, r.code(), r.out());
        for (int i = 0; i < W; i++) assertTrue(r.out().contains("window " + i + ": VERIFIED replayed 128"), r.out());
        assertTrue(r.out().contains("result: OK (4 verified, 0 lineage-only, 0 failed of 4 windows)"), r.out());
    }

    @Test
    void honestPrivateBeastVerifiesWithDatasetAndIsLineageOnlyWithout() {
        Run full = verify(privateRef, datasetFile, secretFile);
        assertEquals(0, full.code(), full.out());
        for (int i = 0; i < W; i++) assertTrue(full.out().contains("window " + i + ": VERIFIED replayed 128 micro-steps with the private dataset"), full.out());
        Run lin = verify(privateRef, null, null);
        assertEquals(0, lin.code(), lin.out());
        for (int i = 0; i < W; i++) assertTrue(lin.out().contains("window " + i + ": LINEAGE_ONLY"), lin.out());
        assertFalse(lin.out().contains("VERIFIED"), lin.out());
        assertTrue(lin.out().contains("0 verified, 4 lineage-only"), lin.out());
    }

    // ---- tampering --------------------------------------------------------------------------------

    @Test
    void alteredPayloadFieldsAreNamedByTheReplayAndByTheLineageChecks() throws IOException {
        String[] fields = {"energyBurn", "activeMask", "lrShift", "globalStep"};
        for (boolean priv : new boolean[] {false, true}) {
            for (String field : fields) {
                Path d = copy(priv ? privateRef : publicRef, "payload-" + priv + "-" + field);
                BeastStore s = BeastStore.open(d);
                WindowRecord r = s.window(W - 1); // the last window: no later window to break
                CheckpointPayload p = r.decodedPayload();
                CheckpointPayload q = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                        field.equals("globalStep") ? p.globalStep() + 1 : p.globalStep(),
                        field.equals("energyBurn") ? p.energyBurn() + 1 : p.energyBurn(),
                        field.equals("activeMask") ? p.activeMask() ^ 0x80 : p.activeMask(),
                        field.equals("lrShift") ? p.lrShift() + 1 : p.lrShift(), p.h128(), p.lineageHash(), p.lossDrop());
                rewrite(s, withPayload(r, q));
                // keep HEAD consistent so that only the replay / lineage checks can object
                ChecksummedJson.write(s.headFile(), new BeastStore.Head(W, q.hash(), r.postStateHash()).toJson());
                tampered(verify(d, null, null), W - 1, field);
                if (priv) tampered(verify(d, datasetFile, secretFile), W - 1, field);
            }
        }
    }

    /** The payload of the last window with one of its replay-only fields changed; HEAD follows it. */
    static Path withTamperedResult(boolean priv, String field) throws IOException {
        Path d = copy(priv ? privateRef : publicRef, "result-" + priv + "-" + field);
        BeastStore s = BeastStore.open(d);
        WindowRecord r = s.window(W - 1);
        CheckpointPayload p = r.decodedPayload();
        byte[] h128 = p.h128().clone(), lineage = p.lineageHash().clone();
        if (field.equals("h128")) h128[5] ^= 1;
        if (field.equals("lineageHash")) lineage[31] ^= 0x80;
        CheckpointPayload q = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn(), p.activeMask(), p.lrShift(), h128, lineage, field.equals("lossDrop") != p.lossDrop());
        rewrite(s, withPayload(r, q));
        ChecksummedJson.write(s.headFile(), new BeastStore.Head(W, q.hash(), r.postStateHash()).toJson());
        return d;
    }

    @Test
    void alteredResultFieldsAreNamedByTheReplayAndTheLineageChecksSayWhatTheyCannotSee() throws IOException {
        for (String field : new String[] {"h128", "lineageHash", "lossDrop"}) {
            tampered(verify(withTamperedResult(false, field), null, null), W - 1, field);
            Path priv = withTamperedResult(true, field);
            tampered(verify(priv, datasetFile, secretFile), W - 1, field);
            Run lin = verify(priv, null, null);
            switch (field) {
                // without the dataset the stored post-state is evidence only when the payload commits to it
                case "h128" -> unverifiable(lin, W - 1, "h128", "does not commit to the stored post-state");
                // lossDrop follows from the two states' window losses, which h128 binds
                case "lossDrop" -> tampered(lin, W - 1, "lossDrop");
                // the lineage hash needs the samples: a lineage-only check cannot see it, and says so
                default -> {
                    assertEquals(0, lin.code(), lin.out());
                    assertTrue(lin.out().contains("window " + (W - 1) + ": LINEAGE_ONLY"), lin.out());
                    assertTrue(lin.out().contains("lineage hash bound but not recomputed"), lin.out());
                }
            }
        }
    }

    @Test
    void changedWeightInAStoredStateIsCaughtAndNotBlamedOnThePayload() throws IOException {
        Path d = copy(publicRef, "weight");
        BeastStore s = BeastStore.open(d);
        WindowRecord r1 = s.window(1), r2 = s.window(2);
        BeastState st = s.getState(r1.postStateHash());
        st.w1[100] += 1;
        byte[] forged = s.putState(st); // stored under its own hash: the content check passes
        rewrite(s, new WindowRecord(1, r1.preStateHash(), forged, r1.context(), r1.payload(), r1.checkpointHash(), r1.stepDigests(), r1.metrics()));
        rewrite(s, new WindowRecord(2, forged, r2.postStateHash(), r2.context(), r2.payload(), r2.checkpointHash(), r2.stepDigests(), r2.metrics()));
        Run r = verify(d, null, null);
        unverifiable(r, 1, "the replay reproduces the payload", "postStateHash: replay 0x" + Hex.of(r1.postStateHash()), "claimed 0x" + Hex.of(forged));
        // window 2's payload is honest: judged from window 1's replayed state, it verifies
        assertTrue(r.out().contains("window 2: VERIFIED") && r.out().contains("pre-state taken from window 1's replay"), r.out());
    }

    @Test
    void aWindowTrainedFromAForgedPreStateIsNeverVerified() throws IOException {
        // honest windows 0 and 1 on chain; the trainer then swaps in other weights, points window 1's
        // record at them and trains window 2 honestly from there: every step of window 2 replays, but
        // from a state no payload commits to
        Path d = tmp.resolve("forged-pre");
        BeastStore s = Trainer.hatch(d, id(false, true));
        train(s, 2);
        WindowRecord r1 = s.window(1);
        BeastState st = s.getState(r1.postStateHash());
        st.w2[3] += 5;
        byte[] forged = s.putState(st);
        rewrite(s, new WindowRecord(1, r1.preStateHash(), forged, r1.context(), r1.payload(), r1.checkpointHash(), r1.stepDigests(), r1.metrics()));
        ChecksummedJson.write(s.headFile(), new BeastStore.Head(2, r1.checkpointHash(), forged).toJson());
        train(BeastStore.open(d), 1);
        Run r = verify(d, null, null);
        assertTrue(r.out().contains("window 0: VERIFIED"), r.out());
        assertTrue(r.out().contains("window 1: UNVERIFIABLE the replay reproduces the payload"), "window 1's payload is honest: " + r.out());
        // window 2 is judged from window 1's replayed (anchored) post-state: its payload is wrong (from micro-step 0: its
        // D_0 is not the anchored one). Training claims no step digests since StepDigest v2 (a dispute derives them), so
        // the record names no step; the dispute game names it from the owner's posted digests.
        tampered(r, 2, "pre-state taken from window 1's replay", "is not the state window 1's h128 commits to", "the record claims no step digests");
    }

    @Test
    void aFailingBackendIsNotADivergence() {
        io.chainbeasts.engine.TrainingBackend broken = new io.chainbeasts.engine.TrainingBackend() {
            @Override
            public String name() {
                return "opencl";
            }

            @Override
            public String description() {
                return "a device that fails";
            }

            @Override
            public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
                throw new IllegalStateException("OpenCL clEnqueueNDRangeKernel failed with error -5");
            }

            @Override
            public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
                return runWindows(states, inputs);
            }
        };
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<String> errors = new ArrayList<>();
        int code = VerifyRun.run(publicRef, null, null, SEASON, TC, broken, new PrintStream(b, true, StandardCharsets.UTF_8), errors::add);
        assertEquals(VerifyRun.NOT_JUDGED, code, b.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("the opencl backend failed: OpenCL clEnqueueNDRangeKernel failed with error -5; no verdict was reached"), errors);
        assertFalse(b.toString(StandardCharsets.UTF_8).contains("result:"), "no result line when nothing was judged");
    }

    @Test
    void recordOnlyFieldsThatDisagreeWithAnHonestPayloadAreNotAFailure() throws IOException {
        Path d = copy(publicRef, "metrics");
        BeastStore s = BeastStore.open(d);
        bumpMetric(s, 2, "moveSeen");
        unverifiable(verify(d, null, null), 2, "the replay reproduces the payload", "metrics.moveSeen");

        // the same on a private beast checked lineage-only: its metrics are the store's, not the payload's
        Path pv = copy(privateRef, "metrics-private");
        BeastStore sp = BeastStore.open(pv);
        bumpMetric(sp, 2, "windowLossQ16");
        unverifiable(verify(pv, null, null), 2, "the payload passes the lineage checks", "metrics.windowLossQ16");

        // an edited step digest, re-checksummed: the payload still replays, the record's own claim does not
        Path g = copy(publicRef, "step-digest");
        BeastStore sg = BeastStore.open(g);
        WindowRecord rg = sg.window(1);
        assertEquals(0, rg.stepDigests().length, "training claims no step digests");
        byte[][] replayed = StepDigest.replay(sg.getState(rg.preStateHash()),
                WindowInputs.publicWindow(io.chainbeasts.checkpoint.ContextCodec.decode(rg.context()), pool));
        byte[] digests = new byte[WindowRecord.STEP_DIGESTS_SIZE];
        for (int i = 0; i < Window.STEPS; i++) System.arraycopy(replayed[i + 1], 0, digests, i * StepDigest.SIZE, StepDigest.SIZE);
        // claiming the true D_1..D_128 is fine
        rewrite(sg, new WindowRecord(1, rg.preStateHash(), rg.postStateHash(), rg.context(), rg.payload(), rg.checkpointHash(), digests.clone(), rg.metrics()));
        Run honest = verify(g, null, null);
        assertTrue(honest.out().contains("window 1: VERIFIED"), honest.out());
        digests[37 * StepDigest.SIZE] ^= 1;
        rewrite(sg, new WindowRecord(1, rg.preStateHash(), rg.postStateHash(), rg.context(), rg.payload(), rg.checkpointHash(), digests, rg.metrics()));
        unverifiable(verify(g, null, null), 1, "the replay reproduces the payload", "stepDigests[37]");

        Path e = copy(publicRef, "head-state");
        BeastStore se = BeastStore.open(e);
        Files.delete(se.statePath(se.head().stateHash()));
        Run headState = verify(e, null, null);
        assertEquals(VerifyRun.DIVERGENCE, headState.code(), headState.out());
        assertTrue(headState.lines().stream().anyMatch(l -> l.startsWith("HEAD: UNVERIFIABLE the state training resumes from: ")
                && l.contains(se.statePath(se.head().stateHash()).toString())), headState.out());
        assertTrue(headState.out().contains("result: UNVERIFIABLE at HEAD: this store cannot establish the claimed history ("
                + W + " verified, 0 lineage-only, 0 failed of " + W + " windows; HEAD unverifiable)"), headState.out());
    }

    /**
     * Runs a window on {@code st} with one weight nudged right after micro-step {@code badStep}, and writes into
     * {@code digests} the D_1..D_128 the cheater claims: the true digests of its own (cheating) run.
     */
    private static WindowResult cheat(BeastState st, WindowInputs in, int badStep, byte[] digests) {
        byte[] ctxHash = in.context().hash();
        long growth = in.context().growthSlot() == WindowContext.NO_GROWTH ? 0 : in.context().training().growthSlotCost();
        byte[][] lineage = {new byte[32]};
        long[] run = {0, 0, 0};
        return Window.run(st, in, new MicroStep.Scratch(), rec -> {
            int i = (int) run[0]++;
            if (i == badStep) st.w2[7] += 3;
            run[1] += rec.losses().total();
            run[2] += rec.energy() + (i == Window.GROWTH_STEP ? growth : 0);
            lineage[0] = new io.chainbeasts.core.Keccak256().update(lineage[0]).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            System.arraycopy(StepDigest.of(i + 1, st.hash(), lineage[0], run[1], run[2], ctxHash), 0, digests, i * StepDigest.SIZE, StepDigest.SIZE);
        });
    }

    @Test
    void aCheatingTrainerIsPinnedToTheFirstBadMicroStep() throws IOException {
        for (int badStep : new int[] {0, 37, 64, 127}) {
            Path d = tmp.resolve("cheat" + badStep);
            BeastStore s = Trainer.hatch(d, id(false, true));
            train(s, 1);
            // window 1 by hand, with one weight nudged right after micro-step badStep
            BeastStore.Head h = s.head();
            BeastState st = s.getState(h.stateHash());
            WindowContext ctx = TrainingPlan.context(st, SEASON, TC, h.checkpointHash(), new byte[32], pool);
            byte[] digests = new byte[WindowRecord.STEP_DIGESTS_SIZE];
            WindowResult res = cheat(st, WindowInputs.publicWindow(ctx, pool), badStep, digests);
            s.commit(Trainer.record(s.identity(), 1, h.stateHash(), ctx, res, s.window(0).decodedPayload(), digests), st);
            train(s, 2); // honest from the forged state on
            Run r = verify(d, null, null);
            tampered(r, 1, "first bad micro-step " + badStep + " (globalStep " + (128 + badStep + 1) + ")", "expected digest 0x", "claimed 0x");
            assertTrue(r.out().contains("window 2: VERIFIED") && r.out().contains("window 3: VERIFIED") && r.out().contains("window 0: VERIFIED"), r.out());
            assertTrue(r.out().contains("result: DIVERGENCE at window 1, micro-step " + badStep), r.out());
        }
    }

    @Test
    void aCheaterCannotHideABadWindowByDeletingItsPreState() throws IOException {
        // window 1 cheats from micro-step 37; its owner then deletes the blob window 1 starts from
        Path d = tmp.resolve("cheat-hidden");
        BeastStore s = Trainer.hatch(d, id(false, true));
        train(s, 1);
        BeastStore.Head h = s.head();
        BeastState st = s.getState(h.stateHash());
        WindowContext ctx = TrainingPlan.context(st, SEASON, TC, h.checkpointHash(), new byte[32], pool);
        byte[] digests = new byte[WindowRecord.STEP_DIGESTS_SIZE];
        WindowResult res = cheat(st, WindowInputs.publicWindow(ctx, pool), 37, digests);
        s.commit(Trainer.record(s.identity(), 1, h.stateHash(), ctx, res, s.window(0).decodedPayload(), digests), st);
        Files.delete(s.statePath(h.stateHash()));
        Run r = verify(d, null, null);
        tampered(r, 1, "first bad micro-step 37", "pre-state taken from window 0's replay", "missing");
    }

    @Test
    void windowZeroStartsFromTheHatchStateEvenWhenItsBlobIsGone() throws IOException {
        Path d = copy(publicRef, "no-hatch-blob");
        BeastStore s = BeastStore.open(d);
        Files.delete(s.statePath(s.window(0).preStateHash()));
        Run r = verify(d, null, null);
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("window 0: VERIFIED") && r.out().contains("pre-state taken from the hatch state"), r.out());
        assertTrue(r.out().contains("the store is damaged: 1 window(s)"), r.out());
    }

    @Test
    void reorderedAndDroppedWindowsAreNamed() throws IOException {
        Path d = copy(publicRef, "swap");
        BeastStore s = BeastStore.open(d);
        Path a = s.windowPath(1), b = s.windowPath(2), t = d.resolve("windows/x");
        Files.move(a, t);
        Files.move(b, a);
        Files.move(t, b);
        unverifiable(verify(d, null, null), 1, "00000001.json", "field 'window' says 2");

        Path e = copy(publicRef, "drop");
        Files.delete(BeastStore.open(e).windowPath(2));
        unverifiable(verify(e, null, null), 2, "00000002.json: missing");

        // dropped and renumbered so every file is self-consistent: the payload chain objects
        Path f = copy(publicRef, "drop-renumber");
        BeastStore sf = BeastStore.open(f);
        WindowRecord r3 = sf.window(3);
        Files.delete(sf.windowPath(3));
        rewrite(sf, new WindowRecord(2, r3.preStateHash(), r3.postStateHash(), r3.context(), r3.payload(), r3.checkpointHash(), r3.stepDigests(), r3.metrics()));
        unverifiable(verify(f, null, null), 2, "windowIndex 3");
    }

    @Test
    void swappedDatasetAndWrongSecretAreNamed() throws IOException {
        Run ds = verify(privateRef, otherDatasetFile, secretFile);
        assertEquals(VerifyRun.BAD_INPUT, ds.code(), ds.out());
        assertTrue(ds.out().contains("--dataset") && ds.out().contains(otherDatasetFile.toString()), ds.out());
        Run sec = verify(privateRef, datasetFile, wrongSecretFile);
        assertEquals(VerifyRun.BAD_INPUT, sec.code(), sec.out());
        assertTrue(sec.out().contains(wrongSecretFile.toString()) && sec.out().contains("wrong secret"), sec.out());
        tamperCases += 2;
        // a private beast without a secret commitment: no secret can be checked, so none is accepted
        // (a secret with its words permuted folds to the same PRNG key and would replay identically)
        Path d = tmp.resolve("nosc");
        train(Trainer.hatch(d, id(true, false)), 2);
        Run r = verify(d, datasetFile, secretFile);
        assertEquals(VerifyRun.BAD_INPUT, r.code(), r.out());
        assertTrue(r.out().contains(d.resolve("beast.json").toString()) && r.out().contains("no secret commitment"), r.out());
    }

    @Test
    void corruptedFilesAreNamedAndMalformedInputIsRefused() throws IOException {
        Path d = copy(publicRef, "flip");
        BeastStore s = BeastStore.open(d);
        byte[] rec = Files.readAllBytes(s.windowPath(1));
        rec[rec.length / 2] ^= 4;
        Files.write(s.windowPath(1), rec);
        unverifiable(verify(d, null, null), 1, s.windowPath(1).toString(), "corrupted");

        Path e = copy(publicRef, "flip-state");
        BeastStore se = BeastStore.open(e);
        Path st = se.statePath(se.window(2).preStateHash());
        byte[] b = Files.readAllBytes(st);
        b[b.length - 5] ^= 1;
        Files.write(st, b);
        // a damaged pre-state blob does not stop the judgment: window 1's replay stands in, and the damage is named
        Run re = verify(e, null, null);
        assertEquals(0, re.code(), re.out());
        assertTrue(re.out().contains("window 2: VERIFIED") && re.out().contains(st.toString()) && re.out().contains("corrupted"), re.out());
        assertTrue(re.out().contains("the store is damaged: 1 window(s) had an unusable stored pre-state"), re.out());
        tamperCases++;

        Path f = copy(publicRef, "flip-head");
        byte[] h = Files.readAllBytes(f.resolve("HEAD"));
        h[3] ^= 1;
        Files.write(f.resolve("HEAD"), h);
        Run rh = verify(f, null, null);
        assertEquals(VerifyRun.BAD_INPUT, rh.code());
        assertTrue(rh.out().contains(f.resolve("HEAD").toString()), rh.out());

        assertEquals(VerifyRun.BAD_INPUT, verify(tmp.resolve("nothing-here"), null, null).code());
        assertEquals(VerifyRun.BAD_INPUT, verify(privateRef, datasetFile, null).code());
        Path badSecret = tmp.resolve("bad.hex");
        Files.writeString(badSecret, "0x1234\n");
        Run bs = verify(privateRef, datasetFile, badSecret);
        assertEquals(VerifyRun.BAD_INPUT, bs.code());
        assertTrue(bs.out().contains(badSecret.toString()) && bs.out().contains("64 hex digits"), bs.out());
        assertEquals(VerifyRun.BAD_INPUT, verify(publicRef, datasetFile, secretFile).code());
    }

    @Test
    void pendingRecordFromAnInterruptedCommitIsNotAFailure() throws IOException {
        Path d = copy(publicRef, "pending");
        // roll HEAD back one window: the record of window W-1 stays, as after a crash between record and HEAD
        BeastStore s = BeastStore.open(d);
        WindowRecord last = s.window(W - 2);
        ChecksummedJson.write(s.headFile(), new BeastStore.Head(W - 1, last.checkpointHash(), last.postStateHash()).toJson());
        Run r = verify(d, null, null);
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("window " + (W - 1) + ": PENDING"), r.out());

        // three of them (a stopped group commit): one line for the run, not one each
        WindowRecord earlier = s.window(W - 4);
        ChecksummedJson.write(s.headFile(), new BeastStore.Head(W - 3, earlier.checkpointHash(), earlier.postStateHash()).toJson());
        Run three = verify(d, null, null);
        assertEquals(0, three.code(), three.out());
        assertTrue(three.out().contains("windows " + (W - 3) + "-" + (W - 1) + ": PENDING (3 records from "), three.out());
        assertEquals(1, three.out().lines().filter(l -> l.contains("PENDING")).count(), three.out());
    }

    @org.junit.jupiter.api.AfterAll
    static void reportTamperCount() {
        System.out.println("VerifierTest: " + tamperCases + " tampered beasts / inputs, each detected and named");
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
