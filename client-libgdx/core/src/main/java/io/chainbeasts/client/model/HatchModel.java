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

    /**
     * Mints a beast's token on a chain (seed_core, C_dataset, R_dataset, secret commitment) and returns the identity the
     * local store is bound to (chain id, CheckpointLedger, token id); null when hatching locally.
     */
    public interface Minter {
        BeastStore.Identity mint(long seedCore, byte[] datasetCommitment, byte[] recordsRoot, byte[] secretCommitment);
    }

    /** Hatches a public beast into {@code folder/name}; returns the new beast's folder. */
    public static Path hatch(Path folder, String name, String seedText) {
        return hatch(folder, name, seedText, null, (SecretSource) null, null);
    }

    /** As below, the secret from a file (read when it exists, else created). */
    public static Path hatch(Path folder, String name, String seedText, Path dataset, Path secret) {
        return hatch(folder, name, seedText, dataset, secret == null ? null : new SecretSource.File(secret), null);
    }

    /**
     * Hatches into {@code folder/name}, private when {@code dataset} is given (then {@code secret} gives S_owner:
     * read when it exists, else created), minted first by {@code minter} when not null; returns the new beast's folder.
     */
    public static Path hatch(Path folder, String name, String seedText, Path dataset, SecretSource secret, Minter minter) {
        long seed = Seeds.parse("seed_core", seedText);
        String n = BeastFolder.checkName(name);
        Path dir = folder.resolve(n);
        if (Files.exists(dir)) throw new ClientError(dir + " already exists; choose another name (nothing was overwritten)");
        if ((dataset == null) != (secret == null)) throw new ClientError("A private beast needs both a dataset and a secret (a file or vault:ENTRY)");
        PrivateCurriculum curriculum = dataset == null ? null : PrivateCurriculum.forHatch(dataset, secret);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new ClientError("cannot create the beasts folder " + folder + ": " + ClientError.sentence(e));
        }
        BeastStore.Identity local = identity(seed, curriculum);
        BeastStore.Identity id = minter == null ? local : minter.mint(seed, local.datasetCommitment(),
                curriculum == null ? new byte[32] : curriculum.dataset().records().root(), local.secretCommitment());
        try {
            Trainer.hatch(dir, id);
        } catch (StoreException e) {
            if (minter != null) {
                throw new ClientError("beast #" + id.beastId() + " is minted but the local hatch failed (" + ClientError.sentence(e)
                        + ") finish it with `chainbeasts hatch --seed-core " + seedText.strip() + " --out " + dir + " --chain-id " + Long.toUnsignedString(id.chainId())
                        + " --ledger 0x" + io.chainbeasts.core.Hex.of(id.ledger()) + " --beast-id " + id.beastId() + "`");
            }
            throw new ClientError(e.getMessage());
        }
        return dir;
    }
}
