package io.chainbeasts.engine.opencl;

import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.EngineVectors;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Java rejects, the host rejects before a launch, in both layouts: a growth spurt into a live slot fails with
 * Java's message and leaves every state of the batch as it was; the same batch without the bad beast then runs.
 * Boards the kernel cannot hold (an arena wider or taller than 32, which no season has) are refused naming the board.
 */
class HostChecksTest {
    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void growthIntoALiveSlotIsRefusedBeforeAnyStateChanges(WindowLayout layout) {
        OpenClBackend cl = OpenCl.backend(layout);
        // walk one beast to a window whose plan grows a slot
        BeastState s = Hatchery.hatch(77);
        byte[] root = WindowContext.ZERO32;
        WindowInputs growing = null;
        for (int w = 0; w < 8 && growing == null; w++) {
            WindowInputs in = EngineVectors.inputs(s, root, false);
            if (in.context().growthSlot() != WindowContext.NO_GROWTH) growing = in;
            else root = new JavaBackend(1).runWindows(List.of(s), List.of(in)).get(0).h128();
        }
        assertNotNull(growing, "no growth window in the first 8");
        BeastState bad = s.copy();
        bad.activeMask |= 1 << growing.context().growthSlot();
        BeastState good = Hatchery.hatch(78);
        WindowInputs goodIn = EngineVectors.inputs(good, WindowContext.ZERO32, false);
        String goodBefore = Hex.of(good.toBytes());
        String badBefore = Hex.of(bad.toBytes());
        WindowInputs growingIn = growing;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.runWindows(List.of(good, bad), List.of(goodIn, growingIn)));
        assertTrue(e.getMessage().startsWith("growth slot " + growing.context().growthSlot() + " is already live"), e.getMessage());
        assertEquals(goodBefore, Hex.of(good.toBytes()), "the other beast of the batch was not touched");
        assertEquals(badBefore, Hex.of(bad.toBytes()));
        BeastState javaGood = Hatchery.hatch(78);
        String want = Hex.of(new JavaBackend(1).runWindows(List.of(javaGood), List.of(goodIn)).get(0).h128());
        assertEquals(want, Hex.of(cl.runWindows(List.of(good), List.of(goodIn)).get(0).h128()));
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void aDatasetBoardPast32CellsASideIsRefusedNamingIt(WindowLayout layout) {
        OpenClBackend cl = OpenCl.backend(layout);
        for (int[] size : new int[][] {{33, 3}, {3, 33}}) { // too wide, too tall
            io.chainbeasts.curriculum.InMemoryDataset base = EngineVectors.privateDataset();
            java.util.List<io.chainbeasts.combat.Board> boards = new java.util.ArrayList<>();
            for (int i = 0; i < base.size(); i++) boards.add(base.get(i));
            io.chainbeasts.combat.Arena big = io.chainbeasts.combat.Arena.of(size[0], size[1], new byte[size[0] * size[1]]);
            io.chainbeasts.combat.Fighter f = boards.get(0).self();
            boards.add(new io.chainbeasts.combat.Board(big, f.at(0, 0), f.at(size[0] - 1, size[1] - 1)));
            io.chainbeasts.curriculum.InMemoryDataset ds = new io.chainbeasts.curriculum.InMemoryDataset(boards);
            BeastState s = Hatchery.hatch(79);
            String before = Hex.of(s.toBytes());
            WindowInputs in = new WindowInputs(io.chainbeasts.engine.TrainingPlan.context(s, EngineVectors.SEASON, EngineVectors.TC,
                    WindowContext.ZERO32, ds.commitment(), EngineVectors.pool()), EngineVectors.pool(), ds,
                    io.chainbeasts.curriculum.PrivateSampling.fold(EngineVectors.SECRET));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cl.runWindows(List.of(s), List.of(in)));
            assertEquals("private dataset board " + (boards.size() - 1) + " has a " + size[0] + "x" + size[1]
                    + " arena; the OpenCL kernel supports arenas of at most 32x32 (use --backend java)", e.getMessage());
            assertEquals(before, Hex.of(s.toBytes()));
        }
    }
}
