package io.chainbeasts.combat;

import io.chainbeasts.core.Fixed;

/**
 * The single source of truth for what is legal and what things cost. The appendage, the
 * resolver, the baseline policies and the label functions all ask here; nothing else decides.
 */
public final class Rules {
    private Rules() {}

    /** A creature with stamina 0 at the start of its turn is exhausted: it can only RECOVER. */
    public static boolean isExhausted(Fighter f) {
        return f.stamina() == 0;
    }

    public static boolean isAdjacent(Fighter p, Fighter q) {
        return Math.abs(p.x() - q.x()) + Math.abs(p.y() - q.y()) == 1;
    }

    public static boolean canMove(Fighter self) {
        return !isExhausted(self);
    }

    public static boolean canBlock(Fighter self) {
        return !isExhausted(self);
    }

    public static boolean canRest(Fighter self) {
        return !isExhausted(self);
    }

    public static boolean canRecover(Fighter self) {
        return isExhausted(self);
    }

    /** An attack may be committed only when adjacent (at commit time), not exhausted, and with an attack stat of 1 or more. */
    public static boolean canAttack(Fighter self, Fighter enemy) {
        return !isExhausted(self) && isAdjacent(self, enemy) && self.attack() >= 1;
    }

    /** The one legality check for a committed action. */
    public static boolean isLegal(Action action, Fighter self, Fighter enemy, SeasonConstants season) {
        switch (action.kind()) {
            case ActionKind.REST: return canRest(self);
            case ActionKind.MOVE: return canMove(self) && action.dir() >= 0 && action.dir() < Dir.COUNT;
            case ActionKind.ATTACK:
                return canAttack(self, enemy) && action.power() >= 1 && action.power() <= effectiveMaxPower(self, season);
            case ActionKind.BLOCK: return canBlock(self);
            case ActionKind.RECOVER: return canRecover(self);
            default: return false;
        }
    }

    /** Where a move from the fighter's cell lands, before collisions: MOVED, BUMP_EDGE or BUMP_WALL. */
    public static int moveTargetOutcome(Arena arena, Fighter self, int dir) {
        int nx = self.x() + Dir.DX[dir];
        int ny = self.y() + Dir.DY[dir];
        if (!arena.inside(nx, ny)) return MoveOutcome.BUMP_EDGE;
        if (arena.tile(nx, ny) == Tile.WALL) return MoveOutcome.BUMP_WALL;
        return MoveOutcome.MOVED;
    }

    /**
     * Whether a move in {@code dir} is worth committing (kernel v2): its target is inside the arena, not a wall
     * and not the enemy's current cell. Such a move still may be cancelled by a collision with the enemy's move.
     */
    public static boolean isOpenStep(Arena arena, Fighter self, Fighter enemy, int dir) {
        if (moveTargetOutcome(arena, self, dir) != MoveOutcome.MOVED) return false;
        return self.x() + Dir.DX[dir] != enemy.x() || self.y() + Dir.DY[dir] != enemy.y();
    }

    /**
     * Stamina a completed move costs (kernel v2): {@code disengageStaminaCost} when the mover was adjacent to
     * the enemy at commit (it steps out of reach or around), else 0. Dodging an attack by stepping away is then
     * a trade of stamina for HP, not free (SPEC.md "Disengaging").
     */
    public static int moveStaminaCost(boolean engagedAtCommit, SeasonConstants season) {
        return engagedAtCommit ? season.disengageStaminaCost() : 0;
    }

    /**
     * The closing arena (kernel v2: so two careful creatures cannot draw by never engaging): from turn
     * {@code closingTurn} on, the safe zone is the square of cells within Chebyshev radius
     * {@code r = max(0, R0 - (turn - closingTurn) / closingInterval)} of the arena's centre, with
     * {@code R0 = max(width, height) / 2} of the arena; -1 before closingTurn (no zone). In doubled coordinates the
     * centre is {@code (width - 1, height - 1)}, so even sizes need no fractions.
     */
    public static int safeRadius(int turn, Arena arena, SeasonConstants season) {
        if (turn < season.closingTurn()) return -1;
        int r0 = Math.max(arena.width(), arena.height()) / 2;
        return Math.max(0, r0 - (turn - season.closingTurn()) / season.closingInterval());
    }

    /** Whether a fighter stands outside the safe zone of radius {@code r} (never when r is -1). */
    public static boolean outsideSafeZone(Fighter f, int r, Arena arena) {
        if (r < 0) return false;
        int dx = Math.abs(2 * f.x() - (arena.width() - 1));
        int dy = Math.abs(2 * f.y() - (arena.height() - 1));
        return Math.max(dx, dy) > 2 * r + 1;
    }

    /**
     * Who survives a double knockout (kernel v2: so trading the last blows is decided by the HP lead, not a draw):
     * 0 when A's margin (its HP before the turn minus everything it lost in the turn, negative or 0) is larger,
     * 1 when B's is, -1 (a draw) when they are equal.
     */
    public static int doubleKnockoutWinner(int marginA, int marginB) {
        return marginA > marginB ? 0 : marginB > marginA ? 1 : -1;
    }

    /** The highest power this fighter can use: the season cap, lowered to its attack stat. */
    public static int effectiveMaxPower(Fighter self, SeasonConstants season) {
        return Math.min(season.maxPower(), self.attack());
    }

    /**
     * {@code floor(power * damageScale / (damageScale + defense + tempDef))}, times the crit
     * multiplier on a crit. The divisor is at least 1, so no guard is needed beyond the assertion.
     */
    public static int damage(int power, boolean crit, Fighter target, SeasonConstants season) {
        int divisor = season.damageScale() + target.defense() + target.tempDef();
        assert divisor > 0 : "damage divisor must be positive";
        int dmg = Fixed.div(power * season.damageScale(), divisor);
        return crit ? dmg * season.critMultiplier() : dmg;
    }

    public static int manhattan(Fighter p, Fighter q) {
        return Math.abs(p.x() - q.x()) + Math.abs(p.y() - q.y());
    }

    /**
     * The seed's block rule, {@code temp_def < enemy_atk * 0.8}, in integers: the enemy is within
     * two steps (it can be adjacent and striking next turn) and
     * {@code tempDef * 5 < enemy.attack * blockThreatScale * 4}. The enemy's attack stat is scaled
     * into defense points by the season's blockThreatScale.
     */
    public static boolean blockPays(Fighter self, Fighter enemy, SeasonConstants season) {
        return manhattan(self, enemy) <= 2
                && self.tempDef() * 5 < enemy.attack() * season.blockThreatScale() * 4;
    }

    /** Stamina after paying {@code cost}, saturating at 0 (8-bit clamp). */
    public static int payStamina(int stamina, int cost) {
        return Fixed.clamp(stamina - cost, 0, 255);
    }

    /** Stamina at action commit: after the start-of-turn payment for a tiring last action (SPEC.md "Stamina"). */
    public static int staminaAtCommit(Fighter f, SeasonConstants season) {
        return ActionKind.tires(f.lastAction()) ? payStamina(f.stamina(), season.actionStaminaCost()) : f.stamina();
    }
}
