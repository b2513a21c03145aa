package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimesAndProgressTest {
    @Test
    void deadlinesReadAsLocalTimesWithTheTimeLeft() {
        long deadline = 1_796_527_271L; // 2026-12-06 03:21:11 UTC
        assertEquals("2026-12-06 03:21:11 UTC (in 23 min)", Times.at(deadline, deadline - 23 * 60, ZoneId.of("UTC")));
        assertEquals("2026-12-06 04:21:11 CET (45 s ago)", Times.at(deadline, deadline + 45, ZoneId.of("Europe/Paris")));
        assertEquals("now", Times.relative(0));
        assertEquals("in 5 h 3 min", Times.relative(5 * 3600 + 3 * 60));
        assertEquals("in 5 h 59 min", Times.relative(5 * 3600 + 59 * 60 + 10));
        assertEquals("in 6 h 0 min", Times.relative(5 * 3600 + 59 * 60 + 40), "the minutes carry into the hours");
        assertEquals("in 47 h 59 min", Times.relative(48 * 3600 - 31));
        assertEquals("in 3 days", Times.relative(3 * 86_400 + 100));
        assertEquals("in 89 s", Times.relative(89));
    }

    @Test
    void aTerminalGetsOneBarThatOtherLinesPassThrough() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Progress p = new Progress("train", "windows", 4, out, true);
        p.update(1);
        p.println("window 0 ...");
        p.update(4);
        p.finish();
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("train [######..................] 1/4 windows (25%), ETA"), s);
        assertTrue(s.contains("\r\033[Kwindow 0 ...\n"), "the line clears the bar first: " + s);
        assertTrue(s.contains("4/4 windows (100%), done in"), s);
        assertTrue(s.endsWith("\r\033[K"), "the bar is gone at the end");
    }

    @Test
    void elsewhereQuickWorkPrintsNoProgressLines() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress("verify", "windows", 10, new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 10; i++) p.update(i);
        p.finish();
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("verify:"), "under 5 s: no progress lines in a log");
    }
}
