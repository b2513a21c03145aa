package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.MicroStepVectors;
import io.chainbeasts.engine.Sampler;
import io.chainbeasts.engine.StepRecord;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real Java micro-steps with everything the one-step verifier reads and returns: Window.run's loop unrolled step by
 * step (the growth spurt before step 64, MicroStep.run, the running lineage, loss and ENERGY), checked at the end of
 * each window against Window.run itself, so the trace is the kernel's and not a re-implementation.
 */
final class StepTrace {
    /** One micro-step: the verifier's inputs and the Java results. */
    record Step(long seedCore, int window, int k, byte[] pre, byte[] ctx, byte[] lineage, long loss, long energy, byte[] witness,
                int source, int heads, byte[] post, byte[] postLineage, long postLoss, long postEnergy, byte[] board) {
        byte[] preDigest() {
            return digest(k, Keccak256.hash(pre), lineage, loss, energy, Keccak256.hash(ctx));
        }

        byte[] postDigest() {
            return digest(k + 1, Keccak256.hash(post), postLineage, postLoss, postEnergy, Keccak256.hash(ctx));
        }
    }

    private StepTrace() {}

    /** D_k ({@link MicroStepVectors#digest}, shared with the micro-step vectors). */
    static byte[] digest(int k, byte[] stateHash, byte[] lineage, long loss, long energy, byte[] contextHash) {
        return MicroStepVectors.digest(k, stateHash, lineage, loss, energy, contextHash);
    }


    /**
     * {@code windows} windows of a beast hatched from {@code seedCore} under {@code tc}; window w wakes slot
     * {@code growth[w]} (255: none). The checkpoint root of window w + 1 is derived from window w's h128.
     */
    static List<Step> run(long seedCore, int windows, TrainingConstants tc, SeasonConstants season, RealBattlePool pool, int[] growth) {
        return run(seedCore, windows, tc, season, pool, growth, null, null);
    }

    /**
     * As above for a private beast when {@code dataset} is given: its windows commit C_dataset, every step's witness
     * starts with S_owner || R_dataset and a private step's carries the drawn record with its path (PrivateWitness).
     */
    static List<Step> run(long seedCore, int windows, TrainingConstants tc, SeasonConstants season, RealBattlePool pool, int[] growth,
                          SampleDataset dataset, byte[] secret) {
        List<Step> out = new ArrayList<>();
        PrivateWitness.Records records = dataset == null ? null : PrivateWitness.of(dataset);
        long fold = dataset == null ? 0 : PrivateSampling.fold(secret);
        BeastState s = Hatchery.hatch(seedCore);
        byte[] root = new byte[32];
        MicroStep.Scratch scratch = new MicroStep.Scratch();
        for (int w = 0; w < windows; w++) {
            long epoch = (s.globalStep & 0xFFFFFFFFL) / tc.stepsPerEpoch();
            byte[] epochSeed = new CanonicalWriter(23).bytes("CBEPOCH".getBytes(java.nio.charset.StandardCharsets.UTF_8)).i64(seedCore).i64(epoch).keccak();
            WindowContext ctx = new WindowContext(season, tc, epochSeed, root, dataset == null ? WindowContext.ZERO32 : dataset.commitment(),
                    pool.commitment(), growth[w]);
            WindowInputs in = new WindowInputs(ctx, pool, dataset, fold);
            BeastState start = s.copy();
            byte[] ctxBytes = ctx.toBytes();
            byte[] lineage = new byte[32];
            long loss = 0;
            long energy = 0;
            for (int i = 0; i < Window.STEPS; i++) {
                byte[] pre = s.toBytes();
                int drawn = dataset != null && PrivateWitness.drawsPrivate(s) ? PrivateWitness.drawnIndex(s, fold, dataset.size()) : -1;
                byte[] preLineage = lineage;
                long preLoss = loss;
                long preEnergy = energy;
                if (i == Window.GROWTH_STEP && growth[w] != WindowContext.NO_GROWTH) {
                    s.activeMask |= 1 << growth[w];
                    energy += tc.growthSlotCost();
                    s.energyTotal += tc.growthSlotCost();
                }
                int drawIndex = Sampler.realBattleIndex(s.seedCore, s.globalStep, pool.size());
                StepRecord rec = MicroStep.run(s, in, scratch);
                energy += rec.energy();
                loss += rec.losses().total();
                lineage = new Keccak256().update(lineage).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
                byte[] witness = rec.source() == SampleSource.REAL_BATTLE ? pool.witness(drawIndex) : new byte[0];
                if (records != null) witness = concat(secret, records.root(), drawn >= 0 ? PrivateWitness.opening(records, drawn) : witness);
                out.add(new Step(seedCore, w, i, pre, ctxBytes, preLineage, preLoss, preEnergy, witness, rec.source(), rec.heads(),
                        s.toBytes(), lineage, loss, energy, rec.board().toBytes()));
            }
            s.prevWindowLoss = loss;
            WindowResult check = Window.run(start, in);
            if (!Arrays.equals(check.stateHash(), s.hash()) || !Arrays.equals(check.lineageHash(), lineage) || check.energyBurn() != energy) {
                throw new AssertionError("the unrolled window " + w + " of seed " + seedCore + " differs from Window.run");
            }
            root = Keccak256.hash(check.h128());
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    /** A stream of distinct seeds for tests (SplitMix64 of a base). */
    static long seed(long base, int i) {
        return SplitMix64.hash(base + i);
    }
}
