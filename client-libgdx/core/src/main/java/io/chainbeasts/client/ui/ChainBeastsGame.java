package io.chainbeasts.client.ui;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Preferences;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.scenes.scene2d.ui.Skin;
import io.chainbeasts.client.model.ClientMetrics;
import io.chainbeasts.client.model.Jobs;
import io.chainbeasts.client.model.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The game: settings, the skin, one job pool, and the screens (built on first visit). Backend-free: the
 * desktop launcher passes what differs (the start screen, a frame hook for screenshots); tests pass a
 * settings store and a batch that needs no GL.
 */
public class ChainBeastsGame extends Game {
    public static final String PREFERENCES = "io.chainbeasts.client";
    /** The screens of the navigation bar. */
    public static final String[] SCREENS = {"roster", "hatch", "train", "battle", "coach", "inspect", "chain", "settings"};
    /** The first screen of a normal start: the backend probe and the chain connection, then {@link Options#afterLoading}. */
    public static final String LOADING = "loading";

    /** What the launcher (or a test) decides; every field may be left null. */
    public static final class Options {
        public String startScreen = "roster";
        /** Where the loading screen moves on to by itself; null: it waits for Continue. */
        public String afterLoading;
        public Path beastsDir;
        public Settings.Store store;
        public Supplier<Batch> batch;
        public boolean noShapes;
        public Consumer<ChainBeastsGame> frameHook;
        /** Where job results are delivered; default {@code Gdx.app::postRunnable} (the render thread). */
        public java.util.concurrent.Executor ui;
        /** The in-process metrics server's ports; default {@code METRICS_PORT} / {@code METRICS_HTTP_PORT} as for `train --serve-metrics`. */
        public Supplier<io.chainbeasts.metrics.MetricsConfig> metricsConfig;
    }

    private final Options options;
    private Settings settings;
    private Settings.Store store;
    private Skin skin;
    private Batch batch;
    private ShapeRenderer shapes;
    private Jobs jobs;
    private ClientMetrics metrics;
    private final Map<String, BaseScreen> screens = new LinkedHashMap<>();
    private String current;
    private long frames;

    public ChainBeastsGame(Options options) {
        this.options = options;
    }

    @Override
    public void create() {
        store = options.store != null ? options.store : new PreferencesStore(Gdx.app.getPreferences(PREFERENCES));
        settings = Settings.load(store);
        if (options.beastsDir != null) settings.beastsDir(options.beastsDir.toString());
        skin = Ui.skin();
        batch = options.batch != null ? options.batch.get() : new SpriteBatch();
        shapes = options.noShapes ? null : new ShapeRenderer();
        jobs = new Jobs(options.ui != null ? options.ui : Gdx.app::postRunnable, 2);
        metrics = new ClientMetrics(options.metricsConfig != null ? options.metricsConfig
                : () -> io.chainbeasts.metrics.MetricsConfig.fromEnv(System.getenv()));
        // a fixed-size run (screenshots, tests) stays windowed
        if (settings.fullscreen() && options.frameHook == null && Gdx.graphics.supportsDisplayModeChange()) {
            Gdx.graphics.setFullscreenMode(Gdx.graphics.getDisplayMode());
        }
        show(options.startScreen == null ? "roster" : options.startScreen);
    }

    /** Switches to the named screen (one of {@link #SCREENS}). */
    public void show(String name) {
        BaseScreen s = screens.computeIfAbsent(name, this::build);
        current = name;
        setScreen(s);
    }

    private BaseScreen build(String name) {
        switch (name) {
            case "roster": return new RosterScreen(this);
            case "hatch": return new HatchScreen(this);
            case "train": return new TrainScreen(this);
            case "battle": return new BattleScreen(this);
            case "coach": return new CoachScreen(this);
            case "inspect": return new InspectorScreen(this);
            case "chain": return new ChainScreen(this);
            case "settings": return new SettingsScreen(this);
            case LOADING: return new LoadingScreen(this, options.afterLoading);
            default: throw new IllegalArgumentException("unknown screen '" + name + "' (expected one of " + String.join(", ", SCREENS) + ", " + LOADING + ")");
        }
    }

    @Override
    public void render() {
        super.render();
        frames++;
        if (options.frameHook != null) options.frameHook.accept(this);
    }

    /** Frames rendered so far. */
    public long frames() {
        return frames;
    }

    public String currentName() {
        return current;
    }

    public BaseScreen current() {
        return screens.get(current);
    }

    @SuppressWarnings("unchecked")
    public <T extends BaseScreen> T screen(String name, Class<T> type) {
        return (T) screens.computeIfAbsent(name, this::build);
    }

    public Settings settings() {
        return settings;
    }

    public void saveSettings() {
        settings.save(store);
    }

    public Skin skin() {
        return skin;
    }

    public Batch batch() {
        return batch;
    }

    /** Null when the game runs without GL (headless tests); actors then never draw. */
    public ShapeRenderer shapes() {
        return shapes;
    }

    public Jobs jobs() {
        return jobs;
    }

    /** The metrics setting at work: the sink of each training run, the in-process server and its live page. */
    public ClientMetrics metrics() {
        return metrics;
    }

    /** Rebuilds every screen after the UI scale or beasts folder changed. */
    public void rebuildScreens() {
        String keep = current;
        for (BaseScreen s : screens.values()) s.dispose();
        screens.clear();
        show(keep);
    }

    @Override
    public void dispose() {
        for (BaseScreen s : screens.values()) s.dispose();
        screens.clear();
        if (jobs != null) jobs.close();
        if (metrics != null) metrics.close();
        if (shapes != null) shapes.dispose();
        if (batch != null && options.batch == null) batch.dispose();
        if (skin != null) skin.dispose();
    }

    /** Settings persisted as libGDX Preferences. */
    static final class PreferencesStore implements Settings.Store {
        private final Preferences prefs;

        PreferencesStore(Preferences prefs) {
            this.prefs = prefs;
        }

        @Override
        public String get(String key) {
            return prefs.contains(key) ? prefs.getString(key) : null;
        }

        @Override
        public void put(String key, String value) {
            prefs.putString(key, value);
        }

        @Override
        public void flush() {
            prefs.flush();
        }
    }
}
