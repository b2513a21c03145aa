package io.chainbeasts.client.desktop;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Window;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3WindowAdapter;
import io.chainbeasts.client.model.ClientError;
import io.chainbeasts.client.ui.ChainBeastsGame;
import io.chainbeasts.client.ui.Screenshots;
import org.lwjgl.glfw.GLFW;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The desktop launcher (LWJGL3): {@code chainbeasts client [--beasts DIR] [--screen NAME] [--screenshot FILE
 * --exit-after-frames N]}. With {@code --exit-after-frames} the client renders N frames, saves the screenshot
 * (if asked) and exits: how tests and CI check that the shipped jar really draws.
 */
public final class DesktopLauncher {
    private DesktopLauncher() {}

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    /** Parsed command line; a null screen: the loading screen, then the roster. */
    public record Args(String screen, Path beasts, Path screenshot, long exitAfterFrames) {}

    public static void main(String[] args) {
        System.exit(run(System.err, args));
    }

    /** Runs the client until its window closes; returns the exit code (2: bad arguments, 1: no window could open). */
    public static int run(PrintStream err, String... args) {
        Args a;
        try {
            a = parse(args);
        } catch (ClientError e) {
            err.println("chainbeasts client: " + e.getMessage());
            return 2;
        }
        if (a == null) {
            err.println("usage: chainbeasts client [--beasts DIR] [--screen " + String.join("|", ChainBeastsGame.SCREENS) + "|" + ChainBeastsGame.LOADING
                    + "] [--screenshot FILE.png --exit-after-frames N]");
            return 0;
        }
        ChainBeastsGame.Options o = new ChainBeastsGame.Options();
        // a plain start shows the loading screen (backend probe, chain connection) and then the roster
        o.startScreen = a.screen() == null ? ChainBeastsGame.LOADING : a.screen();
        o.afterLoading = a.screen() == null ? "roster" : null;
        o.beastsDir = a.beasts();
        int[] failed = {0};
        if (a.exitAfterFrames() > 0) {
            o.frameHook = exitAfter(a.exitAfterFrames(), a.screenshot(), err, failed);
        }
        String os = System.getProperty("os.name", "");
        String noDisplay = WindowErrors.missingDisplay(System.getenv(), os);
        if (noDisplay != null) return cannotOpen(err, noDisplay);
        WindowErrors glfwErrors = new WindowErrors(err);
        Lwjgl3ApplicationConfiguration.errorStream = glfwErrors.stream();
        Lwjgl3ApplicationConfiguration cfg = config(a.exitAfterFrames() > 0);
        cfg.setWindowListener(new Lwjgl3WindowAdapter() {
            @Override
            public void created(Lwjgl3Window window) {
                glfwErrors.windowOpened();
            }
        });
        try {
            if (WindowErrors.x11Only(System.getenv(), os)) GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_X11);
            new Lwjgl3Application(new ChainBeastsGame(o), cfg);
        } catch (RuntimeException | LinkageError e) {
            String glfw = glfwErrors.lastDescription();
            return cannotOpen(err, ClientError.sentence(e) + (glfw == null ? "" : " GLFW: " + glfw + (glfw.endsWith(".") ? "" : ".")));
        }
        return failed[0];
    }

    private static int cannotOpen(PrintStream err, String why) {
        err.println("chainbeasts client: cannot open a window (" + why + " Is a display available? Under CI use xvfb-run.)");
        return 1;
    }

    static Consumer<ChainBeastsGame> exitAfter(long frames, Path screenshot, PrintStream err, int[] failed) {
        return g -> {
            if (g.frames() < frames) return;
            if (screenshot != null && g.frames() == frames) {
                try {
                    Screenshots.save(screenshot);
                } catch (RuntimeException e) {
                    err.println("chainbeasts client: " + ClientError.sentence(e));
                    failed[0] = 2;
                }
            }
            Gdx.app.exit();
        };
    }

    public static Lwjgl3ApplicationConfiguration config(boolean fixedSize) {
        Lwjgl3ApplicationConfiguration cfg = new Lwjgl3ApplicationConfiguration();
        cfg.setTitle("ChainBeasts");
        cfg.setWindowedMode(WIDTH, HEIGHT);
        cfg.setResizable(!fixedSize);
        cfg.disableAudio(true);
        cfg.useVsync(true);
        cfg.setForegroundFPS(60);
        // macOS wants GLFW on the first thread; libGDX 1.14 can run it asynchronously instead of -XstartOnFirstThread
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) Lwjgl3ApplicationConfiguration.useGlfwAsync();
        return cfg;
    }

    /** Null for --help. */
    static Args parse(String... args) {
        String screen = null;
        Path beasts = null;
        Path shot = null;
        long frames = 0;
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (k.equals("--help") || k.equals("-h")) return null;
            if (i + 1 >= args.length) throw new ClientError(k + ": needs a value (see --help)");
            String v = args[++i];
            switch (k) {
                case "--screen" -> {
                    if (!Arrays.asList(ChainBeastsGame.SCREENS).contains(v) && !v.equals(ChainBeastsGame.LOADING)) {
                        throw new ClientError("--screen: '" + v + "' is not one of " + String.join(", ", ChainBeastsGame.SCREENS) + ", " + ChainBeastsGame.LOADING);
                    }
                    screen = v;
                }
                case "--beasts" -> beasts = Path.of(v);
                case "--screenshot" -> {
                    shot = Path.of(v);
                    Path dir = shot.toAbsolutePath().getParent();
                    if (dir == null || !Files.isDirectory(dir)) throw new ClientError("--screenshot: the folder of " + v + " does not exist");
                    if (Files.exists(shot)) throw new ClientError("--screenshot: " + v + " already exists (nothing is overwritten)");
                }
                case "--exit-after-frames" -> {
                    try {
                        frames = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new ClientError("--exit-after-frames: '" + v + "' is not a whole number");
                    }
                    if (frames < 1) throw new ClientError("--exit-after-frames: must be at least 1");
                }
                default -> throw new ClientError("unknown option " + k + " (see --help)");
            }
        }
        if (shot != null && frames == 0) throw new ClientError("--screenshot needs --exit-after-frames N");
        return new Args(screen, beasts, shot, frames);
    }
}
