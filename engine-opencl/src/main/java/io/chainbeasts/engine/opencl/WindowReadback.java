package io.chainbeasts.engine.opencl;

import io.chainbeasts.curriculum.Label;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowResult;

import java.nio.ByteBuffer;

/** Reads a window's results back from the kernel's {@code acc} longs and step records (names in {@link KernelLayout}). */
final class WindowReadback {
    private WindowReadback() {}

    /** Fails on the first beast whose kernel run reported an error (before any state is written back). */
    static void checkErrors(ByteBuffer acc, int beasts) {
        for (int b = 0; b < beasts; b++) {
            long err = acc.getLong(8 * (b * KernelLayout.ACC_STRIDE + KernelLayout.ACC_ERROR));
            if (err != 0) {
                throw new IllegalStateException("OpenCL kernel reported error " + err + " for beast " + b
                        + " (an arena with fewer than two open cells)");
            }
        }
    }

    /** The window result of beast {@code b}, whose post-state {@code s} was already read back. */
    static WindowResult result(ByteBuffer acc, int b, BeastState s) {
        long[] a = new long[KernelLayout.ACC_STRIDE];
        int base = b * KernelLayout.ACC_STRIDE * 8;
        for (int i = 0; i < a.length; i++) a[i] = acc.getLong(base + 8 * i);
        WindowResult.HeadTally tally = new WindowResult.HeadTally((int) a[KernelLayout.ACC_MOVE_SEEN], (int) a[KernelLayout.ACC_MOVE_RIGHT],
                (int) a[KernelLayout.ACC_POWER_SEEN], (int) a[KernelLayout.ACC_POWER_RIGHT], (int) a[KernelLayout.ACC_BLOCK_SEEN],
                (int) a[KernelLayout.ACC_BLOCK_RIGHT], a[KernelLayout.ACC_MOVE_LOSS], a[KernelLayout.ACC_POWER_LOSS], a[KernelLayout.ACC_BLOCK_LOSS]);
        return new WindowResult(a[KernelLayout.ACC_ENERGY], s.activeMask, s.lrShift, hash(a, KernelLayout.ACC_H128), s.globalStep,
                hash(a, KernelLayout.ACC_LINEAGE), a[KernelLayout.ACC_LOSS_DROP] != 0, hash(a, KernelLayout.ACC_STATE_HASH),
                hash(a, KernelLayout.ACC_CONTEXT_HASH), a[KernelLayout.ACC_LOSS], tally);
    }

    /** A 32-byte hash the kernel stored as 4 little-endian longs (window_putHash). */
    private static byte[] hash(long[] a, int at) {
        byte[] h = new byte[32];
        for (int j = 0; j < 32; j++) h[j] = (byte) (a[at + (j >> 3)] >>> (8 * (j & 7)));
        return h;
    }

    /** The 128 step records of beast {@code b}. */
    static StepTrace[] traces(ByteBuffer rec, int b) {
        StepTrace[] out = new StepTrace[Window.STEPS];
        for (int i = 0; i < Window.STEPS; i++) {
            int base = ((b * Window.STEPS) + i) * KernelLayout.REC_STRIDE * 4;
            int[] r = new int[KernelLayout.REC_STRIDE];
            for (int q = 0; q < r.length; q++) r[q] = rec.getInt(base + 4 * q);
            byte[] key = new byte[32];
            for (int q = 0; q < 8; q++) for (int k = 0; k < 4; k++) key[4 * q + k] = (byte) (r[KernelLayout.REC_KEY + q] >>> (8 * k));
            int[] outputs = new int[NetShape.N_OUT];
            System.arraycopy(r, KernelLayout.REC_OUTPUTS, outputs, 0, NetShape.N_OUT);
            long energy = (r[KernelLayout.REC_ENERGY] & 0xFFFFFFFFL) | ((long) r[KernelLayout.REC_ENERGY + 1] << 32);
            out[i] = new StepTrace(r[0], r[1], key, new Label(r[2], r[3], r[4], r[KernelLayout.REC_WEIGHT_SHIFT]), r[5], outputs,
                    new int[] {r[KernelLayout.REC_LOSSES], r[KernelLayout.REC_LOSSES + 1], r[KernelLayout.REC_LOSSES + 2]}, energy);
        }
        return out;
    }
}
