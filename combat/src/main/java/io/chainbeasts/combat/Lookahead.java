package io.chainbeasts.combat;

/**
 * The teacher of kernel v2 (SPEC.md "Teacher"): a fixed-depth integer expectimax over the combat rules, seen from
 * side A of a battle state. Each of A's candidate actions is scored by the expected value of the position
 * {@code depth} turns later, with A choosing its best action again on every later turn, the enemy modelled as the greedy
 * baseline ({@link GreedyPolicy#outputs}), and chance taken over the crits and the initiative where they matter:
 * the initiative when both creatures step onto one cell (each side gets it with probability one half), a crit
 * as the expected extra damage of a landed attack ({@code critPer256 / 256} of {@code critMultiplier - 1} times
 * its damage, in value units) rather than a branch, which keeps a label at about fifty turn resolutions.
 *
 * <p>Everything is integer and deterministic: probabilities are in 1/256, an expectation is
 * {@code floor(sum(w * v) / 256)}, and ties keep the first candidate in {@link #ORDER}. The OpenCL twin is in {@code combat.cl} ({@code lookahead_*}); both are checked against each
 * other per micro-step.
 *
 * <p>Leaf value (A's view): a decided battle is {@code +WIN} / {@code -WIN} / 0, plus the turns left on a win
 * so quicker wins score higher; otherwise {@code HP_WEIGHT * (hpA - hpB) + STAMINA_WEIGHT * (staminaA - staminaB)
 * + TEMP_DEF_WEIGHT * (tempDefA - tempDefB) - DISTANCE_WEIGHT * pathDistance - MANHATTAN_WEIGHT * manhattan}, with stamina counted after any
 * start-of-turn payment still due.
 */
public final class Lookahead {
    /** Path distances to each goal cell of the current arena, filled on first use ({@link PathFinder#distancesTo}). */
    private final int[][] distTo;
    private final boolean[] known;
    private final int[] queue;
    /** Scratch of the greedy enemy's early-exit path search. */
    private final int[] greedyDist;
    private final int depth;
    /** The bitboard search the optimised teacher fills the distances and moves the enemy with (null: the reference searches above). */
    private final PathBits paths;
    /** The optimised teacher's turn resolver (null: the reference {@link TurnResolver}). */
    private final FastTurnResolver turns;
    private Arena arena;

    /** The largest arena (in cells) this search has room for. */
    public int cells() {
        return distTo.length;
    }

    /** A search of {@code depth} decisions of A for arenas of up to {@code cells} cells (its distance cache is reused across calls). */
    public Lookahead(int cells, int depth) {
        this(cells, depth, null);
    }

    /**
     * The same search with its path distances and the greedy enemy's steps from {@code paths} ({@link PathBits}, the
     * optimised twin of the full and early-exit searches) and its turns from a {@link FastTurnResolver} (the same
     * values, held equal by LookaheadTwinTest), or the reference searches and resolver when null.
     */
    public Lookahead(int cells, int depth, PathBits paths) {
        if (depth < 1) throw new IllegalArgumentException("search depth " + depth + " is below 1");
        this.depth = depth;
        this.paths = paths;
        this.turns = paths == null ? null : new FastTurnResolver();
        distTo = new int[cells][];
        known = new boolean[cells];
        queue = new int[cells];
        greedyDist = new int[cells];
    }

    /** Candidate indices: the four moves (a {@link Dir}), then rest, attack and block. */
    public static final int REST = 4;
    public static final int ATTACK = 5;
    public static final int BLOCK = 6;
    public static final int CANDIDATES = 7;
    /** The order candidates are tried in; a later candidate must score strictly higher to be chosen. */
    static final int[] ORDER = {ATTACK, BLOCK, Dir.N, Dir.S, Dir.E, Dir.W, REST};

    /** A candidate that is not legal here. */
    public static final long ILLEGAL = Long.MIN_VALUE;

