package io.chainbeasts.engine.opencl;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Assembles the OpenCL program from the parts that sit beside their Java twins (each module owns
 * its rules in both languages). The order is fixed: each part uses only the parts before it.
 */
public final class KernelSource {
    private KernelSource() {}

    /** Classpath resources, in program order. */
    public static final List<String> PARTS = List.of(
            "/io/chainbeasts/core/opencl/fixed.cl",
            "/io/chainbeasts/core/opencl/splitmix64.cl",
            "/io/chainbeasts/core/opencl/keccak256.cl",
            "/io/chainbeasts/combat/opencl/combat.cl",
            "/io/chainbeasts/curriculum/opencl/curriculum.cl",
            "/io/chainbeasts/engine/opencl/net.cl",
            "/io/chainbeasts/engine/opencl/microstep.cl",
            "/io/chainbeasts/engine/opencl/window_group.cl");

    /** Build options: nothing that changes integer semantics; the kernel never relies on fast-math. */
    public static final String BUILD_OPTIONS = "-cl-std=CL1.2";

    /** The whole kernel-path program. */
    public static String program() {
        return assemble(PARTS);
    }

    public static String assemble(List<String> resources) {
        StringBuilder sb = new StringBuilder(1 << 16);
        for (String r : resources) {
            sb.append("/* ==== ").append(r).append(" ==== */\n");
            sb.append(read(r)).append('\n');
        }
        return sb.toString();
    }

    public static String read(String resource) {
        try (InputStream in = KernelSource.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("OpenCL source part " + resource + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keccak-256 hex of the source text (UTF-8): the first part of the program cache key. */
    public static String digest(String source) {
        return Hex.of(Keccak256.hash(source.getBytes(StandardCharsets.UTF_8)));
    }
}
