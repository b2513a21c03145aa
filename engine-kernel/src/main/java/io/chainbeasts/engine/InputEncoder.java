package io.chainbeasts.engine;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.PathBits;
import io.chainbeasts.combat.PathFinder;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.Tile;
import io.chainbeasts.core.Fixed;

/**
 * The board from the creature's point of view, as {@link #SIZE} Q16 inputs (SPEC.md "Net inputs").
 * Bits are 0 or 1.0 (65536); stats are fractions {@code floor(v * 65536 / max)}.
 * <pre>
 *  [  0.. 48]  wall view: 7x7 cells around self, row-major from (-3,-3); off-grid counts as wall
 *  [ 49.. 52]  hazard on the neighbour N, S, E, W
 *  [ 53.. 69]  enemy dx = ex - x, one-hot over -8..8 (clamped)
 *  [ 70.. 86]  enemy dy = ey - y, one-hot over -8..8 (clamped)
 *  [ 87.. 90]  dx > 0, dx < 0, dy > 0, dy < 0
 *  [ 91.. 94]  stepping N, S, E, W lowers the Manhattan distance to the enemy
 *  [ 95     ]  enemy adjacent (Manhattan 1)
 *  [ 96     ]  enemy within Manhattan 2
 *  [ 97..101]  self  hp/maxHp, stamina/maxStamina, attack/maxPower, min(defense,64)/64, tempDef/blockCap
 *  [102..106]  enemy hp/maxHp, stamina/maxStamina, attack/maxPower, min(defense,64)/64, tempDef/blockCap
 *  [107..122]  self  attack one-hot over 0..15 (clamped)
 *  [123..129]  self  tempDef / 16 one-hot over 0..6 (clamped)
 *  [130..145]  enemy attack one-hot over 0..15
 *  [146..152]  enemy tempDef / 16 one-hot over 0..6
 *  [153..157]  self  lastAction one-hot (REST, MOVE, ATTACK, BLOCK, RECOVER)           (kernel v2)
 *  [158..162]  enemy lastAction one-hot
 *  [163..170]  self  stamina at commit (after the start-of-turn payment) one-hot over 0..7 (clamped)
 *  [171..178]  enemy stamina at commit one-hot over 0..7
 *  [179..182]  the step N, S, E, W is open (not the edge, a wall or the enemy's cell)
 *  [183..184]  the damage of a full-power hit (no crit) self -> enemy, enemy -> self, as fractions of maxPower
 *  [185     ]  self's hit is at least the enemy's
 *  [186     ]  self's hit would knock the enemy out
 *  [187     ]  the enemy's hit would knock self out
 *  [188     ]  self has more HP
 *  [189..192]  the step N, S, E, W shortens the path to the enemy (BFS over passable cells, as A* measures it)
 *  [193     ]  turn / maxTurns
 *  [194..195]  self, enemy stand outside the closing arena's safe zone this turn ({@link Rules#safeRadius})
 *  [196..199]  the step N, S, E, W is open and ends inside the safe zone
 * </pre>
 * The damage features hand the net the comparison the teacher makes when it weighs a trade of hits against a
 * dodge: a product of stats and a division that a small ReLU net learns slowly from one-hot codes.
 * The one-hot codes give the small integer stats that the rules compare against thresholds
 * (damage, the block rule) one input per level, so a threshold is a set of weights, not a fine slope.
 */
public final class InputEncoder {
    private InputEncoder() {}

    public static final int VIEW_RADIUS = 3;
    public static final int VIEW = 2 * VIEW_RADIUS + 1;
    public static final int OFFSET_RANGE = 8;
    public static final int OFFSETS = 2 * OFFSET_RANGE + 1;

    public static final int WALL_VIEW = 0;
    public static final int HAZARD_NEIGHBOURS = WALL_VIEW + VIEW * VIEW;
    public static final int DX_ONE_HOT = HAZARD_NEIGHBOURS + 4;
    public static final int DY_ONE_HOT = DX_ONE_HOT + OFFSETS;
    public static final int SIGNS = DY_ONE_HOT + OFFSETS;
    public static final int CLOSER_STEPS = SIGNS + 4;
    public static final int ADJACENT = CLOSER_STEPS + 4;
    public static final int WITHIN_TWO = ADJACENT + 1;
    public static final int SELF_STATS = WITHIN_TWO + 1;
    public static final int ENEMY_STATS = SELF_STATS + 5;
    public static final int ATTACK_LEVELS = 16;
    public static final int TEMPDEF_LEVELS = 7;
    public static final int TEMPDEF_STEP = 16;
    public static final int SELF_LEVELS = ENEMY_STATS + 5;
    public static final int ENEMY_LEVELS = SELF_LEVELS + ATTACK_LEVELS + TEMPDEF_LEVELS;
    public static final int ACTION_KINDS = 5;
    public static final int STAMINA_LEVELS = 8;
    public static final int SELF_LAST_ACTION = ENEMY_LEVELS + ATTACK_LEVELS + TEMPDEF_LEVELS;
    public static final int ENEMY_LAST_ACTION = SELF_LAST_ACTION + ACTION_KINDS;
    public static final int SELF_STAMINA_LEVELS = ENEMY_LAST_ACTION + ACTION_KINDS;
    public static final int ENEMY_STAMINA_LEVELS = SELF_STAMINA_LEVELS + STAMINA_LEVELS;
    public static final int OPEN_STEPS = ENEMY_STAMINA_LEVELS + STAMINA_LEVELS;
    public static final int DAMAGE = OPEN_STEPS + Dir.COUNT;
    public static final int TRADES = DAMAGE + 2;
    public static final int PATH_STEPS = TRADES + 4;
    public static final int TURN = PATH_STEPS + Dir.COUNT;
    public static final int OUTSIDE_ZONE = TURN + 1;
    public static final int SAFE_STEPS = OUTSIDE_ZONE + 2;
    public static final int SIZE = SAFE_STEPS + Dir.COUNT;

