package io.chainbeasts.cli;

import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.core.AtomicFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local chain's life cycle as a user drives it: up (detached and foreground), a second up, down, restart with state kept. */
class ChainUpDownTest {
    private static void needAnvil() {
        try {
            Anvil.binary();
        } catch (IllegalStateException e) {
            Assumptions.assumeTrue(false, "anvil not installed: " + e.getMessage());
        }
    }

    private static io.chainbeasts.contracts.ChainClient client(Path file) {
        return new io.chainbeasts.contracts.ChainClient(io.chainbeasts.contracts.Deployment.readJson(file).rpc(), java.util.List.of());
    }

    @Test
    void detachedChainKeepsItsStateAcrossRestartsAndASecondUpChangesNothing(@TempDir Path dir) throws Exception {
        needAnvil();
        Path file = dir.resolve("c/chain.json");
        LocalChainFiles f = LocalChainFiles.of(file);
        try {
            CliTest.Result up = CliTest.run("chain", "up", "--detach", file.toString());
            assertEquals(0, up.code(), up.out() + up.err());
            assertTrue(up.out().contains("deployed a fresh chain"), up.out());
            long pid = Long.parseLong(Files.readString(f.pid()).strip());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "anvil runs after the command returned");
            assertTrue(Files.size(f.log()) > 0, "anvil's output goes to the log");

            CliTest.Result mint = CliTest.run("chain", "mint", "--chain", file.toString(), "--key", "anvil:0", "--to", "anvil:3", "--amount", "7.5");
            assertEquals(0, mint.code(), mint.err());

            // a warp moves the chain's clock a day ahead of this machine's: the restored chain must not go back in time
            CliTest.Result warp = CliTest.run("chain", "warp", "--chain", file.toString(), "--seconds", "86400");
            assertEquals(0, warp.code(), warp.out() + warp.err());
            long warped;
            try (io.chainbeasts.contracts.ChainClient c = client(file)) {
                warped = c.now();
            }

            byte[] addresses = Files.readAllBytes(file);
            CliTest.Result again = CliTest.run("chain", "up", "--detach", file.toString());
            assertEquals(0, again.code(), again.err());
            assertEquals(1, again.out().strip().lines().count(), "one line: " + again.out());
            assertTrue(again.out().contains("already running") && again.out().contains("pid " + pid), again.out());
            assertArrayEquals(addresses, Files.readAllBytes(file), "a second chain up leaves the running chain's file alone");
            assertEquals(pid, Long.parseLong(Files.readString(f.pid()).strip()));

            CliTest.Result down = CliTest.run("chain", "down", file.toString());
            assertEquals(0, down.code(), down.err());
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "anvil stopped");
            assertFalse(Files.exists(f.pid()));
            assertTrue(Files.size(f.state()) > 0, "anvil dumped the chain on SIGTERM");
            assertTrue(CliTest.run("chain", "down", file.toString()).out().contains("no local chain is running"));

