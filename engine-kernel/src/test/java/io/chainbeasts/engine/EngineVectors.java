package io.chainbeasts.engine;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.ActionKind;
import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SearchPolicy;
import io.chainbeasts.curriculum.Demonstration;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared recipes of the engine golden vectors ({@code spec/vectors/engine/*.json}): a pre-state is
 * "hatch(seedCore), then {@code windows} windows of the default plan" (public, or private with
 * {@link #privateDataset()} and {@link #SECRET}), so vectors stay small and every backend can
 * rebuild it and check its hash.
 */
public final class EngineVectors {
    private EngineVectors() {}

    public static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    public static final TrainingConstants TC = TrainingConstants.DEFAULT;
    /** The private vectors' S_owner: bytes 0x00..0x1f. */
    public static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < 32; i++) SECRET[i] = (byte) i;
    }

    private static RealBattlePool pool;
    private static InMemoryDataset dataset;

    public static synchronized RealBattlePool pool() {
        if (pool == null) pool = RealBattlePool.defaultPool(SEASON);
        return pool;
    }

    /**
     * 40 boards drawn from the generator under seed domain "PRIVVEC"; three in four carry a demonstration (the
     * depth-2 search's action there, with outcome "win"), except that boards 5, 13, 21, ... whose enemy is not
     * adjacent carry an ATTACK, which is not legal there and which the kernel must pass over to the teacher.
     */
    public static synchronized InMemoryDataset privateDataset() {
        if (dataset == null) {
            List<Board> boards = new ArrayList<>();
            List<Demonstration> demos = new ArrayList<>();
            SearchPolicy coach = new SearchPolicy();
            for (int i = 0; i < 40; i++) {
                SplitMix64 r = new SplitMix64(SplitMix64.hash(0x5052495656454300L ^ i));
                Board b = Sampler.place(r, io.chainbeasts.combat.Arena.generate(r.next(), SEASON).arena(), SEASON, i % 3 == 0);
                boards.add(b);
                boolean illegal = i % 8 == 5 && !io.chainbeasts.combat.Rules.isAdjacent(b.self(), b.enemy());
                demos.add(illegal ? new Demonstration(ActionKind.ATTACK, Dir.NONE, Demonstration.LOSS)
                        : i % 4 == 3 ? Demonstration.NONE : demonstration(coach, b));
            }
            dataset = new InMemoryDataset(boards, demos);
        }
        return dataset;
    }

    /** The action {@code coach} commits on a board, as a demonstration. */
    public static Demonstration demonstration(Policy coach, Board b) {
        BattleState st = b.asState();
        Fighter self = st.a().withStamina(io.chainbeasts.combat.Rules.staminaAtCommit(st.a(), SEASON));
        Action a = Appendage.commit(coach.decide(SEASON, b.arena(), st, 0), b.arena(), self, st.b(), SEASON);
        return new Demonstration(a.kind(), a.kind() == ActionKind.MOVE ? a.dir() : Dir.NONE, Demonstration.WIN);
    }

    public static WindowInputs inputs(BeastState s, byte[] root, boolean priv) {
        WindowContext ctx = TrainingPlan.context(s, SEASON, TC, root, priv ? privateDataset().commitment() : WindowContext.ZERO32, pool());
        return priv ? new WindowInputs(ctx, pool(), privateDataset(), PrivateSampling.fold(SECRET))
                : WindowInputs.publicWindow(ctx, pool());
    }

    /** Runs {@code windows} windows from hatch; returns the state and the h128 chain's last value (the checkpoint root stand-in). */
    public record Prepared(BeastState state, byte[] root) {}

    public static Prepared prepare(long seedCore, int windows, boolean priv) {
        BeastState s = Hatchery.hatch(seedCore);
        byte[] root = WindowContext.ZERO32;
        for (int w = 0; w < windows; w++) root = Window.run(s, inputs(s, root, priv)).h128();
        return new Prepared(s, root);
    }

    public static String hex(byte[] b) {
        return Hex.of(b);
    }
}
