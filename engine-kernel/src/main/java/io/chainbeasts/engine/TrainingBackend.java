package io.chainbeasts.engine;

import java.util.List;

/**
 * Something that runs 128-step windows for a batch of beasts: the Java reference ({@link JavaBackend})
 * or the OpenCL kernel (module engine-opencl). Every backend gives bit-identical states and results;
 * the Java one is the reference.
 *
 * <p>{@code states.get(i)} is trained in place with {@code inputs.get(i)}; the results come back in
 * the same order. Beasts of a batch are independent (no shared state), so a backend may run them in
 * any order or in parallel.
 */
public interface TrainingBackend extends AutoCloseable {
    /** Short name: "java" or "opencl". */
    String name();

    /** One line: what this backend runs on (threads, device). */
    String description();

    /** Runs one window per beast, mutating the states. */
    List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs);

    /**
     * As {@link #runWindows(List, List)}, calling {@code observer} after every micro-step of every
     * beast with the state after that step (for differential tests; slow on batched backends).
     * The state passed may be a live object or a copy: read it, do not keep or mutate it.
     */
    List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer);

    /** Called after micro-step {@code step} (0..127) of beast {@code beast} of the batch. */
    @FunctionalInterface
    interface StepObserver {
        void afterStep(int beast, int step, BeastState state);
    }

    @Override
    default void close() {}
}
