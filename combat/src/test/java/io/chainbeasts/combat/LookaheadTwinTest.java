package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optimised teacher (its path distances and the greedy enemy from {@link PathBits}) against the reference (full BFS
 * distances, early-exit greedy): every candidate's value on random positions of generated arenas, at the teacher's and
 * the search player's depth, with one search object of each kind reused across arenas as the trainer does.
 */
class LookaheadTwinTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    /** Any legal position: distinct open cells, every stat across its range (exhausted, knocked out, near the timeout). */
    static BattleState randomState(SplitMix64 r, Arena a) {
        int n = a.width() * a.height();
        int ca;
        do ca = r.nextInt(n); while (!a.passable(ca % a.width(), ca / a.width()));
        int cb;
        do cb = r.nextInt(n); while (cb == ca || !a.passable(cb % a.width(), cb / a.width()));
        if (r.nextInt(2) == 0) { // close range, where the decisions are
            int x = ca % a.width(), y = ca / a.width();
            for (int d = 0; d < Dir.COUNT; d++) {
                int nx = x + Dir.DX[(d + (int) (r.next() & 3)) & 3], ny = y + Dir.DY[(d + (int) (r.next() & 3)) & 3];
                if (a.inside(nx, ny) && a.passable(nx, ny) && ny * a.width() + nx != ca) {
                    cb = ny * a.width() + nx;
                    break;
                }
            }
        }
        return new BattleState(r.nextInt(S.maxTurns() + 1), fighter(r, ca, a), fighter(r, cb, a));
    }

    static Fighter fighter(SplitMix64 r, int cell, Arena a) {
        int hp = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(S.maxHp());
        int stamina = r.nextInt(6) == 0 ? 0 : r.nextInt(S.maxStamina() + 1);
        return new Fighter(cell % a.width(), cell / a.width(), hp, stamina, r.nextInt(S.maxPower() + 1), r.nextInt(41),
                r.nextInt(S.blockCap() + 1), r.nextInt(ActionKind.RECOVER + 1));
    }

    @Property(tries = 150)
    void theBitboardTeacherScoresEveryCandidateAsTheReference(@ForAll long seed) {
        SplitMix64 r = new SplitMix64(seed);
        for (int depth : new int[] {Lookahead.TEACHER_DEPTH, Lookahead.PLAYER_DEPTH}) {
            Lookahead ref = new Lookahead(S.cells(), depth);
            Lookahead fast = new Lookahead(S.cells(), depth, new PathBits());
            for (int arenaNo = 0; arenaNo < 3; arenaNo++) {
                Arena a = Arena.generate(r.next(), S).arena();
                for (int k = 0; k < (depth == 1 ? 12 : 3); k++) {
                    BattleState st = randomState(r, a);
                    long[] want = new long[Lookahead.CANDIDATES];
                    long[] got = new long[Lookahead.CANDIDATES];
                    String where = "seed " + seed + " depth " + depth + " arena " + arenaNo + " position " + k + " " + st;
                    assertEquals(ref.search(S, a, st, want), fast.search(S, a, st, got), where + ": best");
                    assertArrayEquals(want, got, where + ": values");
                }
            }
        }
    }
}
