package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.TrainingBackend.StepObserver;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs windows for a batch in one {@link WindowLayout}: marshal ({@link WindowBuffers}), upload, ONE launch for the
 * whole window, read back the post-states and results ({@link WindowReadback}). Only the differential tests' step
 * observer makes a launch per micro-step (and reads every state after each).
 */
final class WindowRunner {
    private final ClProgram program;
    private final WindowLayout layout;
    private final int groupSize;
    private final BoardBank banks = new BoardBank();
    private LaunchTimings last;

    WindowRunner(ClProgram program, WindowLayout layout, int groupSize) {
        this.program = program;
        this.layout = layout;
        this.groupSize = groupSize;
    }

    /** Work-items per beast on a CPU device when the work-group layout is asked for: one AVX-512 vector of longs. */
    static final int CPU_GROUP_SIZE = 8;

    /**
     * Work-items per group: 1 in the per-beast layout; else the requested size, or by default as many as the kernel
     * allows up to {@link KernelLayout#GROUP_MAX_SIZE} on a GPU and {@link #CPU_GROUP_SIZE} on a CPU (PoCL, 1,024
     * beasts: 8, 16 and 32 items ran at 0.87x the per-beast layout's steps per CPU-second, 64 items at 0.62x; each item
     * carries a copy of the sequential work area through every barrier).
     */
    static int groupSize(ClProgram program, WindowLayout layout, int requested) {
        if (layout == WindowLayout.PER_BEAST) return 1;
        long max = Math.min(KernelLayout.GROUP_MAX_SIZE, program.maxGroupSize(layout.kernel()));
        if (requested > max) throw new IllegalArgumentException("work-group size " + requested + " exceeds this device's " + max);
        if (requested > 0) return requested;
        return (int) Math.min(max, program.device().isCpu() ? CPU_GROUP_SIZE : KernelLayout.GROUP_MAX_SIZE);
    }

    WindowLayout layout() {
        return layout;
    }

    int groupSize() {
        return groupSize;
    }

    /** Where the last run's time went. */
    LaunchTimings lastTimings() {
        return last;
    }

    OpenClBackend.Traced run(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer, boolean trace) {
        int n = states.size();
        if (n != inputs.size()) throw new IllegalArgumentException(n + " states but " + inputs.size() + " window inputs");
        if (n == 0) return new OpenClBackend.Traced(List.of(), new StepTrace[0][]);
        long t0 = System.nanoTime();
        try (WindowBuffers buf = WindowBuffers.marshal(states, inputs, banks, trace)) {
            long t1 = System.nanoTime();
            long up = buf.upload(program);
            long t2 = System.nanoTime();
            int launches;
            if (observer == null) {
                launch(buf, 0, Window.STEPS, true);
                launches = 1;
            } else {
                BeastState view = new BeastState();
                for (int i = 0; i < Window.STEPS; i++) {
                    launch(buf, i, i + 1, false);
                    buf.readStates(program);
                    for (int b = 0; b < n; b++) {
                        BeastRecords.get(buf.states, b, view, WindowBuffers.W1_INPUT_MAJOR);
                        observer.afterStep(b, i, view);
                    }
                }
                launch(buf, Window.STEPS, Window.STEPS, true);
                launches = Window.STEPS + 1;
            }
            long t3 = System.nanoTime();
            long down = buf.readResults(program);
            long t4 = System.nanoTime();
            WindowReadback.checkErrors(buf.acc, n);
            List<WindowResult> results = new ArrayList<>(n);
            StepTrace[][] traces = new StepTrace[n][];
            for (int b = 0; b < n; b++) {
                BeastState s = states.get(b);
                BeastRecords.get(buf.states, b, s, WindowBuffers.W1_INPUT_MAJOR);
                results.add(WindowReadback.result(buf.acc, b, s));
                if (trace) traces[b] = WindowReadback.traces(buf.records, b);
            }
            long t5 = System.nanoTime();
            last = new LaunchTimings(n, launches, t1 - t0, t2 - t1, up, t3 - t2, t4 - t3, down, t5 - t4);
            return new OpenClBackend.Traced(results, traces);
        }
    }

    private void launch(WindowBuffers buf, int from, int to, boolean finish) {
        program.runGroups(layout.kernel(), (long) buf.beasts * groupSize, groupSize, buf.kernelArgs(from, to, finish));
    }
}
