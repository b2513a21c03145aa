package io.chainbeasts.client.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import io.chainbeasts.client.model.Battles;
import io.chainbeasts.client.model.Contender;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.ReplayModel;
import io.chainbeasts.client.model.RosterModel;
import io.chainbeasts.client.model.Settings;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.client.ui.BattleScreen;
import io.chainbeasts.client.ui.ChainBeastsGame;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's targets as a benchmark (not a test): replay frames per second at 1280x800, uncapped, with
 * and without training running on a job thread, and the roster of 100 beasts loaded warm. Needs a display
 * (run under {@code xvfb-run -a -s "-screen 0 1280x800x24"} for software GL). Prints a table and writes JSON.
 * Usage: {@code ClientBench [--seconds S] [--out FILE]} (default 5 s, target/bench/client.json).
 */
public final class ClientBench {
    private ClientBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = 5;
        Path out = Path.of("target", "bench", "client.json");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--seconds")) seconds = Double.parseDouble(args[i + 1]);
            else if (args[i].equals("--out")) out = Path.of(args[i + 1]);
            else throw new IllegalArgumentException("unknown option " + args[i]);
        }
        Path tmp = Files.createTempDirectory("chainbeasts-client-bench");
        Path beasts = tmp.resolve("beasts");
        Path trainee = HatchModel.hatch(beasts, "trainee", "0x7ea1");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("roster100WarmMs", rosterMs(tmp.resolve("roster")));

        long[] windowsDuring = {0};
        Map<String, Double> fps = new HashMap<>();
        long warmup = 60;
        long[] phaseStart = {0, 0};
        int[] phase = {0};
        TrainModel model = TrainModel.open(trainee);
        Thread[] trainer = {null};
        double secs = seconds;
        ChainBeastsGame.Options o = new ChainBeastsGame.Options();
        o.startScreen = "battle";
        o.beastsDir = beasts;
        o.store = new Settings.Store() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public void put(String key, String value) {}

            @Override
            public void flush() {}
        };
        o.frameHook = g -> {
            BattleScreen b = g.screen("battle", BattleScreen.class);
            if (b.replay() == null) {
                renderer[0] = Gdx.gl.glGetString(com.badlogic.gdx.graphics.GL20.GL_RENDERER);
                b.load(Battles.fight(Contender.baseline("greedy"), Contender.baseline("random"), 0xBE7C4L));
                b.replay().speedIndex(2);
                b.replay().togglePlay();
                phaseStart[0] = g.frames() + warmup;
                return;
            }
            ReplayModel r = b.replay();
            if (!r.playing()) r.togglePlay(); // loop the replay
            long now = System.nanoTime();
            if (g.frames() == phaseStart[0]) phaseStart[1] = now;
            if (g.frames() <= phaseStart[0]) return;
            if ((now - phaseStart[1]) / 1e9 < secs) return;
            double f = (g.frames() - phaseStart[0]) / ((now - phaseStart[1]) / 1e9);
            if (phase[0] == 0) {
                fps.put("replay", f);
                trainer[0] = new Thread(() -> model.train(100_000, "java"), "bench-trainer");
                trainer[0].start();
                phase[0] = 1;
                phaseStart[0] = g.frames() + warmup;
            } else {
                fps.put("replayWhileTraining", f);
                windowsDuring[0] = model.windows();
                model.stop();
                Gdx.app.exit();
            }
        };
        Lwjgl3ApplicationConfiguration cfg = DesktopLauncher.config(true);
        cfg.useVsync(false);
        cfg.setForegroundFPS(0);
        new Lwjgl3Application(new ChainBeastsGame(o), cfg);
        if (trainer[0] != null) trainer[0].join(60_000);

        result.put("resolution", DesktopLauncher.WIDTH + "x" + DesktopLauncher.HEIGHT);
        result.put("secondsPerMeasure", Math.round(seconds));
        result.put("replayFps", Math.round(fps.getOrDefault("replay", 0.0)));
        result.put("replayWhileTrainingFps", Math.round(fps.getOrDefault("replayWhileTraining", 0.0)));
        result.put("windowsTrainedDuring", windowsDuring[0]);
        result.put("glRenderer", renderer[0]);
        System.out.printf(Locale.ROOT, "client bench (%s, GL %s)%n", result.get("resolution"), renderer[0]);
        System.out.printf(Locale.ROOT, "  %-36s %10s  %s%n", "measure", "value", "target");
        System.out.printf(Locale.ROOT, "  %-36s %10d  >= 60%n", "replay fps", result.get("replayFps"));
        System.out.printf(Locale.ROOT, "  %-36s %10d  >= 30%n", "replay fps, training alongside",
                result.get("replayWhileTrainingFps"));
        System.out.printf(Locale.ROOT, "  %-36s %10d%n", "windows trained meanwhile", windowsDuring[0]);
        System.out.printf(Locale.ROOT, "  %-36s %10d  < 1000%n", "roster of 100 beasts, warm (ms)", result.get("roster100WarmMs"));
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        AtomicFile.write(out, Json.pretty(result).getBytes(StandardCharsets.UTF_8));
        System.out.println("  written to " + out);
        System.exit(0);
    }

    static final String[] renderer = {"?"};

    /** Hatches 100 beasts, loads the roster once (cold), then times the second load (warm). */
    static long rosterMs(Path folder) {
        for (int i = 0; i < 100; i++) HatchModel.hatch(folder, String.format(Locale.ROOT, "b%03d", i), Integer.toString(i + 1));
        RosterModel.load(folder);
        long t0 = System.nanoTime();
        int n = RosterModel.load(folder).size();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (n != 100) throw new IllegalStateException("roster has " + n + " beasts");
        return ms;
    }
}
