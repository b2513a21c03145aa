package io.chainbeasts.cli;

import io.chainbeasts.contracts.Anvil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented way to see a cheat caught: `chain cheat-demo`, end to end on a real anvil. */
class ChainCheatDemoTest {
    @Test
    void aCheatingWindowIsCaughtAndSlashed(@TempDir Path dir) throws Exception {
        try {
            Anvil.binary();
        } catch (IllegalStateException e) {
            Assumptions.assumeTrue(false, "anvil not installed: " + e.getMessage());
        }
        Path d = dir.resolve("demo");
        CliTest.Result r = CliTest.run("chain", "cheat-demo", "--dir", d.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("FAILURE energyBurn: replay 136000, payload 68000"), "the replay names the lie: " + out);
        assertTrue(out.contains("fileDispute on window 2") && out.contains("postDigests (128 step digests)"), out);
        assertTrue(out.contains("nameStep 128 (the window-end check)") && out.contains("proveStep 128: gas "), out);
        assertTrue(out.contains("dispute on window 2: RESOLVED_INVALID"), out);
        assertTrue(!out.contains("committed verdict"), "no vote: " + out);
        assertTrue(out.matches("(?s).*window +2 +0x[0-9a-f]{16} +INVALIDATED +slashed 68 ENERGY.*"), out);
        assertTrue(out.contains("result: the cheat was caught and slashed"), out);
        assertTrue(Files.exists(d.resolve("chain.json")) && Files.isDirectory(d.resolve("cheater")));
        CliTest.Result again = CliTest.run("chain", "cheat-demo", "--dir", d.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("is not empty"), again.err());
    }
}
