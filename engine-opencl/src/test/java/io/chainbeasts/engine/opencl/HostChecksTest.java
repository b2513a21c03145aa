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
}
