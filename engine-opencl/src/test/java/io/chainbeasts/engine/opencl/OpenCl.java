package io.chainbeasts.engine.opencl;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/** One OpenCL backend per test JVM; tests skip (with the reason) when no platform exists. */
final class OpenCl {
    private OpenCl() {}

    private static OpenClBackend backend;
    private static String failure;

    static ProgramCache testCache() {
        return new ProgramCache(ProgramCache.cacheRoot().resolve("opencl"));
    }

    static synchronized OpenClBackend backend() {
        if (backend == null && failure == null) {
            String why = Backends.probe();
            if (why != null) {
                failure = why;
            } else {
                backend = OpenClBackend.create(testCache());
                System.out.println("[opencl] " + backend.description() + "; program "
                        + (backend.build().fromCache() ? "loaded from cache" : "compiled") + " in " + backend.build().millis() + " ms");
            }
        }
        io.chainbeasts.core.RequiredTools.require(backend != null, "no OpenCL platform (" + failure + "); install PoCL with .ci/install.d/40-opencl.sh");
        return backend;
    }

    static Path repo() {
        return io.chainbeasts.core.Vectors.repoRoot();
    }
}
