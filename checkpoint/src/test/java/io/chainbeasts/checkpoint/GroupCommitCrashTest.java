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
 * Group commit ({@link BeastStore#durableEvery}, one {@link WindowSegments segment} per group) keeps the store's crash
 * guarantees: a simulated crash at every write step of a run that commits durably every {@value #GROUP} windows, half
 * of them followed by a simulated power loss that deletes, empties or tears every file not yet durable (a segment not
 * yet fsynced with its directory). What is left always checks (HEAD never refers to an entry that was not durable),
 * every window HEAD covers reads back as the uninterrupted run's, and resuming reaches exactly the files of an
 * uninterrupted run. Entries a crash left beyond HEAD are cut off before the resume appends, also when the cut itself
 * is interrupted.
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
        return trainTo(dir, id, windows, GROUP);
    }

    @Test
    void aGroupedRunHoldsThePlainRunsWindowsInOneSegmentPerGroup() throws IOException {
        BeastStore.Identity id = publicId(33);
        BeastStore plain = trainTo(tmp.resolve("plain"), id, WINDOWS);
        List<String> heads = new ArrayList<>();
        FaultInjector.hook = (point, file) -> {
            if (point.equals("done") && file.getFileName().toString().equals("HEAD")) heads.add(point);
        };
        BeastStore grouped = trainGrouped(tmp.resolve("grouped"), id, WINDOWS);
        FaultInjector.hook = null;
        // hatch's HEAD, then one per group: windows 0-2 and the flush of window 3
        assertEquals(1 + (WINDOWS + GROUP - 1) / GROUP, heads.size());
        TreeMap<String, byte[]> files = snapshot(tmp.resolve("grouped"));
        assertEquals(List.of("HEAD", "beast.json", "segments/00000000.seg", "segments/00000003.seg",
                "states/" + io.chainbeasts.core.Hex.of(grouped.window(0).preStateHash()) + ".state"), new ArrayList<>(files.keySet()));
        assertArrayEquals(snapshot(tmp.resolve("plain")).get("HEAD"), files.get("HEAD"));
        assertEquals(WINDOWS, grouped.checkStructure());
        assertEquals(plain.windowFiles(), grouped.windowFiles());
        for (long w = 0; w < WINDOWS; w++) {
            WindowRecord r = plain.window(w);
            assertEquals(r, grouped.window(w), "window " + w);
            // an entry holds exactly the loose files' bytes
            WindowSegments segs = new WindowSegments(grouped.dir());
            WindowSegments.Entry e = segs.entry(w);
            assertArrayEquals(Files.readAllBytes(plain.windowPath(w)), segs.read(e.file(), e.recordOffset(), e.recordLength()));
            assertArrayEquals(Files.readAllBytes(plain.statePath(r.postStateHash())), segs.read(e.file(), e.stateOffset(), e.stateLength()));
            assertArrayEquals(plain.getState(r.postStateHash()).toBytes(), grouped.getState(r.postStateHash()).toBytes());
            assertTrue(grouped.windowSource(w).endsWith("segments/0000000" + (w < GROUP ? 0 : GROUP) + ".seg (window " + w + ")"), grouped.windowSource(w));
        }
    }

    @Test
    void crashOrPowerLossAtEveryWriteStepThenResume() throws IOException {
        int cases = 0;
        for (boolean priv : new boolean[] {false, true}) {
            BeastStore.Identity id = priv ? privateId(23) : publicId(23);
            Path ref = tmp.resolve("ref" + priv);
            List<String> events = new ArrayList<>();
            FaultInjector.hook = (point, file) -> events.add(point + " " + ref.relativize(file.toAbsolutePath()));
            BeastStore reference = trainGrouped(ref, id, WINDOWS);
            FaultInjector.hook = null;
            TreeMap<String, byte[]> expected = snapshot(ref);

            for (int k = 0; k < events.size(); k++) {
                Path dir = tmp.resolve("crash" + priv + "-" + k);
                int[] seen = {0};
                int target = k;
                Set<Path> notDurable = new LinkedHashSet<>();
                Set<Path> synced = new LinkedHashSet<>();
                boolean[] hatched = {false};
                FaultInjector.hook = (point, file) -> {
                    Path f = file.toAbsolutePath();
                    if (point.equals("segment-created") || point.equals("renamed") && hatched[0]) notDurable.add(f);
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
                        assertEquals(reference.window(w), s.window(w), what);
                        assertArrayEquals(reference.getState(reference.window(w).postStateHash()).toBytes(),
                                s.getState(reference.window(w).postStateHash()).toBytes(), what);
                    }
                }

                trainGrouped(dir, id, WINDOWS);
                TreeMap<String, byte[]> got = snapshot(dir);
                assertEquals(expected.keySet(), got.keySet(), what);
                for (Map.Entry<String, byte[]> e : expected.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()), what + ": " + e.getKey());
                assertTrue(before <= WINDOWS);
                try (Stream<Path> st = Files.walk(dir)) {
                    assertEquals(0, st.filter(DurableFile::isTemp).count(), what + ": stale temp files survive the resume");
                }
                cases++;
            }
        }
        // hatch's 3 files at 5 steps each, then per window a created segment or an entry (partial, written), per group
        // the segment's and directory's fsyncs and HEAD's 5 steps
        assertTrue(cases > 2 * (5 * 3 + 2 * WINDOWS + 7 * ((WINDOWS + GROUP - 1) / GROUP)), cases + " cases");
    }

    /**
     * A segment reaching beyond HEAD (here: HEAD put back by two windows, as a group whose commit failed after its
     * entries were written leaves it) is cut after HEAD's last window and a later segment deleted before the resume
     * appends; a crash in the middle of that, at each of its steps, resumes to the same history.
     */
    @Test
    void entriesBeyondHeadAreCutOffEvenWhenTheCutIsInterrupted() throws IOException {
        BeastStore.Identity id = publicId(41);
        BeastStore reference = trainGrouped(tmp.resolve("ref"), id, WINDOWS);
        List<String> events = new ArrayList<>();
        for (int k = -1; k < 8; k++) {
            Path dir = tmp.resolve("cut" + k);
            BeastStore s = trainGrouped(dir, id, WINDOWS);
            WindowRecord second = s.window(1);
            s.writeHead(new BeastStore.Head(2, second.checkpointHash(), second.postStateHash()));
            assertEquals(WINDOWS, s.windowFiles().size(), "entries beyond HEAD are still listed (as pending)");
            int target = k;
            int[] seen = {0};
            FaultInjector.hook = (point, file) -> {
                if (target < 0) events.add(point + " " + file.getFileName());
                else if (seen[0]++ == target) throw new SimulatedCrash(point + " " + file);
            };
            if (k >= 0) {
                assertThrows(SimulatedCrash.class, () -> trainGrouped(dir, id, WINDOWS), events.get(k));
                FaultInjector.hook = null;
                assertEquals(2, BeastStore.open(dir).checkStructure(), events.get(k));
            }
            BeastStore resumed = trainGrouped(dir, id, WINDOWS);
            FaultInjector.hook = null;
            assertEquals(WINDOWS, resumed.checkStructure());
            for (long w = 0; w < WINDOWS; w++) assertEquals(reference.window(w), resumed.window(w), "window " + w + " after crash " + k);
            try (Stream<Path> st = Files.list(dir.resolve("segments"))) {
                // window 0-1 stay where they were committed; 2-3 are the resume's group
                assertEquals(List.of("00000000.seg", "00000002.seg"), st.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
        assertTrue(events.get(0).startsWith("segment-cut 00000000.seg"), events.toString());
        assertTrue(events.get(1).startsWith("segment-deleted 00000003.seg"), events.toString());
    }

    /**
     * An I/O failure (not a crash: the process lives on) while appending or fsyncing a group abandons the group: HEAD
     * stays where it was, and the same store object trains on from there, cutting what the failure left.
     */
    @Test
    void aFailedAppendOrFsyncAbandonsTheGroupAndTheSameStoreGoesOn() {
        BeastStore.Identity id = publicId(43);
        BeastStore reference = trainGrouped(tmp.resolve("ref"), id, WINDOWS);
        for (String point : List.of("entry-partial", "entry-written", "file-synced")) {
            BeastStore s = Trainer.hatch(tmp.resolve("fail-" + point), id);
            s.durableEvery(GROUP);
            int[] seen = {0};
            FaultInjector.hook = (p, file) -> {
                if (p.equals(point) && file.getFileName().toString().endsWith(".seg") && ++seen[0] == 2) {
                    throw new StoreException(file + ": no space left on device (injected)");
                }
            };
            StoreException e = assertThrows(StoreException.class, () -> trainer(s).train(WINDOWS, new Trainer.Listener() { }), point);
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
            FaultInjector.hook = null;
            long head = s.head().windows();
            assertTrue(head == 0 || head == GROUP, point + ": HEAD " + head);
            trainer(s).train((int) (WINDOWS - head), new Trainer.Listener() { });
            assertEquals(WINDOWS, s.checkStructure(), point);
            for (long w = 0; w < WINDOWS; w++) assertEquals(reference.window(w), s.window(w), point + ": window " + w);
        }
    }

    /**
     * A beast trained in turns by `train` (groups, segments) and by the client (window by window, loose files) reads as
     * one history, equal to an uninterrupted run's, and a crash inside a later group cuts only that group.
     */
    @Test
    void groupsAndWindowsCommittedOnTheirOwnMakeOneHistory() {
        BeastStore.Identity id = publicId(47);
        int total = 9;
        BeastStore reference = trainTo(tmp.resolve("ref"), id, total);
        Path dir = tmp.resolve("mixed");
        BeastStore s = Trainer.hatch(dir, id);
        s.durableEvery(GROUP);
        trainer(s).train(4, new Trainer.Listener() { }); // segments 0 (0-2) and 3 (3)
        s.durableEvery(1);
        trainer(s).train(1, new Trainer.Listener() { }); // window 4, a loose file
        trainer(s).train(1, new Trainer.Listener() { }); // window 5, a loose file
        s.durableEvery(GROUP);
        int[] entries = {0};
        FaultInjector.hook = (point, file) -> {
            if (point.equals("entry-written") && ++entries[0] == 2) throw new SimulatedCrash(point + " " + file);
        };
        assertThrows(SimulatedCrash.class, () -> trainer(s).train(3, new Trainer.Listener() { })); // windows 6-7 appended, then the crash
        FaultInjector.hook = null;
        BeastStore resumed = trainGrouped(dir, id, total); // a new process: cuts segment 6, regroups 6-8
        assertEquals(total, resumed.checkStructure());
        for (long w = 0; w < total; w++) assertEquals(reference.window(w), resumed.window(w), "window " + w);
        assertTrue(Files.exists(resumed.windowPath(4)) && Files.exists(resumed.windowPath(5)), "windows 4-5 stay loose");
        assertTrue(resumed.windowSource(7).endsWith("segments/00000006.seg (window 7)"), resumed.windowSource(7));
        assertArrayEquals(reference.getState(reference.head().stateHash()).toBytes(), resumed.getState(resumed.head().stateHash()).toBytes());
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
