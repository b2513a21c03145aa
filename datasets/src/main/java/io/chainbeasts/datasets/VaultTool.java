package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code chainbeasts vault ...} commands, as plain methods for the CLI to wire. Secrets are
 * never printed; only their commitments are. Errors are one-line {@link DatasetException}s.
 *
 * <pre>
 * vault init    --vault FILE                                             init(vault, password, stdout)
 * vault new     --vault FILE --beast ID                                  newSecret(vault, password, id, stdout)
 * vault import  --vault FILE --beast ID --secret FILE                    importSecret(vault, password, id, secretFile, stdout)
 * vault export  --vault FILE --beast ID -o FILE                          exportSecret(vault, password, id, out, stdout)
 * vault list    --vault FILE                                             list(vault, password, stdout)
 * vault reveal  --vault FILE --beast ID --dataset dataset.zst -o bundle  exportReveal(vault, password, id, dataset, out, stdout)
 * vault verify-reveal --bundle FILE --dataset-commitment HEX --secret-commitment HEX
 *                                                                        verifyReveal(bundle, cHex, sHex, season, stdout)
 * </pre>
 * The password comes from {@link #password(Map)}: {@code CHAINBEASTS_VAULT_PASSWORD}, else the console.
 */
public final class VaultTool {
    private VaultTool() {}

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

    public static void init(Path vault, char[] password, PrintStream stdout) {
        OwnerVault.create(vault, password);
        stdout.println("created vault " + vault);
    }

    /** Generates S_owner for a beast; prints and returns its commitment keccak256(S_owner). */
    public static byte[] newSecret(Path vault, char[] password, String beastId, PrintStream stdout) {
        byte[] c = underLock(vault, () -> OwnerVault.secretCommitment(OwnerVault.open(vault, password).newSecret(beastId)));
        stdout.println("beast " + beastId + ": new S_owner stored in " + vault);
        stdout.println("secret commitment = " + OwnerVault.hex(c));
        return c;
    }

    /** Stores the S_owner of a secret file (from {@code hatch --new-secret}) in the vault; prints its commitment. */
    public static byte[] importSecret(Path vault, char[] password, String beastId, Path secretFile, PrintStream stdout) {
        byte[] secret = SecretFile.read(secretFile);
        underLock(vault, () -> {
            OwnerVault.open(vault, password).putSecret(beastId, secret);
            return null;
        });
        stdout.println("beast " + beastId + ": S_owner from " + secretFile + " stored in " + vault);
        stdout.println("secret commitment = " + OwnerVault.hex(OwnerVault.secretCommitment(secret)));
        return OwnerVault.secretCommitment(secret);
    }

    /** Writes a beast's S_owner as a secret file (mode 600, never over an existing file) for {@code hatch/train --secret}. */
    public static void exportSecret(Path vault, char[] password, String beastId, Path out, PrintStream stdout) {
        exportSecret(vault, password, beastId, out, false, stdout);
    }

    /** As above; {@code force} replaces an existing {@code out}. */
    public static void exportSecret(Path vault, char[] password, String beastId, Path out, boolean force, PrintStream stdout) {
        byte[] secret = OwnerVault.open(vault, password).secret(beastId);
        SecretFile.write(out, secret, force);
        stdout.println("wrote beast " + beastId + "'s S_owner to " + out + " (readable by you only); secret commitment = "
                + OwnerVault.hex(OwnerVault.secretCommitment(secret)));
    }

    /**
     * Runs a read-modify-write of the vault holding an exclusive lock on {@code VAULT.lock}, so two
     * concurrent {@code vault new} cannot both read the old file and lose one secret.
     */
    static <T> T underLock(Path vault, java.util.function.Supplier<T> work) {
        Path lock = vault.toAbsolutePath().resolveSibling(vault.getFileName() + ".lock");
        // file locks are per process: threads of one JVM queue on the class first
        synchronized (VaultTool.class) {
            return lockedFile(lock, work);
        }
    }

    private static <T> T lockedFile(Path lock, java.util.function.Supplier<T> work) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock ignored = ch.lock()) {
            return work.get();
        } catch (java.io.IOException e) {
            throw new DatasetException.Vault("cannot lock " + lock + ": " + AtomicFiles.describe(e), e);
        }
    }

    public static void list(Path vault, char[] password, PrintStream stdout) {
        OwnerVault v = OwnerVault.open(vault, password);
        for (String id : v.beasts()) {
            stdout.println(id + " " + OwnerVault.hex(OwnerVault.secretCommitment(v.secret(id))));
        }
    }

    /** Writes the reveal bundle {dataset bytes, S_owner} for a beast; the dataset must decode. */
    public static RevealBundle exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out,
                                            SeasonConstants season, PrintStream stdout) {
        return exportReveal(vault, password, beastId, dataset, out, false, season, stdout);
    }

    /** As above; {@code force} replaces an existing {@code out} (never the vault itself). */
    public static RevealBundle exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out, boolean force,
                                            SeasonConstants season, PrintStream stdout) {
        if (out.toAbsolutePath().normalize().equals(vault.toAbsolutePath().normalize())) {
            throw new DatasetException.Vault("-o " + out + " is the vault itself; refusing to replace the vault with a bundle");
        }
        DatasetTool.refuseExisting(out, force);
        OwnerVault v = OwnerVault.open(vault, password);
        byte[] secret = v.secret(beastId);
        PrivateDataset ds = PrivateDataset.open(dataset, season);
        RevealBundle b = new RevealBundle(beastId, secret, ds.storedBytes());
        b.write(out, force);
        stdout.println("wrote reveal bundle for " + beastId + " to " + out);
        stdout.println("C_dataset = " + ds.commitmentHex());
        stdout.println("secret commitment = " + OwnerVault.hex(OwnerVault.secretCommitment(secret)));
        return b;
    }

    public static PrivateDataset verifyReveal(Path bundle, String datasetCommitmentHex, String secretCommitmentHex,
                                              SeasonConstants season, PrintStream stdout) {
        byte[] c = DatasetTool.parseCommitment("--dataset-commitment", datasetCommitmentHex);
        byte[] s = DatasetTool.parseCommitment("--secret-commitment", secretCommitmentHex);
        RevealBundle b = RevealBundle.read(bundle);
        PrivateDataset ds = b.verify(c, s, season);
        stdout.println("ok: reveal bundle " + bundle + " for " + b.beastId() + " matches both commitments ("
                + ds.size() + " samples)");
        return ds;
    }
}
