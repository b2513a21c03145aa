package io.chainbeasts.engine.opencl;

/**
 * Where one window run's time went, in nanoseconds: host marshalling, upload (device buffers created with a copy),
 * the launch(es) until the device finished, the read-back, and decoding into states and results; bytes each way.
 */
public record LaunchTimings(int beasts, int launches, long marshalNanos, long uploadNanos, long uploadBytes, long kernelNanos,
                            long readNanos, long readBytes, long decodeNanos) {
    public long totalNanos() {
        return marshalNanos + uploadNanos + kernelNanos + readNanos + decodeNanos;
    }

    /** Everything but the kernel: what a run costs beyond the device's compute. */
    public long overheadNanos() {
        return totalNanos() - kernelNanos;
    }
}
