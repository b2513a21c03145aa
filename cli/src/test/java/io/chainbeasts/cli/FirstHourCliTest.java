package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frictions a new user met in the first hour (issue 16), each one as the user meets it. */
class FirstHourCliTest {
    private static String oneLineError(CliTest.Result r, String... args) {
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.matches("(?s).*\\b\\w+(Exception|Error)\\b.*"), "no Java exception names: " + err);
        return err;
    }

    private static String fails(String... args) {
        return oneLineError(CliTest.run(args), args);
    }

    @Test
    void bareCommandGroupsPrintTheirUsageAndExitTwo() {
        for (String[] args : new String[][] {{}, {"chain"}, {"cache"}, {"dataset"}, {"vault"}, {"metrics"}}) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("Usage: chainbeasts") && r.err().contains("name a subcommand"), r.err());
            assertTrue(r.err().strip().endsWith(("chainbeasts " + String.join(" ", args)).strip() + ": name a subcommand (see above)"), r.err());
        }
    }

    @Test
    void energyAmountsAreCheckedBeforeAnyTransaction(@TempDir Path dir) {
        String chain = dir.resolve("no-chain.json").toString(); // never read: the amount is refused first
        assertTrue(fails("chain", "mint", "--chain", chain, "--key", "anvil:0", "--to", "anvil:1", "--amount", "1e80")
                .contains("--amount: '1e80' is more than"));
        assertTrue(fails("chain", "mint", "--chain", chain, "--key", "anvil:0", "--to", "anvil:1", "--amount", "0")
                .contains("--amount: '0' must be more than 0 ENERGY"));
        assertTrue(fails("chain", "mint", "--chain", chain, "--key", "anvil:0", "--to", "anvil:1", "--amount", "0.0000000000000000001")
                .contains("more than 18 decimals"));
        assertTrue(fails("chain", "mint", "--chain", chain, "--key", "anvil:0", "--to", "anvil:1", "--amount", "-3").contains("must be more than 0"));
    }

    @Test
    void negativeSeedsAreRefused(@TempDir Path dir) {
        assertTrue(fails("hatch", "--seed-core", "-5", "--out", dir.resolve("b").toString()).contains("--seed-core: '-5' is negative"));
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void aMissingOptionNamesItsSubcommand() {
        assertEquals("chainbeasts: chain status: Missing required option: '--beast=<beast>' (see chainbeasts chain status --help)",
                fails("chain", "status"));
        assertTrue(fails("--nonsense").startsWith("chainbeasts: Unknown option: '--nonsense' (see --help)"), fails("--nonsense"));
    }

    /** A hatch never mixes a beast's files into a folder of other files; a new, empty or crashed-hatch folder is fine. */
    @Test
    void hatchRefusesAFolderOfOtherFiles(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "x");
        Path secret = dir.resolve("b.secret");
        assertEquals("chainbeasts: hatch: --out: " + notes + ": holds todo.txt, which is not part of a beast; hatch into a new or empty folder",
                fails("hatch", "--seed-core", "1", "--out", notes.toString(), "--dataset", "examples-missing.zst", "--new-secret", secret.toString()));
        assertFalse(Files.exists(secret), "no secret file written for a hatch that cannot happen");
        // asked before anything is minted: the folder is refused before the chain file is even read
        assertEquals("chainbeasts: chain hatch: --out: " + notes + ": holds todo.txt, which is not part of a beast; hatch into a new or empty folder",
                fails("chain", "hatch", "--chain", dir.resolve("no-chain.json").toString(), "--seed-core", "1", "--out", notes.toString()));
        try (java.util.stream.Stream<Path> left = Files.list(notes)) {
            assertEquals(List.of(notes.resolve("todo.txt")), left.toList(), "nothing was written");
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(fails("hatch", "--seed-core", "1", "--out", file.toString()).contains(file + ": is a file, not a folder"));
        Path crashed = Files.createDirectories(dir.resolve("crashed").resolve("states")); // a hatch that died before beast.json
        Files.createDirectories(crashed.resolveSibling("windows"));
        assertEquals(0, CliTest.run("hatch", "--seed-core", "1", "--out", crashed.getParent().toString()).code());
        assertEquals(0, CliTest.run("hatch", "--seed-core", "1", "--out", Files.createDirectories(dir.resolve("empty")).toString()).code());
        assertTrue(fails("verify", file.toString()).contains(file + ": is a file, not a beast directory"));
    }

    @Test
    void fileErrorsAreWordsNotJavaClassNames(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        String err = fails("hatch", "--seed-core", "1", "--out", file.resolve("beast").toString());
        assertTrue(err.contains(file.toString()), err);
        err = fails("dataset", "pack", "--in", dir.resolve("missing.csv").toString(), "-o", dir.resolve("o.zst").toString());
        assertTrue(err.contains("no such file or directory"), err);
    }

    @Test
    void aPublicBeastGivenADatasetIsToldItIsPublic(@TempDir Path dir) throws Exception {
        Path beast = dir.resolve("pub");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "7", "--out", beast.toString()).code());
        Path coach = dir.resolve("coach.zst");
        assertEquals(0, CliTest.run("dataset", "pack", "--in", ChainE2ETest.examples().resolve("battle_samples.csv").toString(), "-o", coach.toString()).code());
        Path secret = dir.resolve("s.secret");
        Files.writeString(secret, "0x" + "ab".repeat(32) + "\n");
        String err = fails("train", "--beast", beast.toString(), "--windows", "1", "--dataset", coach.toString(), "--secret", secret.toString());
        assertTrue(err.contains("is a public beast") && !err.contains("does not match"), err);
    }

    @Test
    void evalJsonAndBenchOutNeverReplaceAFileWithoutForce(@TempDir Path dir) throws Exception {
        Path beast = dir.resolve("b");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "3", "--out", beast.toString()).code());
        Path json = Files.writeString(dir.resolve("eval.json"), "mine\n");
        assertTrue(fails("eval", "--beast", beast.toString(), "--battles", "0", "--json", json.toString()).contains("already exists; pass --force"));
        assertEquals("mine\n", Files.readString(json));
        CliTest.Result forced = CliTest.run("eval", "--beast", beast.toString(), "--battles", "0", "--json", json.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(json).contains("movePermille"));
        Path fresh = dir.resolve("fresh.json");
        assertEquals(0, CliTest.run("eval", "--beast", beast.toString(), "--battles", "0", "--json", fresh.toString()).code());

        Path bench = Files.writeString(dir.resolve("bench.json"), "mine\n");
        CliTest.Result refused = CliTest.run("bench", "--seconds", "1", "--out", bench.toString());
        assertTrue(oneLineError(refused, "bench").contains("--out: " + bench + " already exists"));
        assertEquals("", refused.out(), "refused before measuring anything (no table printed)");
        assertEquals("mine\n", Files.readString(bench));
        assertTrue(fails("bench", "--seconds", "1", "--out", dir.toString()).contains("is a directory"));
    }

    @Test
    void aStoppedChainIsBlamedOnTheChainFileNotOnRpc(@TempDir Path dir) throws Exception {
        Path chain = dir.resolve("chain.json");
        Files.writeString(chain, "{\"chainId\": 31337, \"rpc\": \"http://127.0.0.1:1\", \"deployer\": \"0x" + "1".repeat(40) + "\", \"contracts\": {}}\n");
        String err = fails("chain", "status", "--beast", dir.toString(), "--chain", chain.toString());
        assertTrue(err.contains("cannot reach the chain of " + chain) && err.contains("chain up --detach"), err);
        assertFalse(err.contains("--rpc"), err);
        err = fails("chain", "status", "--beast", dir.toString(), "--chain", chain.toString(), "--rpc", "http://127.0.0.1:1");
        assertTrue(err.contains("--rpc: cannot reach http://127.0.0.1:1"), err);
    }

    @Test
    void vaultExportForceReplacesTheSecretFileAndBeastMeansADirectory(@TempDir Path dir) throws Exception {
        Path vault = dir.resolve("v.vault");
        Path out = dir.resolve("s.secret");
        assertEquals(0, vault(dir, "init", "--vault", vault.toString()).code());
        assertEquals(0, vault(dir, "new", "--vault", vault.toString(), "--name", "alpha").code());
        assertEquals(0, vault(dir, "export", "--vault", vault.toString(), "--name", "alpha", "-o", out.toString()).code());
        byte[] first = Files.readAllBytes(out);
        CliTest.Result again = vault(dir, "export", "--vault", vault.toString(), "--name", "alpha", "-o", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists") && again.err().contains("--force"), again.err());
        Files.writeString(out, "something else\n");
        CliTest.Result forced = vault(dir, "export", "--vault", vault.toString(), "--name", "alpha", "-o", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertArrayEquals(first, Files.readAllBytes(out));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

        // --beast is a beast directory, as everywhere else: its token id names the entry, and its commitments check what goes in
        Path pub = dir.resolve("pub");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x2b", "--out", pub.toString()).code());
        CliTest.Result noSecret = vault(dir, "import", "--vault", vault.toString(), "--beast", pub.toString(), "--secret", out.toString());
        assertEquals(2, noSecret.code());
        assertTrue(noSecret.err().contains("is public (hatched without a dataset); it has no secret"), noSecret.err());
        Path zst = dir.resolve("d.zst");
        assertEquals(0, CliTest.run("dataset", "pack", "--in", DatasetVaultOutputTest.EXAMPLE.toString(), "-o", zst.toString()).code());
        Path beast = dir.resolve("b");
        Path own = dir.resolve("own.secret");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "0x2a", "--out", beast.toString(), "--dataset", zst.toString(), "--new-secret", own.toString()).code());
        CliTest.Result wrong = vault(dir, "import", "--vault", vault.toString(), "--beast", beast.toString(), "--secret", out.toString());
        assertEquals(2, wrong.code(), wrong.out());
        assertTrue(wrong.err().contains("is not beast 42's secret commitment") && wrong.err().contains("nothing was stored"), wrong.err());
        assertFalse(vault(dir, "list", "--vault", vault.toString()).out().contains("42 "), "the wrong secret was not stored");
        assertEquals(0, vault(dir, "import", "--vault", vault.toString(), "--beast", beast.toString(), "--secret", own.toString()).code());
        CliTest.Result list = vault(dir, "list", "--vault", vault.toString());
        assertTrue(list.out().contains("42"), list.out());
        Path bundle = dir.resolve("b.reveal");
        CliTest.Result reveal = vault(dir, "reveal", "--vault", vault.toString(), "--beast", beast.toString(), "--dataset", zst.toString(), "-o", bundle.toString());
        assertEquals(0, reveal.code(), reveal.err());
        Path other = dir.resolve("other.zst"); // another dataset: its C_dataset is not the beast's, so no bundle is written
        assertEquals(0, CliTest.run("dataset", "record", "--coach", "greedy", "--battles", "2", "-o", dir.resolve("other.csv").toString()).code());
        assertEquals(0, CliTest.run("dataset", "pack", "--in", dir.resolve("other.csv").toString(), "-o", other.toString()).code());
        CliTest.Result badReveal = vault(dir, "reveal", "--vault", vault.toString(), "--beast", beast.toString(), "--dataset", other.toString(),
                "-o", dir.resolve("bad.reveal").toString());
        assertEquals(2, badReveal.code(), badReveal.out());
        assertTrue(badReveal.err().contains("C_dataset"), badReveal.err());
        assertFalse(Files.exists(dir.resolve("bad.reveal")), "nothing written");
        CliTest.Result notDir = vault(dir, "import", "--vault", vault.toString(), "--beast", dir.resolve("nope").toString(), "--secret", out.toString());
        assertEquals(2, notDir.code(), notDir.err());
        assertNotEquals("", notDir.err().strip());
    }

    @Test
    void aStoppedRecordingSaysNothingWasWritten(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("long.csv");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "dataset", "record", "--coach", "search", "--battles", "100000", "-o", csv.toString()));
        Path e = dir.resolve("err.txt");
        Path o = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        long until = System.currentTimeMillis() + 120_000; // until it says it is recording (100,000 battles of search take far longer)
        while (!Files.readString(o, StandardCharsets.UTF_8).contains("recording 100000 battles") && System.currentTimeMillis() < until) Thread.sleep(50);
        assertTrue(Files.readString(o, StandardCharsets.UTF_8).contains("recording 100000 battles"), "it started recording");
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM's shutdown hooks run
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(e, StandardCharsets.UTF_8);
        assertTrue(err.contains("dataset record: stopped; nothing was written to " + csv), err);
        assertFalse(Files.exists(csv));
    }

    /** `vault ...` in a child JVM: the password comes from the environment. */
    private static CliTest.Result vault(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "vault"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CHAINBEASTS_VAULT_PASSWORD", "correct horse");
        Path o = Files.createTempFile(dir, "out", ".txt");
        Path e = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new CliTest.Result(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    }
}
