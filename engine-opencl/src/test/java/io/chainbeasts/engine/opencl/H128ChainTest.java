package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.JavaBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The same h128 sequence from the Java reference and the OpenCL kernel over a long run (128
 * windows = 16,384 micro-steps, through epochs 0..15: every lr shift, head unlock and all four
 * growth spurts), and across JVMs: this one and every other JDK found under {@code /usr/lib/jvm}
 * (or {@code chainbeasts.jdks}, a path-separated list of JDK homes) whose vendor or version differs,
 * each run in its own process with libjsig preloaded. {@code .ci/install.d/45-second-jdk.sh} makes
 * sure CI has one.
 */
class H128ChainTest {
    static final int WINDOWS = Integer.getInteger("chainbeasts.h128.windows", 128);

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void javaAndOpenClAgreeOverALongRun(WindowLayout layout) {
        OpenClBackend cl = OpenCl.backend(layout);
        List<String> j = H128Chain.run(new JavaBackend(), 7, WINDOWS, false);
        List<String> c = H128Chain.run(cl, 7, WINDOWS, false);
        for (int w = 0; w < WINDOWS; w++) assertEquals(j.get(w), c.get(w), "h128 of window " + w);
        List<String> jp = H128Chain.run(new JavaBackend(), 8, 24, true);
        List<String> cp = H128Chain.run(cl, 8, 24, true);
        assertEquals(jp, cp, "private run h128 sequence");
        System.out.println("[h128] java == opencl (" + layout.label() + ") over " + WINDOWS + " public windows (last " + c.get(WINDOWS - 1).substring(0, 16) + "...) and 24 private windows");
    }

    static List<String> runIn(String javaBin, String backend, int windows) throws Exception {
        return runIn(javaBin, backend, null, windows);
    }

    /** {@code layout}: the child's {@link WindowLayout#OVERRIDE_ENV} (null: the device's choice). */
    static List<String> runIn(String javaBin, String backend, WindowLayout layout, int windows) throws Exception {
        Path home = Path.of(javaBin).getParent().getParent();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-ea", "-cp", System.getProperty("java.class.path"),
                H128Chain.class.getName(), backend, "7", Integer.toString(windows)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path jsig = home.resolve("lib/libjsig.so");
        if (Files.exists(jsig)) pb.environment().put("LD_PRELOAD", jsig.toString());
        if (layout != null) pb.environment().put(WindowLayout.OVERRIDE_ENV, layout.label());
        Path err = Files.createTempFile("h128", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) p.destroyForcibly();
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        assertEquals(0, p.exitValue(), javaBin + " " + backend + " failed:\n" + errText);
        return List.of(out.strip().split("\n"));
    }

    /**
     * The JDK homes, other than the running one, under {@code /usr/lib/jvm} or in {@code chainbeasts.jdks}:
     * an executable {@code bin/java} and a {@code release} file whose IMPLEMENTOR or JAVA_VERSION differs
     * from this JVM's, one per distinct (vendor, version), in name order.
     */
    static List<Path> otherJdks() throws IOException {
        Path self = Path.of(System.getProperty("java.home")).toRealPath();
        List<Path> candidates = new ArrayList<>();
        String listed = System.getProperty("chainbeasts.jdks", "");
        for (String h : listed.split(File.pathSeparator)) if (!h.isBlank()) candidates.add(Path.of(h.trim()));
        Path jvmDir = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvmDir)) {
            try (var s = Files.list(jvmDir)) {
                s.sorted().forEach(candidates::add);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(identity(self));
        List<Path> out = new ArrayList<>();
        for (Path c : candidates) {
            if (!Files.isExecutable(c.resolve("bin/java")) || !Files.isRegularFile(c.resolve("release"))) continue;
            Path real = c.toRealPath();
            if (real.equals(self)) continue;
            if (seen.add(identity(real))) out.add(real);
        }
        return out;
    }

    /** "IMPLEMENTOR JAVA_VERSION" from a JDK's release file. */
    static String identity(Path home) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.getProperty("IMPLEMENTOR", "?") + " " + p.getProperty("JAVA_VERSION", "?");
    }

    @Test
    void otherJdksExcludeTheRunningOne() throws IOException {
        Path self = Path.of(System.getProperty("java.home")).toRealPath();
        for (Path j : otherJdks()) {
            assertNotEquals(self, j);
            assertNotEquals(identity(self), identity(j), j + " is the same vendor and version as the running JVM");
        }
    }

    @Test
    void sameSequenceAcrossJvms() throws Exception {
        OpenCl.backend();
        int windows = 32;
        List<String> here = H128Chain.run(new JavaBackend(), 7, windows, false);
        List<String> jvms = new ArrayList<>();
        jvms.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (Path home : otherJdks()) jvms.add(home.resolve("bin/java").toString());
        io.chainbeasts.core.RequiredTools.require(jvms.size() > 1, "no JDK other than " + System.getProperty("java.home")
                + " under /usr/lib/jvm (the cross-JVM check needs a second one; .ci/install.d/45-second-jdk.sh installs it)");
        for (String j : jvms) {
            assertEquals(here, runIn(j, "java", windows), j + " --backend java: h128 sequence differs");
            System.out.println("[h128] " + j + " --backend java: " + windows + " windows equal");
            for (WindowLayout layout : WindowLayout.values()) {
                assertEquals(here, runIn(j, "opencl", layout, windows), j + " --backend opencl (" + layout.label() + "): h128 sequence differs");
                System.out.println("[h128] " + j + " --backend opencl, " + layout.label() + ": " + windows + " windows equal");
            }
        }
    }
}
