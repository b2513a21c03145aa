package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL backend: the whole window (sampling with self-play combat, labels, forward, backward, update, ENERGY,
 * growth spurt, lineage, loss-drop, state/context hashes, h128) in one kernel launch for a whole batch. Its parts:
 * {@link ClDevice} (device), {@link ClProgram} (program, launches), {@link WindowLayout} (per-beast or work-group,
 * chosen per device), {@link WindowRunner} (the runs) over {@link WindowBuffers} / {@link BeastRecords} /
 * {@link BoardBank} / {@link WindowReadback} (the marshalling, described by {@link KernelLayout}).
 */
public final class OpenClBackend implements TrainingBackend {
    private final ClDevice dev;
    private final ClProgram program;
    private final WindowRunner runner;

    private OpenClBackend(ClDevice dev, ClProgram program, WindowLayout layout, int groupSize) {
        this.dev = dev;
        this.program = program;
        this.runner = new WindowRunner(program, layout, WindowRunner.groupSize(program, layout, groupSize));
    }

    /**
     * Opens the preferred device, builds (or loads from {@code cache}) the program, and runs windows in {@code layout}
     * (null: {@link WindowLayout#forDevice}) with work-groups of {@code groupSize} items (0: the most the kernel allows,
     * up to {@link KernelLayout#GROUP_MAX_SIZE}; ignored for the per-beast layout).
     */
    public static OpenClBackend create(ProgramCache cache, WindowLayout layout, int groupSize) {
        ClDevice dev = ClDevice.open();
        try {
            ClProgram program = ClProgram.build(dev, KernelSource.program(), KernelSource.BUILD_OPTIONS, cache);
            try {
                return new OpenClBackend(dev, program, layout != null ? layout : WindowLayout.forDevice(dev), groupSize);
            } catch (RuntimeException e) {
                program.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    public static OpenClBackend create(ProgramCache cache) {
        return create(cache, null, 0);
    }

    public static OpenClBackend create() {
        return create(ProgramCache.defaultCache());
    }

    public ClDevice device() {
        return dev;
    }

    public ProgramCache.Built build() {
        return program.built();
    }

    public WindowLayout layout() {
        return runner.layout();
    }

    /** Work-items per beast: 1 in the per-beast layout. */
    public int groupSize() {
        return runner.groupSize();
    }

    /** Where the last window run's time went (null before the first). */
    public synchronized LaunchTimings lastTimings() {
        return runner.lastTimings();
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return "OpenCL on " + dev.describe() + ", " + (layout() == WindowLayout.PER_BEAST ? "one work-item per beast"
                : "one work-group of " + groupSize() + " per beast");
    }

    /** One launch per window; nothing is read back until the window ends. */
    @Override
    public synchronized List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
        return runner.run(states, inputs, null, false).results();
    }

    /** For differential tests only: a launch per micro-step, reading every state back after each. */
    @Override
    public synchronized List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
        return runner.run(states, inputs, observer, false).results();
    }

    /** Results plus, per beast, the 128 step records (the golden single-step vectors). */
    public record Traced(List<WindowResult> results, StepTrace[][] steps) {}

    public synchronized Traced runWindowsTraced(List<BeastState> states, List<WindowInputs> inputs) {
        return runner.run(states, inputs, null, true);
    }

    /** Hatches beasts on the device (Hatchery.hatch's twin). */
    public synchronized List<BeastState> hatch(long[] seeds) {
        int n = seeds.length;
        ByteBuffer seedBuf = ClProgram.alloc(8L * n);
        ByteBuffer stBuf = BeastRecords.allocate(n);
        ClProgram.Mem mSeeds = null, mStates = null;
        try {
            for (int i = 0; i < n; i++) seedBuf.putLong(8 * i, seeds[i]);
            seedBuf.position(0).limit(8 * n);
            mSeeds = program.input(seedBuf);
            mStates = program.output((long) BeastRecords.BYTES * n);
            program.run("cb_hatch", n, mSeeds, mStates, n);
            program.read(mStates, stBuf);
            List<BeastState> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                BeastState s = new BeastState();
                BeastRecords.get(stBuf, b, s, false);
                out.add(s);
            }
            return out;
        } finally {
            ClProgram.release(mSeeds, mStates);
            ClProgram.free(seedBuf);
            ClProgram.free(stBuf);
        }
    }

    /** State hashes computed on the device (BeastState.hash's twin). */
    public synchronized List<byte[]> stateHashes(List<BeastState> states) {
        int n = states.size();
        ByteBuffer stBuf = BeastRecords.allocate(n);
        ByteBuffer hBuf = ClProgram.alloc(32L * n);
        ClProgram.Mem mStates = null, mHashes = null;
        try {
            for (int b = 0; b < n; b++) BeastRecords.put(stBuf, b, states.get(b), false);
            stBuf.position(0).limit(BeastRecords.BYTES * n);
            mStates = program.input(stBuf);
            mHashes = program.output(32L * n);
            program.run("cb_state_hash", n, mStates, mHashes, n);
            program.read(mHashes, hBuf);
            List<byte[]> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                byte[] h = new byte[32];
                hBuf.get(32 * b, h);
                out.add(h);
            }
            return out;
        } finally {
            ClProgram.release(mStates, mHashes);
            ClProgram.free(stBuf);
            ClProgram.free(hBuf);
        }
    }

    @Override
    public synchronized void close() {
        program.close();
        dev.close();
    }
}
