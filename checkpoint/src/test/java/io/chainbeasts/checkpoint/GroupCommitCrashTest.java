package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Group commit ({@link BeastStore#durableEvery}) keeps the store's crash guarantees: a simulated crash at every write
 * step of a run that commits durably every {@value #GROUP} windows, half of them followed by a simulated power loss
 * that deletes, empties or tears every file not yet durable (written unsynced, no durable commit since). What is left
 * always checks (HEAD never refers to a file that was not durable), and resuming reaches exactly the files of an
 * uninterrupted run. A record a process crash left intact ahead of HEAD is kept, never rewritten.
 */
class GroupCommitCrashTest {
    static final int WINDOWS = 4;
    static final int GROUP = 3;

    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super(where, null, false, false);
        }
    }

    @TempDir
    Path tmp;

    @AfterEach
    void unhook() {
        FaultInjector.hook = null;
    }

    static BeastStore trainGrouped(Path dir, BeastStore.Identity id, long windows) {
        BeastStore store = Files.exists(dir.resolve("beast.json")) ? BeastStore.open(dir) : Trainer.hatch(dir, id);
        store.durableEvery(GROUP);
        long done = store.head().windows();
        if (done < windows) trainer(store).train((int) (windows - done), new Trainer.Listener() { });
        return store;
    }

    @Test
    void groupedCommitsOfAnUninterruptedRunAreTheUsualFiles() throws IOException {
        BeastStore.Identity id = publicId(33);
        trainTo(tmp.resolve("plain"), id, WINDOWS);
        List<String> heads = new ArrayList<>();
        FaultInjector.hook = (point, file) -> {
            if (point.equals("done") && file.getFileName().toString().equals("HEAD")) heads.add(point);
        };
        trainGrouped(tmp.resolve("grouped"), id, WINDOWS);
        FaultInjector.hook = null;
        // hatch's HEAD, then one per group: windows 1-3 and the flush of window 4
        assertEquals(1 + (WINDOWS + GROUP - 1) / GROUP, heads.size());
        TreeMap<String, byte[]> a = snapshot(tmp.resolve("plain"));
        TreeMap<String, byte[]> b = snapshot(tmp.resolve("grouped"));
        assertEquals(a.keySet(), b.keySet());
        for (Map.Entry<String, byte[]> e : a.entrySet()) assertArrayEquals(e.getValue(), b.get(e.getKey()), e.getKey());
    }

    @Test
    void crashOrPowerLossAtEveryWriteStepThenResume() throws IOException {
        int cases = 0;
        for (boolean priv : new boolean[] {false, true}) {
            BeastStore.Identity id = priv ? privateId(23) : publicId(23);
            Path ref = tmp.resolve("ref" + priv);
            List<String> events = new ArrayList<>();
            FaultInjector.hook = (point, file) -> events.add(point + " " + ref.relativize(file.toAbsolutePath()));
            trainGrouped(ref, id, WINDOWS);
            FaultInjector.hook = null;
            TreeMap<String, byte[]> expected = snapshot(ref);

            for (int k = 0; k < events.size(); k++) {
                Path dir = tmp.resolve("crash" + priv + "-" + k);
                int[] seen = {0};
                int target = k;
                Set<Path> notDurable = new LinkedHashSet<>();
                Set<Path> synced = new LinkedHashSet<>();
                boolean[] hatched = {false};
                Map<String, Integer> recordWrites = new TreeMap<>();
                FaultInjector.hook = (point, file) -> {
                    Path f = file.toAbsolutePath();
                    String parent = f.getParent().getFileName().toString();
                    if (point.equals("renamed") && (parent.equals("windows") || parent.equals("states"))) {
                        notDurable.add(f);
                        synced.remove(f);
                        if (parent.equals("windows")) recordWrites.merge(f.getFileName().toString(), 1, Integer::sum);
                    }
                    // a file is durable once its bytes and then its directory were fsynced (a durable write's "done")
                    if (point.equals("file-synced")) synced.add(f);
                    if (point.equals("dir-synced")) notDurable.removeIf(n -> n.getParent().equals(f) && synced.contains(n));
                    // hatch's writes and every HEAD write are durable ones: their "done" follows the fsyncs
                    if (point.equals("done") && (!hatched[0] || f.getFileName().toString().equals("HEAD"))) notDurable.remove(f);
                    if (point.equals("done") && f.getFileName().toString().equals("beast.json")) hatched[0] = true;
                    if (seen[0]++ == target) throw new SimulatedCrash(point + " " + file);
                };
                assertThrows(SimulatedCrash.class, () -> trainGrouped(dir, id, WINDOWS), "event " + k + " " + events.get(k));
                FaultInjector.hook = null;
                boolean powerLoss = k % 2 == 1;
                String what = (powerLoss ? "power loss" : "crash") + " at event " + k + " (" + events.get(k) + ")";
                if (powerLoss) {
                    int n = 0;
                    for (Path f : notDurable) lose(f, n++);
                }

                long before = -1;
                if (Files.exists(dir.resolve("beast.json"))) {
                    BeastStore s = BeastStore.open(dir);
                    before = s.checkStructure();
                    for (long w = 0; w < before; w++) {
                        assertArrayEquals(expected.get("windows/" + String.format("%08d", w) + ".json"), Files.readAllBytes(s.windowPath(w)), what);
                    }
                }

                FaultInjector.hook = (point, file) -> {
                    if (point.equals("renamed") && file.getParent().getFileName().toString().equals("windows")) {
                        recordWrites.merge(file.getFileName().toString(), 1, Integer::sum);
                    }
                };
                trainGrouped(dir, id, WINDOWS);
                FaultInjector.hook = null;
                TreeMap<String, byte[]> got = snapshot(dir);
                assertEquals(expected.keySet(), got.keySet(), what);
                for (Map.Entry<String, byte[]> e : expected.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()), what + ": " + e.getKey());
                if (!powerLoss) {
                    for (Map.Entry<String, Integer> e : recordWrites.entrySet()) assertEquals(1, e.getValue(), what + ": " + e.getKey() + " written twice");
                }
                assertEquals(WINDOWS, recordWrites.size(), what);
                assertTrue(before <= WINDOWS);
                try (Stream<Path> st = Files.walk(dir)) {
                    assertEquals(0, st.filter(DurableFile::isTemp).count(), what + ": stale temp files survive the resume");
                }
                cases++;
            }
        }
        // 5 steps per file (hatch's 3 files, a blob and a record per window, one HEAD per group), and the group syncs
        assertTrue(cases > 2 * 5 * (3 + 2 * WINDOWS + (WINDOWS + GROUP - 1) / GROUP), cases + " cases");
    }

    /** What a power loss may do to a file that was not durable: it is gone, empty or torn. */
    private static void lose(Path f, int n) throws IOException {
        if (!Files.exists(f)) return;
        switch (n % 3) {
            case 0 -> Files.delete(f);
            case 1 -> Files.write(f, new byte[0]);
            default -> {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(Math.max(1, ch.size() / 2));
                }
            }
        }
    }
}
