package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FastTurnResolver} against {@link TurnResolver}: the same post-state and reports (or the same refusal, word for
 * word) for random positions of generated arenas (every stat across its range, knocked out, exhausted, past the
 * timeout, close range), outputs from small to extreme (and of the wrong length), every crit and initiative bit; and the
 * same battle logs, byte for byte, when whole battles run on either.
 */
class TurnResolverTwinTest {
    private static final SeasonConstants S = SeasonConstants.DEFAULT;

    private static int[] outputs(SplitMix64 r) {
        int[] out = new int[r.nextInt(40) == 0 ? 5 + 2 * r.nextInt(2) : Appendage.OUTPUTS];
        for (int i = 0; i < out.length; i++) {
            switch (r.nextInt(4)) {
                case 0: out[i] = (int) r.next(); break;
                case 1: out[i] = 0; break;
                default: out[i] = r.nextInt(17) - 8;
            }
        }
        return out;
    }

    @Property(tries = 300)
    void everyTurnMatchesTheReference(@ForAll long seed) {
        SplitMix64 r = new SplitMix64(seed);
        FastTurnResolver fast = new FastTurnResolver();
        for (int arenaNo = 0; arenaNo < 2; arenaNo++) {
            Arena a = Arena.generate(r.next(), S).arena();
            for (int k = 0; k < 40; k++) {
                BattleState st = LookaheadTwinTest.randomState(r, a);
                TurnInput in = new TurnInput(outputs(r), outputs(r), r.nextInt(4) == 0, r.nextInt(4) == 0, r.nextInt(2) == 0);
                String where = "seed " + seed + " arena " + arenaNo + " turn " + k + " " + st + " outA " + Arrays.toString(in.outA())
                        + " outB " + Arrays.toString(in.outB());
                TurnResolver.TurnResult want;
                try {
                    want = TurnResolver.resolve(S, a, st, in);
                } catch (InvalidStateException e) {
                    InvalidStateException got = org.junit.jupiter.api.Assertions.assertThrows(InvalidStateException.class,
                            () -> fast.resolve(S, a, st, in), where + ": the reference refused (" + e.getMessage() + ")");
                    assertEquals(e.getMessage(), got.getMessage(), where);
                    continue;
                }
                TurnResolver.TurnResult got = fast.resolve(S, a, st, in).result();
                assertEquals(want, got, where);
                assertEquals(want.post(), fast.post(), where);
                assertEquals(want.a().damage(), fast.damageA(), where);
                assertEquals(want.b().damage(), fast.damageB(), where);
            }
        }
    }

    /** Whole battles, greedy and random policies: the reference simulator and the optimised one write the same log. */
    @Test
    void wholeBattlesWriteTheSameLog() {
        int turns = 0;
        for (long seed = 1; seed <= 60; seed++) {
            BattleSetup setup = BattleSetup.fromSeed(seed, S);
            Policy a = seed % 3 == 0 ? new RandomPolicy(seed) : new GreedyPolicy();
            Policy b = seed % 2 == 0 ? new RandomPolicy(~seed) : new GreedyPolicy();
            BattleLog want = BattleSimulator.runReference(setup, a, b);
            Policy a2 = seed % 3 == 0 ? new RandomPolicy(seed) : new GreedyPolicy();
            Policy b2 = seed % 2 == 0 ? new RandomPolicy(~seed) : new GreedyPolicy();
            BattleLog got = BattleSimulator.run(setup, a2, b2);
            assertArrayEquals(want.toBytes(), got.toBytes(), "battle seed " + seed);
            turns += want.turns().size();
        }
        assertTrue(turns > 600, "the battles ran " + turns + " turns");
    }
}
