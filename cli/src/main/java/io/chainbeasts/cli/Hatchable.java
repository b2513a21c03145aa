package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;

import java.nio.file.Path;

/** The hatch commands' first check: --out can take a beast, asked before anything is minted or written. */
final class Hatchable {
    private Hatchable() {}

    static void check(String command, Path out) {
        try {
            BeastStore.checkHatchable(out);
        } catch (StoreException e) {
            throw new UserError(command + ": --out: " + e.getMessage());
        }
    }
}
