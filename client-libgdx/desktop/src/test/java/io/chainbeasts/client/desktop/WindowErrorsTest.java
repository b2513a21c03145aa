package io.chainbeasts.client.desktop;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowErrorsTest {
    @Test
    void aDisplayIsNeededOnLinuxOnly() {
        assertNotNull(WindowErrors.missingDisplay(Map.of(), "Linux"));
        assertNotNull(WindowErrors.missingDisplay(Map.of("DISPLAY", " "), "FreeBSD"));
        assertNull(WindowErrors.missingDisplay(Map.of("DISPLAY", ":0"), "Linux"));
        assertNull(WindowErrors.missingDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"));
        assertNull(WindowErrors.missingDisplay(Map.of(), "Mac OS X"));
        assertNull(WindowErrors.missingDisplay(Map.of(), "Windows 11"));
        assertTrue(WindowErrors.x11Only(Map.of("DISPLAY", ":0"), "Linux"));
        assertFalse(WindowErrors.x11Only(Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-0"), "Linux"));
        assertFalse(WindowErrors.x11Only(Map.of("DISPLAY", ":0"), "Mac OS X"));
    }

    @Test
    void reportsAreHeldUntilTheWindowOpens() {
        ByteArrayOutputStream real = new ByteArrayOutputStream();
        WindowErrors errors = new WindowErrors(new PrintStream(real, true, StandardCharsets.UTF_8));
        PrintStream glfw = errors.stream();
        assertNull(errors.lastDescription());
        glfw.println("[LWJGL] GLFW_PLATFORM_UNAVAILABLE error");
        glfw.println("\tDescription : Failed to detect any supported platform");
        glfw.println("\tStacktrace  :");
        glfw.println("[LWJGL] before");
        glfw.println("\tDescription : X11: Failed to open display :4242");
        assertEquals("", real.toString(StandardCharsets.UTF_8), "a report before the window is held back");
        assertEquals("X11: Failed to open display :4242", errors.lastDescription());
        errors.windowOpened();
        glfw.println("[LWJGL] after");
        assertTrue(real.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n")
                .endsWith("[LWJGL] before\n\tDescription : X11: Failed to open display :4242\n[LWJGL] after\n"));
        assertNull(errors.lastDescription(), "nothing is held once the window is open");
    }
}
