package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.datasets.OwnerVault;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.datasets.RevealBundle;
import io.chainbeasts.datasets.VaultFiles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code chainbeasts vault ...} prints: each command runs its {@link VaultFiles} operation and
 * prints commitments, never secrets. Bad input is the operation's one-line DatasetException.
 *
 * <pre>
 * vault init    --vault FILE                                             init(vault, password, stdout)
 * vault new     --vault FILE --beast ID                                  newSecret(vault, password, id, stdout)
 * vault import  --vault FILE --beast ID --secret FILE                    importSecret(vault, password, id, secretFile, stdout)
 * vault export  --vault FILE --beast ID -o FILE                          exportSecret(vault, password, id, out, stdout)
 * vault list    --vault FILE                                             list(vault, password, stdout)
 * vault reveal  --vault FILE --beast ID --dataset dataset.zst -o bundle  exportReveal(vault, password, id, dataset, out, force, season, stdout)
 * vault verify-reveal --bundle FILE --dataset-commitment HEX --secret-commitment HEX
 *                                                                        verifyReveal(bundle, cHex, sHex, season, stdout)
 * </pre>
 */
final class VaultTool {
    private VaultTool() {}

    /** The vault password from {@code CHAINBEASTS_VAULT_PASSWORD}, else read from the console without echo. */
    static char[] password(Map<String, String> env) {
        return VaultFiles.password(env);
    }

    static void init(Path vault, char[] password, PrintStream stdout) {
        VaultFiles.init(vault, password);
        stdout.println("created vault " + vault);
    }

    static byte[] newSecret(Path vault, char[] password, String beastId, PrintStream stdout) {
        byte[] c = VaultFiles.newSecret(vault, password, beastId);
        stdout.println("beast " + beastId + ": new S_owner stored in " + vault);
        stdout.println("secret commitment = " + hex(c));
        return c;
    }

    static byte[] importSecret(Path vault, char[] password, String beastId, Path secretFile, PrintStream stdout) {
        return importSecret(vault, password, beastId, secretFile, null, stdout);
    }

    static byte[] importSecret(Path vault, char[] password, String beastId, Path secretFile, byte[] expectedCommitment, PrintStream stdout) {
        byte[] c = VaultFiles.importSecret(vault, password, beastId, secretFile, expectedCommitment);
        stdout.println("beast " + beastId + ": S_owner from " + secretFile + " stored in " + vault);
        stdout.println("secret commitment = " + hex(c));
        return c;
    }

    static void exportSecret(Path vault, char[] password, String beastId, Path out, boolean force, PrintStream stdout) {
        byte[] c = VaultFiles.exportSecret(vault, password, beastId, out, force);
        stdout.println("wrote beast " + beastId + "'s S_owner to " + out + " (readable by you only); secret commitment = " + hex(c));
    }

    static void list(Path vault, char[] password, PrintStream stdout) {
        var entries = VaultFiles.list(vault, password);
        if (entries.isEmpty()) stdout.println("no entries in " + vault + " (`vault new` or `vault import` adds one)");
        entries.forEach((id, c) -> stdout.println(id + " " + hex(c)));
    }

    static RevealBundle exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out, boolean force,
                                     SeasonConstants season, PrintStream stdout) {
        return exportReveal(vault, password, beastId, dataset, out, force, season, null, stdout);
    }

    /** As above; {@code beast} (or null): the hatched beast whose commitments the bundle must match. */
    static RevealBundle exportReveal(Path vault, char[] password, String beastId, Path dataset, Path out, boolean force,
                                     SeasonConstants season, io.chainbeasts.checkpoint.BeastStore.Identity beast, PrintStream stdout) {
        VaultFiles.Reveal r = VaultFiles.exportReveal(vault, password, beastId, dataset, out, force, season,
                beast == null ? null : beast.datasetCommitment(), beast == null ? null : beast.secretCommitment());
        stdout.println("wrote reveal bundle for " + beastId + " to " + out);
        stdout.println("C_dataset = " + r.dataset().commitmentHex());
        stdout.println("secret commitment = " + hex(OwnerVault.secretCommitment(r.bundle().secret())));
        return r.bundle();
    }

    static PrivateDataset verifyReveal(Path bundle, String datasetCommitmentHex, String secretCommitmentHex, SeasonConstants season,
                                       PrintStream stdout) {
        VaultFiles.Reveal r = VaultFiles.verifyReveal(bundle, datasetCommitmentHex, secretCommitmentHex, season);
        stdout.println("ok: reveal bundle " + bundle + " for " + r.bundle().beastId() + " matches both commitments ("
                + r.dataset().size() + " samples)");
        return r.dataset();
    }

    private static String hex(byte[] b) {
        return "0x" + Hex.of(b);
    }
}
