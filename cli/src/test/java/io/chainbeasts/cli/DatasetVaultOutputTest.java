package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.datasets.OwnerVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code dataset} and {@code vault} print: the commitments a user copies, never a secret. */
class DatasetVaultOutputTest {
    static final Path EXAMPLE = Vectors.repoRoot().resolve("examples/battle_samples.csv");

    @Test
    void packAndCheckPrintTheCommitmentOfTheStoredBytes(@TempDir Path tmp) throws Exception {
        Path zst = tmp.resolve("d.zst");
        CliTest.Result r = CliTest.run("dataset", "pack", "--in", EXAMPLE.toString(), "-o", zst.toString());
        assertEquals(0, r.code(), r.err());
        String c = "0x" + Hex.of(Keccak256.hash(Files.readAllBytes(zst)));
        assertTrue(r.out().contains("C_dataset = " + c + "\n"), r.out());
        CliTest.Result ok = CliTest.run("dataset", "check", "--in", zst.toString(), "--commitment", c);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("C_dataset = " + c + " (matches)"), ok.out());
        CliTest.Result again = CliTest.run("dataset", "pack", "--in", EXAMPLE.toString(), "-o", zst.toString());
        assertEquals(2, again.code(), again.out());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains(zst + " already exists"), again.err());
    }

    @Test
    void vaultCommandsPrintCommitmentsAndNeverTheSecret(@TempDir Path tmp) throws Exception {
        char[] pw = "correct horse".toCharArray();
        Path vault = tmp.resolve("v");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        VaultTool.init(vault, pw, out);
        byte[] sc = VaultTool.newSecret(vault, pw, "beast-7", out);
        Path ds = tmp.resolve("d.zst");
        DatasetTool.pack(EXAMPLE, ds, false, SeasonConstants.DEFAULT, out);
        VaultTool.exportReveal(vault, pw, "beast-7", ds, tmp.resolve("bundle"), false, SeasonConstants.DEFAULT, out);
        VaultTool.list(vault, pw, out);
        byte[] secret = OwnerVault.open(vault, pw).secret("beast-7");
        assertEquals("0x" + Hex.of(Keccak256.hash(secret)), "0x" + Hex.of(sc));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("secret commitment = 0x" + Hex.of(sc)), printed);
        assertTrue(printed.contains("beast-7 0x" + Hex.of(sc)), printed);
        assertFalse(printed.toLowerCase().contains(Hex.of(secret).toLowerCase()), "the secret is never printed:\n" + printed);
    }
}
