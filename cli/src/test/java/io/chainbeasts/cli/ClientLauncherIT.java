package io.chainbeasts.cli;

import io.chainbeasts.client.desktop.ClientProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped jar starts the desktop client through {@code ./chainbeasts client} under Xvfb, renders, saves a
 * screenshot and exits (--screenshot, --exit-after-frames); without a display it says so in one line.
 */
class ClientLauncherIT {
    @Test
    void jarCarriesTheClientAndItsNatives() throws Exception {
        try (JarFile jar = new JarFile(LauncherIT.JAR.toFile())) {
            for (String entry : List.of("io/chainbeasts/client/desktop/DesktopLauncher.class", "io/chainbeasts/client/ui/BattleScreen.class",
                    "com/badlogic/gdx/backends/lwjgl3/Lwjgl3Application.class", "libgdx64.so", "linux/x64/org/lwjgl/glfw/libglfw.so",
                    "linux/x64/org/lwjgl/opengl/liblwjgl_opengl.so", "com/badlogic/gdx/utils/lsans-15.fnt")) {
                assertNotNull(jar.getJarEntry(entry), LauncherIT.JAR + " lacks " + entry);
            }
            assertEquals("ALL-UNNAMED", jar.getManifest().getMainAttributes().getValue("Enable-Native-Access"));
        }
    }

    @Test
    void clientRendersAScreenshotAndExits(@TempDir Path tmp) throws Exception {
        ClientProcess.requireXvfb();
        Path shot = tmp.resolve("battle.png");
        List<String> cmd = List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", LauncherIT.LAUNCHER.toString(), "client",
                "--beasts", tmp.resolve("beasts").toString(), "--screen", "battle", "--screenshot", shot.toString(), "--exit-after-frames", "30");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CHAINBEASTS_NO_BUILD", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "client still running after 180 s");
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(800, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        boolean accentInNav = false;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int c = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(c);
                if (y < 40 && near(c, 0xf2b632)) accentInNav = true;
            }
        }
        assertTrue(colours.size() > 20, "a nearly blank frame: " + colours.size() + " colours");
        assertTrue(accentInNav, "the Battle tab is not highlighted in the navigation bar");

        // the same file again: refused, nothing overwritten
        long size = Files.size(shot);
        Process again = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("again.txt").toFile()).start();
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, again.exitValue());
        assertTrue(Files.readString(tmp.resolve("again.txt")).contains("already exists"), Files.readString(tmp.resolve("again.txt")));
        assertEquals(size, Files.size(shot));
    }

    @Test
    void withoutADisplayOneLine(@TempDir Path tmp) throws Exception {
        String out = clientWithDisplay(tmp, null);
        assertEquals(List.of("chainbeasts client: cannot open a window (no display: neither DISPLAY nor WAYLAND_DISPLAY is set. "
                + "Is a display available? Under CI use xvfb-run.)"), out.strip().lines().toList());
    }

    /** A display that does not answer: GLFW's reports (with their Java stack traces) are held back, one line says why. */
    @Test
    void withADeadDisplayOneLineWithGlfwsReason(@TempDir Path tmp) throws Exception {
        String out = clientWithDisplay(tmp, ":4242");
        assertEquals(1, out.strip().lines().count(), "one line, no GLFW report and no Wayland error (GLFW is told to use X11):\n" + out);
        assertTrue(out.startsWith("chainbeasts client: cannot open a window (") && out.contains(":4242"), out);
    }

    /** Runs the launcher's client with DISPLAY set to {@code display} (null: unset) and no Wayland display; its exit is 1. */
    private static String clientWithDisplay(Path tmp, String display) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LauncherIT.LAUNCHER.toString(), "client", "--exit-after-frames", "1")
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        if (display == null) pb.environment().remove("DISPLAY");
        else pb.environment().put("DISPLAY", display);
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CHAINBEASTS_NO_BUILD", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(tmp.resolve("out.txt"));
        assertEquals(1, p.exitValue(), out);
        return out;
    }

    /** Colour closeness for screenshots (software GL may round differently across Mesa versions). */
    static boolean near(int a, int b) {
        for (int s = 0; s <= 16; s += 8) if (Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > 8) return false;
        return true;
    }
}
