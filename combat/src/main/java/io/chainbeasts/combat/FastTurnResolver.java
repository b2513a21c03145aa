package io.chainbeasts.combat;

import io.chainbeasts.core.Fixed;

/**
 * The optimised twin of {@link TurnResolver}: the same turn, phase by phase and bit for bit, computed on int fields
 * of this (reusable, single-threaded) object instead of a {@link Fighter}, {@link Action}, {@link SideReport} and
 * {@link Outcome} per step of the rules; nothing is allocated until a caller asks for the post-state or the reports.
 * {@code TurnResolverTwinTest} holds it to {@link TurnResolver} on random states, outputs and turn bits, including
 * what it refuses. {@link TurnResolver} stays the readable reference (and the OpenCL and Solidity twins' model); the
 * optimised kernel's teacher, self-play and battles run this one.
 *
 * <p>Each private helper mirrors the {@link Rules} function of the same name on plain coordinates and stats.
 */
public final class FastTurnResolver {
    // the post-state, after resolve: side A's fields, then side B's
    private int ax, ay, aHp, aStamina, aAttack, aDefense, aTempDef;
    private int bx, by, bHp, bStamina, bAttack, bDefense, bTempDef;
    private int turn;
    // the reports
    private int kindA, dirA, powerA, moveA, damageA;
    private int kindB, dirB, powerB, moveB, damageB;
    private boolean hitA, hitB;

