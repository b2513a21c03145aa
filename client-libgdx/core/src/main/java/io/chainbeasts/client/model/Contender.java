package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetPolicy;

import java.nio.file.Path;

/**
 * Who fights one side of a battle: a baseline policy by name ({@link Policies}) or a beast from the
 * beasts folder, played by {@link NetPolicy} over its HEAD state, as {@code chainbeasts battle} plays it.
 */
public record Contender(String name, Path beastDir) {
    public static Contender baseline(String name) {
        return new Contender(name, null);
    }

    public static Contender beast(Path dir) {
        return new Contender(dir.getFileName().toString(), dir);
    }

    public boolean isBeast() {
        return beastDir != null;
    }

    /** The label in pickers and on the replay: "greedy (baseline)" or the beast folder's name. */
    public String label() {
        return isBeast() ? name : name + " (baseline)";
    }

    /** The name written into battle JSON: the baseline's name or the beast's folder path, as the CLI takes it. */
    public String policyName() {
        return isBeast() ? beastDir.toString() : name;
    }

    /**
     * The fighter as {@code chainbeasts battle --json} describes it ({@code PolicySpec.toJson} in the CLI): name and kind,
     * and for a beast its folder, the window its HEAD is at, its seed_core and the hash of the state that plays.
     */
    public java.util.Map<String, Object> toJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", policyName());
        m.put("kind", isBeast() ? "beast" : name);
        if (isBeast()) {
            try {
                BeastStore store = BeastStore.open(beastDir);
                BeastState state = store.getState(store.head().stateHash());
                m.put("dir", beastDir.toString());
                m.put("window", store.head().windows());
                m.put("seedCore", "0x" + Long.toHexString(state.seedCore));
                m.put("stateHash", "0x" + io.chainbeasts.core.Hex.of(state.hash()));
            } catch (StoreException e) {
                throw new ClientError(e.getMessage());
            }
        }
        return m;
    }

    /** A fresh policy for one battle (a random baseline's stream derives from the battle seed and side). */
    public Policy policy(long battleSeed, int side) {
        if (!isBeast()) {
            try {
                return Policies.byName(name, battleSeed, side);
            } catch (IllegalArgumentException e) {
                throw new ClientError(e.getMessage());
            }
        }
        return new NetPolicy(headState(beastDir), name);
    }

    /** The HEAD state of the beast in {@code dir}; a store that cannot be read is a {@link ClientError}. */
    public static BeastState headState(Path dir) {
        try {
            BeastStore store = BeastStore.open(dir);
            return store.getState(store.head().stateHash());
        } catch (StoreException e) {
            throw new ClientError(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
