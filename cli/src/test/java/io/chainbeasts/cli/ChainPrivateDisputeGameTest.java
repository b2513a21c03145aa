package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dispute game over private beasts with the real Solidity one-step verifier (as `chain up` deploys
 * it), the owners' dataset packed from the example coach CSV (every sample a demonstration): a cheat at a micro-step
 * that draws a private record is proven on chain by `chain dispute` alone, from the records the owner revealed with
 * its digests (the challenger never holds the dataset); an honest private window survives a liar who names one of its
 * private steps, opened by `chain answer`.
 */
class ChainPrivateDisputeGameTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void aPrivateCheatIsProvenByTheCliAloneAndAnHonestPrivateWindowSurvives() throws Exception {
        try (Anvil anvil = Anvil.start(6); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            GameChain chain = GameChain.deploy(anvil, c, dir, 4);
            Deployment d = chain.d();
            String C = chain.file();
            Path ds = dir.resolve("coach.zst");
            ok("dataset", "pack", "--in", Vectors.repoRoot().resolve("examples/battle_samples.csv").toString(), "-o", ds.toString());
            PrivateDataset dataset = PrivateDataset.open(ds, SEASON);

            // ---- a cheater (anvil:1): window 1's weights nudged right after a step that draws a private record ----
            Path cheater = dir.resolve("cheater");
            Path cs = dir.resolve("cheater.secret");
            ok("chain", "hatch", "--key", "anvil:1", "--seed-core", "0xc4ea7", "--dataset", ds.toString(), "--new-secret", cs.toString(),
                    "--out", cheater.toString(), "--chain", C);
            ok("train", "--beast", cheater.toString(), "--windows", "1", "--dataset", ds.toString(), "--secret", cs.toString(), "--quiet");
            byte[] secret = Secrets.read(cs);
            BeastStore store = BeastStore.open(cheater);
            int bad = 38; // window 1, globalStep 166: a private step
            assertEquals(SampleSource.PRIVATE, SampleSource.forStep(Window.STEPS + bad, true));
            List<byte[]> lie = cheat(store, bad, dataset, secret);
            ok("chain", "submit", "--key", "anvil:1", "--beast", cheater.toString(), "--chain", C);
            byte[] h = store.window(1).checkpointHash();

            // the challenger (anvil:2) holds no dataset: nothing replays before the owner reveals, so filing takes --force
            CliTest.Result refused = CliTest.run("chain", "dispute", "--key", "anvil:2", "--beast", cheater.toString(), "--window", "1", "--chain", C);
            assertEquals(2, refused.code(), refused.out() + refused.err());
            assertTrue(refused.err().contains("window 1 is private: the dispute game reveals the records it drew only once filed"), refused.err());
            assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused.err());
            CliTest.Result filed = ok("chain", "dispute", "--key", "anvil:2", "--beast", cheater.toString(), "--window", "1", "--force", "--chain", C);
            assertTrue(filed.out().contains("fileDispute on window 1"), filed.out());
            // the cheater's node answers with the digests of its own run, S_owner and the true records its window drew
            byte[] used = PrivateWitness.used(secret, PrivateWitness.of(dataset), honestPoints(store, 1, dataset, secret));
            c.tx(c.account(1), d.game, d.game.postDigests(h, lie, secret, used));
            // run again: the challenger replays from the revealed records, names the cheat and proves it with that record
            CliTest.Result won = ok("chain", "dispute", "--key", "anvil:2", "--beast", cheater.toString(), "--window", "1", "--chain", C);
            Matcher m = Pattern.compile("proveStep " + bad + ": gas (\\d+); outcome RESOLVED_INVALID").matcher(won.out());
            assertTrue(won.out().contains("nameStep " + bad + " (D_" + bad + " -> D_" + (bad + 1) + "): gas ") && m.find(), won.out());
            assertTrue(Long.parseLong(m.group(1)) < (1L << 24), won.out());
            assertEquals(4, d.ledger.records(h).send().component5().intValue(), "INVALIDATED");
            assertTrue(d.game.owed(c.account(2).getAddress()).send().signum() > 0, "the challenger is paid");

