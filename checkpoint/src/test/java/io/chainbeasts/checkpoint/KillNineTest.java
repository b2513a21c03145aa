package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * At least 200 real kill -9 (SIGKILL via {@link Process#destroyForcibly}) of a training child JVM at
 * random moments, each followed by a check of what it left and a restart that resumes: no committed
 * window is ever lost (HEAD never goes back), no file that is read is ever corrupt, no committed record
 * is ever rewritten (its inode never changes), and every beast trained to the end through the kills
 * has exactly the files (hence the final h128) of an uninterrupted run. Public and private beasts alternate.
 */
class KillNineTest {
    static final int KILLS = 200;
    static final int WINDOWS = 10;
    static final long SEED = 0xC0FFEEL;
    static final long TIME_CAP_MS = 300_000;

    @TempDir
    Path tmp;

    @Test
    void twoHundredKillNineThenResume() throws Exception {
        TreeMap<String, byte[]>[] refs = refs();
        SplittableRandom rnd = new SplittableRandom(20250611);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KillTarget.class.getName()));
        long t0 = System.currentTimeMillis();
        int kills = 0, finished = 0, beast = 0, killedBeforeFirstWindow = 0, killedWithPendingRecord = 0;
        Path dir = tmp.resolve("beast0");
        long lastHead = -1;
        Map<String, Object> inodes = new TreeMap<>();
        while (kills < KILLS) {
            assertTrue(System.currentTimeMillis() - t0 < TIME_CAP_MS, "time cap hit after " + kills + " kills");
            boolean priv = (beast & 1) == 1;
            List<String> c = new ArrayList<>(cmd);
            c.addAll(List.of(dir.toString(), Long.toString(SEED), priv ? "private" : "public", Integer.toString(WINDOWS)));
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertEquals("ready", line, "child did not start");
                Thread.sleep(rnd.nextInt(300));
                if (p.isAlive()) {
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    if (p.exitValue() == 137) kills++;
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
            // what the killed (or finished) child left
            if (!Files.exists(dir.resolve("beast.json"))) {
                killedBeforeFirstWindow++;
                continue;
            }
            BeastStore store = BeastStore.open(dir);
            long head = store.checkStructure();
            String what = "after kill " + kills + " (beast " + beast + ", HEAD " + head + ")";
            assertTrue(head >= lastHead, what + ": HEAD went back from " + lastHead);
            lastHead = head;
            TreeMap<String, byte[]> ref = refs[priv ? 1 : 0];
            for (long w = 0; w <= head && w < WINDOWS; w++) {
                Path f = store.windowPath(w);
                if (!Files.exists(f)) continue; // only the pending window (w == head) may be absent
                if (w == head) killedWithPendingRecord++;
                String name = "windows/" + f.getFileName();
                assertArrayEquals(ref.get(name), Files.readAllBytes(f), what + ": " + name);
                Object ino = Files.getAttribute(f, "unix:ino");
                Object before = inodes.putIfAbsent(name, ino);
                if (before != null) assertEquals(before, ino, what + ": " + name + " was rewritten");
            }
            if (head == WINDOWS) {
                TreeMap<String, byte[]> got = snapshot(dir);
                got.keySet().removeIf(k -> DurableFile.isTemp(Path.of(k)));
                assertEquals(ref.keySet(), got.keySet(), what);
                for (Map.Entry<String, byte[]> e : ref.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()), what + ": " + e.getKey());
                finished++;
                beast++;
                dir = tmp.resolve("beast" + beast);
                lastHead = -1;
                inodes.clear();
            }
        }
        // resume the last beast to the end without kills
        boolean priv = (beast & 1) == 1;
        trainTo(dir, priv ? privateId(SEED) : publicId(SEED), WINDOWS);
        TreeMap<String, byte[]> got = snapshot(dir);
        TreeMap<String, byte[]> ref = refs[priv ? 1 : 0];
        assertEquals(ref.keySet(), got.keySet());
        for (Map.Entry<String, byte[]> e : ref.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey());
        System.out.printf("KillNineTest: %d kill -9, %d beasts trained to %d windows through kills + 1 resumed at the end, "
                        + "%d kills before beast.json, %d with a pending record, 0 lost or corrupt, %d ms%n",
                kills, finished, WINDOWS, killedBeforeFirstWindow, killedWithPendingRecord, System.currentTimeMillis() - t0);
        assertTrue(finished >= 1, "no beast reached the end through the kills");
    }

    @SuppressWarnings("unchecked")
    private TreeMap<String, byte[]>[] refs() {
        TreeMap<String, byte[]>[] r = new TreeMap[2];
        r[0] = snapshot(trainTo(tmp.resolve("ref-public"), publicId(SEED), WINDOWS).dir());
        r[1] = snapshot(trainTo(tmp.resolve("ref-private"), privateId(SEED), WINDOWS).dir());
        return r;
    }
}
