package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A simulated crash at every write step of hatching and of every window's commit (state blob,
 * record, HEAD; each through temp-created, torn temp, synced temp, renamed, dir-synced): the store
 * left behind is always consistent (the last complete window is intact, nothing corrupt is ever
 * read), and resuming reaches exactly the files of an uninterrupted run, without rewriting any
 * committed record.
 */
class CrashInjectionTest {
    static final int WINDOWS = 3;

    /** Stands for the process dying: an Error the writers do not clean up after. */
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

    @Test
    void crashAtEveryWriteStepThenResume() throws IOException {
        int cases = 0;
        for (boolean priv : new boolean[] {false, true}) {
            BeastStore.Identity id = priv ? privateId(21) : publicId(21);
            Path ref = tmp.resolve("ref" + priv);
            List<String> events = new ArrayList<>();
            FaultInjector.hook = (point, file) -> events.add(point + " " + ref.relativize(file.toAbsolutePath()));
            trainTo(ref, id, WINDOWS);
            FaultInjector.hook = null;
            TreeMap<String, byte[]> expected = snapshot(ref);
            // 3 hatch files (state, HEAD, beast.json) + 3 per window, 5 points each; a state blob already stored is not rewritten
            assertEquals(5 * (3 + 3 * WINDOWS), events.size(), events.toString());

            for (int k = 0; k < events.size(); k++) {
                Path dir = tmp.resolve("crash" + priv + "-" + k);
                int[] seen = {0};
                int target = k;
                Map<String, Integer> recordRenames = new TreeMap<>();
                FaultInjector.hook = (point, file) -> {
                    if (point.equals("renamed") && file.getParent().getFileName().toString().equals("windows")) {
                        recordRenames.merge(file.getFileName().toString(), 1, Integer::sum);
                    }
                    if (seen[0]++ == target) throw new SimulatedCrash(point + " " + file);
                };
                assertThrows(SimulatedCrash.class, () -> trainTo(dir, id, WINDOWS), "event " + k + " " + events.get(k));
                FaultInjector.hook = null;
                String what = "crash at event " + k + " (" + events.get(k) + ")";

                // what the crash left is consistent: a beast (if beast.json made it) whose committed windows all check out
                long before = -1;
                if (Files.exists(dir.resolve("beast.json"))) {
                    BeastStore s = BeastStore.open(dir);
                    before = s.checkStructure();
                    for (long w = 0; w < before; w++) assertArrayEquals(expected.get("windows/" + String.format("%08d", w) + ".json"),
                            Files.readAllBytes(s.windowPath(w)), what);
                }

                FaultInjector.hook = (point, file) -> {
                    if (point.equals("renamed") && file.getParent().getFileName().toString().equals("windows")) {
                        recordRenames.merge(file.getFileName().toString(), 1, Integer::sum);
                    }
                };
                trainTo(dir, id, WINDOWS);
                FaultInjector.hook = null;
                TreeMap<String, byte[]> got = snapshot(dir);
                assertEquals(expected.keySet(), got.keySet(), what);
                for (Map.Entry<String, byte[]> e : expected.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()), what + ": " + e.getKey());
                for (Map.Entry<String, Integer> e : recordRenames.entrySet()) assertEquals(1, e.getValue(), what + ": " + e.getKey() + " written twice");
                assertEquals(WINDOWS, recordRenames.size(), what);
                assertTrue(before <= WINDOWS);
                try (Stream<Path> st = Files.walk(dir)) {
                    assertEquals(0, st.filter(DurableFile::isTemp).count(), what + ": stale temp files survive the resume");
                }
                cases++;
            }
        }
        System.out.println("CrashInjectionTest: " + cases + " simulated crashes, all resumed to identical files");
        assertEquals(2 * 5 * (3 + 3 * WINDOWS), cases);
    }
}