            // ---- an honest private owner (anvil:3); a liar (anvil:4) disputes and names one of its private steps ----
            Path honest = dir.resolve("honest");
            Path hs = dir.resolve("honest.secret");
            ok("chain", "hatch", "--key", "anvil:3", "--seed-core", "0x40e57", "--dataset", ds.toString(), "--new-secret", hs.toString(),
                    "--out", honest.toString(), "--chain", C);
            ok("train", "--beast", honest.toString(), "--windows", "2", "--dataset", ds.toString(), "--secret", hs.toString(), "--quiet");
            ok("chain", "submit", "--key", "anvil:3", "--beast", honest.toString(), "--chain", C);
            byte[] hh = BeastStore.open(honest).window(1).checkpointHash();
            ok("chain", "dispute", "--key", "anvil:4", "--beast", honest.toString(), "--window", "1", "--force", "--chain", C);
            CliTest.Result posted = ok("chain", "answer", "--key", "anvil:3", "--beast", honest.toString(), "--dataset", ds.toString(),
                    "--secret", hs.toString(), "--chain", C);
            assertTrue(posted.out().matches("(?s).*postDigests \\(128 step digests, S_owner, \\d+ bytes of used records\\): gas \\d+.*"), posted.out());
            int named = 2; // globalStep 130: a private step
            assertEquals(SampleSource.PRIVATE, SampleSource.forStep(Window.STEPS + named, true));
            c.tx(c.account(4), d.game, d.game.nameStep(hh, BigInteger.valueOf(named)));
            CliTest.Result opened = ok("chain", "answer", "--key", "anvil:3", "--beast", honest.toString(), "--dataset", ds.toString(),
                    "--secret", hs.toString(), "--chain", C);
            assertTrue(Pattern.compile("proveStep " + named + ": gas \\d+; outcome RESOLVED_VALID").matcher(opened.out()).find(), opened.out());
            assertEquals(1, d.ledger.records(hh).send().component5().intValue(), "PENDING again");
            assertTrue(d.game.owed(c.account(3).getAddress()).send().signum() > 0, "the honest owner gets the liar's bond");
        }
    }

    /** The honest replay's points of window {@code w} (with their states), as the owner's node computes them. */
    static List<StepDigest.Point> honestPoints(BeastStore store, long w, PrivateDataset ds, byte[] secret) {
        WindowRecord r = store.window(w);
        BeastState pre = store.getState(r.preStateHash());
        WindowInputs in = new WindowInputs(ContextCodec.decode(r.context()), RealBattlePool.defaultPool(SEASON), ds, PrivateSampling.fold(secret));
        List<StepDigest.Point> pts = new ArrayList<>();
        StepDigest.replay(pre, in, true, pts::add);
        return pts;
    }

    /** Commits to the store a window whose weights are nudged after micro-step {@code bad}; returns the digests it claims. */
    static List<byte[]> cheat(BeastStore store, int bad, PrivateDataset ds, byte[] secret) {
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
        WindowResult r = Window.run(st, new WindowInputs(ctx, pool, ds, PrivateSampling.fold(secret)), new MicroStep.Scratch(), rec -> {
            int i = (int) run[0]++;
            if (i == bad) st.w2[7] += 3;
            run[1] += rec.losses().total();
            run[2] += rec.energy() + (i == Window.GROWTH_STEP ? growth : 0);
            lineage[0] = new Keccak256().update(lineage[0]).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            claimed.add(io.chainbeasts.checkpoint.StepDigest.of(i + 1, st.hash(), lineage[0], run[1], run[2], ctxHash));
        });
        CheckpointPayload prev = store.window(h.windows() - 1).decodedPayload();
        store.commit(Trainer.record(store.identity(), h.windows(), preHash, ctx, r, prev, new byte[0]), st);
        return claimed;
    }

    private static CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }
}