    /** The teacher's depth: one decision of A against greedy's reply, then the evaluation (see SPEC.md "Teacher"). */
    public static final int TEACHER_DEPTH = 1;
    /** The {@code search} baseline's depth. */
    public static final int PLAYER_DEPTH = 2;
    public static final long WIN = 1L << 20;
    public static final int HP_WEIGHT = 64;
    public static final int STAMINA_WEIGHT = 8;
    public static final int TEMP_DEF_WEIGHT = 0;
    public static final int DISTANCE_WEIGHT = 4;
    /** Breaks ties between equally long paths toward the straighter one (as A*'s lower-h tie-break does). */
    public static final int MANHATTAN_WEIGHT = 1;
    /** The path distance counted for an enemy that cannot be reached. */
    public static final int UNREACHABLE_DISTANCE = 64;

    /** Probabilities are in 1/256. */
    static final int PROBABILITY_SHIFT = 8;
    static final int ONE = 1 << PROBABILITY_SHIFT;
    static final int HALF = ONE / 2;

    /**
     * Scores every candidate of side A in {@code state} into {@code values} (length {@link #CANDIDATES};
     * {@link #ILLEGAL} where not legal) and returns the best candidate, or -1 when there is nothing to choose: the
     * battle is over, or A is exhausted (RECOVER is its only action).
     */
    public int search(SeasonConstants season, Arena arena, BattleState state, long[] values) {
        if (arena.width() * arena.height() > distTo.length) {
            throw new IllegalArgumentException("arena of " + arena.width() * arena.height() + " cells, the search has room for " + distTo.length);
        }
        if (this.arena != arena) {
            this.arena = arena;
            java.util.Arrays.fill(known, false);
        }
        Fighter self = TurnResolver.startOfTurn(state.a(), season);
        if (Outcome.of(state, season).over() || Rules.isExhausted(self)) {
            for (int c = 0; c < CANDIDATES; c++) values[c] = ILLEGAL;
            return -1;
        }
        int[] enemyOut = enemyOutputs(season, arena, state);
        for (int c = 0; c < CANDIDATES; c++) {
            values[c] = isLegal(c, arena, self, state.b()) ? expectation(season, arena, state, c, enemyOut, depth - 1) : ILLEGAL;
        }
        return best(values);
    }

    /** The first candidate in {@link #ORDER} with the highest value (-1 when none is legal). */
    public static int best(long[] values) {
        int best = -1;
        for (int c : ORDER) {
            if (values[c] != ILLEGAL && (best == -1 || values[c] > values[best])) best = c;
        }
        return best;
    }

    /** The six policy outputs that commit candidate {@code c} through the {@link Appendage}. */
    public static int[] outputs(int c) {
        int[] out = new int[Appendage.OUTPUTS];
        if (c == ATTACK) out[Appendage.OUT_POWER] = 1;
        else if (c == BLOCK) out[Appendage.OUT_BLOCK] = 1;
        else if (c != REST) out[c] = 1;
        return out;
    }

    static boolean isLegal(int c, Arena arena, Fighter self, Fighter enemy) {
        if (c == ATTACK) return Rules.canAttack(self, enemy);
        if (c == BLOCK) return Rules.canBlock(self);
        if (c == REST) return Rules.canRest(self);
        return Rules.canMove(self) && Rules.isOpenStep(arena, self, enemy, c);
    }

    /**
     * Expected value of A committing candidate {@code c} against the enemy's outputs, {@code plies} decisions of A
     * left after it. The turn resolves without crits; a landed attack's crit counts as its expected extra damage
     * ({@link #critBonus}); a contested cell is taken by either side with probability one half.
     */
    long expectation(SeasonConstants season, Arena arena, BattleState pre, int c, int[] enemyOut, int plies) {
        int[] out = outputs(c);
        boolean contested = contested(season, arena, pre, out, enemyOut);
        long sum = 0;
        for (int init = 0; init <= (contested ? 1 : 0); init++) {
            BattleState post;
            int damageByA;
            int damageByB;
            if (turns == null) {
                TurnResolver.TurnResult r = TurnResolver.resolve(season, arena, pre, new TurnInput(out, enemyOut, false, false, init == 1));
                post = r.post();
                damageByA = r.a().damage();
                damageByB = r.b().damage();
            } else { // read before value() reuses the resolver one level down
                post = turns.resolve(season, arena, pre, out, enemyOut, false, false, init == 1).post();
                damageByA = turns.damageA();
                damageByB = turns.damageB();
            }
            long v = value(season, arena, post, plies) + critBonus(damageByA, damageByB, season);
            sum += (contested ? HALF : ONE) * v;
        }
        return sum >> PROBABILITY_SHIFT;
    }

