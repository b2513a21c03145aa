package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties over random legal states and arbitrary outputs: the appendage only commits legal
 * actions, and a turn keeps every invariant. Each failure prints the seed that rebuilds its case.
 */
class RulesPropertiesTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    record Scenario(Arena arena, BattleState state, TurnInput input) {}

    static Scenario scenario(long seed) {
        SplitMix64 r = new SplitMix64(seed);
        Arena.Generated g = Arena.generate(r.next(), S);
        Fighter a = randomFighter(r, g.ax(), g.ay());
        Fighter b = randomFighter(r, g.bx(), g.by());
        // Half the time, put B next to A when that cell is free, so attacks and collisions happen.
        if (r.nextInt(2) == 0) {
            int d = r.nextInt(4);
            int nx = a.x() + Dir.DX[d];
            int ny = a.y() + Dir.DY[d];
            if (g.arena().passable(nx, ny)) b = b.at(nx, ny);
        }
        int[] outA = new int[6];
        int[] outB = new int[6];
        for (int i = 0; i < 6; i++) {
            outA[i] = (int) r.next();
            outB[i] = r.nextInt(33) - 16;
        }
        BattleState st = new BattleState(r.nextInt(S.maxTurns()), a, b);
        return new Scenario(g.arena(), st, new TurnInput(outA, outB, r.nextInt(8) == 0, r.nextInt(8) == 0, r.nextInt(2) == 0));
    }

    static Fighter randomFighter(SplitMix64 r, int x, int y) {
        return new Fighter(x, y, 1 + r.nextInt(S.maxHp()), r.nextInt(S.maxStamina() + 1), r.nextInt(S.maxPower() + 1),
                r.nextInt(256), r.nextInt(S.blockCap() + 1), r.nextInt(5));
    }

    @Property(tries = 3000)
    void appendageCommitsOnlyLegalActions(@ForAll long seed) {
        Scenario sc = scenario(seed);
        for (int side = 0; side < 2; side++) {
            Fighter self = TurnResolver.startOfTurn(sc.state().fighter(side), S);
            Fighter enemy = sc.state().fighter(1 - side);
            Action act = Appendage.commit(sc.input().out(side), sc.arena(), self, enemy, S);
            assertTrue(Rules.isLegal(act, self, enemy, S), "seed " + seed + " side " + side + ": " + act);
        }
    }

    @Property(tries = 3000)
    void turnKeepsInvariants(@ForAll long seed) {
        Scenario sc = scenario(seed);
        TurnResolver.TurnResult res = TurnResolver.resolve(S, sc.arena(), sc.state(), sc.input());
        BattleState post = res.post();
        post.validate(sc.arena(), S); // positions on floor/hazard, distinct, ranges
        assertEquals(sc.state().turn() + 1, post.turn(), "seed " + seed);
        for (int side = 0; side < 2; side++) {
            Fighter before = sc.state().fighter(side);
            Fighter after = post.fighter(side);
            assertTrue(after.hp() <= before.hp(), "seed " + seed + ": HP never rises");
            assertTrue(Math.abs(after.x() - before.x()) + Math.abs(after.y() - before.y()) <= 1, "seed " + seed + ": one step at most");
            assertEquals(before.attack(), after.attack());
            assertEquals(before.defense(), after.defense());
        }
    }

    @Property(tries = 500)
    void damageIsMonotoneInPowerAndAntitoneInDefense(@ForAll long seed) {
        SplitMix64 r = new SplitMix64(seed);
        int p = r.nextInt(16);
        int def = r.nextInt(256);
        int td = r.nextInt(97);
        Fighter t = new Fighter(0, 0, 60, 12, 15, def, td, 0);
        Fighter t2 = new Fighter(0, 0, 60, 12, 15, Math.min(255, def + 1), td, 0);
        assertTrue(Rules.damage(Math.min(15, p + 1), false, t, S) >= Rules.damage(p, false, t, S));
        assertTrue(Rules.damage(p, false, t2, S) <= Rules.damage(p, false, t, S));
        assertTrue(Rules.damage(p, false, t, S) <= p);
    }
}
