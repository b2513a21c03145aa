package io.chainbeasts.cli;

import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    record Result(int code, String out, String err) {}

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void sameSeedSameOutput() {
        Result a = run("battle", "--seed", "99", "--policy-a", "random", "--policy-b", "greedy");
        Result b = run("battle", "--seed", "99", "--policy-a", "random", "--policy-b", "greedy");
        assertEquals(0, a.code());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("battle hash: 0x"), a.out());
    }

    @Test
    void jsonOutputCarriesTheHash(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.json");
        Result r = run("battle", "--seed", "0x10", "--json", f.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> o = Json.obj(Json.parse(Files.readString(f)), "battle");
        assertTrue(r.out().contains(Json.str(o, "battleHash")), r.out());
        assertEquals("16", Json.str(o, "seed"));
    }

    @Test
    void badArgumentsGiveOneLineErrors(@TempDir Path dir) {
        for (String[] args : new String[][] {
            {"battle", "--seed", "nope"},
            {"battle", "--seed", "1", "--policy-a", "smart"},
            {"battle"},
            {"battle", "--seed", "1", "--json", dir.resolve("missing/dir/x.json").toString()},
            {"bench", "--seconds", "0"},
            {"bench", "--kernel-only", "--train"},
        }) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            String err = r.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.startsWith("chainbeasts: "), err);
            assertFalse(err.contains("Exception"), "no stack trace: " + err);
        }
    }

    @Test
    void demoRuns(@TempDir Path dir) {
        Result r = run("demo", "--dir", dir.resolve("demo").toString(), "--windows", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("over 200 seeded battles"), r.out());
        assertTrue(r.out().contains("alpha    vs greedy") && r.out().contains("standings"), "the trained beast fights greedy: " + r.out());
        assertTrue(r.out().contains("live page http://127.0.0.1:"), r.out());
    }
}
