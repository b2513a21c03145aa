package io.chainbeasts.engine;

import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Outcome;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.TurnInput;
import io.chainbeasts.combat.TurnResolver;
import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.SplitMix64;
import io.chainbeasts.curriculum.BoardDraw;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TemplateRom;

/**
 * Draws the board of a micro-step from its source (SPEC.md "Sample sources"). Every draw is a pure
 * function of the state (seedCore, globalStep, weights for self-play) and the window inputs.
 */
public final class Sampler {
    private Sampler() {}

    static final long SELF_PLAY_DOMAIN = 0x53454C4650000000L; // "SELFP"
    static final long TEMPLATE_DOMAIN = 0x54454D504C000000L;  // "TEMPL"
    static final long REAL_DOMAIN = 0x5245414C00000000L;      // "REAL"
    /** Self-play plays 0..MAX_SELF_PLAY_TURNS-1 turns before taking the board. */
    public static final int SELF_PLAY_TURNS = 8;

    /** The stream of a step: {@code SplitMix64(hash(seedCore ^ hash(globalStep ^ domain)))}. */
    static SplitMix64 stepStream(long seedCore, int globalStep, long domain) {
        return new SplitMix64(SplitMix64.hash(seedCore ^ SplitMix64.hash((globalStep & 0xFFFFFFFFL) ^ domain)));
    }

    public static Board draw(int source, BeastState s, WindowInputs in, NetScratch scratch) {
        SeasonConstants season = in.context().season();
        switch (source) {
            case SampleSource.SELF_PLAY: return selfPlay(s, in, scratch);
            case SampleSource.TEMPLATE: {
                SplitMix64 r = stepStream(s.seedCore, s.globalStep, TEMPLATE_DOMAIN);
                Arena arena = season.arenaWidth() == TemplateRom.WIDTH && season.arenaHeight() == TemplateRom.HEIGHT
                        ? TemplateRom.get(TemplateRom.indexFor(WindowContext.fold64(in.context().epochSeed())))
                        : Arena.generate(r.next(), season).arena();
                return place(r, arena, season, r.nextInt(2) == 0);
            }
            case SampleSource.REAL_BATTLE: return in.pool().get(realBattleIndex(s.seedCore, s.globalStep, in.pool().size()));
            case SampleSource.PRIVATE: return in.dataset().get(privateIndex(s, in));
            default: throw new IllegalArgumentException("unknown sample source " + source);
        }
    }

    /** The pool board a real-battle step draws: {@code next() mod poolSize} of the step's REAL stream. */
    public static int realBattleIndex(long seedCore, int globalStep, int poolSize) {
        return (int) Fixed.remUnsigned(stepStream(seedCore, globalStep, REAL_DOMAIN).next(), poolSize);
    }

    /** The private dataset record a private step draws ({@link PrivateSampling#index}). */
    public static int privateIndex(BeastState s, WindowInputs in) {
        return PrivateSampling.index(s.seedCore, in.secretFold(), s.globalStep, in.dataset().size());
    }

    /**
     * Self-play (seed rules: a PRNG keyed by (genesis seed, checkpoint_root) drives the enemy): a
     * fresh arena from the game's generator, the beast and an enemy placed by {@link #place}, then
     * {@code nextInt(SELF_PLAY_TURNS)} turns where the beast's current net plays side A and the enemy plays
     * greedy on three turns in four and random outputs from the stream otherwise (kernel v2: the boards a beast
     * meets in a real fight, where the teacher's advice matters); the board after them, from the beast's side,
     * is the sample.
     */
    static Board selfPlay(BeastState s, WindowInputs in, NetScratch scratch) {
        SeasonConstants season = in.context().season();
        long key = s.seedCore ^ WindowContext.fold64(in.context().checkpointRoot());
        SplitMix64 r = new SplitMix64(SplitMix64.hash(key ^ SplitMix64.hash((s.globalStep & 0xFFFFFFFFL) ^ SELF_PLAY_DOMAIN)));
        Arena arena = Arena.generate(r.next(), season, scratch.reference ? null : scratch.paths).arena();
        boolean near = r.nextInt(4) != 0; // kernel v2: three boards in four at close range, where the decisions are
        Board start = place(r, arena, season, near);
        BattleState st = start.asState();
        int turns = r.nextInt(SELF_PLAY_TURNS);
        for (int t = 0; t < turns && !Outcome.of(st, season).over(); t++) {
            InputEncoder.encode(Board.of(arena, st, 0), season, scratch);
            if (scratch.reference) Net.forward(s, scratch);
            else FastNet.forward(s, scratch);
            int[] outA = Net.policyOutputs(scratch.out);
            int[] outB = new int[Appendage.OUTPUTS];
            for (int k = 0; k < 4; k++) outB[k] = r.nextInt(17) - 8;
            outB[4] = r.nextInt(16);
            outB[5] = r.nextInt(4) == 0 ? 1 : 0;
            if (r.nextInt(4) != 0) {
                outB = scratch.reference ? GreedyPolicy.outputs(season, arena, st.b(), st.a())
                        : GreedyPolicy.outputs(season, arena, st.b(), st.a(), scratch.paths);
            }
            long bits = r.next();
            TurnInput input = new TurnInput(outA, outB, (bits & 0xFF) < season.critPer256(),
                    ((bits >>> 8) & 0xFF) < season.critPer256(), ((bits >>> 16) & 1) == 1);
            st = scratch.reference ? TurnResolver.resolve(season, arena, st, input).post() : scratch.turns.resolve(season, arena, st, input).post();
        }
        return new Board(arena, st.a(), st.b(), st.turn());
    }

    /**
     * Places self and enemy (SPEC.md "Board draw"). With {@code near}, the enemy goes on a uniformly
     * drawn open cell at Manhattan distance 1 or 2 from self when there is one; then the turn, uniform in
     * 0..maxTurns-1 (kernel v2: the closing arena and the timeout are part of what a board teaches).
     */
    static Board place(SplitMix64 r, Arena arena, SeasonConstants season, boolean near) {
        int[] cells = BoardDraw.cells(r, arena);
        int w = arena.width();
        if (near) {
            int sx = cells[0] % w;
            int sy = cells[0] / w;
            int count = 0;
            int[] cand = new int[12];
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    int m = Math.abs(dx) + Math.abs(dy);
                    if (m < 1 || m > 2) continue;
                    if (!arena.inside(sx + dx, sy + dy) || !arena.passable(sx + dx, sy + dy)) continue;
                    cand[count++] = (sy + dy) * w + (sx + dx);
                }
            }
            if (count > 0) cells[1] = cand[r.nextInt(count)];
        }
        Fighter self = BoardDraw.fighter(r, cells[0], arena, season);
        Fighter enemy = BoardDraw.fighter(r, cells[1], arena, season);
        return new Board(arena, self, enemy, r.nextInt(season.maxTurns()));
    }
}
