package io.chainbeasts.cli;

import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.opencl.Backends;

/** {@code --backend auto|java|opencl}: auto probes OpenCL once and falls back to Java with one line saying why. */
final class BackendChoice {
    private BackendChoice() {}

    /** Refuses an unknown backend name before any work is done. */
    static void check(String which) {
        if (!java.util.List.of("auto", "java", "opencl").contains(which)) {
            throw new UserError("--backend: '" + which + "' is not one of auto, java, opencl");
        }
    }

    static TrainingBackend open(String which) {
        try {
            return Backends.select(which, System.err);
        } catch (IllegalArgumentException e) {
            throw new UserError("--backend: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new UserError("--backend " + which + ": OpenCL is not available here (" + firstLine(e.getMessage()) + "); use --backend java or auto");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown reason";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
