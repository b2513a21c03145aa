package io.chainbeasts.client.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hatch, train, roster and verification over real beast stores. */
class BeastModelsTest {
    @Test
    void hatchTrainRosterVerify(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("beasts");
        Path dir = HatchModel.hatch(folder, "alpha", "0x1234");
        ClientError again = assertThrows(ClientError.class, () -> HatchModel.hatch(folder, "alpha", "5"));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        assertThrows(ClientError.class, () -> HatchModel.hatch(folder, "../evil", "5"));
        assertThrows(ClientError.class, () -> HatchModel.hatch(folder, "beta", "not-a-seed"));

        TrainModel t = TrainModel.open(dir);
        assertEquals(0, t.windows());
        assertEquals(0, t.lossHistory(0).length);
        t.train(2, "java");
        assertEquals(TrainModel.Phase.DONE, t.phase(), t.message());
        assertEquals(2, t.windows());
        assertEquals(2, t.lossHistory(0).length);
        assertEquals(2, t.checkpoints().size());
        assertTrue(t.stepLoss(0).length > 0, "the last window's per-step losses stay after training ends");
        TrainModel reopened = TrainModel.open(dir);
        assertEquals(t.energyTotal(), reopened.energyTotal());
        assertEquals(t.lossHistory(0)[1], reopened.lossHistory(0)[1]);

        Files.createDirectories(folder.resolve("not-a-beast"));
        List<RosterModel.Entry> roster = RosterModel.load(folder);
        assertEquals(1, roster.size());
        assertEquals("alpha", roster.get(0).name);
        assertEquals(2, roster.get(0).windows);
        assertEquals("local", roster.get(0).binding);
        RosterModel.Record rec = RosterModel.winRate(dir);
        assertEquals(RosterModel.WIN_RATE_BATTLES, rec.wins() + rec.draws() + rec.losses());

        Verification.Result v = Verification.verify(dir);
        assertTrue(v.ok(), v.summary());
        assertEquals("verified 2/2", v.summary());
        t.applyVerification(v);
        assertTrue(t.checkpoints().get(1).verified());

        assertEquals(io.chainbeasts.combat.Policies.NAMES.length + 1, BeastFolder.contenders(folder).size());
    }

    @Test
    void pauseAndStopActBetweenWindows(@TempDir Path tmp) throws Exception {
        Path dir = HatchModel.hatch(tmp, "b", "77");
        TrainModel t = TrainModel.open(dir);
        Thread job = new Thread(() -> t.train(50, "java"));
        job.start();
        while (t.windows() < 1) Thread.sleep(5);
        t.pause();
        while (t.phase() != TrainModel.Phase.PAUSED && job.isAlive()) Thread.sleep(5);
        long paused = t.windows();
        Thread.sleep(300);
        assertEquals(paused, t.windows(), "no window runs while paused");
        t.stop();
        job.join(30_000);
        assertEquals(TrainModel.Phase.STOPPED, t.phase());
        assertEquals(paused, TrainModel.open(dir).windows());
    }
}
