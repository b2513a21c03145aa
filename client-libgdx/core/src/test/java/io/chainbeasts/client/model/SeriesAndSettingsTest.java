package io.chainbeasts.client.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeriesAndSettingsTest {
    static final class MapStore implements Settings.Store {
        final Map<String, String> m = new HashMap<>();
        int flushes;

        @Override
        public String get(String key) {
            return m.get(key);
        }

        @Override
        public void put(String key, String value) {
            m.put(key, value);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void seriesKeepsTheWholeHistoryDownsampled() {
        Series s = new Series(4);
        for (int i = 1; i <= 4; i++) s.add(i);
        assertArrayEquals(new float[] {1, 2, 3, 4}, s.points());
        s.add(5); // full: pairs merge, 5 waits for a partner
        assertArrayEquals(new float[] {1.5f, 3.5f, 5}, s.points());
        s.add(7);
        assertArrayEquals(new float[] {1.5f, 3.5f, 6}, s.points());
        assertEquals(2, s.stride());
        for (int i = 0; i < 1000; i++) s.add(1);
        assertEquals(1006, s.count());
        assertEquals(true, s.points().length <= 5);
    }

    @Test
    void noValueIsAGapNotAZero() {
        Series s = new Series(2);
        s.add(Float.NaN);
        s.add(4);
        assertArrayEquals(new float[] {Float.NaN, 4}, s.points());
        s.add(Float.NaN); // full: NaN is left out of the merged mean
        assertArrayEquals(new float[] {4, Float.NaN}, s.points());
        s.add(2);
        assertArrayEquals(new float[] {4, 2}, s.points());
    }

    @Test
    void settingsRoundTripAndBadValuesFallBack() {
        MapStore store = new MapStore();
        Settings s = Settings.load(store);
        assertEquals(Settings.defaultBeastsDir(), s.beastsDir());
        s.beastsDir("/tmp/x");
        s.backend("auto");
        s.uiScale(1.25f);
        s.windowMode("fullscreen");
        s.save(store);
        assertEquals(1, store.flushes);
        Settings t = Settings.load(store);
        assertEquals(Path.of("/tmp/x"), t.beastsDir());
        assertEquals("auto", t.backend());
        assertEquals(1.25f, t.uiScale());
        assertEquals("fullscreen", t.windowMode());
        store.put("uiScale", "huge");
        store.put("backend", "quantum");
        store.put("windowMode", "tiny");
        Settings u = Settings.load(store);
        assertEquals(1f, u.uiScale());
        assertEquals("java", u.backend());
        assertEquals("windowed", u.windowMode());
        store.put("uiScale", "9");
        assertEquals(Settings.MAX_SCALE, Settings.load(store).uiScale());
        assertThrows(ClientError.class, () -> u.backend("quantum"));
        assertThrows(ClientError.class, () -> u.beastsDir("  "));
    }
}