    /** A's expected gain from crits on this turn's landed attacks: {@code HP_WEIGHT * extra damage * P(crit)}, floored. */
    static long critBonus(int damageByA, int damageByB, SeasonConstants season) {
        return ((long) HP_WEIGHT * (damageByA - damageByB) * (season.critMultiplier() - 1) * season.critPer256()) >> PROBABILITY_SHIFT;
    }

    /** Value of a position for A with {@code plies} decisions of A still to search. */
    long value(SeasonConstants season, Arena arena, BattleState s, int plies) {
        Outcome o = Outcome.of(s, season);
        if (o.over()) return terminal(o, s, season);
        if (plies == 0) return evaluate(season, s);
        Fighter self = TurnResolver.startOfTurn(s.a(), season);
        int[] enemyOut = enemyOutputs(season, arena, s);
        if (Rules.isExhausted(self)) return expectation(season, arena, s, REST, enemyOut, plies - 1); // RECOVER
        long best = ILLEGAL;
        for (int c : ORDER) {
            if (!isLegal(c, arena, self, s.b())) continue;
            long v = expectation(season, arena, s, c, enemyOut, plies - 1);
            if (v > best) best = v;
        }
        return best;
    }

    static long terminal(Outcome o, BattleState s, SeasonConstants season) {
        if (o.winner() == Outcome.A_WINS) return WIN + (season.maxTurns() - s.turn());
        if (o.winner() == Outcome.B_WINS) return -WIN - (season.maxTurns() - s.turn());
        return 0;
    }

    long evaluate(SeasonConstants season, BattleState s) {
        int distance = pathDistance(s.a(), s.b());
        Fighter a = s.a();
        Fighter b = s.b();
        return (long) HP_WEIGHT * (a.hp() - b.hp())
                + (long) STAMINA_WEIGHT * (Rules.staminaAtCommit(a, season) - Rules.staminaAtCommit(b, season))
                + (long) TEMP_DEF_WEIGHT * (a.tempDef() - b.tempDef())
                - (long) DISTANCE_WEIGHT * distance
                - (long) MANHATTAN_WEIGHT * Rules.manhattan(a, b);
    }

    /** The enemy's move: greedy's outputs for B facing A. */
    private int[] enemyOutputs(SeasonConstants season, Arena arena, BattleState s) {
        return paths == null ? GreedyPolicy.outputs(season, arena, s.b(), s.a(), greedyDist, queue)
                : GreedyPolicy.outputs(season, arena, s.b(), s.a(), paths);
    }

    /** Path distance between two fighters on the current arena ({@link #UNREACHABLE_DISTANCE} when cut off). */
    int pathDistance(Fighter from, Fighter to) {
        int w = arena.width();
        int goal = to.y() * w + to.x();
        if (!known[goal]) {
            if (distTo[goal] == null) distTo[goal] = new int[distTo.length];
            if (paths == null) PathFinder.distancesTo(arena, to.x(), to.y(), distTo[goal], queue);
            else paths.distancesTo(arena, to.x(), to.y(), distTo[goal]);
            known[goal] = true;
        }
        int d = distTo[goal][from.y() * w + from.x()];
        return d == PathFinder.UNREACHABLE ? UNREACHABLE_DISTANCE : d;
    }

    /** Both creatures commit a move onto the same open cell: the initiative decides who gets it. */
    static boolean contested(SeasonConstants season, Arena arena, BattleState pre, int[] outA, int[] outB) {
        Fighter a = TurnResolver.startOfTurn(pre.a(), season);
        Fighter b = TurnResolver.startOfTurn(pre.b(), season);
        Action actA = Appendage.commit(outA, arena, a, b, season);
        Action actB = Appendage.commit(outB, arena, b, a, season);
        if (actA.kind() != ActionKind.MOVE || actB.kind() != ActionKind.MOVE) return false;
        return a.x() + Dir.DX[actA.dir()] == b.x() + Dir.DX[actB.dir()]
                && a.y() + Dir.DY[actA.dir()] == b.y() + Dir.DY[actB.dir()];
    }

}
