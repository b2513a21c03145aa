package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link CorruptionTest}'s damages applied to the segments a grouped run writes, at the start, the middle and the end of
 * each entry's header, record and state: each is detected before anything is used, with a one-line error naming the
 * segment (and the window), and training refuses to resume over damage on its path. Bytes after a segment's last entry
 * are what a crash mid-append leaves (never committed), so appended bytes are not damage.
 */
class SegmentCorruptionTest {
    @TempDir
    Path tmp;

    @Test
    void everyDamageToASegmentIsDetectedAndNamed() throws IOException {
        Path ref = tmp.resolve("ref");
        BeastStore store = GroupCommitCrashTest.trainGrouped(ref, privateId(37), GroupCommitCrashTest.WINDOWS);
        WindowSegments segs = new WindowSegments(ref);
        int cases = 0;
        for (String f : List.of("segments/00000000.seg", "segments/00000003.seg")) {
            byte[] orig = Files.readAllBytes(ref.resolve(f));
            List<CorruptionTest.Damage> damages = new java.util.ArrayList<>(CorruptionTest.damages(orig.length));
            damages.removeIf(d -> d.name().startsWith("append") || d.name().startsWith("grow"));
            for (long w = 0; w < GroupCommitCrashTest.WINDOWS; w++) {
                WindowSegments.Entry e = segs.entry(w);
                if (!e.file().endsWith(f)) continue;
                long header = e.recordOffset() - WindowSegments.HEADER_SIZE;
                for (long at : new long[] {header, header + WindowSegments.WINDOW_OFFSET, header + WindowSegments.RECORD_LENGTH_OFFSET + 3,
                        header + WindowSegments.STATE_LENGTH_OFFSET, header + WindowSegments.STATE_HASH_OFFSET + 31, header + WindowSegments.CRC_OFFSET,
                        e.recordOffset(), e.recordOffset() + e.recordLength() / 2, e.stateOffset() + 1, e.stateOffset() + e.stateLength() - 1}) {
                    int pos = Math.toIntExact(at);
                    damages.add(new CorruptionTest.Damage("window " + w + ": flip byte " + pos, b -> {
                        byte[] c = b.clone();
                        c[pos] ^= 0x10;
                        return c;
                    }));
                }
            }
            for (CorruptionTest.Damage dmg : damages) {
                byte[] bad = dmg.f().apply(orig);
                if (bad != null && Arrays.equals(bad, orig)) continue;
                Path dir = tmp.resolve("case" + cases);
                copyTree(ref, dir);
                if (bad == null) Files.delete(dir.resolve(f));
                else Files.write(dir.resolve(f), bad);
                String what = f + ": " + dmg.name();
                StoreException e = assertThrows(StoreException.class, () -> BeastStore.open(dir).checkStructure(), what);
                String named = bad == null ? dir.resolve("segments").toString() : dir.resolve(f).toString();
                assertTrue(e.getMessage().contains(named), what + " -> " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), what + ": error is not one line");
                if (f.endsWith("00000003.seg")) {
                    // the last window's record and HEAD's state are on the resume path: training stops too
                    StoreException t = assertThrows(StoreException.class, () -> GroupCommitCrashTest.trainGrouped(dir, privateId(37), 5), what);
                    assertTrue(t.getMessage().contains(named), what + " -> " + t.getMessage());
                } else if (bad != null) {
                    // off the resume path: damage that hides a committed window from the writer's cut (a header, a
                    // truncation) stops it before the first commit; damage inside a record or state is the verifier's
                    // to find. Either way the committed bytes are left as they are.
                    boolean hidesWindows = false;
                    try {
                        BeastStore.open(dir).windowFiles();
                        for (long w = 0; w < 3; w++) hidesWindows |= !BeastStore.open(dir).hasWindow(w);
                        GroupCommitCrashTest.trainGrouped(dir, privateId(37), 5);
                        assertFalse(hidesWindows, what + ": trained over a segment that hides committed windows");
                    } catch (StoreException t) {
                        assertTrue(hidesWindows && t.getMessage().contains(named), what + " -> " + t.getMessage());
                    }
                    assertArrayEquals(bad, Files.readAllBytes(dir.resolve(f)), what + ": a damaged segment was changed");
                }
                deleteTree(dir);
                cases++;
            }
        }
        System.out.println("SegmentCorruptionTest: " + cases + " damaged segments, all detected and named");
        assertTrue(cases >= 2 * 25, "cases " + cases);
        assertEquals(GroupCommitCrashTest.WINDOWS, store.checkStructure());
    }

    /**
     * A loose record of a segment's first window (a window-by-window run crashed after writing it; the group then kept
     * it) does not make a damaged segment look like a crash's tail: the writer still refuses to cut it.
     */
    @Test
    void aLooseCopyOfItsFirstWindowDoesNotLetADamagedSegmentBeCut() throws IOException {
        Path alone = tmp.resolve("alone");
        trainTo(alone, publicId(53), 1);
        Path dir = tmp.resolve("mixed");
        Trainer.hatch(dir, publicId(53));
        Files.copy(alone.resolve("windows/00000000.json"), dir.resolve("windows/00000000.json"));
        GroupCommitCrashTest.trainGrouped(dir, publicId(53), GroupCommitCrashTest.WINDOWS);
        Path seg = dir.resolve("segments/00000000.seg");
        byte[] bad = Files.readAllBytes(seg);
        bad[WindowSegments.CRC_OFFSET] ^= 1; // window 0's header
        Files.write(seg, bad);
        StoreException e = assertThrows(StoreException.class, () -> GroupCommitCrashTest.trainGrouped(dir, publicId(53), 6));
        assertTrue(e.getMessage().contains(seg.toString()) && e.getMessage().contains("window 0 is committed"), e.getMessage());
        assertArrayEquals(bad, Files.readAllBytes(seg), "the damaged segment was cut");
    }
}
