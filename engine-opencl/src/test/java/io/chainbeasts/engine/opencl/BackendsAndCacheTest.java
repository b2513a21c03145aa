package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.TrainingBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsAndCacheTest {
    @Test
    void javaAndUnknown() {
        try (TrainingBackend b = Backends.select("java", null)) {
            assertEquals("java", b.name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda", null));
        assertTrue(e.getMessage().contains("auto, java or opencl"), e.getMessage());
    }

    /** Without an OpenCL library, auto falls back to Java with exactly one line (run in a child JVM). */
    @Test
    void autoFallsBackWithOneLineWhenTheLibraryIsMissing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.lwjgl.opencl.libname=libNoSuchOpenCL.so", "-cp",
                System.getProperty("java.class.path"), FallbackProbe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.strip().lines().filter(l -> !l.isBlank()).toList();
        assertEquals("selected java", lines.get(lines.size() - 1), out);
        long notices = lines.stream().filter(l -> l.startsWith("backend: OpenCL unavailable")).count();
        assertEquals(1, notices, "exactly one notice line:\n" + out);
        System.out.println("[backends] fallback notice: " + lines.stream().filter(l -> l.startsWith("backend:")).findFirst().orElse(""));
    }

    /** Child-JVM entry point for the fallback test. */
    public static final class FallbackProbe {
        public static void main(String[] args) {
            TrainingBackend a = Backends.select("auto", System.out);
            TrainingBackend b = Backends.select("auto", new PrintStream(new ByteArrayOutputStream()));
            System.out.println("selected " + a.name());
            if (!a.name().equals(b.name())) throw new IllegalStateException("second probe differs");
        }
    }

    @Test
    void programCacheColdWarmCorruptListClear(@TempDir Path tmp) throws Exception {
        OpenClBackend cl = OpenCl.backend();
        ProgramCache cache = new ProgramCache(tmp.resolve("opencl"));
        String src = KernelSource.program();
        ProgramCache.Built cold = cache.build(cl.device(), src, KernelSource.BUILD_OPTIONS);
        assertFalse(cold.fromCache());
        assertEquals(1, cache.list().size());
        ProgramCache.Built warm = cache.build(cl.device(), src, KernelSource.BUILD_OPTIONS);
        assertTrue(warm.fromCache(), "second build comes from the cache");
        assertEquals(cold.key(), warm.key());
        // a different option or source is a different key
        assertFalse(ProgramCache.key(KernelSource.digest(src), "-cl-std=CL1.2 -DX", cl.device().identity()).equals(cold.key()));
        // corruption is detected, named, and rebuilt
        Path bin = cache.list().get(0).binary();
        byte[] b = Files.readAllBytes(bin);
        b[b.length / 2] ^= 0x5A;
        Files.write(bin, b);
        ProgramCache.Built rebuilt = cache.build(cl.device(), src, KernelSource.BUILD_OPTIONS);
        assertFalse(rebuilt.fromCache());
        assertTrue(rebuilt.note().contains("corrupt"), rebuilt.note());
        assertTrue(cache.build(cl.device(), src, KernelSource.BUILD_OPTIONS).fromCache());
        System.out.println("[cache] cold build " + cold.millis() + " ms, warm load " + warm.millis() + " ms; " + cache.describe().strip());
        for (ProgramCache.Built x : new ProgramCache.Built[] {cold, warm, rebuilt}) org.lwjgl.opencl.CL10.clReleaseProgram(x.program());
        assertEquals(1, cache.clear());
        assertEquals(0, cache.list().size());
        List<String> none = new ArrayList<>();
        assertEquals(none, cache.list().stream().map(ProgramCache.Entry::key).toList());
    }
}
