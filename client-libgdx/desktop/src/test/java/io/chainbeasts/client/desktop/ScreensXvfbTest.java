package io.chainbeasts.client.desktop;

import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.TrainModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every screen rendered under Xvfb with fixed data (beast "alpha", seed_core 0xa1fa, 2 windows; battle alpha vs
 * greedy at a fixed seed): PNGs under target/screenshots, and pixel probes (arena cells, HP bar ends, the
 * highlighted navigation button, the chart's plot area) so a blank or wrong screen fails.
 */
class ScreensXvfbTest {
    static final String BATTLE_SEED = "0x00c0ffee12345678";

    @Test
    void everyScreenRendersWithFixedData() throws Exception {
        ClientProcess.requireXvfb();
        Path out = Path.of("target", "screenshots", "screens").toAbsolutePath();
        deleteTree(out);
        Files.createDirectories(out);
        Path beasts = out.resolve("beasts");
        Path alpha = HatchModel.hatch(beasts, "alpha", "0xa1fa");
        TrainModel.open(alpha).train(2, "java");
        ClientProcess.Result r = ClientProcess.run(out.resolve("client.log"), 300, AutopilotMain.class.getName(),
                "screens", out.toString(), beasts.toString(), BATTLE_SEED);
        int probes = ClientProcess.assertAutopilot(out, r);
        assertTrue(probes > 30, "only " + probes + " probes");
        for (String s : new String[] {"roster", "train", "hatch", "settings", "coach", "inspect", "battle", "loading"}) {
            assertTrue(Files.size(out.resolve(s + ".png")) > 10_000, s + ".png looks empty");
        }
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
