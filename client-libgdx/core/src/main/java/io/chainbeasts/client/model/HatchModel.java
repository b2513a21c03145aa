package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hatching a public beast into the beasts folder, as {@code chainbeasts hatch --seed-core S --out DIR} does
 * with its defaults (anvil's chain id, the zero ledger, beast id = seed_core). Never hatches over a folder
 * that exists.
 */
public final class HatchModel {
    public static final long LOCAL_CHAIN_ID = 31337;

    private HatchModel() {}

    /** A folder name for a rolled seed: "beast-" and the seed's first 8 hex digits. */
    public static String suggestName(long seed) {
        return "beast-" + Seeds.hex(seed).substring(2, 10);
    }

    public static BeastStore.Identity identity(long seedCore) {
        return new BeastStore.Identity(seedCore, LOCAL_CHAIN_ID, new byte[20], new BigInteger(Long.toUnsignedString(seedCore)),
                new byte[32], new byte[32]);
    }

    /** Hatches into {@code folder/name}; returns the new beast's folder. */
    public static Path hatch(Path folder, String name, String seedText) {
        long seed = Seeds.parse("seed_core", seedText);
        String n = BeastFolder.checkName(name);
        Path dir = folder.resolve(n);
        if (Files.exists(dir)) throw new ClientError(dir + " already exists; choose another name (nothing was overwritten)");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new ClientError("cannot create the beasts folder " + folder + ": " + ClientError.sentence(e));
        }
        try {
            Trainer.hatch(dir, identity(seed));
        } catch (StoreException e) {
            throw new ClientError(e.getMessage());
        }
        return dir;
    }
}