    /**
     * Resolves one turn of {@code pre} ({@link TurnResolver#resolve} with {@code new TurnInput(outA, outB, critA,
     * critB, initiativeB)}), refusing the same states with the same messages; read the result with {@link #post},
     * {@link #damageA}, {@link #damageB}, {@link #result}.
     */
    public FastTurnResolver resolve(SeasonConstants season, Arena arena, BattleState pre, int[] outA, int[] outB, boolean critA,
            boolean critB, boolean initiativeB) {
        pre.validate(arena, season);
        Fighter a = pre.a();
        Fighter b = pre.b();
        if (a.hp() == 0 || b.hp() == 0 || pre.turn() >= season.maxTurns()) {
            throw new InvalidStateException("battle is over at turn " + pre.turn() + " (" + Outcome.of(pre, season) + "): no further turns");
        }
        if (outA.length != Appendage.OUTPUTS) throw new InvalidStateException("policy gave " + outA.length + " outputs, expected " + Appendage.OUTPUTS);

        // 1. Start of turn.
        int sa = staminaAtCommit(a.stamina(), a.lastAction(), season);
        int sb = staminaAtCommit(b.stamina(), b.lastAction(), season);
        int xa = a.x(), ya = a.y(), xb = b.x(), yb = b.y();

        // 2. Action commit (Appendage.choose; B's check of its outputs comes after A's choice, as in the reference).
        choose(outA, arena, xa, ya, sa, a.attack(), xb, yb, season, true);
        if (outB.length != Appendage.OUTPUTS) throw new InvalidStateException("policy gave " + outB.length + " outputs, expected " + Appendage.OUTPUTS);
        choose(outB, arena, xb, yb, sb, b.attack(), xa, ya, season, false);

        // 3. Movement.
        boolean engaged = isAdjacent(xa, ya, xb, yb);
        int mA = kindA == ActionKind.MOVE ? moveTargetOutcome(arena, xa, ya, dirA) : MoveOutcome.NONE;
        int mB = kindB == ActionKind.MOVE ? moveTargetOutcome(arena, xb, yb, dirB) : MoveOutcome.NONE;
        int nax = xa + (mA == MoveOutcome.MOVED ? Dir.DX[dirA] : 0);
        int nay = ya + (mA == MoveOutcome.MOVED ? Dir.DY[dirA] : 0);
        int nbx = xb + (mB == MoveOutcome.MOVED ? Dir.DX[dirB] : 0);
        int nby = yb + (mB == MoveOutcome.MOVED ? Dir.DY[dirB] : 0);
        boolean sameTarget = mA == MoveOutcome.MOVED && mB == MoveOutcome.MOVED && nax == nbx && nay == nby;
        if (mA == MoveOutcome.MOVED && ((sameTarget && initiativeB) || (nax == xb && nay == yb))) mA = MoveOutcome.COLLIDED;
        if (mB == MoveOutcome.MOVED && ((sameTarget && !initiativeB) || (nbx == xa && nby == ya))) mB = MoveOutcome.COLLIDED;
        moveA = mA;
        moveB = mB;
        if (mA == MoveOutcome.MOVED) {
            xa = nax;
            ya = nay;
            sa = payStamina(sa, engaged ? season.disengageStaminaCost() : 0);
            if (arena.tile(xa, ya) == Tile.HAZARD) sa = payStamina(sa, season.hazardStaminaCost());
        }
        if (mB == MoveOutcome.MOVED) {
            xb = nbx;
            yb = nby;
            sb = payStamina(sb, engaged ? season.disengageStaminaCost() : 0);
            if (arena.tile(xb, yb) == Tile.HAZARD) sb = payStamina(sb, season.hazardStaminaCost());
        }

        // 4. Guard.
        int ta = a.tempDef();
        int tb = b.tempDef();
        if (ActionKind.guards(kindA)) ta = Math.min(ta + season.blockBonus(), season.blockCap());
        if (ActionKind.guards(kindB)) tb = Math.min(tb + season.blockBonus(), season.blockCap());

        // 5. Attack (both computed before either is applied).
        boolean adjacent = isAdjacent(xa, ya, xb, yb);
        hitA = kindA == ActionKind.ATTACK && adjacent;
        hitB = kindB == ActionKind.ATTACK && adjacent;
        int dmgA = hitA ? damage(powerA, critA, b.defense(), tb, season) : 0;
        int dmgB = hitB ? damage(powerB, critB, a.defense(), ta, season) : 0;
        damageA = dmgA;
        damageB = dmgB;
        int ha = a.hp();
        int hb = b.hp();
        if (hitB) {
            ha = Math.max(0, ha - dmgB);
            ta = 0;
        }
        if (hitA) {
            hb = Math.max(0, hb - dmgA);
            tb = 0;
        }

        // 6. Recovery.
        if (kindA == ActionKind.RECOVER) sa = season.recoverStamina();
        if (kindB == ActionKind.RECOVER) sb = season.recoverStamina();

        // 7. The arena closes.
        int radius = Rules.safeRadius(pre.turn(), arena, season);
        int closingA = outsideSafeZone(xa, ya, radius, arena) ? season.closingDamage() : 0;
        int closingB = outsideSafeZone(xb, yb, radius, arena) ? season.closingDamage() : 0;
        ha = Math.max(0, ha - closingA);
        hb = Math.max(0, hb - closingB);

        // 8. A double knockout.
        if (ha == 0 && hb == 0) {
            int spare = Rules.doubleKnockoutWinner(a.hp() - dmgB - closingA, b.hp() - dmgA - closingB);
            if (spare == 0) ha = 1;
            if (spare == 1) hb = 1;
        }

        // 9. Bookkeeping (lastAction is the kind, written by post()).
        this.ax = xa;
        this.ay = ya;
        this.aHp = ha;
        this.aStamina = sa;
        this.aAttack = a.attack();
        this.aDefense = a.defense();
        this.aTempDef = ta;
        this.bx = xb;
        this.by = yb;
        this.bHp = hb;
        this.bStamina = sb;
        this.bAttack = b.attack();
        this.bDefense = b.defense();
        this.bTempDef = tb;
        this.turn = pre.turn() + 1;
        assert turn <= season.maxTurns();
        return this;
    }

    /** {@link #resolve} with the bits of a {@link TurnInput}. */
    public FastTurnResolver resolve(SeasonConstants season, Arena arena, BattleState pre, TurnInput in) {
        return resolve(season, arena, pre, in.outA(), in.outB(), in.critA(), in.critB(), in.initiativeB());
    }

    /** The state after the turn. */
    public BattleState post() {
        return new BattleState(turn,
                new Fighter(ax, ay, aHp, aStamina, aAttack, aDefense, aTempDef, kindA),
                new Fighter(bx, by, bHp, bStamina, bAttack, bDefense, bTempDef, kindB));
    }

