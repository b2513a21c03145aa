package io.chainbeasts.client.model;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.Tile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorModelTest {
    @Test
    void theInspectorsActionIsTheBattlesFirstMove(@TempDir Path tmp) {
        Path dir = HatchModel.hatch(tmp, "ink", "0x77");
        TrainModel.open(dir).train(1, "java");
        for (long seed = 1; seed <= 5; seed++) {
            InspectorModel m = new InspectorModel(dir, seed);
            InspectorModel.View v = m.view();
            int sum = 0;
            for (int p : v.movePermille()) sum += p;
            assertEquals(5, v.movePermille().length, "N, S, E, W and stay");
            assertTrue(Math.abs(sum - 1000) <= 3, "per mille sum " + sum); // stay is always open, so never all zero
            BattleLog log = Battles.fight(Contender.beast(dir), Contender.baseline("greedy"), seed).log();
            assertEquals(log.turns().get(0).a().action(), v.action(), "seed " + seed);
        }
    }

    @Test
    void placingRespectsWallsAndTheOtherFighter(@TempDir Path tmp) {
        Path dir = HatchModel.hatch(tmp, "ink", "0x78");
        InspectorModel m = new InspectorModel(dir, 3);
        var arena = m.arena();
        int wx = -1;
        int wy = -1;
        for (int y = 0; y < arena.height() && wx < 0; y++) for (int x = 0; x < arena.width(); x++) if (arena.tile(x, y) == Tile.WALL) {
            wx = x;
            wy = y;
            break;
        }
        int fx = wx;
        int fy = wy;
        assertThrows(ClientError.class, () -> m.place(0, fx, fy));
        var enemy = m.state().b();
        assertThrows(ClientError.class, () -> m.place(0, enemy.x(), enemy.y()));
        assertThrows(ClientError.class, () -> m.place(1, 99, 0));
    }
}
