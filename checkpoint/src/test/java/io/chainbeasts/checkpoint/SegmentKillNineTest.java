package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link KillNineTest} for group commits, the way {@code chainbeasts train} writes (one segment per group of
 * {@value #GROUP} windows): real kill -9 of a training child at random moments, each followed by a check of what it
 * left and a restart that resumes. No committed window is ever lost (HEAD never goes back), every window HEAD covers
 * reads back as the uninterrupted run's (record and state), the bytes of a committed entry never change, and every
 * beast trained to the end through the kills has exactly the files of an uninterrupted grouped run. At least
 * {@value #MIN_MID_GROUP} kills must leave a group half done (entries or a torn tail beyond HEAD), and each such store
 * must still check and resume.
 */
class SegmentKillNineTest {
    static final int KILLS = 60;
    static final int WINDOWS = 10;
    static final int GROUP = 3;
    static final long SEED = 0xBEEFL;
    static final long TIME_CAP_MS = 240_000;
    static final int MIN_MID_GROUP = 5;

    @TempDir
    Path tmp;

    @Test
    void killNineInsideGroupsThenResume() throws Exception {
        BeastStore[] refs = {grouped(tmp.resolve("ref-public"), false), grouped(tmp.resolve("ref-private"), true)};
        SplittableRandom rnd = new SplittableRandom(20261206);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-ea", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KillTarget.class.getName()));
        long t0 = System.currentTimeMillis();
        int kills = 0, finished = 0, beast = 0, midGroup = 0, stalls = 0;
        Path dir = tmp.resolve("beast0");
        long lastHead = -1;
        Map<Long, byte[]> committed = new TreeMap<>(); // window -> its entry's bytes when first seen committed
        while (kills < KILLS) {
            assertTrue(System.currentTimeMillis() - t0 < TIME_CAP_MS, "time cap hit after " + kills + " kills");
            boolean priv = (beast & 1) == 1;
            List<String> c = new ArrayList<>(cmd);
            c.addAll(List.of(dir.toString(), Long.toString(SEED), priv ? "private" : "public", Integer.toString(WINDOWS), Integer.toString(GROUP)));
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            boolean killed = false;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("ready", out.readLine(), "child did not start");
                Thread.sleep(rnd.nextInt(300) * (1L + Math.min(stalls, 20)));
                if (p.isAlive()) {
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    killed = p.exitValue() == 137;
                    if (killed) kills++;
                    else assertEquals(0, p.exitValue(), "child failed just before the kill");
                } else {
                    StringBuilder rest = new StringBuilder();
                    for (String l; (l = out.readLine()) != null; ) rest.append(l).append(" | ");
                    assertEquals(0, p.exitValue(), "child failed: " + rest);
                }
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
            if (!Files.exists(dir.resolve("beast.json"))) {
                stalls++;
                continue;
            }
            BeastStore store = BeastStore.open(dir);
            long head = store.checkStructure();
            String what = "after kill " + kills + " (beast " + beast + ", HEAD " + head + ")";
            assertTrue(head >= lastHead, what + ": HEAD went back from " + lastHead);
            stalls = head > lastHead ? 0 : stalls + 1;
            lastHead = head;
            BeastStore ref = refs[priv ? 1 : 0];
            for (long w = 0; w < head; w++) {
                WindowRecord r = ref.window(w);
                assertEquals(r, store.window(w), what + ": window " + w);
                assertArrayEquals(ref.getState(r.postStateHash()).toBytes(), store.getState(r.postStateHash()).toBytes(), what + ": state " + w);
                byte[] bytes = entryBytes(store, w);
                byte[] before = committed.putIfAbsent(w, bytes);
                if (before != null) assertArrayEquals(before, bytes, what + ": the committed entry of window " + w + " changed");
            }
            if (killed && beyondHead(store, head)) midGroup++;
            if (head == WINDOWS) {
                assertSameFiles(ref.dir(), dir, what);
                finished++;
                beast++;
                dir = tmp.resolve("beast" + beast);
                lastHead = -1;
                committed.clear();
            }
        }
        boolean priv = (beast & 1) == 1;
        GroupCommitCrashTest.trainGrouped(dir, priv ? privateId(SEED) : publicId(SEED), WINDOWS);
        assertSameFiles(refs[priv ? 1 : 0].dir(), dir, "the last beast resumed without kills");
        System.out.printf("SegmentKillNineTest: %d kill -9, %d beasts trained to %d windows in groups of %d through kills + 1 resumed at the end, "
                + "%d mid-group (entries or a torn tail beyond HEAD), 0 lost or corrupt, %d ms%n", kills, finished, WINDOWS, GROUP, midGroup,
                System.currentTimeMillis() - t0);
        assertTrue(finished >= 1, "no beast reached the end through the kills");
        assertTrue(midGroup >= MIN_MID_GROUP, "only " + midGroup + " of " + kills + " kills landed inside a group (at least " + MIN_MID_GROUP + ")");
    }

    private static BeastStore grouped(Path dir, boolean priv) {
        return trainTo(dir, priv ? privateId(SEED) : publicId(SEED), WINDOWS, GROUP);
    }

    /** Window {@code w}'s whole entry (header, record, state) as stored. */
    private static byte[] entryBytes(BeastStore s, long w) throws Exception {
        WindowSegments.Entry e = new WindowSegments(s.dir()).entry(w);
        assertNotNull(e, "window " + w + " is in no segment");
        long from = e.recordOffset() - WindowSegments.HEADER_SIZE;
        return Arrays.copyOfRange(Files.readAllBytes(e.file()), Math.toIntExact(from), Math.toIntExact(e.end()));
    }

    /** Whether a segment holds bytes for windows from {@code head} on (entries, or a torn tail). */
    private static boolean beyondHead(BeastStore s, long head) throws Exception {
        WindowSegments segs = new WindowSegments(s.dir());
        for (long start : segs.starts()) {
            if (start >= head) return true;
            long end = 0;
            for (long w = start; w < head; w++) {
                WindowSegments.Entry e = segs.entry(w);
                if (e != null && e.file().equals(segs.file(start))) end = e.end();
            }
            if (Files.size(segs.file(start)) > end) return true;
        }
        return false;
    }

    private static void assertSameFiles(Path expected, Path got, String what) {
        TreeMap<String, byte[]> a = snapshot(expected), b = snapshot(got);
        assertEquals(a.keySet(), b.keySet(), what);
        for (Map.Entry<String, byte[]> e : a.entrySet()) assertArrayEquals(e.getValue(), b.get(e.getKey()), what + ": " + e.getKey());
    }
}
