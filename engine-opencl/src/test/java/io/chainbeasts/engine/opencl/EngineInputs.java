package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine golden vectors' input recipe (engine-kernel's test class EngineVectors, which is not in
 * a test-jar): default season and training constants, the default real-battle pool, and the
 * 40-board "PRIVVEC" dataset with S_owner = 0x00..0x1f, drawn with the same Sampler.place calls
 */
final class EngineInputs {
    private EngineInputs() {}

    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;
    static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < 32; i++) SECRET[i] = (byte) i;
    }

    private static RealBattlePool pool;
    private static InMemoryDataset dataset;

    static synchronized RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(SEASON);
        return pool;
    }

    static synchronized InMemoryDataset privateDataset() {
        if (dataset == null) {
            List<Board> boards = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SplitMix64 r = new SplitMix64(SplitMix64.hash(0x5052495656454300L ^ i));
                boards.add(io.chainbeasts.engine.SamplerAccess.place(r, Arena.generate(r.next(), SEASON).arena(), SEASON, i % 3 == 0));
            }
            dataset = new InMemoryDataset(boards);
        }
        return dataset;
    }

    static WindowInputs inputs(BeastState s, byte[] root, boolean priv) {
        WindowContext ctx = TrainingPlan.context(s, SEASON, TC, root, priv ? privateDataset().commitment() : WindowContext.ZERO32, pool());
        return priv ? new WindowInputs(ctx, pool(), privateDataset(), PrivateSampling.fold(SECRET))
                : WindowInputs.publicWindow(ctx, pool());
    }
}
