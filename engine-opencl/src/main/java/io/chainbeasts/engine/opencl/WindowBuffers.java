package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One batch's window buffers, host side and device side (names in {@link KernelLayout}): beast records, window
 * contexts at {@code CONTEXT_STRIDE}, per-beast {@code args}, the {@link BoardBank}, the {@code acc} results and the
 * optional step records. Closing releases both sides.
 */
final class WindowBuffers implements AutoCloseable {
    /**
     * The window kernels' records hold w1 input-major in both layouts (FastNet's passes, the group's units); the hatch
     * and state-hash kernels' records keep Java's order.
     */
    static final boolean W1_INPUT_MAJOR = KernelLayout.GROUP_W1_INPUT_MAJOR == 1;

    final int beasts;
    final ByteBuffer states;
    final ByteBuffer acc;
    final ByteBuffer records;
    private final ByteBuffer contexts;
    private final ByteBuffer args;
    private final BoardBank.Batch bank;
    private ClProgram.Mem mStates, mContexts, mArgs, mBank, mOffsets, mAcc, mRecords;

    private WindowBuffers(int beasts, ByteBuffer states, ByteBuffer contexts, ByteBuffer args,
                          BoardBank.Batch bank, boolean trace) {
        this.beasts = beasts;
        this.states = states;
        this.contexts = contexts;
        this.args = args;
        this.bank = bank;
        this.acc = ClProgram.alloc(8L * KernelLayout.ACC_STRIDE * beasts);
        this.records = trace ? ClProgram.alloc(recordBytes(beasts)) : null;
    }

    static long recordBytes(int beasts) {
        return 4L * KernelLayout.REC_STRIDE * Window.STEPS * beasts;
    }

    /** The batch in host buffers; checks what Java would reject (a growth slot that is already live). */
    static WindowBuffers marshal(List<BeastState> states, List<WindowInputs> inputs, BoardBank banks, boolean trace) {
        int n = states.size();
        for (int b = 0; b < n; b++) {
            int slot = inputs.get(b).context().growthSlot();
            int mask = states.get(b).activeMask;
            if (slot != WindowContext.NO_GROWTH && ((mask >>> slot) & 1) != 0) {
                throw new IllegalArgumentException("growth slot " + slot + " is already live (activeMask 0x" + Integer.toHexString(mask) + ")");
            }
        }
        BoardBank.Batch bank = banks.assemble(inputs);
        ByteBuffer st = BeastRecords.allocate(n);
        ByteBuffer ctx = ClProgram.alloc((long) KernelLayout.CONTEXT_STRIDE * n);
        ByteBuffer arg = ClProgram.alloc(8L * KernelLayout.ARGS_STRIDE * n);
        try {
            for (int b = 0; b < n; b++) {
                BeastRecords.put(st, b, states.get(b), W1_INPUT_MAJOR);
                WindowInputs in = inputs.get(b);
                byte[] c = in.context().toBytes();
                if (c.length > KernelLayout.CONTEXT_STRIDE) {
                    throw new IllegalStateException("window context of " + c.length + " B exceeds " + KernelLayout.CONTEXT_STRIDE);
                }
                ctx.put(b * KernelLayout.CONTEXT_STRIDE, c);
                int a = b * KernelLayout.ARGS_STRIDE * 8;
                arg.putLong(a + 8 * KernelLayout.ARGS_SECRET_FOLD, in.secretFold());
                arg.putLong(a + 8 * KernelLayout.ARGS_POOL_BASE, bank.poolBase()[b]);
                arg.putLong(a + 8 * KernelLayout.ARGS_POOL_SIZE, bank.poolSize()[b]);
                arg.putLong(a + 8 * KernelLayout.ARGS_DATASET_BASE, bank.datasetBase()[b]);
                arg.putLong(a + 8 * KernelLayout.ARGS_DATASET_SIZE, bank.datasetSize()[b]);
            }
        } catch (RuntimeException e) {
            bank.close();
            ClProgram.free(st);
            ClProgram.free(ctx);
            ClProgram.free(arg);
            throw e;
        }
        st.position(0).limit(BeastRecords.BYTES * n);
        ctx.position(0).limit(KernelLayout.CONTEXT_STRIDE * n);
        arg.position(0).limit(8 * KernelLayout.ARGS_STRIDE * n);
        return new WindowBuffers(n, st, ctx, arg, bank, trace);
    }

    /** Creates the device buffers from the host ones; returns the bytes sent. */
    long upload(ClProgram p) {
        mStates = p.input(states);
        mContexts = p.input(contexts);
        mArgs = p.input(args);
        mBank = p.input(bank.bytes());
        mOffsets = p.input(bank.offsets());
        mAcc = p.output(acc.capacity());
        mRecords = p.output(records != null ? records.capacity() : 4);
        return (long) states.remaining() + contexts.remaining() + args.remaining() + bank.bytes().remaining() + bank.offsets().remaining();
    }

    /** The window kernels' arguments (cb_window_steps and cb_window_group take the same). */
    Object[] kernelArgs(int stepFrom, int stepTo, boolean finish) {
        return new Object[] {mStates, mContexts, mArgs, mBank, mOffsets, mAcc, mRecords, stepFrom, stepTo, finish ? 1 : 0,
                records != null ? 1 : 0, beasts};
    }

    void readStates(ClProgram p) {
        p.read(mStates, states);
    }

    /** Reads the results (and step records when traced); returns the bytes received. */
    long readResults(ClProgram p) {
        p.read(mStates, states);
        p.read(mAcc, acc);
        long bytes = (long) states.capacity() + acc.capacity();
        if (records != null) {
            p.read(mRecords, records);
            bytes += records.capacity();
        }
        return bytes;
    }

    @Override
    public void close() {
        ClProgram.release(mStates, mContexts, mArgs, mBank, mOffsets, mAcc, mRecords);
        bank.close();
        for (ByteBuffer bb : new ByteBuffer[] {states, contexts, args, acc}) ClProgram.free(bb);
        if (records != null) ClProgram.free(records);
    }
}
