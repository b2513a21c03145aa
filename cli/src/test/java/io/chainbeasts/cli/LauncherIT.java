package io.chainbeasts.cli;

import io.chainbeasts.core.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command as a user runs it: the {@code ./chainbeasts} launcher on the jar that
 * {@code mvn package} built (run by failsafe after {@code package}; {@code CHAINBEASTS_NO_BUILD}
 * makes the launcher refuse to rebuild instead). Guards against a jar that compiles and passes the
 * unit tests but lacks a runtime dependency or resource, and against a launcher that drifts from
 * the in-process CLI.
 */
class LauncherIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("chainbeasts");
    static final Path JAR = ROOT.resolve("cli/target/chainbeasts.jar");

    record Run(int code, String out, String err) {}

    @Test
    void jarCarriesEveryRuntimeDependencyAndResource() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(Main.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            for (String entry : List.of(
                    "org/lwjgl/opencl/CL10.class", "linux/x64/org/lwjgl/liblwjgl.so",      // OpenCL backend
                    "picocli/CommandLine.class",
                    "org/web3j/protocol/Web3j.class", "okhttp3/OkHttpClient.class",        // chain commands
                    "com/github/luben/zstd/Zstd.class", "io/jhdf/HdfFile.class",           // datasets
                    "com/google/crypto/tink/Aead.class",                                   // vault
                    "org/java_websocket/server/WebSocketServer.class",                     // metrics
                    "io/chainbeasts/core/opencl/keccak256.cl", "io/chainbeasts/combat/opencl/combat.cl",
                    "io/chainbeasts/curriculum/opencl/curriculum.cl", "io/chainbeasts/engine/opencl/net.cl",
                    "io/chainbeasts/engine/opencl/microstep.cl", "io/chainbeasts/engine/opencl/window_group.cl",
                    "io/chainbeasts/metrics/web/index.html", "io/chainbeasts/metrics/web/app.js")) {
                assertNotNull(jar.getJarEntry(entry), JAR + " lacks " + entry + " (a stale installed module or parent pom? run `mvn -B install`)");
            }
        }
    }

    @Test
    void demoRunsThroughTheLauncherAndVerifiesEveryWindow(@TempDir Path tmp) throws Exception {
        Run r = launch(tmp, "demo", "--windows", "4", "--dir", tmp.resolve("demo").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("result: OK (4 verified, 0 lineage-only, 0 failed of 4 windows)"), r.out());
        assertTrue(r.out().contains("over 200 seeded battles"), r.out());

        // the same store replayed on the OpenCL backend through the jar's LWJGL natives
        Run cl = launch(tmp, "verify", tmp.resolve("demo/alpha").toString(), "--backend", "auto");
        assertEquals(0, cl.code(), cl.out() + cl.err());
        boolean onOpenCl = cl.out().contains("micro-steps on opencl");
        if (RequiredTools.required()) assertTrue(onOpenCl, "CHAINBEASTS_REQUIRE_TOOLS=1 but verify fell back to Java:\n" + cl.out() + cl.err());
        System.out.println("launcher: demo OK; verify --backend auto replayed on " + (onOpenCl ? "opencl" : "java (no OpenCL platform)"));
    }

    @Test
    void launcherPrintsTheSameBattleBytesAsTheInProcessCli(@TempDir Path tmp) throws Exception {
        Run jar = launch(tmp, "battle", "--seed", "424242", "--policy-a", "greedy", "--policy-b", "random");
        assertEquals(0, jar.code(), jar.err());
        CliTest.Result inProcess = CliTest.run("battle", "--seed", "424242", "--policy-a", "greedy", "--policy-b", "random");
        assertEquals(inProcess.out(), jar.out());
        assertTrue(jar.out().contains("battle hash: 0x"), jar.out());
    }

    @Test
    void badInputIsOneLineOnStderrWithExitTwo(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("no-such-beast");
        for (List<String> args : List.of(
                List.of("verify", missing.toString()),
                List.of("train", "--beast", missing.toString(), "--windows", "1"),
                List.of("battle", "--seed", "not-a-number"))) {
            Run r = launch(tmp, args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.out() + r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), args + ": one line on stderr: " + err);
            assertTrue(err.startsWith("chainbeasts: "), args + ": " + err);
            assertFalse(err.contains("Exception"), args + ": no stack trace: " + err);
            if (!args.get(0).equals("battle")) assertTrue(err.contains(missing.toString()), args + ": names the path: " + err);
        }
    }

    @Test
    void beastsFightFromTheReadme(@TempDir Path tmp) throws Exception {
        Path alpha = tmp.resolve("alpha");
        assertEquals(0, launch(tmp, "hatch", "--seed-core", "0xa1", "--out", alpha.toString()).code());
        assertEquals(0, launch(tmp, "train", "--beast", alpha.toString(), "--windows", "2", "--quiet").code());
        Run battle = launch(tmp, "battle", "--a", alpha.toString(), "--b", "greedy", "--seed", "7");
        assertEquals(0, battle.code(), battle.err());
        assertEquals(CliTest.run("battle", "--a", alpha.toString(), "--b", "greedy", "--seed", "7").out(), battle.out());

        String[] tournament = {"tournament", "--entrant", alpha.toString(), "--entrant", alpha + "@1", "--entrant", "greedy",
            "--entrant", "random", "--battles", "20", "--seed", "3"};
        Run jar = launch(tmp, TournamentCliTest.concat(tournament, new String[] {"--threads", "1", "--json", tmp.resolve("t.json").toString()}));
        assertEquals(0, jar.code(), jar.err());
        assertEquals(CliTest.run(tournament).out(), jar.out(), "another JVM and thread count, the same table");
        assertTrue(Files.readString(tmp.resolve("t.json")).contains("\"standings\""));

        Path moves = Files.writeString(tmp.resolve("moves.txt"), "\n".repeat(200));
        Run coach = launch(tmp, moves, "coach", "record", "--beast", alpha.toString(), "--vs", "greedy", "--seed", "7",
                "-o", tmp.resolve("mine.csv").toString());
        assertEquals(0, coach.code(), coach.out() + coach.err());
        Run pack = launch(tmp, "dataset", "pack", "--in", tmp.resolve("mine.csv").toString(), "-o", tmp.resolve("mine.zst").toString());
        assertEquals(0, pack.code(), pack.err());
    }

    /** Runs {@code ./chainbeasts ARGS} with this JVM as its java, free metrics ports and no rebuild. */
    static Run launch(Path tmp, String... args) throws Exception {
        return launch(tmp, null, args);
    }

    /** As {@link #launch(Path, String...)}, with {@code stdin} (a file, or null for none) as standard input. */
    static Run launch(Path tmp, Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CHAINBEASTS_NO_BUILD", "1");
        env.put("METRICS_PORT", "0");
        env.put("METRICS_HTTP_PORT", "0");
        env.put("CHAINBEASTS_CACHE_DIR", tmp.resolve("cache").toString());
        Path out = tmp.resolve("launcher.out");
        Path err = tmp.resolve("launcher.err");
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " still running after 300 s; its output:\n" + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
