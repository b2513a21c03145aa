package io.chainbeasts.engine;

import io.chainbeasts.core.DecodeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    static List<byte[]> h128s(long seed, int windows, boolean priv) {
        List<byte[]> out = new ArrayList<>();
        BeastState s = Hatchery.hatch(seed);
        byte[] root = WindowContext.ZERO32;
        for (int w = 0; w < windows; w++) {
            root = Window.run(s, EngineVectors.inputs(s, root, priv)).h128();
            out.add(root);
        }
        return out;
    }

    @Test
    void twoRunsGiveTheSameH128Sequence() {
        for (boolean priv : new boolean[] {false, true}) {
            List<byte[]> a = h128s(77, 20, priv);
            List<byte[]> b = h128s(77, 20, priv);
            for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), "window " + i + (priv ? " private" : ""));
        }
    }

    @Test
    void stateRoundTripsThroughItsEncoding() {
        EngineVectors.Prepared p = EngineVectors.prepare(3, 5, false);
        byte[] bytes = p.state().toBytes();
        assertEquals(BeastState.ENCODED_SIZE, bytes.length);
        assertArrayEquals(bytes, BeastState.decode(bytes).toBytes());
    }

    @Test
    void malformedStatesAreRejectedNamingTheField() {
        byte[] good = Hatchery.hatch(1).toBytes();
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        byte[] badShape = good.clone();
        badShape[5] = 99;
        byte[] badMask = good.clone();
        badMask[4 + 1 + 3 + 8 + 4] = 1; // high byte of activeMask
        byte[] badLr = good.clone();
        badLr[4 + 1 + 3 + 8 + 4 + 4] = 40;
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        String[][] expect = {{"magic"}, {"shape"}, {"activeMask"}, {"lrShift"}, {"truncated"}, {"trailing"}};
        byte[][] inputs = {badMagic, badShape, badMask, badLr, truncated, trailing};
        for (int i = 0; i < inputs.length; i++) {
            byte[] in = inputs[i];
            DecodeException e = assertThrows(DecodeException.class, () -> BeastState.decode(in));
            assertTrue(e.getMessage().contains(expect[i][0]), e.getMessage());
        }
    }

    @Test
    void invalidWindowInputsAreRejected() {
        BeastState s = Hatchery.hatch(1);
        // Growth into a slot that is already live.
        WindowContext live = new WindowContext(EngineVectors.SEASON, EngineVectors.TC, WindowContext.ZERO32, WindowContext.ZERO32,
                WindowContext.ZERO32, EngineVectors.pool().commitment(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Window.run(s, WindowInputs.publicWindow(live, EngineVectors.pool())));
        assertTrue(e.getMessage().contains("already live"), e.getMessage());
        // A private window without its dataset, or with the wrong one.
        WindowContext priv = new WindowContext(EngineVectors.SEASON, EngineVectors.TC, WindowContext.ZERO32, WindowContext.ZERO32,
                EngineVectors.privateDataset().commitment(), EngineVectors.pool().commitment(), WindowContext.NO_GROWTH);
        assertThrows(IllegalArgumentException.class, () -> WindowInputs.publicWindow(priv, EngineVectors.pool()));
        WindowContext other = new WindowContext(EngineVectors.SEASON, EngineVectors.TC, WindowContext.ZERO32, WindowContext.ZERO32,
                new byte[32].clone(), EngineVectors.pool().commitment(), WindowContext.NO_GROWTH);
        byte[] wrong = new byte[32];
        wrong[0] = 1;
        WindowContext wrongC = new WindowContext(EngineVectors.SEASON, EngineVectors.TC, WindowContext.ZERO32, WindowContext.ZERO32,
                wrong, EngineVectors.pool().commitment(), WindowContext.NO_GROWTH);
        e = assertThrows(IllegalArgumentException.class,
                () -> new WindowInputs(wrongC, EngineVectors.pool(), EngineVectors.privateDataset(), 0));
        assertTrue(e.getMessage().contains("does not match C_dataset"), e.getMessage());
        assertEquals(false, other.hasPrivateDataset());
        // A growth slot out of range.
        assertThrows(IllegalArgumentException.class, () -> new WindowContext(EngineVectors.SEASON, EngineVectors.TC,
                WindowContext.ZERO32, WindowContext.ZERO32, WindowContext.ZERO32, WindowContext.ZERO32, 9));
    }

    @Test
    void growthSpurtWakesTheSlotMidWindowAndChargesEnergy() {
        BeastState s = Hatchery.hatch(5);
        WindowContext ctx = new WindowContext(EngineVectors.SEASON, EngineVectors.TC, WindowContext.ZERO32, WindowContext.ZERO32,
                WindowContext.ZERO32, EngineVectors.pool().commitment(), 6);
        int[] masks = new int[Window.STEPS];
        int[] i = {0};
        BeastState watch = s;
        WindowResult r = Window.run(s, WindowInputs.publicWindow(ctx, EngineVectors.pool()), new MicroStep.Scratch(),
                rec -> masks[i[0]++] = watch.activeMask);
        assertEquals(NetShape.HATCH_MASK, masks[Window.GROWTH_STEP - 1]);
        assertEquals(NetShape.HATCH_MASK | 1 << 6, masks[Window.GROWTH_STEP]);
        long before = 64 * Energy.stepCost(NetShape.HATCH_MASK, EngineVectors.TC);
        long after = 64 * Energy.stepCost(NetShape.HATCH_MASK | 1 << 6, EngineVectors.TC);
        assertEquals(before + after + EngineVectors.TC.growthSlotCost(), r.energyBurn());
    }
}
