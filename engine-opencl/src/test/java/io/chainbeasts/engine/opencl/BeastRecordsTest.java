package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.NetShape;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The beast record in both w1 orders (no device needed): a round trip, and where the input-major order puts w1[j][i]. */
class BeastRecordsTest {
    static BeastState sample() {
        BeastState s = Hatchery.hatch(42);
        s.globalStep = 0x12345678;
        s.activeMask = 0x3F;
        s.lrShift = 9;
        s.energyTotal = -3_000_000_000L;
        s.prevWindowLoss = 0x7FFF_0000_1234L;
        for (int i = 0; i < s.b1.length; i++) s.b1[i] = i * 31 - 500;
        for (int i = 0; i < s.b2.length; i++) s.b2[i] = -i;
        return s;
    }

    @Test
    void bothOrdersRoundTripEveryField() {
        BeastState s = sample();
        for (boolean inputMajor : new boolean[] {false, true}) {
            ByteBuffer buf = BeastRecords.allocate(3);
            BeastRecords.put(buf, 2, s, inputMajor);
            BeastState back = new BeastState();
            BeastRecords.get(buf, 2, back, inputMajor);
            assertArrayEquals(s.toBytes(), back.toBytes(), "round trip, input-major " + inputMajor);
            ClProgram.free(buf);
        }
    }

    @Test
    void inputMajorPutsUnitJInputIAtIHiddenPlusJ() {
        BeastState s = sample();
        ByteBuffer unit = BeastRecords.allocate(1);
        ByteBuffer input = BeastRecords.allocate(1);
        BeastRecords.put(unit, 0, s, false);
        BeastRecords.put(input, 0, s, true);
        int w1 = 4 * KernelLayout.BEAST_W1;
        for (int[] ji : new int[][] {{0, 0}, {0, 1}, {1, 0}, {63, 199}, {17, 123}}) {
            int j = ji[0], i = ji[1];
            int want = s.w1[j * NetShape.N_IN + i];
            assertEquals(want, unit.getInt(w1 + 4 * (j * NetShape.N_IN + i)), "unit-major w1[" + j + "][" + i + "]");
            assertEquals(want, input.getInt(w1 + 4 * (i * NetShape.HIDDEN + j)), "input-major w1[" + j + "][" + i + "]");
        }
        // everything after w1 is in the same place in both orders
        int after = w1 + 4 * s.w1.length;
        for (int at = after; at < BeastRecords.BYTES; at += 4) assertEquals(unit.getInt(at), input.getInt(at), "byte " + at);
        ClProgram.free(unit);
        ClProgram.free(input);
    }

    @Test
    void layoutNamesParseAndUnknownOnesAreRefused() {
        for (WindowLayout l : WindowLayout.values()) assertEquals(l, WindowLayout.parse(l.label()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowLayout.parse("warp"));
        assertEquals("unknown OpenCL layout 'warp' (expected per-beast or work-group)", e.getMessage());
    }
}
