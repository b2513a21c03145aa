package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;

import java.io.Console;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The owner-vault operations behind {@code chainbeasts vault ...}. Secrets are returned to the caller
 * only where a file must be written; commitments are what callers print. Errors are one-line
 * {@link DatasetException}s. Printing is the CLI's ({@code cli/VaultTool}).
 */
public final class VaultFiles {
    private VaultFiles() {}

    public static final String PASSWORD_ENV = "CHAINBEASTS_VAULT_PASSWORD";

    /** The vault password from {@value #PASSWORD_ENV}, else read from the console without echo. */
    public static char[] password(Map<String, String> env) {
        String v = env.get(PASSWORD_ENV);
        if (v != null && !v.isEmpty()) return v.toCharArray();
        Console c = System.console();
        if (c == null) throw new DatasetException.Vault("no vault password: set " + PASSWORD_ENV + " or run in a terminal");
        char[] p = c.readPassword("vault password: ");
        if (p == null || p.length == 0) throw new DatasetException.Vault("the vault password must not be empty");
        return p;
    }

    public static void init(Path vault, char[] password) {
        OwnerVault.create(vault, password);
    }

    /** Generates and stores S_owner for a beast; returns its commitment keccak256(S_owner). */
    public static byte[] newSecret(Path vault, char[] password, String beastId) {
        return underLock(vault, () -> OwnerVault.secretCommitment(OwnerVault.open(vault, password).newSecret(beastId)));
    }

    /** Stores the S_owner of a secret file (from {@code hatch --new-secret}) in the vault; returns its commitment. */
    public static byte[] importSecret(Path vault, char[] password, String beastId, Path secretFile) {
        return importSecret(vault, password, beastId, secretFile, null);
    }

    /** As above; {@code expectedCommitment} (a hatched beast's, or null): a secret that does not match it is refused, nothing stored. */
    public static byte[] importSecret(Path vault, char[] password, String beastId, Path secretFile, byte[] expectedCommitment) {
        byte[] secret = SecretFile.read(secretFile);
        if (expectedCommitment != null && !java.util.Arrays.equals(OwnerVault.secretCommitment(secret), expectedCommitment)) {
            throw new DatasetException.Vault("--secret " + secretFile + ": its keccak256 is not beast " + beastId + "'s secret commitment 0x"
                    + io.chainbeasts.core.Hex.of(expectedCommitment) + "; nothing was stored");
        }
        underLock(vault, () -> {
            OwnerVault.open(vault, password).putSecret(beastId, secret);
            return null;
        });
        return OwnerVault.secretCommitment(secret);
    }

    /** Writes a beast's S_owner as a secret file (mode 600; an existing file only with {@code force}); returns its commitment. */
    public static byte[] exportSecret(Path vault, char[] password, String beastId, Path out, boolean force) {
        byte[] secret = OwnerVault.open(vault, password).secret(beastId);
        SecretFile.write(out, secret, force);
        return OwnerVault.secretCommitment(secret);
    }

    /** Every beast in the vault with its secret commitment, in the vault's order. */
    public static Map<String, byte[]> list(Path vault, char[] password) {
        OwnerVault v = OwnerVault.open(vault, password);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String id : v.beasts()) out.put(id, OwnerVault.secretCommitment(v.secret(id)));
        return out;
    }

    /** A reveal bundle and the dataset it carries. */
    public record Reveal(RevealBundle bundle, PrivateDataset dataset) {}

    /**
     * Writes the reveal bundle {dataset bytes, S_owner} for a beast; the dataset must decode.
     * {@code force} replaces an existing {@code out}, never the vault itself.
     */
    public static Reveal exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out, boolean force,
                                      SeasonConstants season) {
        return exportReveal(vault, password, beastId, dataset, out, force, season, null, null);
    }

    /**
     * As above; for a hatched beast, {@code datasetCommitment} and {@code secretCommitment} (or nulls): a bundle that would
     * not match the beast's commitments is refused before anything is written (a dispute would reject it).
     */
    public static Reveal exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out, boolean force,
                                      SeasonConstants season, byte[] datasetCommitment, byte[] secretCommitment) {
        if (out.toAbsolutePath().normalize().equals(vault.toAbsolutePath().normalize())) {
            throw new DatasetException.Vault("-o " + out + " is the vault itself; refusing to replace the vault with a bundle");
        }
        DatasetFiles.refuseExisting(out, force);
        byte[] secret = OwnerVault.open(vault, password).secret(beastId);
        PrivateDataset ds = datasetCommitment == null ? PrivateDataset.open(dataset, season) : PrivateDataset.open(dataset, datasetCommitment, season);
        if (secretCommitment != null && !java.util.Arrays.equals(OwnerVault.secretCommitment(secret), secretCommitment)) {
            throw new DatasetException.Vault("the vault's entry " + beastId + " is not the beast's secret (the beast's secret commitment is 0x"
                    + io.chainbeasts.core.Hex.of(secretCommitment) + "); nothing was written");
        }
        RevealBundle b = new RevealBundle(beastId, secret, ds.storedBytes());
        b.write(out, force);
        return new Reveal(b, ds);
    }

    /** Reads a reveal bundle and checks it against both commitments (hex). */
    public static Reveal verifyReveal(Path bundle, String datasetCommitmentHex, String secretCommitmentHex, SeasonConstants season) {
        byte[] c = DatasetFiles.parseCommitment("--dataset-commitment", datasetCommitmentHex);
        byte[] s = DatasetFiles.parseCommitment("--secret-commitment", secretCommitmentHex);
        RevealBundle b = RevealBundle.read(bundle);
        return new Reveal(b, b.verify(c, s, season));
    }

    /**
     * Runs a read-modify-write of the vault holding an exclusive lock on {@code VAULT.lock}, so two
     * concurrent {@code vault new} cannot both read the old file and lose one secret.
     */
    static <T> T underLock(Path vault, Supplier<T> work) {
        Path lock = vault.toAbsolutePath().resolveSibling(vault.getFileName() + ".lock");
        // file locks are per process: threads of one JVM queue on the class first
        synchronized (VaultFiles.class) {
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new DatasetException.Vault("cannot lock " + lock + ": " + AtomicFiles.describe(e), e);
            }
        }
    }
}
