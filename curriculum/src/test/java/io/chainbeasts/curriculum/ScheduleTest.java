package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.PathFinder;
import io.chainbeasts.combat.Tile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    @Test
    void curriculumUnlocksHeadsByEpoch() {
        // Kernel v2: move from epoch 0, attack from epoch 1, block from epoch 2 (1,024 steps each).
        assertEquals(Curriculum.HEAD_MOVE, Curriculum.heads(Curriculum.epoch(1024 - 1, TC), TC));
        assertEquals(Curriculum.HEAD_MOVE | Curriculum.HEAD_POWER, Curriculum.heads(Curriculum.epoch(1024, TC), TC));
        assertEquals(Curriculum.HEAD_MOVE | Curriculum.HEAD_POWER, Curriculum.heads(Curriculum.epoch(2 * 1024 - 1, TC), TC));
        assertEquals(7, Curriculum.heads(Curriculum.epoch(2 * 1024, TC), TC));
        assertEquals(5, Curriculum.lrShift(0, TC));
        assertEquals(6, Curriculum.lrShift(3, TC));
        assertEquals(10, Curriculum.lrShift(15, TC));
        assertEquals(10, Curriculum.lrShift(99, TC), "epochs past the table keep its last entry");
    }

    @Test
    void sourceCycleIsTheDocumentedOne() {
        String pub = "";
        String priv = "";
        for (int k = 0; k < 8; k++) {
            pub += SampleSource.forStep(16 + k, false);
            priv += SampleSource.forStep(16 + k, true);
        }
        assertEquals("00010002", pub, "SP SP SP T SP SP SP R");
        assertEquals("30313032", priv, "P SP P T P SP P R");
    }

    @Test
    void privateSamplingFoldsTheSecretAndSpreadsIndices() {
        byte[] secret = new byte[32];
        secret[7] = 1;   // word 0 = 1
        secret[15] = 2;  // word 1 = 2
        secret[31] = 4;  // word 3 = 4
        assertEquals(7L, PrivateSampling.fold(secret));
        int[] hits = new int[10];
        for (int step = 0; step < 10_000; step++) hits[PrivateSampling.index(42, 7, step, 10)]++;
        for (int h : hits) assertTrue(h > 850 && h < 1150, "roughly uniform: " + java.util.Arrays.toString(hits));
        assertThrows(IllegalArgumentException.class, () -> PrivateSampling.fold(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> PrivateSampling.index(1, 2, 3, 0));
    }

    @Test
    void templatesAreNineByNineWithAConnectedOpenArea() {
        for (int t = 0; t < TemplateRom.COUNT; t++) {
            Arena a = TemplateRom.get(t);
            assertEquals(9, a.width());
            assertEquals(9, a.height());
            int open = 0;
            int first = -1;
            for (int i = 0; i < 81; i++) {
                if (a.tile(i % 9, i / 9) != Tile.WALL) {
                    open++;
                    if (first < 0) first = i;
                }
            }
            assertTrue(open >= 20, "template " + t + " has room to play");
            int reachable = 0;
            for (int i = 0; i < 81; i++) {
                if (a.tile(i % 9, i / 9) != Tile.WALL && PathFinder.distance(a, i % 9, i / 9, first % 9, first / 9) >= 0) reachable++;
            }
            assertTrue(reachable * 10 >= open * 9, "template " + t + ": most open cells connect (" + reachable + "/" + open + ")");
        }
        assertEquals(TemplateRom.indexFor(-1L), (int) Long.remainderUnsigned(-1L, TemplateRom.COUNT));
    }

    @Test
    void trainingConstantsRejectBadValues() {
        int[] sched = new int[16];
        assertThrows(IllegalArgumentException.class, () -> new TrainingConstants(100, sched, 3, 6, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConstants(1024, new int[8], 3, 6, 1, 1));
        int[] bad = new int[16];
        bad[3] = 40;
        assertThrows(IllegalArgumentException.class, () -> new TrainingConstants(1024, bad, 3, 6, 1, 1));
        int[] ok = new int[16];
        assertThrows(IllegalArgumentException.class, () -> new TrainingConstants(1024, ok, 3, 6, TrainingConstants.MAX_PRICE + 1, 1),
                "a price that could overflow a window's ENERGY");
    }
}
