package io.chainbeasts.checkpoint;

import java.nio.file.Path;

/**
 * Test hook into every write step of the store (package-private): {@link DurableFile} and
 * {@link BeastStore#commit} call {@link #at} at each point where a crash could stop them, so a test
 * can stop the sequence there (by throwing an {@link Error}, which the writers do not clean up
 * after, exactly like a killed process). {@code null} in production.
 */
final class FaultInjector {
    private FaultInjector() {}

    /** Called with the point's name and the file being written. */
    interface Hook {
        void at(String point, Path file);
    }

    static volatile Hook hook;

    static void at(String point, Path file) {
        Hook h = hook;
        if (h != null) h.at(point, file);
    }
}
