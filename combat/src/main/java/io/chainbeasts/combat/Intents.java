package io.chainbeasts.combat;

/**
 * A player's chosen action as the policy outputs that ask for it, the action the rules would commit for those
 * outputs, and why they differ, in words: one place for {@code chainbeasts coach record} and the client's Coach
 * screen, so a human's refused choice reads the same in both.
 */
public final class Intents {
    private Intents() {}

    /** An attack at {@code self}'s full power: power only says whether to attack (SPEC §8.2), so a player's attack is this one. */
    public static Action fullAttack(Fighter self, SeasonConstants season) {
        return Action.attack(Rules.effectiveMaxPower(self, season));
    }

    /** The six outputs that ask for {@code a}: one positive move logit, the power, or the block flag (REST: none). */
    public static int[] outputsFor(Action a) {
        int[] o = new int[Appendage.OUTPUTS];
        switch (a.kind()) {
            case ActionKind.MOVE -> o[a.dir()] = 1;
            case ActionKind.ATTACK -> o[Appendage.OUT_POWER] = a.power();
            case ActionKind.BLOCK -> o[Appendage.OUT_BLOCK] = 1;
            default -> { } // REST: nothing positive
        }
        return o;
    }

    /** The action the rules commit for {@code outputs} this turn (the turn resolved with no crits and idle enemy outputs). */
    public static Action committed(SeasonConstants season, Arena arena, BattleState state, int side, int[] outputs) {
        int[] idle = new int[Appendage.OUTPUTS];
        TurnInput probe = side == 0 ? new TurnInput(outputs, idle, false, false, false) : new TurnInput(idle, outputs, false, false, false);
        return TurnResolver.resolve(season, arena, state, probe).side(side).action();
    }

    /** Why the rules committed {@code got} instead of {@code want}, in words. */
    public static String refusal(Action want, Action got, Fighter self, Fighter enemy) {
        if (want.kind() == ActionKind.ATTACK && !Rules.isAdjacent(self, enemy)) {
            return "the enemy is " + Rules.manhattan(self, enemy) + " steps away, an attack needs it adjacent";
        }
        if (want.kind() == ActionKind.MOVE) return "that step is blocked (the edge, a wall or the enemy)";
        return "the rules would commit " + got + " instead";
    }
}
