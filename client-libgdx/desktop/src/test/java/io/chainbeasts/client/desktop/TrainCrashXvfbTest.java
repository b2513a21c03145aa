package io.chainbeasts.client.desktop;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.client.model.Verification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of the Train screen: the client is killed (SIGKILL, with Xvfb) while it trains; the store keeps
 * every complete window, verifies, and training resumes from HEAD.
 */
class TrainCrashXvfbTest {
    @Test
    void killedWhileTrainingResumesAndVerifies() throws Exception {
        ClientProcess.requireXvfb();
        Path out = Path.of("target", "screenshots", "train-crash").toAbsolutePath();
        ScreensXvfbTest.deleteTree(out);
        Files.createDirectories(out);
        Path beasts = out.resolve("beasts");
        Path dir = HatchModel.hatch(beasts, "crashy", "0xc4a5");
        Process p = ClientProcess.start(out.resolve("client.log"), AutopilotMain.class.getName(), "train-until-killed", out.toString(),
                beasts.toString(), "0");
        try {
            long end = System.currentTimeMillis() + 120_000;
            while (BeastStore.open(dir).head().windows() < 3) {
                assertTrue(p.isAlive(), "the client stopped before training: " + Files.readString(out.resolve("client.log")));
                assertTrue(System.currentTimeMillis() < end, "no 3 windows in 120 s");
                Thread.sleep(20);
            }
        } finally {
            ClientProcess.kill(p);
        }
        long windows = BeastStore.open(dir).head().windows();
        assertTrue(windows >= 3);
        Verification.Result v = Verification.verify(dir);
        assertTrue(v.ok(), v.summary());
        TrainModel t = TrainModel.open(dir);
        t.train(2, "java");
        assertEquals(TrainModel.Phase.DONE, t.phase(), t.message());
        long after = BeastStore.open(dir).head().windows();
        assertTrue(after >= windows + 2, windows + " -> " + after);
        assertTrue(Verification.verify(dir).ok());
    }
}
