package io.chainbeasts.cli;

import io.chainbeasts.client.desktop.AutopilotMain;
import io.chainbeasts.client.desktop.ClientProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A player's first session in the desktop client, under Xvfb, driven through the UI's own input: hatch, train
 * 2 windows, fight greedy, replay to the end at 8x, check the hash, export. Afterwards the store verifies with
 * {@code chainbeasts verify}, and the exported file equals what {@code chainbeasts battle --json} writes for the
 * same beast, baseline and seed, byte for byte.
 */
class ClientPlayThroughTest {
    @Test
    void hatchTrainFightReplayExportMatchesTheCli() throws Exception {
        ClientProcess.requireXvfb();
        Path out = Path.of("target", "screenshots", "playthrough").toAbsolutePath();
        deleteTree(out);
        Files.createDirectories(out);
        Path beasts = out.resolve("beasts");
        Path export = out.resolve("battle.json");
        String seed = "0x0badc0de0badc0de";
        ClientProcess.Result r = ClientProcess.run(out.resolve("client.log"), 420, AutopilotMain.class.getName(),
                "playthrough", out.toString(), beasts.toString(), seed, export.toString());
        ClientProcess.assertAutopilot(out, r);

        Path hero = beasts.resolve("hero");
        CliTest.Result v = CliTest.run("verify", hero.toString(), "--backend", "java");
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(v.out().contains("2 verified"), v.out());

        Path cli = out.resolve("cli-battle.json");
        CliTest.Result b = CliTest.run("battle", "--seed", seed, "--policy-a", hero.toString(), "--policy-b", "greedy", "--json", cli.toString(),
                "--quiet");
        assertEquals(0, b.code(), b.err());
        assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(export), "the client's export differs from `chainbeasts battle --json`");
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
