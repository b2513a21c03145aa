package io.chainbeasts.datasets;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the external peers (h5dump, /usr/bin/python3 + h5py, zstd). When one is missing the test is
 * skipped with a message naming the install script, unless {@code CHAINBEASTS_REQUIRE_TOOLS=1}
 * (or {@code -Dchainbeasts.requireTools=true}) is set, in which case it fails.
 */
final class ExternalTools {
    private ExternalTools() {}

    static final String INSTALL_HINT = "install with .ci/install.d/10-datasets.sh (apt-get install hdf5-tools python3-h5py zstd)";

    static boolean required() {
        return io.chainbeasts.core.RequiredTools.required();
    }

    static void requireExecutable(String name) {
        boolean found = name.startsWith("/") ? Files.isExecutable(Path.of(name)) : onPath(name);
        need(found, name + " is not installed");
    }

    static void requirePythonModule(String module) {
        requireExecutable("/usr/bin/python3");
        boolean ok;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        need(ok, "python3 module " + module + " is not installed");
    }

    private static void need(boolean ok, String what) {
        io.chainbeasts.core.RequiredTools.require(ok, what + "; " + INSTALL_HINT);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    /** Runs a command, returns stdout+stderr; asserts the exit status. */
    static String run(int expectedExit, List<String> command) throws Exception {
        return run(expectedExit, command, null);
    }

    static String run(int expectedExit, List<String> command, byte[] stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
        } else {
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), command + " exited " + p.exitValue() + ":\n" + text);
        return text;
    }
}
