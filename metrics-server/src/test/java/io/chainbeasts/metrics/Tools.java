package io.chainbeasts.metrics;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** External programs the tests drive (node, chromium), found on PATH. */
final class Tools {
    private Tools() {}

    static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("metrics.moduleDir", ".")).toAbsolutePath().normalize();
    }

    static Path targetDir() {
        return Path.of(System.getProperty("metrics.targetDir", "target")).toAbsolutePath().normalize();
    }

    /** Stops a process we started, its children first; waits for it. */
    static void stop(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
