package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.OwnerVault;
import io.chainbeasts.datasets.VaultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A private beast whose S_owner lives in the owner vault: hatched (vault and entry created), trained, refused with a wrong password. */
class VaultHatchTest {
    static final char[] PW = "correct horse".toCharArray();

    @Test
    void hatchAndTrainWithTheSecretFromTheVault(@TempDir Path tmp) throws Exception {
        Path zst = tmp.resolve("coach.zst");
        var packed = DatasetFiles.pack(Path.of("../../examples/battle_samples.csv"), zst, false, SeasonConstants.DEFAULT);
        Path vault = tmp.resolve("owner.vault");
        Path folder = tmp.resolve("beasts");

        SecretSource src = SecretSource.parse("vault:mira", vault, "correct horse", Map.of());
        assertInstanceOf(SecretSource.Vault.class, src);
        Path dir = HatchModel.hatch(folder, "mira", "0x77", zst, src, null);
        assertTrue(Files.exists(vault), "the vault is created on first use");
        byte[] secret = OwnerVault.open(vault, PW).secret("mira");
        BeastStore.Identity id = BeastStore.open(dir).identity();
        assertArrayEquals(Keccak256.hash(secret), id.secretCommitment());
        assertArrayEquals(packed.commitment(), id.datasetCommitment());

        // a second beast on the same entry reuses its secret; the vault keeps one entry, never replaced
        byte[] vaultBytes = Files.readAllBytes(vault);
        HatchModel.hatch(folder, "mira-twin", "0x78", zst, new SecretSource.Vault(vault, "mira", PW), null);
        assertArrayEquals(vaultBytes, Files.readAllBytes(vault));
        assertEquals(1, VaultFiles.list(vault, PW).size());

        // a wrong password: one sentence, nothing hatched
        ClientError wrong = assertThrows(ClientError.class,
                () -> HatchModel.hatch(folder, "other", "0x79", zst, new SecretSource.Vault(vault, "other", "nope".toCharArray()), null));
        assertEquals("Vault: wrong vault password for " + vault + ".", ClientError.sentence(wrong));
        assertFalse(Files.exists(folder.resolve("other")));
        assertArrayEquals(vaultBytes, Files.readAllBytes(vault));

        TrainModel t = TrainModel.open(dir);
        ClientError noEntry = assertThrows(ClientError.class, () -> t.train(1, "java", zst, new SecretSource.Vault(vault, "nobody", PW)));
        assertTrue(noEntry.getMessage().startsWith("Vault: no entry 'nobody'"), noEntry.getMessage());
        ClientError other = assertThrows(ClientError.class, () -> TrainModel.open(folder.resolve("mira-twin")).train(1, "java", zst,
                new SecretSource.File(writeSecret(tmp.resolve("x.secret")))));
        assertTrue(other.getMessage().contains("does not match the secret commitment"), other.getMessage());
        t.train(1, "java", zst, SecretSource.parse("vault:mira", vault, "", Map.of(VaultFiles.PASSWORD_ENV, "correct horse")));
        assertEquals(TrainModel.Phase.DONE, t.phase(), t.message());
        assertEquals(1, BeastStore.open(dir).head().windows());
    }

    static Path writeSecret(Path p) {
        io.chainbeasts.datasets.SecretFile.create(p, new byte[32]);
        return p;
    }

    @Test
    void secretFieldParsing(@TempDir Path tmp) {
        assertNull(SecretSource.parse("  ", tmp.resolve("v"), "", Map.of()));
        assertEquals(new SecretSource.File(Path.of("a.secret")), SecretSource.parse("a.secret", tmp.resolve("v"), "", Map.of()));
        ClientError noPw = assertThrows(ClientError.class, () -> SecretSource.parse("vault:x", tmp.resolve("v"), "", Map.of()));
        assertEquals("Vault password: type it (or set CHAINBEASTS_VAULT_PASSWORD)", noPw.getMessage());
        ClientError noName = assertThrows(ClientError.class, () -> SecretSource.parse("vault: ", tmp.resolve("v"), "pw", Map.of()));
        assertTrue(noName.getMessage().startsWith("Vault entry:"), noName.getMessage());
    }
}
