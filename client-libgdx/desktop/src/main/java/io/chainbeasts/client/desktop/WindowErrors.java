package io.chainbeasts.client.desktop;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps a failed window start to one line. GLFW reports every error through libGDX's
 * {@code Lwjgl3ApplicationConfiguration.errorStream}, a page each with a Java stack trace; before the window exists
 * they are held back, and the launcher's one line carries the last one's description ({@link #lastDescription}: "X11:
 * Failed to open display :1", "GLX: GLX extension not found"). Once the window is created ({@link #windowOpened})
 * they are passed on, held ones first, to the real stream.
 *
 * <p>libGDX builds its GLFW error callback once per JVM from the stream it finds then: one launch per JVM, as the
 * launcher and the tests (each GL test in its own JVM) do.
 */
final class WindowErrors extends OutputStream {
    private final PrintStream real;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();

    WindowErrors(PrintStream real) {
        this.real = real;
    }

    PrintStream stream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (held != null) held.write(b);
        else real.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (held != null) held.write(b, off, len);
        else real.write(b, off, len);
    }

    /** The description of the last report held back ({@code null}: none), as LWJGL prints it after "Description :". */
    synchronized String lastDescription() {
        if (held == null) return null;
        String last = null;
        for (String line : held.toString(StandardCharsets.UTF_8).split("\\R")) {
            int at = line.indexOf("Description :");
            if (at >= 0) last = line.substring(at + "Description :".length()).strip();
        }
        return last == null || last.isEmpty() ? null : last;
    }

    /** From now on reports go to the real stream, the held ones first (a window that opened with warnings shows them). */
    synchronized void windowOpened() {
        if (held == null) return;
        real.write(held.toByteArray(), 0, held.size());
        held = null;
    }

    /**
     * Why no window can open before trying, or null: on Linux and the BSDs a window needs an X or Wayland display,
     * and without one GLFW and the graphics drivers print a page of errors before failing.
     */
    static String missingDisplay(Map<String, String> env, String osName) {
        if (!needsDisplay(osName)) return null;
        if (!blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) return null;
        return "no display: neither DISPLAY nor WAYLAND_DISPLAY is set.";
    }

    /**
     * Whether only X11 can serve: GLFW tries Wayland first even when no Wayland display is named, and the Wayland
     * library then prints an error of its own on stderr (about XDG_RUNTIME_DIR) that Java cannot hold back.
     */
    static boolean x11Only(Map<String, String> env, String osName) {
        return needsDisplay(osName) && !blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean needsDisplay(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return !os.contains("win") && !os.contains("mac");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
