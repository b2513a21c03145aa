package io.chainbeasts.client.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The player's settings, persisted through a {@link Store} (libGDX Preferences in the game, a map in
 * tests): beasts folder, training backend, UI scale, window mode, the owner vault and the chain (addresses file,
 * RPC override, signing key) and metrics (off, publish to a server's ws:// URL, or serve in-process). Bad stored values fall back to the defaults rather than failing the start. A private
 * key is never stored: the key setting is empty (the {@code CHAINBEASTS_KEY} environment variable) or {@code anvil:N}.
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
    /** Metrics while training: none, published to a metrics server at {@link #metricsUrl()}, or served by this client. */
    public static final String[] METRICS = {"off", "publish", "serve"};
    public static final float MIN_SCALE = 0.75f;
    public static final float MAX_SCALE = 2f;

    private Path beastsDir;
    private String backend = "java";
    private float uiScale = 1f;
    private String windowMode = "windowed";
    private Path vaultFile = Path.of(System.getProperty("user.home"), "chainbeasts", "owner.vault");
    /** The addresses file `chain up` writes; null: no chain configured. */
    private Path chainFile;
    /** JSON-RPC URL overriding the chain file's; null: the file's. */
    private String rpc;
    /** "" (CHAINBEASTS_KEY) or anvil:N. */
    private String key = "";
    private String metrics = "off";
    /** ws://host:port of the metrics server to publish to; "" when none was given. */
    private String metricsUrl = "";

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
        String vault = store.get("vaultFile");
        if (vault != null && !vault.isBlank()) s.vaultFile = Path.of(vault);
        String chain = store.get("chainFile");
        if (chain != null && !chain.isBlank()) s.chainFile = Path.of(chain);
        String r = store.get("rpc");
        if (r != null && !r.isBlank()) s.rpc = r;
        String k = store.get("key");
        if (k != null && k.matches(ANVIL_KEY)) s.key = k;
        try {
            s.metrics(orEmpty(store.get("metrics")).isEmpty() ? "off" : store.get("metrics"), orEmpty(store.get("metricsUrl")));
        } catch (ClientError e) {
            // keep metrics off
        }
        return s;
    }

    public void save(Store store) {
        store.put("beastsDir", beastsDir.toString());
        store.put("backend", backend);
        store.put("uiScale", String.format(Locale.ROOT, "%.2f", uiScale));
        store.put("windowMode", windowMode);
        store.put("vaultFile", vaultFile.toString());
        store.put("chainFile", chainFile == null ? "" : chainFile.toString());
        store.put("rpc", rpc == null ? "" : rpc);
        store.put("key", key);
        store.put("metrics", metrics);
        store.put("metricsUrl", metricsUrl);
        store.flush();
    }

    public Path beastsDir() {
        return beastsDir;
    }

    public void beastsDir(String text) {
        if (text == null || text.isBlank()) throw new ClientError("Beasts folder: type a folder path");
        try {
            Path p = Path.of(text.strip());
            // a folder that does not exist yet is fine (the first hatch makes it); a file never is
            if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) throw new ClientError("Beasts folder: " + p + " is a file, not a folder");
            beastsDir = p;
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

    public Path vaultFile() {
        return vaultFile;
    }

    public void vaultFile(String text) {
        vaultFile = path("Vault file", text);
    }

    /** The chain's addresses file, or null when no chain is configured. */
    public Path chainFile() {
        return chainFile;
    }

    /** Empty: no chain. */
    public void chainFile(String text) {
        chainFile = text == null || text.isBlank() ? null : path("Chain file", text);
    }

    /** The RPC URL that overrides the chain file's, or null. */
    public String rpc() {
        return rpc;
    }

    public void rpc(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && !t.matches("https?://\\S+")) throw new ClientError("RPC: '" + t + "' is not an http(s) URL (leave it empty to use the chain file's)");
        rpc = t.isEmpty() ? null : t;
    }

    /** "" (the CHAINBEASTS_KEY environment variable) or anvil:N. */
    public String key() {
        return key;
    }

    public void key(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && !t.matches(ANVIL_KEY)) {
            throw new ClientError("Signing key: only anvil:N is kept in the settings; give a real key in the CHAINBEASTS_KEY environment variable and leave this empty");
        }
        key = t;
    }

    /** off, publish or serve (one of {@link #METRICS}). */
    public String metrics() {
        return metrics;
    }

    /** The metrics server's ws:// URL as typed ("" when none). */
    public String metricsUrl() {
        return metricsUrl;
    }

    /** Sets both together: publishing needs a ws://host:port URL; a URL typed for another mode is checked and kept. */
    public void metrics(String mode, String url) {
        if (indexOf(METRICS, mode) < 0) throw new ClientError("Metrics: '" + mode + "' is not one of off, publish, serve");
        String u = url == null ? "" : url.strip();
        if (u.isEmpty() && mode.equals("publish")) {
            throw new ClientError("Metrics server URL: type the server's ws://host:port to publish to (or choose off or serve)");
        }
        if (!u.isEmpty()) {
            try {
                io.chainbeasts.metrics.RemoteMetricsSink.publishUri(u);
            } catch (IllegalArgumentException e) {
                throw new ClientError("Metrics server URL: " + e.getMessage().replaceFirst("^metrics URI ", ""));
            }
        }
        metrics = mode;
        metricsUrl = u;
    }

    private static String orEmpty(String v) {
        return v == null ? "" : v;
    }

    private static final String ANVIL_KEY = "anvil:[0-9]{1,4}";

    private static Path path(String field, String text) {
        if (text == null || text.isBlank()) throw new ClientError(field + ": type a file path");
        try {
            return Path.of(text.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ClientError(field + ": '" + text + "' is not a valid path");
        }
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
