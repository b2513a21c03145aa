package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;

import java.io.PrintStream;

/**
 * Picks a training backend for {@code --backend auto|java|opencl}. {@code auto} probes OpenCL once
 * per process (the LWJGL errors of a missing library, a loader without a driver, no device, a
 * program that does not build) and falls back to Java with one line saying why.
 */
public final class Backends {
    private Backends() {}

    private static String probeFailure;

    /** Selects a backend; {@code notice} gets at most one line (the fallback reason), may be null. */
    public static TrainingBackend select(String which, PrintStream notice) {
        return select(which, notice, ProgramCache.defaultCache(), Runtime.getRuntime().availableProcessors());
    }

    public static TrainingBackend select(String which, PrintStream notice, ProgramCache cache, int javaThreads) {
        String w = which == null ? "auto" : which.trim().toLowerCase(java.util.Locale.ROOT);
        switch (w) {
            case "java":
                return new JavaBackend(javaThreads);
            case "opencl":
                return openCl(cache);
            case "auto": {
                synchronized (Backends.class) {
                    if (probeFailure == null) {
                        try {
                            return openCl(cache);
                        } catch (OpenClUnavailableException | IllegalStateException | UnsatisfiedLinkError | NoClassDefFoundError
                                 | ExceptionInInitializerError e) {
                            probeFailure = oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
                        }
                    }
                }
                if (notice != null) notice.println("backend: OpenCL unavailable (" + probeFailure + "); using the Java backend");
                return new JavaBackend(javaThreads);
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + which + "' (expected auto, java or opencl)");
        }
    }

    private static TrainingBackend openCl(ProgramCache cache) {
        try {
            return OpenClBackend.create(cache);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new OpenClUnavailableException("no OpenCL library (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** Whether an OpenCL device can be opened (does not build the program). Never throws. */
    public static String probe() {
        try (ClDevice d = ClDevice.open()) {
            return null;
        } catch (Throwable t) {
            return oneLine(t.getMessage() == null ? t.toString() : t.getMessage());
        }
    }

    static String oneLine(String s) {
        String first = s.strip().split("\n", 2)[0];
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
