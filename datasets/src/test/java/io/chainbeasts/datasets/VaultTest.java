package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;
    static final char[] PW = "correct horse battery staple".toCharArray();
    static final int FAST = OwnerVault.MIN_ITERATIONS; // tests only; the default is 600k
    @TempDir
    Path tmp;

    @Test
    void secretsPersistEncryptedAndAreNeverReplaced() throws Exception {
        Path file = tmp.resolve("vault.bin");
        OwnerVault v = OwnerVault.create(file, PW, FAST);
        byte[] s1 = v.newSecret("beast-1");
        byte[] s2 = v.newSecret("beast-2");
        assertEquals(32, s1.length);
        assertFalse(java.util.Arrays.equals(s1, s2));
        OwnerVault again = OwnerVault.open(file, PW);
        assertEquals(Set.of("beast-1", "beast-2"), again.beasts());
        assertArrayEquals(s1, again.secret("beast-1"));
        assertArrayEquals(s2, again.secret("beast-2"));
        byte[] onDisk = Files.readAllBytes(file);
        assertEquals(-1, indexOf(onDisk, s1), "the secret must not appear in clear in the vault file");
        assertEquals(-1, indexOf(onDisk, "beast-1".getBytes(StandardCharsets.UTF_8)), "beast ids are encrypted too");
        assertEquals("beast beast-1 already has a secret in " + file + " (secrets are never replaced)",
                assertThrows(DatasetException.Vault.class, () -> again.newSecret("beast-1")).getMessage());
        assertEquals(file + " already exists; refusing to overwrite a vault",
                assertThrows(DatasetException.Vault.class, () -> OwnerVault.create(file, PW, FAST)).getMessage());
        assertEquals("no entry 'nope' in " + file + " (`vault list` shows its entries)", assertThrows(DatasetException.Vault.class, () -> again.secret("nope")).getMessage());
        assertThrows(DatasetException.Vault.class, () -> again.newSecret("bad id with spaces"));
    }

    @Test
    void wrongPasswordIsNamedAndChangesNothing() throws Exception {
        Path file = tmp.resolve("v");
        OwnerVault.create(file, PW, FAST).newSecret("b");
        byte[] before = Files.readAllBytes(file);
        DatasetException.WrongPassword e = assertThrows(DatasetException.WrongPassword.class,
                () -> OwnerVault.open(file, "wrong".toCharArray()));
        assertEquals("wrong vault password for " + file, e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals("the vault password must not be empty",
                assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(file, new char[0])).getMessage());
    }

    @Test
    void tamperedOrTruncatedVaultIsRefused() throws Exception {
        Path file = tmp.resolve("v");
        OwnerVault.create(file, PW, FAST).newSecret("b");
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[flipped.length - 2] ^= 1;
        Files.write(file, flipped);
        assertEquals(file + " is corrupt or was tampered with (the entries do not authenticate)",
                assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(file, PW)).getMessage());
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 10));
        String m = assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(file, PW)).getMessage();
        assertTrue(m.startsWith(file + " is corrupt: "), m);
        byte[] weak = good.clone();
        weak[6] = 0;
        weak[7] = 0;
        weak[8] = 0;
        weak[9] = 1; // iterations = 1
        Files.write(file, weak);
        assertTrue(assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(file, PW)).getMessage()
                .contains("KDF iteration count 1 is outside"));
        assertEquals("no vault at " + tmp.resolve("none") + " (create one with 'vault init')",
                assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(tmp.resolve("none"), PW)).getMessage());
    }

    @Test
    void revealBundleChecksBothCommitments() throws Exception {
        Path vault = tmp.resolve("v");
        OwnerVault.create(vault, PW, FAST);
        byte[] secretCommitment = VaultFiles.newSecret(vault, PW, "beast-7");
        Path ds = tmp.resolve("d.zst");
        PackedDataset.Packed p = DatasetFiles.pack(ExampleCsvTest.exampleCsv(), ds, false, S);
        Path bundle = tmp.resolve("reveal.bin");
        RevealBundle b = VaultFiles.exportReveal(vault, PW, "beast-7", ds, bundle, false, S).bundle();
        assertArrayEquals(Files.readAllBytes(ds), b.datasetBytes());
        assertArrayEquals(secretCommitment, Keccak256.hash(OwnerVault.open(vault, PW).secret("beast-7")));

        PrivateDataset ok = VaultFiles.verifyReveal(bundle, p.commitmentHex(), "0x" + Hex.of(secretCommitment), S).dataset();
        assertEquals(p.count(), ok.size());

        byte[] wrongC = p.commitment().clone();
        wrongC[31] ^= 1;
        String m1 = assertThrows(DatasetException.CommitmentMismatch.class,
                () -> VaultFiles.verifyReveal(bundle, "0x" + Hex.of(wrongC), "0x" + Hex.of(secretCommitment), S)).getMessage();
        assertTrue(m1.startsWith("reveal bundle for beast-7: C_dataset mismatch"), m1);
        byte[] wrongS = secretCommitment.clone();
        wrongS[0] ^= 1;
        String m2 = assertThrows(DatasetException.CommitmentMismatch.class,
                () -> VaultFiles.verifyReveal(bundle, p.commitmentHex(), "0x" + Hex.of(wrongS), S)).getMessage();
        assertTrue(m2.startsWith("reveal bundle for beast-7: S_owner commitment mismatch"), m2);
        assertTrue(assertThrows(DatasetException.class,
                () -> VaultFiles.verifyReveal(bundle, "0x1234", "0x" + Hex.of(wrongS), S)).getMessage()
                .startsWith("--dataset-commitment must be 32 bytes"));

        RevealBundle decoded = RevealBundle.read(bundle);
        assertEquals("beast-7", decoded.beastId());
        assertNotEquals(0, decoded.datasetBytes().length);
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(bundle), 60);
        assertThrows(DatasetException.Corrupt.class, () -> RevealBundle.decode("cut", cut));
    }

    @Test
    void hatchSecretFilesGoIntoTheVaultAndComeBackOut() throws Exception {
        Path vault = tmp.resolve("v");
        OwnerVault.create(vault, PW, FAST);
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Path hatchFile = tmp.resolve("hatch.secret");
        SecretFile.create(hatchFile, secret); // what `hatch --new-secret` writes
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(hatchFile), "a secret file is readable by its owner only");
        assertArrayEquals(Keccak256.hash(secret), VaultFiles.importSecret(vault, PW, "coached", hatchFile));
        assertThrows(DatasetException.Vault.class, () -> VaultFiles.importSecret(vault, PW, "coached", hatchFile), "never replaced");

        Path exported = tmp.resolve("train.secret");
        VaultFiles.exportSecret(vault, PW, "coached", exported, false);
        assertArrayEquals(secret, SecretFile.read(exported));
        assertEquals(Files.getPosixFilePermissions(hatchFile), Files.getPosixFilePermissions(exported));
        String m = assertThrows(DatasetException.class, () -> VaultFiles.exportSecret(vault, PW, "coached", hatchFile, false)).getMessage();
        assertTrue(m.startsWith(hatchFile + " already exists"), m);

        // a reveal bundle never replaces the vault, nor an existing file unless forced
        Path ds = tmp.resolve("d.zst");
        DatasetFiles.pack(ExampleCsvTest.exampleCsv(), ds, false, S);
        byte[] vaultBytes = Files.readAllBytes(vault);
        String self = assertThrows(DatasetException.Vault.class, () -> VaultFiles.exportReveal(vault, PW, "coached", ds, vault, true, S)).getMessage();
        assertTrue(self.contains("is the vault itself"), self);
        assertThrows(DatasetException.class, () -> VaultFiles.exportReveal(vault, PW, "coached", ds, exported, false, S));
        assertArrayEquals(vaultBytes, Files.readAllBytes(vault));
    }

    @Test
    void concurrentNewSecretsAreAllKept() throws Exception {
        Path vault = tmp.resolve("v");
        OwnerVault.create(vault, PW, FAST);
        java.util.List<Thread> ts = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 4; i++) {
            String id = "beast-" + i;
            Thread t = new Thread(() -> {
                try {
                    VaultFiles.newSecret(vault, PW, id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Set.of("beast-0", "beast-1", "beast-2", "beast-3"), OwnerVault.open(vault, PW).beasts());
    }

    @Test
    void versionTwoDerivesOnePbkdf2BlockAndChecksItsHeader() throws Exception {
        Path file = tmp.resolve("v2");
        OwnerVault.create(file, PW, FAST).newSecret("b");
        byte[] good = Files.readAllBytes(file);
        assertEquals(2, good[4], "new vaults are version 2");
        // the stored check is keccak(HMAC(PBKDF2 block 1, label)): one block of PBKDF2, computed here independently
        byte[] salt = java.util.Arrays.copyOfRange(good, 10, 26);
        byte[] prk = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(PW, salt, FAST, 256)).getEncoded();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
        byte[] check = mac.doFinal("chainbeasts-vault-v2 password check".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Keccak256.hash(check), java.util.Arrays.copyOfRange(good, 26, 58));
        // a damaged salt is corruption, not a wrong password
        byte[] bad = good.clone();
        bad[12] ^= 1;
        Files.write(file, bad);
        String m = assertThrows(DatasetException.Vault.class, () -> OwnerVault.open(file, PW)).getMessage();
        assertTrue(m.startsWith(file + " is corrupt: its header checksum does not match"), m);
        Files.write(file, good);
        assertThrows(DatasetException.WrongPassword.class, () -> OwnerVault.open(file, "nope".toCharArray()));
    }

    @Test
    void versionOneVaultsStillOpenAndStayVersionOne() throws Exception {
        Path file = tmp.resolve("v1");
        byte[] s = OwnerVault.create(file, PW, FAST, 1).newSecret("old");
        assertEquals(1, Files.readAllBytes(file)[4]);
        OwnerVault v = OwnerVault.open(file, PW);
        assertArrayEquals(s, v.secret("old"));
        v.newSecret("new");
        assertEquals(1, Files.readAllBytes(file)[4], "rewritten in its own format");
        assertEquals(Set.of("old", "new"), OwnerVault.open(file, PW).beasts());
        assertThrows(DatasetException.WrongPassword.class, () -> OwnerVault.open(file, "nope".toCharArray()));
    }

    @Test
    void defaultIterationsUsedByCreate() throws Exception {
        // The public create() writes the documented default (600,000 PBKDF2 iterations, one derivation paid here);
        // the iteration count is the u32 at bytes 6..9 of the header, as a create with FAST shows.
        Path fast = tmp.resolve("fast");
        OwnerVault.create(fast, PW, FAST);
        assertEquals(FAST, iterations(Files.readAllBytes(fast)));
        Path file = tmp.resolve("v");
        OwnerVault.create(file, PW);
        assertEquals(600_000, iterations(Files.readAllBytes(file)));
    }

    private static int iterations(byte[] d) {
        return ((d[6] & 0xFF) << 24) | ((d[7] & 0xFF) << 16) | ((d[8] & 0xFF) << 8) | (d[9] & 0xFF);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
