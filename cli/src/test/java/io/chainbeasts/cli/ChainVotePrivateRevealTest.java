package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A validator node on the vote (`chain up --vote`) and a private window: checked lineage-only until a dispute makes its
 * owner reveal the dataset, then replayed from it, voted on, and from then on counted by that replay, never again as
 * lineage-only, also when a later window makes it replay the beast again.
 */
class ChainVotePrivateRevealTest extends ChainScenario {
    @Test
    void aRevealedPrivateWindowIsCountedByItsReplay(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(4, dir, "chain-vote-private-transcript.txt")) {
            script = s;
            String[] C = {"--chain", s.chainFile.toString()};
            for (int i = 1; i <= 3; i++) ok(cat(new String[] {"chain", "mint", "--key", "anvil:0", "--to", "anvil:" + i, "--amount", "10000"}, C));
            Path coach = dir.resolve("coach.zst"), secret = dir.resolve("owner.secret"), beast = dir.resolve("b");
            ok("dataset", "pack", "--in", DatasetVaultOutputTest.EXAMPLE.toString(), "-o", coach.toString());
            ok(cat(new String[] {"chain", "hatch", "--key", "anvil:1", "--seed-core", "0x7e58", "--out", beast.toString(), "--dataset", coach.toString(),
                    "--new-secret", secret.toString()}, C));
            ok("train", "--beast", beast.toString(), "--windows", "1", "--dataset", coach.toString(), "--secret", secret.toString(), "--quiet");
            ok(cat(new String[] {"chain", "submit", "--key", "anvil:1", "--beast", beast.toString()}, C));
            String[] node = cat(new String[] {"chain", "validate", "--key", "anvil:2", "--beast", beast.toString(), "--watch", "--rounds", "1",
                    "--interval", "0", "--state", dir.resolve("v.json").toString(), "--backend", "java"}, C);

            CliTest.Result before = ok(node);
            assertTrue(before.out().contains("1 private, checked lineage-only until a dispute reveals the dataset"), before.out());

            ok(cat(new String[] {"chain", "dispute", "--key", "anvil:3", "--beast", beast.toString(), "--window", "0", "--force"}, C));
            ok(cat(new String[] {"chain", "reveal", "--key", "anvil:1", "--beast", beast.toString(), "--window", "0", "--dataset", coach.toString(),
                    "--secret", secret.toString()}, C));
            CliTest.Result voted = ok(node);
            assertTrue(voted.out().contains("VERIFIED") && voted.out().contains("committed verdict VALID"), voted.out());

            CliTest.Result after = ok(cat(new String[] {"chain", "validate", "--key", "anvil:2", "--beast", beast.toString(), "--state",
                    dir.resolve("v.json").toString(), "--backend", "java"}, C)); // one-shot: every line
            assertFalse(after.out().contains("LINEAGE_ONLY") || after.out().contains("lineage-only"), "replayed, so not lineage-only:\n" + after.out());
            assertTrue(after.out().contains("1 checkpoint(s) on chain, 1 pass the replay, 0 invalid"), after.out());

            // the owner's next window makes the node replay again (without the dataset): window 0 keeps its replay
            ok("train", "--beast", beast.toString(), "--windows", "1", "--dataset", coach.toString(), "--secret", secret.toString(), "--quiet");
            ok(cat(new String[] {"chain", "submit", "--key", "anvil:1", "--beast", beast.toString()}, C));
            CliTest.Result next = ok(node);
            assertTrue(next.out().contains("2 checkpoint(s) on chain, 2 pass (1 private, checked lineage-only"), next.out());
        }
    }
}
