package io.chainbeasts.combat;

/**
 * Maps the six policy outputs {@code [move_N, move_S, move_E, move_W, atk_power, block_flag]} to
 * one legal action (SPEC.md "Action commit"), in this order (attack before block, so a creature that is hit
 * every turn, which resets its tempDef, still fights back):
 * <ol>
 *   <li>exhausted: RECOVER (the only legal action);</li>
 *   <li>adjacent and {@code atk_power > 0}: ATTACK at full power ({@link Rules#effectiveMaxPower}; kernel v2:
 *       power costs nothing in the rules, so the output says only whether to attack);</li>
 *   <li>{@code block_flag > 0}: BLOCK;</li>
 *   <li>the largest logit among the open steps ({@link Rules#isOpenStep}: not the edge, a wall or the enemy's
 *       cell) is positive: MOVE in its direction (ties: N, S, E, W order);</li>
 *   <li>otherwise REST.</li>
 * </ol>
 */
public final class Appendage {
    private Appendage() {}

    public static final int OUTPUTS = 6;
    public static final int OUT_POWER = 4;
    public static final int OUT_BLOCK = 5;

    public static Action commit(int[] out, Arena arena, Fighter self, Fighter enemy, SeasonConstants season) {
        if (out.length != OUTPUTS) {
            throw new InvalidStateException("policy gave " + out.length + " outputs, expected " + OUTPUTS);
        }
        Action action = choose(out, arena, self, enemy, season);
        assert Rules.isLegal(action, self, enemy, season) : "appendage chose an illegal action " + action;
        return action;
    }

    private static Action choose(int[] out, Arena arena, Fighter self, Fighter enemy, SeasonConstants season) {
        if (Rules.canRecover(self)) return Action.RECOVER;
        if (Rules.canAttack(self, enemy) && out[OUT_POWER] > 0) {
            return Action.attack(Rules.effectiveMaxPower(self, season));
        }
        if (out[OUT_BLOCK] > 0 && Rules.canBlock(self)) return Action.BLOCK;
        int best = Dir.NONE;
        for (int d = 0; d < Dir.COUNT; d++) {
            if (Rules.isOpenStep(arena, self, enemy, d) && (best == Dir.NONE || out[d] > out[best])) best = d;
        }
        return best != Dir.NONE && out[best] > 0 ? Action.move(best) : Action.REST;
    }
}
