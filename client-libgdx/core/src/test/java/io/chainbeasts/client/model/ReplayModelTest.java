package io.chainbeasts.client.model;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayModelTest {
    static BattleFile.Battle battle(long seed) {
        return Battles.fight(Contender.baseline("greedy"), Contender.baseline("random"), seed);
    }

    @Test
    void fightIsTheCliBattle() {
        long seed = 42;
        BattleLog cli = BattleSimulator.run(BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT), Policies.byName("greedy", seed, 0),
                Policies.byName("random", seed, 1));
        assertEquals(cli.hashHex(), battle(seed).log().hashHex());
    }

    @Test
    void cursorStepsSeeksAndClamps() {
        ReplayModel r = new ReplayModel(battle(7));
        int n = r.turns();
        assertTrue(n > 2);
        assertEquals(0, r.cursor());
        assertEquals(r.log().setup().initial(), r.state());
        assertEquals("turn 0/60", r.turnLabel());
        assertTrue(r.markers().isEmpty());
        r.stepBack();
        assertEquals(0, r.cursor());
        r.stepForward();
        assertEquals(1, r.cursor());
        assertEquals(r.log().turns().get(0).post(), r.state());
        assertEquals(2, r.markers().size());
        assertEquals(1, r.events().size());
        r.seek(n + 10);
        assertTrue(r.atEnd());
        assertEquals(n, r.cursor());
        assertEquals(r.log().finalState(), r.state());
        assertTrue(r.events().get(r.events().size() - 1).startsWith("result: "));
    }

    @Test
    void playAdvancesWithTimeAndSpeedAndStopsAtTheEnd() {
        ReplayModel r = new ReplayModel(battle(9));
        r.togglePlay();
        assertTrue(r.playing());
        r.update(1f); // 1 s at 1x = 2 turns
        assertEquals(2, r.cursor());
        r.faster();
        r.faster();
        assertEquals("4x", r.speedLabel());
        r.update(0.5f); // 0.5 s at 4x = 4 turns
        assertEquals(6, r.cursor());
        for (int i = 0; i < 10; i++) r.slower();
        assertEquals("0.25x", r.speedLabel());
        for (int i = 0; i < 10; i++) r.faster();
        assertEquals("8x", r.speedLabel());
        r.update(100f);
        assertTrue(r.atEnd());
        assertFalse(r.playing());
        r.togglePlay(); // at the end: play again from the start
        assertEquals(0, r.cursor());
        assertTrue(r.playing());
    }

    @Test
    void attackMarkersCarryTheDamage() {
        ReplayModel r = new ReplayModel(battle(11));
        boolean seen = false;
        for (int t = 1; t <= r.turns(); t++) {
            r.seek(t);
            for (ReplayModel.Marker m : r.markers()) {
                if (m.hit()) {
                    seen = true;
                    var pre = r.stateAfter(t - 1).fighter(1 - m.side());
                    var post = r.state().fighter(1 - m.side());
                    assertEquals(Math.min(pre.hp(), m.damage()), pre.hp() - post.hp(), "turn " + t); // HP stops at 0
                }
            }
        }
        assertTrue(seen, "greedy hits at least once");
    }

    @Test
    void hashCheckReplaysTheLog() {
        ReplayModel r = new ReplayModel(battle(5));
        ReplayModel.HashCheck c = r.checkHash();
        assertTrue(c.same());
        assertEquals("replays to the same hash", c.text());
    }

    @Test
    void theLogSaysWhenTheClosingArenaBites() {
        // a battle that reaches the closing arena (turn 30 on): every line with a creature outside the ring says so
        for (long seed = 1; seed < 200; seed++) {
            ReplayModel r = new ReplayModel(battle(seed));
            if (r.turns() < 45) continue;
            r.seek(r.turns());
            List<String> lines = r.events();
            assertFalse(lines.get(0).contains("outside the ring"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.contains("-2 HP outside the ring")), String.join("\n", lines));
            for (int k = 0; k < r.turns(); k++) { // a line that names the ring's bite names HP that was really lost
                String[] halves = lines.get(k).split("\\|");
                var pre = k == 0 ? r.log().setup().initial() : r.log().turns().get(k - 1).post();
                var post = r.log().turns().get(k).post();
                if (halves[0].contains("outside the ring")) assertTrue(pre.a().hp() - post.a().hp() >= 2 || post.a().hp() == 0, lines.get(k));
                if (halves[1].contains("outside the ring")) assertTrue(pre.b().hp() - post.b().hp() >= 2 || post.b().hp() == 0, lines.get(k));
            }
            r.seek(29);
            assertEquals(-1, r.safeRadius(), "not closed before turn 30");
            r.seek(45);
            assertEquals(0, r.safeRadius(), "only the centre from turn 42");
            return;
        }
        throw new AssertionError("no battle of 45 turns or more in seeds 1..199");
    }
}
