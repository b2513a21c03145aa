package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.combat.Tile;
import io.chainbeasts.core.SplitMix64;

/**
 * Places two creatures with varied stats on an arena from a PRNG stream (SPEC.md "Board draw"):
 * self then enemy on uniformly drawn distinct non-wall cells, then for each: hp 1..maxHp,
 * stamina 1..maxStamina, attack 10..min(15, maxPower), defense 0..32, tempDef a multiple of
 * blockBonus up to blockCap, lastAction 0..3.
 */
public final class BoardDraw {
    private BoardDraw() {}

    /** Returns {selfCell, enemyCell} as row-major indices. Requires two non-wall cells. */
    public static int[] cells(SplitMix64 r, Arena arena) {
        int n = arena.width() * arena.height();
        int open = 0;
        for (int i = 0; i < n; i++) if (arena.tile(i % arena.width(), i / arena.width()) != Tile.WALL) open++;
        if (open < 2) throw new IllegalArgumentException("arena has fewer than two open cells");
        int a = nthOpen(arena, r.nextInt(open));
        int bRank = r.nextInt(open - 1);
        int b = nthOpen(arena, bRank);
        if (b >= a) b = nthOpen(arena, bRank + 1);
        return new int[] {a, b};
    }

    private static int nthOpen(Arena arena, int k) {
        int w = arena.width();
        int n = w * arena.height();
        for (int i = 0; i < n; i++) {
            if (arena.tile(i % w, i / w) != Tile.WALL && k-- == 0) return i;
        }
        throw new AssertionError("rank past the open cells");
    }

    public static Fighter fighter(SplitMix64 r, int cell, Arena arena, SeasonConstants s) {
        int hp = 1 + r.nextInt(s.maxHp());
        int stamina = 1 + r.nextInt(s.maxStamina());
        int attackHi = Math.min(15, s.maxPower());
        int attack = Math.min(10, attackHi) + r.nextInt(attackHi - Math.min(10, attackHi) + 1);
        int defense = r.nextInt(33);
        int guards = s.blockBonus() == 0 ? 0 : s.blockCap() / s.blockBonus();
        int tempDef = Math.min(s.blockCap(), s.blockBonus() * r.nextInt(guards + 1));
        int last = r.nextInt(4);
        return new Fighter(cell % arena.width(), cell / arena.width(), hp, stamina, attack, defense, tempDef, last);
    }
}
