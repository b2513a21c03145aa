package io.chainbeasts.combat;

/**
 * Maps the six policy outputs {@code [move_N, move_S, move_E, move_W, atk_power, block_flag]} to
 * one legal action (SPEC.md "Action commit"), in this order (attack before block, so a creature that is hit
 * every turn, which resets its tempDef, still fights back):
 * <ol>
 *   <li>exhausted: RECOVER (the only legal action);</li>
 *   <li>adjacent and the saturated power is at least 1: ATTACK with that power;</li>
 *   <li>{@code block_flag > 0}: BLOCK;</li>
 *   <li>the largest move logit is positive: MOVE in its direction (ties: N, S, E, W order);</li>
 *   <li>otherwise REST.</li>
 * </ol>
 */
public final class Appendage {
    private Appendage() {}

    public static final int OUTPUTS = 6;
    public static final int OUT_POWER = 4;
    public static final int OUT_BLOCK = 5;

    public static Action commit(int[] out, Fighter self, Fighter enemy, SeasonConstants season) {
        if (out.length != OUTPUTS) {
            throw new InvalidStateException("policy gave " + out.length + " outputs, expected " + OUTPUTS);
        }
        Action action = choose(out, self, enemy, season);
        assert Rules.isLegal(action, self, enemy, season) : "appendage chose an illegal action " + action;
        return action;
    }

    private static Action choose(int[] out, Fighter self, Fighter enemy, SeasonConstants season) {
        if (Rules.canRecover(self)) return Action.RECOVER;
        boolean adjacent = Rules.canAttack(self, enemy);
        if (adjacent) {
            int power = Rules.power(out[OUT_POWER], self, season);
            if (power >= 1) return Action.attack(power);
        }
        if (out[OUT_BLOCK] > 0 && Rules.canBlock(self)) return Action.BLOCK;
        int best = argmaxMove(out);
        return out[best] > 0 ? Action.move(best) : Action.REST;
    }

    /** Index of the largest of out[0..3]; the lowest index wins ties. */
    public static int argmaxMove(int[] out) {
        int best = 0;
        for (int d = 1; d < Dir.COUNT; d++) if (out[d] > out[best]) best = d;
        return best;
    }
}