    /** Damage side A dealt this turn (0 without a hit). */
    public int damageA() {
        return damageA;
    }

    /** Damage side B dealt this turn. */
    public int damageB() {
        return damageB;
    }

    /** What {@link TurnResolver#resolve} returns for the same turn. */
    public TurnResolver.TurnResult result() {
        return new TurnResolver.TurnResult(post(), new SideReport(action(kindA, dirA, powerA), moveA, hitA, damageA),
                new SideReport(action(kindB, dirB, powerB), moveB, hitB, damageB));
    }

    private static Action action(int kind, int dir, int power) {
        switch (kind) {
            case ActionKind.REST: return Action.REST;
            case ActionKind.BLOCK: return Action.BLOCK;
            case ActionKind.RECOVER: return Action.RECOVER;
            default: return new Action(kind, dir, power);
        }
    }

    /** {@link Appendage#choose} into side A's or B's action fields. */
    private void choose(int[] out, Arena arena, int x, int y, int stamina, int attack, int ex, int ey, SeasonConstants season, boolean sideA) {
        int kind;
        int dir = Dir.NONE;
        int power = 0;
        if (stamina == 0) {
            kind = ActionKind.RECOVER;
        } else if (isAdjacent(x, y, ex, ey) && attack >= 1 && out[Appendage.OUT_POWER] > 0) {
            kind = ActionKind.ATTACK;
            power = Math.min(season.maxPower(), attack);
        } else if (out[Appendage.OUT_BLOCK] > 0) {
            kind = ActionKind.BLOCK;
        } else {
            int best = Dir.NONE;
            for (int d = 0; d < Dir.COUNT; d++) {
                if (isOpenStep(arena, x, y, ex, ey, d) && (best == Dir.NONE || out[d] > out[best])) best = d;
            }
            if (best != Dir.NONE && out[best] > 0) {
                kind = ActionKind.MOVE;
                dir = best;
            } else {
                kind = ActionKind.REST;
            }
        }
        if (sideA) {
            kindA = kind;
            dirA = dir;
            powerA = power;
        } else {
            kindB = kind;
            dirB = dir;
            powerB = power;
        }
    }

    private static boolean isAdjacent(int px, int py, int qx, int qy) {
        return Math.abs(px - qx) + Math.abs(py - qy) == 1;
    }

    private static int moveTargetOutcome(Arena arena, int x, int y, int dir) {
        int nx = x + Dir.DX[dir];
        int ny = y + Dir.DY[dir];
        if (!arena.inside(nx, ny)) return MoveOutcome.BUMP_EDGE;
        if (arena.tile(nx, ny) == Tile.WALL) return MoveOutcome.BUMP_WALL;
        return MoveOutcome.MOVED;
    }

    private static boolean isOpenStep(Arena arena, int x, int y, int ex, int ey, int dir) {
        if (moveTargetOutcome(arena, x, y, dir) != MoveOutcome.MOVED) return false;
        return x + Dir.DX[dir] != ex || y + Dir.DY[dir] != ey;
    }

    private static int payStamina(int stamina, int cost) {
        return Fixed.clamp(stamina - cost, 0, 255);
    }

    private static int staminaAtCommit(int stamina, int lastAction, SeasonConstants season) {
        return ActionKind.tires(lastAction) ? payStamina(stamina, season.actionStaminaCost()) : stamina;
    }

    private static int damage(int power, boolean crit, int defense, int tempDef, SeasonConstants season) {
        int divisor = season.damageScale() + defense + tempDef;
        assert divisor > 0 : "damage divisor must be positive";
        int dmg = Fixed.div(power * season.damageScale(), divisor);
        return crit ? dmg * season.critMultiplier() : dmg;
    }

    private static boolean outsideSafeZone(int x, int y, int r, Arena arena) {
        if (r < 0) return false;
        int dx = Math.abs(2 * x - (arena.width() - 1));
        int dy = Math.abs(2 * y - (arena.height() - 1));
        return Math.max(dx, dy) > 2 * r + 1;
    }
}