    private static final int ONE = Fixed.ONE;
    private static final int DEFENSE_SCALE = 64;

    /**
     * Fills the scratch's inputs {@code t.x}: the reference kernel's scratch searches paths with its arrays (full BFS),
     * the optimised one with its {@link PathBits} (the same inputs either way).
     */
    public static void encode(Board b, SeasonConstants s, NetScratch t) {
        if (t.reference) encode(b, s, t.x, t.dist, t.queue, false);
        else encode(b, s, t.x, t.paths);
    }

    /** As {@link #encode(Board, SeasonConstants, int[], int[], int[], boolean)}, the path features from the bitboard search. */
    public static void encode(Board b, SeasonConstants s, int[] x, PathBits paths) {
        encode(b, s, x, null, null, false, paths);
    }

    /** Fills {@code x[0..SIZE)}, with its own path-search scratch (see the five-argument form). */
    public static void encode(Board b, SeasonConstants s, int[] x) {
        int n = b.arena().width() * b.arena().height();
        encode(b, s, x, new int[n], new int[n]);
    }

    /** Fills {@code x[0..SIZE)}; {@code dist} and {@code queue} are path-search scratch of the arena's cells each. */
    public static void encode(Board b, SeasonConstants s, int[] x, int[] dist, int[] queue) {
        encode(b, s, x, dist, queue, false);
    }

    /**
     * As the five-argument form; with {@code earlyExit} the path search from the enemy stops once it reaches self
     * ({@link PathFinder#distancesTo(Arena, int, int, int[], int[], int, int)}: every distance the path features
     * compare is then known).
     */
    public static void encode(Board b, SeasonConstants s, int[] x, int[] dist, int[] queue, boolean earlyExit) {
        encode(b, s, x, dist, queue, earlyExit, null);
    }

