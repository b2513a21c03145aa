package io.chainbeasts.client.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The player's settings, persisted through a {@link Store} (libGDX Preferences in the game, a map in
 * tests): beasts folder, training backend, UI scale and window mode. Bad stored values fall back to
 * the defaults rather than failing the start.
 */
public final class Settings {
    /** Key-value persistence; the game's implementation wraps {@code com.badlogic.gdx.Preferences}. */
    public interface Store {
        String get(String key);

        void put(String key, String value);

        void flush();
    }

    public static final String[] BACKENDS = {"java", "auto", "opencl"};
    public static final String[] WINDOW_MODES = {"windowed", "fullscreen"};
    public static final float MIN_SCALE = 0.75f;
    public static final float MAX_SCALE = 2f;

    private Path beastsDir;
    private String backend = "java";
    private float uiScale = 1f;
    private String windowMode = "windowed";

    public Settings(Path beastsDir) {
        this.beastsDir = beastsDir;
    }

    public static Path defaultBeastsDir() {
        return Path.of(System.getProperty("user.home"), "chainbeasts", "beasts");
    }

    public static Settings load(Store store) {
        Settings s = new Settings(defaultBeastsDir());
        String dir = store.get("beastsDir");
        if (dir != null && !dir.isBlank()) s.beastsDir = Path.of(dir);
        String b = store.get("backend");
        if (b != null && indexOf(BACKENDS, b) >= 0) s.backend = b;
        String scale = store.get("uiScale");
        if (scale != null) {
            try {
                s.uiScale = clampScale(Float.parseFloat(scale));
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        String mode = store.get("windowMode");
        if (mode != null && indexOf(WINDOW_MODES, mode) >= 0) s.windowMode = mode;
        return s;
    }

    public void save(Store store) {
        store.put("beastsDir", beastsDir.toString());
        store.put("backend", backend);
        store.put("uiScale", String.format(Locale.ROOT, "%.2f", uiScale));
        store.put("windowMode", windowMode);
        store.flush();
    }

    public Path beastsDir() {
        return beastsDir;
    }

    public void beastsDir(String text) {
        if (text == null || text.isBlank()) throw new ClientError("Beasts folder: type a folder path");
        try {
            beastsDir = Path.of(text.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ClientError("Beasts folder: '" + text + "' is not a valid path");
        }
    }

    public String backend() {
        return backend;
    }

    public void backend(String b) {
        if (indexOf(BACKENDS, b) < 0) throw new ClientError("Backend: '" + b + "' is not one of java, auto, opencl");
        backend = b;
    }

    public float uiScale() {
        return uiScale;
    }

    public void uiScale(float s) {
        uiScale = clampScale(s);
    }

    public String windowMode() {
        return windowMode;
    }

    public void windowMode(String m) {
        if (indexOf(WINDOW_MODES, m) < 0) throw new ClientError("Window mode: '" + m + "' is not windowed or fullscreen");
        windowMode = m;
    }

    public boolean fullscreen() {
        return windowMode.equals("fullscreen");
    }

    private static float clampScale(float s) {
        if (Float.isNaN(s)) return 1f;
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private static int indexOf(String[] a, String v) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(v)) return i;
        return -1;
    }
}
