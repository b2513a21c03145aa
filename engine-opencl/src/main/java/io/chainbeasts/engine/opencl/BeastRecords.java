package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetShape;

import java.nio.ByteBuffer;

/**
 * A {@link BeastState} as the kernel's beast record ({@link KernelLayout#BEAST_INTS} ints, host byte order) and back.
 * {@code w1InputMajor} stores w1 as [N_IN][HIDDEN] instead of Java's [HIDDEN][N_IN]: both window layouts' order
 * (FastNet's input-major passes; in the work-group layout a group's work-items read neighbouring weights for one
 * input), while the hatch and state-hash kernels keep Java's.
 */
final class BeastRecords {
    private BeastRecords() {}

    static final int BYTES = 4 * KernelLayout.BEAST_INTS;

    static ByteBuffer allocate(int beasts) {
        return ClProgram.alloc((long) BYTES * beasts);
    }

    static void put(ByteBuffer buf, int b, BeastState s, boolean w1InputMajor) {
        int base = b * BYTES;
        for (int i = 0; i < KernelLayout.BEAST_W1; i++) buf.putInt(base + 4 * i, 0);
        putLong(buf, base, KernelLayout.BEAST_SEED_LO, s.seedCore);
        buf.putInt(base + 4 * KernelLayout.BEAST_GLOBAL_STEP, s.globalStep);
        buf.putInt(base + 4 * KernelLayout.BEAST_ACTIVE_MASK, s.activeMask);
        buf.putInt(base + 4 * KernelLayout.BEAST_LR_SHIFT, s.lrShift);
        putLong(buf, base, KernelLayout.BEAST_ENERGY_LO, s.energyTotal);
        putLong(buf, base, KernelLayout.BEAST_PREV_LOSS_LO, s.prevWindowLoss);
        int w1 = base + 4 * KernelLayout.BEAST_W1;
        for (int c = 0; c < s.w1.length; c++) buf.putInt(w1 + 4 * w1Slot(c, w1InputMajor), s.w1[c]);
        int at = w1 + 4 * s.w1.length;
        for (int[] arr : new int[][] {s.b1, s.w2, s.b2}) {
            for (int v : arr) {
                buf.putInt(at, v);
                at += 4;
            }
        }
        buf.putInt(at, 0);
        buf.putInt(at + 4, 0);
    }

    static void get(ByteBuffer buf, int b, BeastState s, boolean w1InputMajor) {
        int base = b * BYTES;
        s.seedCore = getLong(buf, base, KernelLayout.BEAST_SEED_LO);
        s.globalStep = buf.getInt(base + 4 * KernelLayout.BEAST_GLOBAL_STEP);
        s.activeMask = buf.getInt(base + 4 * KernelLayout.BEAST_ACTIVE_MASK);
        s.lrShift = buf.getInt(base + 4 * KernelLayout.BEAST_LR_SHIFT);
        s.energyTotal = getLong(buf, base, KernelLayout.BEAST_ENERGY_LO);
        s.prevWindowLoss = getLong(buf, base, KernelLayout.BEAST_PREV_LOSS_LO);
        int w1 = base + 4 * KernelLayout.BEAST_W1;
        for (int c = 0; c < s.w1.length; c++) s.w1[c] = buf.getInt(w1 + 4 * w1Slot(c, w1InputMajor));
        int at = w1 + 4 * s.w1.length;
        for (int[] arr : new int[][] {s.b1, s.w2, s.b2}) {
            for (int i = 0; i < arr.length; i++) {
                arr[i] = buf.getInt(at);
                at += 4;
            }
        }
    }

    /** Where Java's w1[c] (c = unit * N_IN + input) sits in the record's w1 block. */
    static int w1Slot(int c, boolean inputMajor) {
        if (!inputMajor) return c;
        int unit = c / NetShape.N_IN;
        return (c - unit * NetShape.N_IN) * NetShape.HIDDEN + unit;
    }

    /** A long in a beast record: the low int at {@code loInt}, the high one after it (beast_getLong in microstep.cl). */
    private static void putLong(ByteBuffer buf, int base, int loInt, long v) {
        buf.putInt(base + 4 * loInt, (int) v);
        buf.putInt(base + 4 * loInt + 4, (int) (v >>> 32));
    }

    private static long getLong(ByteBuffer buf, int base, int loInt) {
        return (buf.getInt(base + 4 * loInt) & 0xFFFFFFFFL) | ((long) buf.getInt(base + 4 * loInt + 4) << 32);
    }
}
