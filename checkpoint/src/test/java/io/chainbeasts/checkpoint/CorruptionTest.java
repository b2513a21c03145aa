package io.chainbeasts.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bit flips, truncations, zeroed blocks, appended bytes, deletion, deeply nested JSON and oversized files in every kind of stored file
 * (beast.json, HEAD, window records, state blobs): each is detected by the store, before anything is
 * used, with a one-line error naming the damaged file; and training refuses to resume over it.
 */
class CorruptionTest {
    @TempDir
    Path tmp;

    record Damage(String name, UnaryOperator<byte[]> f) {}

    static List<Damage> damages(int len) {
        List<Damage> d = new ArrayList<>();
        for (int pos : new int[] {0, 1, len / 3, len / 2, len - 2, len - 1}) {
            for (int bit : new int[] {0, 7}) {
                d.add(new Damage("flip bit " + bit + " of byte " + pos, b -> {
                    byte[] c = b.clone();
                    c[pos] ^= (byte) (1 << bit);
                    return c;
                }));
            }
        }
        for (int keep : new int[] {0, 1, len / 2, len - 1}) d.add(new Damage("truncate to " + keep, b -> Arrays.copyOf(b, keep)));
        for (int at : new int[] {0, len / 2, Math.max(0, len - 64)}) {
            d.add(new Damage("zero 64 bytes at " + at, b -> {
                byte[] c = b.clone();
                Arrays.fill(c, at, Math.min(c.length, at + 64), (byte) 0);
                return c;
            }));
        }
        d.add(new Damage("append a byte", b -> Arrays.copyOf(b, b.length + 1)));
        // hostile, not accidental: what once overflowed a watching node's stack, and a file too big to read whole
        d.add(new Damage("replace with 100k '['", b -> "[".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        d.add(new Damage("grow to 17 MiB", b -> Arrays.copyOf(b, 17 << 20)));
        d.add(new Damage("delete", b -> null));
        return d;
    }

    @Test
    void everyDamageToEveryKindOfFileIsDetectedAndNamed() throws IOException {
        Path ref = tmp.resolve("ref");
        BeastStore store = trainTo(ref, privateId(31), 3);
        List<String> files = new ArrayList<>(List.of("beast.json", "HEAD", "windows/00000000.json", "windows/00000002.json"));
        files.add("states/" + io.chainbeasts.core.Hex.of(store.window(0).preStateHash()) + ".state");
        files.add("states/" + io.chainbeasts.core.Hex.of(store.window(1).postStateHash()) + ".state");
        files.add("states/" + io.chainbeasts.core.Hex.of(store.window(2).postStateHash()) + ".state");
        List<String> resumePath = List.of("beast.json", "HEAD", "windows/00000002.json", files.get(6));
        int cases = 0;
        for (String f : files) {
            byte[] orig = Files.readAllBytes(ref.resolve(f));
            for (Damage dmg : damages(orig.length)) {
                byte[] bad = dmg.f().apply(orig);
                if (bad != null && Arrays.equals(bad, orig)) continue;
                Path dir = tmp.resolve("case" + cases);
                copyTree(ref, dir);
                if (bad == null) Files.delete(dir.resolve(f));
                else Files.write(dir.resolve(f), bad);
                String what = f + ": " + dmg.name();
                StoreException e = assertThrows(StoreException.class, () -> BeastStore.open(dir).checkStructure(), what);
                assertTrue(e.getMessage().contains(dir.resolve(f).toString()), what + " -> " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), what + ": error is not one line");
                if (resumePath.contains(f)) {
                    // everything on the resume path (beast.json, HEAD, last record, HEAD's state) also stops training
                    StoreException t = assertThrows(StoreException.class, () -> trainTo(dir, privateId(31), 4), what);
                    assertTrue(t.getMessage().contains(dir.resolve(f).toString()), what + " -> " + t.getMessage());
                }
                deleteTree(dir);
                cases++;
            }
        }
        System.out.println("CorruptionTest: " + cases + " damaged files, all detected and named");
        assertTrue(cases >= 7 * 20, "cases " + cases);
    }
}