    /** The encoder; the path features from {@code paths} when it is not null, else from a search into dist and queue. */
    private static void encode(Board b, SeasonConstants s, int[] x, int[] dist, int[] queue, boolean earlyExit, PathBits paths) {
        Arena arena = b.arena();
        Fighter self = b.self();
        Fighter enemy = b.enemy();
        for (int i = 0; i < SIZE; i++) x[i] = 0;
        for (int oy = -VIEW_RADIUS; oy <= VIEW_RADIUS; oy++) {
            for (int ox = -VIEW_RADIUS; ox <= VIEW_RADIUS; ox++) {
                int cell = (oy + VIEW_RADIUS) * VIEW + (ox + VIEW_RADIUS);
                if (arena.tile(self.x() + ox, self.y() + oy) == Tile.WALL) x[WALL_VIEW + cell] = ONE;
            }
        }
        int dx = enemy.x() - self.x();
        int dy = enemy.y() - self.y();
        int manhattan = Math.abs(dx) + Math.abs(dy);
        for (int d = 0; d < Dir.COUNT; d++) {
            int nx = self.x() + Dir.DX[d];
            int ny = self.y() + Dir.DY[d];
            if (arena.tile(nx, ny) == Tile.HAZARD) x[HAZARD_NEIGHBOURS + d] = ONE;
            if (Math.abs(enemy.x() - nx) + Math.abs(enemy.y() - ny) < manhattan) x[CLOSER_STEPS + d] = ONE;
            if (Rules.isOpenStep(arena, self, enemy, d)) x[OPEN_STEPS + d] = ONE;
        }
        x[DX_ONE_HOT + Fixed.clamp(dx, -OFFSET_RANGE, OFFSET_RANGE) + OFFSET_RANGE] = ONE;
        x[DY_ONE_HOT + Fixed.clamp(dy, -OFFSET_RANGE, OFFSET_RANGE) + OFFSET_RANGE] = ONE;
        if (dx > 0) x[SIGNS] = ONE;
        if (dx < 0) x[SIGNS + 1] = ONE;
        if (dy > 0) x[SIGNS + 2] = ONE;
        if (dy < 0) x[SIGNS + 3] = ONE;
        if (manhattan == 1) x[ADJACENT] = ONE;
        if (manhattan <= 2) x[WITHIN_TWO] = ONE;
        stats(self, s, x, SELF_STATS);
        stats(enemy, s, x, ENEMY_STATS);
        levels(self, x, SELF_LEVELS);
        levels(enemy, x, ENEMY_LEVELS);
        x[SELF_LAST_ACTION + Math.min(self.lastAction(), ACTION_KINDS - 1)] = ONE;
        x[ENEMY_LAST_ACTION + Math.min(enemy.lastAction(), ACTION_KINDS - 1)] = ONE;
        x[SELF_STAMINA_LEVELS + Math.min(Rules.staminaAtCommit(self, s), STAMINA_LEVELS - 1)] = ONE;
        x[ENEMY_STAMINA_LEVELS + Math.min(Rules.staminaAtCommit(enemy, s), STAMINA_LEVELS - 1)] = ONE;
        int dealt = Rules.damage(Rules.effectiveMaxPower(self, s), false, enemy, s);
        int taken = Rules.damage(Rules.effectiveMaxPower(enemy, s), false, self, s);
        x[DAMAGE] = fraction(dealt, s.maxPower());
        x[DAMAGE + 1] = fraction(taken, s.maxPower());
        if (dealt >= taken) x[TRADES] = ONE;
        if (dealt >= enemy.hp()) x[TRADES + 1] = ONE;
        if (taken >= self.hp()) x[TRADES + 2] = ONE;
        if (self.hp() > enemy.hp()) x[TRADES + 3] = ONE;
        if (paths == null) pathSteps(arena, self, enemy, x, dist, queue, earlyExit);
        else pathSteps(self, enemy, x, arena, paths);
        x[TURN] = fraction(Math.min(b.turn(), s.maxTurns()), s.maxTurns());
        int radius = Rules.safeRadius(b.turn(), arena, s);
        if (Rules.outsideSafeZone(self, radius, arena)) x[OUTSIDE_ZONE] = ONE;
        if (Rules.outsideSafeZone(enemy, radius, arena)) x[OUTSIDE_ZONE + 1] = ONE;
        for (int d = 0; d < Dir.COUNT; d++) {
            if (Rules.isOpenStep(arena, self, enemy, d)
                    && !Rules.outsideSafeZone(self.at(self.x() + Dir.DX[d], self.y() + Dir.DY[d]), radius, arena)) {
                x[SAFE_STEPS + d] = ONE;
            }
        }
    }

    private static void pathSteps(Arena arena, Fighter self, Fighter enemy, int[] x, int[] dist, int[] queue, boolean earlyExit) {
        if (earlyExit) PathFinder.distancesTo(arena, enemy.x(), enemy.y(), dist, queue, self.x(), self.y());
        else PathFinder.distancesTo(arena, enemy.x(), enemy.y(), dist, queue);
        int here = dist[self.y() * arena.width() + self.x()];
        if (here == PathFinder.UNREACHABLE) return;
        for (int d = 0; d < Dir.COUNT; d++) {
            int nx = self.x() + Dir.DX[d];
            int ny = self.y() + Dir.DY[d];
            if (!arena.passable(nx, ny)) continue;
            int there = dist[ny * arena.width() + nx];
            if (there != PathFinder.UNREACHABLE && there < here) x[PATH_STEPS + d] = ONE;
        }
    }

    /** The same features from the bitboard search: the steps one closer to the enemy along a shortest path. */
    private static void pathSteps(Fighter self, Fighter enemy, int[] x, Arena arena, PathBits paths) {
        int closer = paths.closerSteps(arena, self.x(), self.y(), enemy.x(), enemy.y());
        for (int d = 0; d < Dir.COUNT; d++) if (((closer >>> d) & 1) != 0) x[PATH_STEPS + d] = ONE;
    }

    private static void levels(Fighter f, int[] x, int at) {
        x[at + Math.min(f.attack(), ATTACK_LEVELS - 1)] = ONE;
        x[at + ATTACK_LEVELS + Math.min(f.tempDef() / TEMPDEF_STEP, TEMPDEF_LEVELS - 1)] = ONE;
    }

    private static void stats(Fighter f, SeasonConstants s, int[] x, int at) {
        x[at] = fraction(f.hp(), s.maxHp());
        x[at + 1] = fraction(f.stamina(), s.maxStamina());
        x[at + 2] = fraction(f.attack(), s.maxPower());
        x[at + 3] = fraction(Math.min(f.defense(), DEFENSE_SCALE), DEFENSE_SCALE);
        x[at + 4] = fraction(f.tempDef(), s.blockCap());
    }

    /** {@code floor(v * 65536 / max)}; 0 when max is 0. */
    static int fraction(int v, int max) {
        return (int) Math.min(Integer.MAX_VALUE, max == 0 ? 0 : ((long) v << 16) / max);
    }
}
