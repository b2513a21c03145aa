package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hatching a beast into the beasts folder, as {@code chainbeasts hatch --seed-core S --out DIR [--dataset D
 * --secret F|--new-secret F]} does with its defaults (anvil's chain id, the zero ledger, beast id = seed_core).
 * Never hatches over a folder that exists, never overwrites a secret.
 */
public final class HatchModel {
    public static final long LOCAL_CHAIN_ID = 31337;

    private HatchModel() {}

    /** A folder name for a rolled seed: "beast-" and the seed's first 8 hex digits. */
    public static String suggestName(long seed) {
        return "beast-" + Seeds.hex(seed).substring(2, 10);
    }

    public static BeastStore.Identity identity(long seedCore) {
        return identity(seedCore, null);
    }

    /** A public beast's identity, or a private one's committed to {@code curriculum}'s dataset and secret. */
    public static BeastStore.Identity identity(long seedCore, PrivateCurriculum curriculum) {
        return new BeastStore.Identity(seedCore, LOCAL_CHAIN_ID, new byte[20], new BigInteger(Long.toUnsignedString(seedCore)),
                curriculum == null ? new byte[32] : curriculum.dataset().commitment(),
                curriculum == null ? new byte[32] : curriculum.secretCommitment());
    }

    /** Hatches a public beast into {@code folder/name}; returns the new beast's folder. */
    public static Path hatch(Path folder, String name, String seedText) {
        return hatch(folder, name, seedText, null, null);
    }

    /**
     * Hatches into {@code folder/name}, private when {@code dataset} is given (then {@code secret} names the owner
     * secret file: read when it exists, else created); returns the new beast's folder.
     */
    public static Path hatch(Path folder, String name, String seedText, Path dataset, Path secret) {
        long seed = Seeds.parse("seed_core", seedText);
        String n = BeastFolder.checkName(name);
        Path dir = folder.resolve(n);
        if (Files.exists(dir)) throw new ClientError(dir + " already exists; choose another name (nothing was overwritten)");
        if ((dataset == null) != (secret == null)) throw new ClientError("A private beast needs both a dataset and a secret file");
        PrivateCurriculum curriculum = dataset == null ? null : PrivateCurriculum.forHatch(dataset, secret);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new ClientError("cannot create the beasts folder " + folder + ": " + ClientError.sentence(e));
        }
        try {
            Trainer.hatch(dir, identity(seed, curriculum));
        } catch (StoreException e) {
            throw new ClientError(e.getMessage());
        }
        return dir;
    }
}
