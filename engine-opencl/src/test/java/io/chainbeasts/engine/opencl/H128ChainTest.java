package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.JavaBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same h128 sequence from the Java reference and the OpenCL kernel over a long run (128
 * windows = 16,384 micro-steps, through epochs 0..15: every lr shift, head unlock and all four
 * growth spurts), and across JVMs (this JVM, Java 17, and the Temurin 25 JDK when installed),
 * each run in its own process with libjsig preloaded.
 */
class H128ChainTest {
    static final int WINDOWS = Integer.getInteger("chainbeasts.h128.windows", 128);

    @Test
    void javaAndOpenClAgreeOverALongRun() {
        OpenClBackend cl = OpenCl.backend();
        List<String> j = H128Chain.run(new JavaBackend(), 7, WINDOWS, false);
        List<String> c = H128Chain.run(cl, 7, WINDOWS, false);
        for (int w = 0; w < WINDOWS; w++) assertEquals(j.get(w), c.get(w), "h128 of window " + w);
        List<String> jp = H128Chain.run(new JavaBackend(), 8, 24, true);
        List<String> cp = H128Chain.run(cl, 8, 24, true);
        assertEquals(jp, cp, "private run h128 sequence");
        System.out.println("[h128] java == opencl over " + WINDOWS + " public windows (last " + c.get(WINDOWS - 1).substring(0, 16) + "...) and 24 private windows");
    }

    static List<String> runIn(String javaBin, String backend, int windows) throws Exception {
        Path home = Path.of(javaBin).getParent().getParent();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                H128Chain.class.getName(), backend, "7", Integer.toString(windows)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path jsig = home.resolve("lib/libjsig.so");
        if (Files.exists(jsig)) pb.environment().put("LD_PRELOAD", jsig.toString());
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

    @Test
    void sameSequenceAcrossJvms() throws Exception {
        OpenCl.backend();
        int windows = 32;
        List<String> here = H128Chain.run(new JavaBackend(), 7, windows, false);
        List<String> jvms = new ArrayList<>();
        jvms.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String j : new String[] {"/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"}) {
            if (new File(j).canExecute() && !Path.of(j).toRealPath().equals(Path.of(jvms.get(0)).toRealPath())) jvms.add(j);
        }
        io.chainbeasts.core.RequiredTools.require(jvms.size() > 1, "only one JVM on this machine (the cross-JVM check needs Java 17 and Temurin 25)");
        for (String j : jvms) {
            for (String backend : new String[] {"java", "opencl"}) {
                assertEquals(here, runIn(j, backend, windows), j + " --backend " + backend + ": h128 sequence differs");
                System.out.println("[h128] " + j + " --backend " + backend + ": " + windows + " windows equal");
            }
        }
    }
}
