package io.chainbeasts.client.desktop;

import io.chainbeasts.core.RequiredTools;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a class of the client in its own JVM under {@code xvfb-run -a} (a free display), so GL and GLFW never
 * share a JVM with other tests. Without xvfb-run the test is skipped with a message, unless
 * CHAINBEASTS_REQUIRE_TOOLS=1 (CI), where it fails.
 */
public final class ClientProcess {
    private ClientProcess() {}

    public record Result(int code, String output) {}

    public static boolean xvfbAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "xvfb-run")) && Files.isExecutable(Path.of(dir, "Xvfb"))) return true;
        }
        return false;
    }

    public static void requireXvfb() {
        RequiredTools.require(xvfbAvailable(), "xvfb-run and Xvfb are not installed (apt-get install -y xvfb xauth, or .ci/install.d/50-client.sh)");
    }

    /** Runs {@code mainClass args} on this test's classpath under Xvfb at 1280x800; output goes to {@code log}. */
    public static Result run(Path log, long timeoutSeconds, String mainClass, String... args) throws IOException, InterruptedException {
        Process proc = start(log, mainClass, args);
        if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            kill(proc);
            throw new AssertionError(mainClass + " did not finish in " + timeoutSeconds + " s; log " + log);
        }
        return new Result(proc.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * Kills the client's JVM at once (SIGKILL, as a crash would); xvfb-run then stops its Xvfb and cleans up.
     * Whatever is left after 10 s is killed too.
     */
    public static void kill(Process proc) throws InterruptedException {
        proc.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).forEach(ProcessHandle::destroyForcibly);
        if (proc.waitFor(10, TimeUnit.SECONDS)) return;
        proc.descendants().forEach(ProcessHandle::destroyForcibly);
        proc.destroyForcibly();
        proc.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts {@code mainClass args} under Xvfb without waiting. */
    public static Process start(Path log, String mainClass, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", java, "-cp", cp, mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        if (Files.exists(jsig)) pb.environment().put("LD_PRELOAD", jsig.toString());
        return pb.start();
    }

    /** The autopilot's verdict ("ok") and every recorded pixel probe, checked against the PNGs (tolerance 6 per channel). */
    public static int assertAutopilot(Path out, Result r) throws IOException {
        Path result = out.resolve("result.txt");
        assertTrue(Files.exists(result), "the client wrote no result; its output:\n" + r.output());
        assertEquals("ok", Files.readString(result).strip(), "autopilot failed; client output:\n" + r.output());
        assertEquals(0, r.code(), r.output());
        Map<String, BufferedImage> shots = new HashMap<>();
        List<String> probes = Files.readAllLines(out.resolve("probes.txt"));
        for (String line : probes) {
            String[] f = line.split(" ", 5);
            BufferedImage img = shots.computeIfAbsent(f[0], n -> {
                try {
                    return ImageIO.read(out.resolve(n + ".png").toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int x = Integer.parseInt(f[1]);
            int y = Integer.parseInt(f[2]);
            int want = Integer.parseInt(f[3], 16);
            int got = img.getRGB(x, y) & 0xFFFFFF;
            assertTrue(close(want, got, 6), f[0] + ".png (" + x + "," + y + ") " + f[4] + ": expected #" + f[3] + ", got #"
                    + String.format("%06x", got));
        }
        return probes.size();
    }

    static boolean close(int a, int b, int tol) {
        for (int s = 0; s <= 16; s += 8) if (Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > tol) return false;
        return true;
    }
}
