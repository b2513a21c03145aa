package io.chainbeasts.client.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.InputProcessor;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.Stage;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.ui.ChainBeastsGame;
import io.chainbeasts.client.ui.Screenshots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Drives the running client through its own input (touches and keys into the screen's input processor),
 * one step per frame once the step's condition holds; saves screenshots and pixel probes (where a known colour
 * must be) for the test JVM to check. Runs inside the client (the frame hook); any failure ends the app and is
 * written to {@code result.txt}.
 */
public final class Autopilot implements Consumer<ChainBeastsGame> {
    private record Step(String name, BooleanSupplier ready, Runnable action, long timeoutMs) {}

    private final Path out;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> probes = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private ChainBeastsGame game;
    private int next;
    private long stepStarted = -1;
    private boolean finished;

    public Autopilot(Path out) {
        this.out = out;
    }

    public ChainBeastsGame game() {
        return game;
    }

    public Autopilot then(String name, Runnable action) {
        return when(name, () -> true, action, 10_000);
    }

    public Autopilot when(String name, BooleanSupplier ready, Runnable action, long timeoutMs) {
        steps.add(new Step(name, ready, action, timeoutMs));
        return this;
    }

    /** Waits {@code frames} frames (lets layout and animation settle). */
    public Autopilot frames(int frames) {
        long[] target = {-1};
        return when("wait " + frames + " frames", () -> {
            if (target[0] < 0) target[0] = game.frames() + frames;
            return game.frames() >= target[0];
        }, () -> { }, 60_000);
    }

    @Override
    public void accept(ChainBeastsGame g) {
        game = g;
        if (finished) return;
        if (next >= steps.size()) {
            finish(null);
            return;
        }
        Step s = steps.get(next);
        long now = System.currentTimeMillis();
        if (stepStarted < 0) stepStarted = now;
        try {
            if (s.ready().getAsBoolean()) {
                log.add(String.format(Locale.ROOT, "%6d ms  frame %5d  %s", now - stepStarted, g.frames(), s.name()));
                s.action().run();
                next++;
                stepStarted = -1;
            } else if (now - stepStarted > s.timeoutMs()) {
                finish("step '" + s.name() + "' timed out after " + s.timeoutMs() + " ms; status: " + g.current().statusText());
            }
        } catch (Throwable t) {
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            finish("step '" + s.name() + "' failed: " + w);
        }
    }

    private void finish(String failure) {
        finished = true;
        try {
            Files.write(out.resolve("probes.txt"), probes, StandardCharsets.UTF_8);
            Files.write(out.resolve("steps.txt"), log, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("result.txt"), failure == null ? "ok\n" : failure, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Gdx.app.exit();
    }

    // ---- input, through the screen's own input processor ----

    private Stage stage() {
        return game.current().stage();
    }

    private InputProcessor input() {
        return Gdx.input.getInputProcessor();
    }

    /** Touches the centre of the named actor (down and up), as a mouse click does. */
    public void click(String name) {
        Actor a = game.current().find(name);
        Vector2 p = a.localToStageCoordinates(new Vector2(a.getWidth() / 2, a.getHeight() / 2));
        stage().stageToScreenCoordinates(p);
        input().touchDown((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
        input().touchUp((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
    }

    /** Clicks a text field, selects its text and types {@code text} over it, key by key. */
    public void type(String name, String text) {
        click(name);
        TextField f = game.current().find(name);
        f.selectAll();
        for (char c : text.toCharArray()) input().keyTyped(c);
    }

    public void key(int keycode) {
        input().keyDown(keycode);
        input().keyUp(keycode);
    }

    // ---- screenshots and probes ----

    public void screenshot(String name) {
        Screenshots.save(out.resolve(name + ".png"));
    }

    /**
     * Records that pixel (x, y) of screenshot {@code shot}, in stage coordinates of the current screen (y up),
     * must have colour {@code c}.
     */
    public void probe(String shot, String what, float stageX, float stageY, Color c) {
        Vector2 p = stage().stageToScreenCoordinates(new Vector2(stageX, stageY));
        probes.add(String.format(Locale.ROOT, "%s %d %d %02x%02x%02x %s", shot, (int) p.x, (int) p.y, (int) (c.r * 255 + 0.5f),
                (int) (c.g * 255 + 0.5f), (int) (c.b * 255 + 0.5f), what.replace(' ', '_')));
    }

    /** A probe at (x, y) in {@code a}'s own coordinates. */
    public void probe(String shot, String what, Actor a, float x, float y, Color c) {
        Vector2 p = a.localToStageCoordinates(new Vector2(x, y));
        probe(shot, what, p.x, p.y, c);
    }

    /** Launches the client with this autopilot on {@code screen}; returns when the app exits. */
    public void run(String screen, Path beasts) {
        ChainBeastsGame.Options o = new ChainBeastsGame.Options();
        o.startScreen = screen;
        o.beastsDir = beasts;
        o.store = new MapStore();
        o.frameHook = this;
        new com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application(new ChainBeastsGame(o), DesktopLauncher.config(true));
    }

    /** Settings kept in memory: the tests never touch the player's Preferences. */
    static final class MapStore implements io.chainbeasts.client.model.Settings.Store {
        private final java.util.Map<String, String> m = new java.util.HashMap<>();

        @Override
        public String get(String key) {
            return m.get(key);
        }

        @Override
        public void put(String key, String value) {
            m.put(key, value);
        }

        @Override
        public void flush() {}
    }
}
