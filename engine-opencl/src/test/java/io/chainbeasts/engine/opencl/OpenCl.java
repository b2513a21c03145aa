package io.chainbeasts.engine.opencl;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * One OpenCL backend per layout per test JVM; tests skip (with the reason) when no platform exists, and fail instead
 * under CHAINBEASTS_REQUIRE_TOOLS=1.
 */
final class OpenCl {
    private OpenCl() {}

    private static final java.util.Map<WindowLayout, OpenClBackend> byLayout = new java.util.EnumMap<>(WindowLayout.class);
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

    /** A backend running windows in {@code layout} (the work-group one with the most work-items the device allows). */
    static synchronized OpenClBackend backend(WindowLayout layout) {
        backend();
        OpenClBackend b = byLayout.get(layout);
        if (b == null) {
            b = backend.layout() == layout ? backend : OpenClBackend.create(testCache(), layout, Integer.getInteger("chainbeasts.test.groupSize", 0));
            if (b != backend) System.out.println("[opencl] " + b.description());
            byLayout.put(layout, b);
        }
        return b;
    }

    static Path repo() {
        return io.chainbeasts.core.Vectors.repoRoot();
    }
}
