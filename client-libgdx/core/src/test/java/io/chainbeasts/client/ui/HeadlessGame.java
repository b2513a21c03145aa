package io.chainbeasts.client.ui;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.GL30;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.scenes.scene2d.Actor;
import com.badlogic.gdx.scenes.scene2d.Stage;
import com.badlogic.gdx.scenes.scene2d.ui.TextField;
import io.chainbeasts.client.model.Settings;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * The game on libGDX's headless backend: a no-op GL (so textures and fonts load) and a no-op Batch (no shaders);
 * stages act, lay out and take input, nothing is drawn. Job results queue up and run on the test thread in
 * {@link #frame()}, as they would on the render thread. One per test class (Gdx statics; surefire forks per class).
 */
final class HeadlessGame implements AutoCloseable {
    final ChainBeastsGame game;
    final Map<String, String> prefs = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();
    private final HeadlessApplication app;

    HeadlessGame(Path beasts, String screen) {
        this(beasts, screen, null);
    }

    /** As above; {@code afterLoading}: where the loading screen moves on to by itself (null: it waits for Continue). */
    HeadlessGame(Path beasts, String screen, String afterLoading) {
        HeadlessApplicationConfiguration cfg = new HeadlessApplicationConfiguration();
        cfg.updatesPerSecond = -1;
        app = new HeadlessApplication(new ApplicationAdapter() {}, cfg);
        Gdx.graphics = sized(Gdx.graphics, 1280, 800);
        Gdx.input = input();
        GL30 gl = noop(GL30.class);
        Gdx.gl = gl;
        Gdx.gl20 = gl;
        Gdx.gl30 = gl;
        ChainBeastsGame.Options o = new ChainBeastsGame.Options();
        o.startScreen = screen;
        o.afterLoading = afterLoading;
        o.beastsDir = beasts;
        o.batch = () -> noop(Batch.class);
        o.noShapes = true;
        o.ui = ui::add;
        o.metricsConfig = () -> io.chainbeasts.metrics.MetricsConfig.defaults().withPort(0).withHttpPort(0); // never the fixed ports
        o.store = new Settings.Store() {
            @Override
            public String get(String key) {
                return prefs.get(key);
            }

            @Override
            public void put(String key, String value) {
                prefs.put(key, value);
            }

            @Override
            public void flush() {}
        };
        game = new ChainBeastsGame(o);
        game.create();
        game.resize(1280, 800);
        frame();
    }

    /** Resizes the window to {@code w} x {@code h} pixels, as the desktop backend does when the player drags it. */
    void resize(int w, int h) {
        Gdx.graphics = sized(Gdx.graphics, w, h);
        game.resize(w, h);
        frame();
    }

    /** The headless graphics, but with a window size (the stage maps touches through it). */
    static com.badlogic.gdx.Graphics sized(com.badlogic.gdx.Graphics g, int w, int h) {
        return (com.badlogic.gdx.Graphics) Proxy.newProxyInstance(g.getClass().getClassLoader(), new Class<?>[] {com.badlogic.gdx.Graphics.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getWidth", "getBackBufferWidth" -> w;
                    case "getHeight", "getBackBufferHeight" -> h;
                    default -> m.invoke(g, args);
                });
    }

    /** An input that keeps the processor the screen installs (the headless backend's mock drops it); no key is held. */
    static Input input() {
        com.badlogic.gdx.InputProcessor[] processor = {null};
        return (Input) Proxy.newProxyInstance(Input.class.getClassLoader(), new Class<?>[] {Input.class}, (proxy, m, args) -> {
            if (m.getName().equals("setInputProcessor")) {
                processor[0] = (com.badlogic.gdx.InputProcessor) args[0];
                return null;
            }
            if (m.getName().equals("getInputProcessor")) return processor[0];
            Class<?> r = m.getReturnType();
            if (r == boolean.class) return false;
            if (r == int.class) return 0;
            if (r == float.class) return 0f;
            if (r == long.class) return 0L;
            return null;
        });
    }

    /** A proxy that does nothing: zero, false, null, or a fresh matrix or colour for getters the stage reads. */
    @SuppressWarnings("unchecked")
    static <T> T noop(Class<T> type) {
        Map<String, Object> keep = new HashMap<>();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            Class<?> r = m.getReturnType();
            if (r == Matrix4.class) return keep.computeIfAbsent(m.getName(), k -> new Matrix4());
            if (r == Color.class) return keep.computeIfAbsent(m.getName(), k -> new Color(Color.WHITE));
            if (r == boolean.class) return false;
            if (r == int.class) return 0;
            if (r == float.class) return 0f;
            if (r == long.class) return 0L;
            if (r == String.class) return "";
            return null;
        });
    }

    /** One frame: job results, then the screen's update, act and (no-op) draw. */
    void frame() {
        for (Runnable r; (r = ui.poll()) != null; ) r.run();
        game.render();
    }

    void until(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what + "; status: " + game.current().statusText());
            Thread.sleep(5);
            frame();
        }
    }

    Stage stage() {
        return game.current().stage();
    }

    <T extends Actor> T find(String name) {
        return game.current().find(name);
    }

    /** A click at the actor's centre through the stage's input processor. */
    void click(String name) {
        Actor a = find(name);
        Vector2 p = a.localToStageCoordinates(new Vector2(a.getWidth() / 2, a.getHeight() / 2));
        stage().stageToScreenCoordinates(p);
        Gdx.input.getInputProcessor().touchDown((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
        Gdx.input.getInputProcessor().touchUp((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
        frame();
    }

    /** A click at local (x, y) of the named actor. */
    void clickAt(String name, float x, float y) {
        Actor a = find(name);
        Vector2 p = a.localToStageCoordinates(new Vector2(x, y));
        stage().stageToScreenCoordinates(p);
        Gdx.input.getInputProcessor().touchDown((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
        Gdx.input.getInputProcessor().touchUp((int) p.x, (int) p.y, 0, Input.Buttons.LEFT);
        frame();
    }

    void type(String field, String text) {
        click(field);
        TextField f = find(field);
        f.selectAll();
        for (char c : text.toCharArray()) Gdx.input.getInputProcessor().keyTyped(c);
        frame();
    }

    void key(int keycode) {
        Gdx.input.getInputProcessor().keyDown(keycode);
        Gdx.input.getInputProcessor().keyUp(keycode);
        frame();
    }

    @Override
    public void close() {
        game.dispose();
        app.exit();
    }
}
