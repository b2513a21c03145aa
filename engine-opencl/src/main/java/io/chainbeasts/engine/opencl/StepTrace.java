package io.chainbeasts.engine.opencl;

import io.chainbeasts.curriculum.Label;

/** One micro-step as the kernel recorded it (the fields of {@code StepRecord} that are not the board itself). */
public record StepTrace(int globalStep, int source, byte[] sampleKey, Label label, int heads, int[] outputs,
                        int[] losses, long energy) {}
