package io.chainbeasts.combat;

/**
 * Resolves one turn: a pure function of (season, arena, pre-state, input). Both creatures act
 * simultaneously; the phases run in this fixed order (SPEC.md "Turn resolution"):
 * <ol>
 *   <li>start of turn: a creature whose last action was ATTACK or BLOCK pays actionStaminaCost;</li>
 *   <li>action commit through the {@link Appendage} (stamina 0 means RECOVER only);</li>
 *   <li>movement, simultaneous: edges and walls cancel a move; a move onto the other creature's
 *       current cell is cancelled; when both move onto one cell the side holding the turn's
 *       initiative gets it and the other is cancelled; a move made while adjacent to the enemy costs
 *       disengageStaminaCost, then entering a HAZARD costs hazardStaminaCost;</li>
 *   <li>guard: BLOCK and RECOVER add blockBonus to tempDef, capped at blockCap;</li>
 *   <li>attack, simultaneous: an attack committed while adjacent hits if still adjacent after
 *       movement; damage from the pre-attack tempDef; a hit resets the target's tempDef to 0;</li>
 *   <li>recovery: RECOVER sets stamina to recoverStamina;</li>
 *   <li>the arena closes: from closingTurn, a creature outside {@link Rules#safeRadius} loses closingDamage HP;</li>
 *   <li>a double knockout: when both creatures reach 0 HP, the one with the larger margin (its HP at the start
 *       of the turn minus all it lost in the turn) stands on 1 HP and wins; equal margins are a draw;</li>
 *   <li>bookkeeping: lastAction, turn + 1.</li>
 * </ol>
 */
public final class TurnResolver {
    private TurnResolver() {}

    public record TurnResult(BattleState post, SideReport a, SideReport b) {
        public SideReport side(int s) {
            return s == 0 ? a : b;
        }
    }

    public static TurnResult resolve(SeasonConstants season, Arena arena, BattleState pre, TurnInput in) {
        pre.validate(arena, season);
        Outcome before = Outcome.of(pre, season);
        if (before.over()) {
            throw new InvalidStateException("battle is over at turn " + pre.turn() + " (" + before + "): no further turns");
        }

        // 1. Start of turn.
        Fighter a = startOfTurn(pre.a(), season);
        Fighter b = startOfTurn(pre.b(), season);

        // 2. Action commit.
        Action actA = Appendage.commit(in.outA(), arena, a, b, season);
        Action actB = Appendage.commit(in.outB(), arena, b, a, season);

        // 3. Movement.
        boolean engaged = Rules.isAdjacent(a, b);
        int moveA = actA.kind() == ActionKind.MOVE ? Rules.moveTargetOutcome(arena, a, actA.dir()) : MoveOutcome.NONE;
        int moveB = actB.kind() == ActionKind.MOVE ? Rules.moveTargetOutcome(arena, b, actB.dir()) : MoveOutcome.NONE;
        int ax = a.x() + (moveA == MoveOutcome.MOVED ? Dir.DX[actA.dir()] : 0);
        int ay = a.y() + (moveA == MoveOutcome.MOVED ? Dir.DY[actA.dir()] : 0);
        int bx = b.x() + (moveB == MoveOutcome.MOVED ? Dir.DX[actB.dir()] : 0);
        int by = b.y() + (moveB == MoveOutcome.MOVED ? Dir.DY[actB.dir()] : 0);
        boolean sameTarget = moveA == MoveOutcome.MOVED && moveB == MoveOutcome.MOVED && ax == bx && ay == by;
        if (moveA == MoveOutcome.MOVED && ((sameTarget && in.initiativeB()) || (ax == b.x() && ay == b.y()))) {
            moveA = MoveOutcome.COLLIDED;
        }
        if (moveB == MoveOutcome.MOVED && ((sameTarget && !in.initiativeB()) || (bx == a.x() && by == a.y()))) {
            moveB = MoveOutcome.COLLIDED;
        }
        a = applyMove(arena, a, actA, moveA, engaged, season);
        b = applyMove(arena, b, actB, moveB, engaged, season);

        // 4. Guard.
        a = guard(a, actA, season);
        b = guard(b, actB, season);

        // 5. Attack (both computed before either is applied).
        boolean adjacent = Rules.isAdjacent(a, b);
        boolean hitA = actA.kind() == ActionKind.ATTACK && adjacent;
        boolean hitB = actB.kind() == ActionKind.ATTACK && adjacent;
        int dmgA = hitA ? Rules.damage(actA.power(), in.critA(), b, season) : 0;
        int dmgB = hitB ? Rules.damage(actB.power(), in.critB(), a, season) : 0;
        if (hitB) a = a.withHp(Math.max(0, a.hp() - dmgB)).withTempDef(0);
        if (hitA) b = b.withHp(Math.max(0, b.hp() - dmgA)).withTempDef(0);

        // 6. Recovery.
        if (actA.kind() == ActionKind.RECOVER) a = a.withStamina(season.recoverStamina());
        if (actB.kind() == ActionKind.RECOVER) b = b.withStamina(season.recoverStamina());

        // 7. The arena closes: a creature outside the safe zone loses closingDamage HP.
        int radius = Rules.safeRadius(pre.turn(), arena, season);
        int closingA = Rules.outsideSafeZone(a, radius, arena) ? season.closingDamage() : 0;
        int closingB = Rules.outsideSafeZone(b, radius, arena) ? season.closingDamage() : 0;
        a = a.withHp(Math.max(0, a.hp() - closingA));
        b = b.withHp(Math.max(0, b.hp() - closingB));

        // 8. A double knockout goes to the creature with more HP to spare: it stands on 1 HP.
        if (a.hp() == 0 && b.hp() == 0) {
            int spare = Rules.doubleKnockoutWinner(pre.a().hp() - dmgB - closingA, pre.b().hp() - dmgA - closingB);
            if (spare == 0) a = a.withHp(1);
            if (spare == 1) b = b.withHp(1);
        }

        // 9. Bookkeeping.
        a = a.withLastAction(actA.kind());
        b = b.withLastAction(actB.kind());
        BattleState post = new BattleState(pre.turn() + 1, a, b);
        assert post.turn() <= season.maxTurns();
        return new TurnResult(post, new SideReport(actA, moveA, hitA, dmgA), new SideReport(actB, moveB, hitB, dmgB));
    }

    static Fighter startOfTurn(Fighter f, SeasonConstants season) {
        return f.withStamina(Rules.staminaAtCommit(f, season));
    }

    private static Fighter applyMove(Arena arena, Fighter f, Action act, int outcome, boolean engaged, SeasonConstants season) {
        if (outcome != MoveOutcome.MOVED) return f;
        Fighter moved = f.at(f.x() + Dir.DX[act.dir()], f.y() + Dir.DY[act.dir()]);
        moved = moved.withStamina(Rules.payStamina(moved.stamina(), Rules.moveStaminaCost(engaged, season)));
        if (arena.tile(moved.x(), moved.y()) == Tile.HAZARD) {
            moved = moved.withStamina(Rules.payStamina(moved.stamina(), season.hazardStaminaCost()));
        }
        return moved;
    }

    private static Fighter guard(Fighter f, Action act, SeasonConstants season) {
        if (!ActionKind.guards(act.kind())) return f;
        return f.withTempDef(Math.min(f.tempDef() + season.blockBonus(), season.blockCap()));
    }
}
