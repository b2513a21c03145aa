package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.opencl.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same beast trained on Java and on OpenCL has the same checkpoints, and each verifies on the other. */
class BackendCliTest {
    @Test
    void openClTrainingMatchesJavaAndVerifiesAcross(@TempDir Path dir) {
        String why = Backends.probe();
        io.chainbeasts.core.RequiredTools.require(why == null, "no OpenCL platform (" + why + "); the Java backend ran the rest");
        Path j = dir.resolve("java");
        Path o = dir.resolve("opencl");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x51", "--out", j.toString()).code());
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x51", "--out", o.toString()).code());
        assertEquals(0, CliTest.run("train", "--beast", j.toString(), "--windows", "3", "--quiet", "--backend", "java").code());
        CliTest.Result r = CliTest.run("train", "--beast", o.toString(), "--windows", "3", "--quiet", "--backend", "opencl");
        assertEquals(0, r.code(), r.err());
        BeastStore a = BeastStore.open(j);
        BeastStore b = BeastStore.open(o);
        for (long w = 0; w < 3; w++) {
            assertEquals(Hex.of(a.window(w).checkpointHash()), Hex.of(b.window(w).checkpointHash()), "window " + w);
        }
        CliTest.Result v1 = CliTest.run("verify", o.toString(), "--backend", "java");
        CliTest.Result v2 = CliTest.run("verify", j.toString(), "--backend", "opencl");
        assertEquals(0, v1.code(), v1.out());
        assertEquals(0, v2.code(), v2.out());
        assertTrue(v2.out().contains("on opencl"), v2.out());
    }

    @Test
    void unknownBackendIsAOneLineError() {
        CliTest.Result r = CliTest.run("verify", "nowhere", "--backend", "cuda");
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("chainbeasts: --backend: unknown backend 'cuda'"), r.err());
    }
}
