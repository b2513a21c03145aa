package io.chainbeasts.combat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arena generation succeeds for every season the validator accepts, with connected FLOOR spawns. */
class ArenaGenerationTest {
    static SeasonConstants season(int w, int h, int walls, int hazards) {
        SeasonConstants d = SeasonConstants.DEFAULT;
        return new SeasonConstants(w, h, walls, hazards, d.maxHp(), d.maxStamina(), d.actionStaminaCost(), d.hazardStaminaCost(),
                d.recoverStamina(), d.blockBonus(), d.blockCap(), d.damageScale(), d.maxPower(), d.critPer256(), d.critMultiplier(),
                d.maxTurns(), d.blockThreatScale(), d.disengageStaminaCost(), d.closingTurn(), d.closingInterval(), d.closingDamage());
    }

    @Test
    void extremeSeasonsStillGenerateValidArenas() {
        SeasonConstants[] seasons = {
            season(9, 9, 0, 255),   // almost no FLOOR: the fallback must clear hazards too (a review finding)
            season(9, 9, 200, 55),  // walls everywhere
            season(3, 3, 100, 100),
            season(32, 32, 36, 20),
            season(5, 4, 0, 0),
        };
        for (SeasonConstants s : seasons) {
            for (long seed = 0; seed < 200; seed++) {
                Arena.Generated g = Arena.generate(seed, s);
                String where = s.arenaWidth() + "x" + s.arenaHeight() + " walls " + s.wallPer256() + " hazards " + s.hazardPer256() + " seed " + seed;
                assertEquals(Tile.FLOOR, g.arena().tile(g.ax(), g.ay()), where);
                assertEquals(Tile.FLOOR, g.arena().tile(g.bx(), g.by()), where);
                assertTrue(PathFinder.distance(g.arena(), g.ax(), g.ay(), g.bx(), g.by()) > 0, where + ": spawns connected");
                assertEquals(g, Arena.generate(seed, s, new PathBits()), where + ": the bitboard connection check generates the same arena");
            }
        }
    }
}
