package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long training as a user runs it: up to a window (idempotent), without a metrics server, interrupted and resumed. */
class TrainUntilTest {
    @Test
    void untilTrainsUpToAWindowAndReRunningDoesNothing(@TempDir Path dir) {
        Path b = dir.resolve("b");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "11", "--out", b.toString()).code());
        CliTest.Result first = CliTest.run("train", "--beast", b.toString(), "--until", "3");
        assertEquals(0, first.code(), first.err());
        assertEquals(3, BeastStore.open(b).head().windows());
        assertTrue(first.out().contains("burns 64 ENERGY"), "ENERGY in tokens with its name: " + first.out());
        CliTest.Result again = CliTest.run("train", "--beast", b.toString(), "--until", "3");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("already has 3 windows"), again.out());
        assertEquals(3, BeastStore.open(b).head().windows());
        assertEquals(0, CliTest.run("train", "--beast", b.toString(), "--until", "5", "--quiet").code());
        assertEquals(5, BeastStore.open(b).head().windows());
        CliTest.Result both = CliTest.run("train", "--beast", b.toString(), "--until", "9", "--windows", "1");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--windows and --until exclude each other"), both.err());
    }

    @Test
    void anUnreachableMetricsServerTurnsMetricsOffOnceAndTrainingGoesOn(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "12", "--out", b.toString()).code());
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliTest.Result r = CliTest.run("train", "--beast", b.toString(), "--windows", "2", "--metrics", "ws://127.0.0.1:" + port);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("metrics are off")).count(), r.err());
        assertEquals(2, BeastStore.open(b).head().windows());
    }

    @Test
    void interruptedTrainingSaysWhatIsSavedAndHowToResume(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "13", "--out", b.toString()).code());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--beast", b.toString(), "--until", "100000000"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!BeastStore.open(b).hasWindow(5) && System.nanoTime() < deadline) Thread.sleep(50);
            p.destroy(); // SIGTERM; Ctrl-C's SIGINT runs the same shutdown hook
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        String e = Files.readString(err, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("train interrupted: (\\d+) windows are saved in " + Pattern.quote(b.toString())
                + " .*resume with: chainbeasts train --beast " + Pattern.quote(b.toString()) + " --until 100000000").matcher(e);
        assertTrue(m.find(), e);
        long saved = Long.parseLong(m.group(1));
        long have = BeastStore.open(b).head().windows();
        assertTrue(saved >= 5 && have >= saved && have <= saved + 1, "said " + saved + ", the store has " + have);
        // the training thread runs on until the JVM halts: windows it finishes after the flush are not saved, nor printed
        long printed = Pattern.compile("(?m)^window +(\\d+) ").matcher(Files.readString(out, StandardCharsets.UTF_8)).results()
                .mapToLong(r -> Long.parseLong(r.group(1)) + 1).max().orElse(0);
        assertTrue(printed >= 1 && printed <= saved, "printed windows up to " + printed + ", said " + saved + " are saved");
        assertFalse(e.contains("Exception"), e);
        CliTest.Result v = CliTest.run("verify", b.toString(), "--backend", "java");
        assertEquals(0, v.code(), "every saved window verifies: " + v.out() + v.err());
    }
}