            CliTest.Result restart = CliTest.run("chain", "up", "--detach", file.toString());
            assertEquals(0, restart.code(), restart.err());
            assertTrue(restart.out().contains("restored the saved chain"), restart.out());
            try (io.chainbeasts.contracts.ChainClient c = client(file)) {
                // this anvil forgets the warp, so chain up moved its clock ("the chain's clock goes on from its saved time");
                // one that keeps its clock needs no move: either way the next block must come after the saved head, soon after
                c.increaseTime(1); // a new block, stamped by the restored clock
                assertTrue(c.now() > warped, "the restored chain's time " + c.now() + " went back before its saved " + warped);
                assertTrue(c.now() < warped + 600, "the restored chain's time " + c.now() + " jumped far past its saved " + warped + " (a warp applied twice)");
            }
            assertEquals(io.chainbeasts.contracts.Deployment.readJson(file).contracts(),
                    io.chainbeasts.contracts.Deployment.readJson(dir.resolve("c/chain.json")).contracts());
            CliTest.Result status = CliTest.run("chain", "mint", "--chain", file.toString(), "--key", "anvil:0", "--to", "anvil:3", "--amount", "0.5");
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("balance 8 ENERGY"), "the balance minted before the restart is still there: " + status.out());
        } finally {
            CliTest.run("chain", "down", file.toString());
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertTrue(s.noneMatch(AtomicFile::isTemp), "no temp files left");
        }
    }

    @Test
    void foregroundChainStopsOnChainDownAndOnSigterm(@TempDir Path dir) throws Exception {
        needAnvil();
        Path file = dir.resolve("chain.json");
        LocalChainFiles f = LocalChainFiles.of(file);
        for (boolean byChainDown : new boolean[] {true, false}) {
            Path out = dir.resolve("fg-" + byChainDown + ".out");
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "chain", "up", file.toString()))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(out).contains("running; Ctrl-C") && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
                assertTrue(p.isAlive(), "the foreground chain keeps running: " + Files.readString(out));
                long anvil = Long.parseLong(Files.readString(f.pid()).strip());
                if (byChainDown) {
                    CliTest.Result down = CliTest.run("chain", "down", file.toString());
                    assertEquals(0, down.code(), down.err());
                } else {
                    p.destroy(); // SIGTERM, as a closed terminal or `kill` sends
                }
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chain up returns once its anvil is gone");
                assertEquals(byChainDown ? 0 : 143, p.exitValue(), Files.readString(out));
                assertTrue(ProcessHandle.of(anvil).map(h -> !h.isAlive()).orElse(true), "anvil is stopped");
                assertFalse(Files.exists(f.pid()), "no stale pid file");
                if (byChainDown) assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("chain stopped"), Files.readString(out));
            } finally {
                p.destroyForcibly();
            }
        }
        assertTrue(Files.size(f.state()) > 0);
    }

    /** A fresh chain sets aside only what a node wrote: a `node/` folder holding anything else is someone's own. */
    @Test
    void aFolderNamedNodeThatIsNotOnlyANodesIsLeftAlone(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("node"));
        Files.writeString(dir.resolve("node/judgements.json"), "{}");
        Files.writeString(dir.resolve("node/package.json"), "{}");
        assertEquals(java.util.List.of("left " + dir.resolve("node") + " as it is: it holds files a node does not write; start the node on a fresh --data folder"),
                ChainUpCommand.setAsideOldChainData(dir, "x"));
        assertTrue(Files.exists(dir.resolve("node/package.json")) && Files.exists(dir.resolve("node/judgements.json")));
        Files.delete(dir.resolve("node/judgements.json")); // no judgements: not a node's folder at all, not even mentioned
        assertEquals(java.util.List.of(), ChainUpCommand.setAsideOldChainData(dir, "x"));
    }

    @Test
    void aDamagedSavedChainIsNamedAndResetStartsAFreshOne(@TempDir Path dir) throws Exception {
        needAnvil();
        Path file = dir.resolve("chain.json");
        LocalChainFiles f = LocalChainFiles.of(file);
        try {
            assertEquals(0, CliTest.run("chain", "up", "--detach", file.toString()).code());
            assertEquals(0, CliTest.run("chain", "down", file.toString()).code());
            Files.writeString(f.state(), "{ torn");
            CliTest.Result r = CliTest.run("chain", "up", "--detach", file.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("anvil did not start") && r.err().contains("failed to parse") && r.err().contains("chain up --reset"), r.err());
            assertFalse(Files.exists(f.pid()), "no pid file for an anvil that never ran");
            // what the default node and validator kept of the old chain, and a file of the user's beside them
            Files.createDirectories(dir.resolve("node/states"));
            Files.writeString(dir.resolve("node/judgements.json"), "{}");
            String validator = "validator-0x" + "ab".repeat(20) + ".json";
            Files.writeString(dir.resolve(validator), "{}");
            Files.writeString(dir.resolve("validator-notes.json"), "mine");
            Files.writeString(dir.resolve("notes.txt"), "mine");
            CliTest.Result reset = CliTest.run("chain", "up", "--detach", "--reset", file.toString());
            assertEquals(0, reset.code(), reset.out() + reset.err());
            assertTrue(reset.out().contains("deployed a fresh chain"), reset.out());
            assertTrue(reset.out().contains("moved " + dir.resolve("node") + " to " + dir.resolve("node.before-"))
                    && reset.out().contains("moved " + dir.resolve(validator) + " to "), reset.out());
            assertFalse(Files.exists(dir.resolve("node")) || Files.exists(dir.resolve(validator)), "the old chain's judgements are set aside");
            try (java.util.stream.Stream<Path> kept = Files.list(dir)) {
                assertEquals(2, kept.map(p -> p.getFileName().toString()).filter(n -> n.contains(".before-")).count(), "moved, never deleted");
            }
            assertTrue(Files.exists(dir.resolve("notes.txt")) && Files.exists(dir.resolve("validator-notes.json")), "nothing else is touched");
            CliTest.Result again = CliTest.run("chain", "up", "--reset", file.toString());
            assertEquals(2, again.code(), "--reset on a running chain is refused");
            // a chain file that is not the default one is named in the hint, or `chain down` would stop the default chain
            assertTrue(again.err().contains("`chainbeasts chain down " + file + "` first") && again.out().isEmpty(), again.out() + again.err());
        } finally {
            CliTest.run("chain", "down", file.toString());
        }
    }

    @Test
    void aDirectoryAsTheAddressesFileIsRefusedAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("here"));
        for (String cmd : new String[] {"up", "down"}) {
            CliTest.Result r = CliTest.run("chain", cmd, d.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("is a directory"), r.err());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(d), s.toList(), "nothing written beside it");
        }
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(0, s.count(), "nothing written in it");
        }
    }
}
