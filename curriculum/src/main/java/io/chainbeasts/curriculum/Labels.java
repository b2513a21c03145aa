package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.PathFinder;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Fixed;

/**
 * The training labels, computed from a board by the combat rules (SPEC.md "Labels"):
 * <ul>
 *   <li>move: {@link PathFinder#firstStep} toward the enemy (A* optimal step, lower-h tie-break);</li>
 *   <li>power: when adjacent, {@code floor(expected * 15 / max)} where {@code expected} is the damage
 *       of a full-power attack on this enemy (its defense and tempDef counted, no crit) and
 *       {@code max} the same against zero defense; 0 when not adjacent or when max is 0;</li>
 *   <li>block: {@link Rules#blockPays} ({@code temp_def < enemy_atk * 0.8} in integers).</li>
 * </ul>
 */
public final class Labels {
    private Labels() {}

    public static final int MAX_POWER_LABEL = 15;

    /** Labels with caller-owned BFS scratch ({@code dist}, {@code queue}: width*height ints each). */
    public static Label of(Board b, SeasonConstants season, int[] dist, int[] queue) {
        Arena arena = b.arena();
        Fighter self = b.self();
        Fighter enemy = b.enemy();
        PathFinder.distancesTo(arena, enemy.x(), enemy.y(), dist, queue);
        int move = PathFinder.firstStep(arena, self.x(), self.y(), enemy.x(), enemy.y(), dist);
        return new Label(move, power(self, enemy, season), Rules.blockPays(self, enemy, season) ? 1 : 0);
    }

    public static Label of(Board b, SeasonConstants season) {
        int n = b.arena().width() * b.arena().height();
        return of(b, season, new int[n], new int[n]);
    }

    public static int power(Fighter self, Fighter enemy, SeasonConstants season) {
        if (!Rules.isAdjacent(self, enemy)) return 0;
        int full = Rules.effectiveMaxPower(self, season);
        int expected = Rules.damage(full, false, enemy, season);
        int max = Rules.damage(full, false, enemy.withTempDef(0).withDefense(0), season);
        return Fixed.div(expected * MAX_POWER_LABEL, max);
    }
}
