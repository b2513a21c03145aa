package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * R_dataset (spec/datasets.md "Records commitment"): the golden vector of the 16-sample example dataset (root, and
 * record 5 with its path: what the Solidity verifier's private witness carries), an independent recursive
 * implementation, and every path of several tree shapes verifying while any changed byte fails.
 */
class RecordsCommitmentTest {
    static final SeasonConstants S = SeasonConstants.DEFAULT;

    static Map<String, String> keyValues(Path txt) throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : Files.readAllLines(txt)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("=", 2);
            kv.put(f[0].trim(), f[1].trim());
        }
        return kv;
    }

    static PrivateDataset example() throws Exception {
        Path dir = Vectors.path("datasets");
        return PrivateDataset.fromStored("example-v2-first16.zst", Files.readAllBytes(dir.resolve("example-v2-first16.zst")), null, S);
    }

    /** Prints the vector's values (run by hand when the definition changes deliberately). */
    public static void main(String[] args) throws Exception {
        PrivateDataset ds = example();
        RecordsMerkle m = ds.records();
        System.out.println("r_dataset = 0x" + Hex.of(m.root()));
        System.out.println("record5 = 0x" + Hex.of(PackedDataset.sampleBytes(ds.sample(5))));
        System.out.println("leaf5 = 0x" + Hex.of(RecordsMerkle.leaf(RecordsMerkle.DATASET_LEAF, 5, PackedDataset.sampleBytes(ds.sample(5)))));
        List<byte[]> p = m.path(5);
        for (int j = 0; j < p.size(); j++) System.out.println("path5_" + j + " = 0x" + Hex.of(p.get(j)));
    }

    @Test
    void goldenVector() throws Exception {
        Map<String, String> kv = keyValues(Vectors.path("datasets/records-v2-first16.txt"));
        PrivateDataset ds = example();
        assertEquals(kv.get("c_dataset"), ds.commitmentHex(), "the vector names the example dataset");
        RecordsMerkle m = ds.records();
        assertEquals(kv.get("r_dataset"), "0x" + Hex.of(m.root()));
        assertEquals(kv.get("r_dataset"), "0x" + Hex.of(independentRoot(ds)));
        byte[] rec5 = PackedDataset.sampleBytes(ds.sample(5));
        assertEquals(kv.get("record5"), "0x" + Hex.of(rec5));
        assertEquals(106, rec5.length);
        assertEquals(kv.get("leaf5"), "0x" + Hex.of(RecordsMerkle.leaf(RecordsMerkle.DATASET_LEAF, 5, rec5)));
        List<byte[]> path = new ArrayList<>();
        for (int j = 0; j < RecordsMerkle.depth(16); j++) path.add(Hex.parse(kv.get("path5_" + j)));
        assertEquals(4, path.size());
        assertTrue(RecordsMerkle.verify(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, m.root(), 16, 5, rec5, path));
        // the record a leaf commits to is exactly the sample's bytes in the raw v2 encoding C_dataset covers
        byte[] raw = PackedDataset.decompress("v", ds.storedBytes());
        assertArrayEquals(Arrays.copyOfRange(raw, PackedDataset.HEADER_SIZE + 5 * 106, PackedDataset.HEADER_SIZE + 6 * 106), rec5);
    }

    /** The definition written again with java.nio and recursion, independent of RecordsMerkle's level arrays. */
    static byte[] independentRoot(PrivateDataset ds) {
        int n = ds.size();
        int width = 1;
        while (width < n) width *= 2;
        byte[] top = node(ds, 0, width);
        ByteBuffer b = ByteBuffer.allocate(40).put("CBRR".getBytes()).putInt(n).put(top);
        return Keccak256.hash(b.array());
    }

    private static byte[] node(PrivateDataset ds, int from, int width) {
        if (width == 1) {
            if (from >= ds.size()) return new byte[32];
            byte[] r = PackedDataset.sampleBytes(ds.sample(from));
            return Keccak256.hash(ByteBuffer.allocate(8 + r.length).put("CBRL".getBytes()).putInt(from).put(r).array());
        }
        byte[] l = node(ds, from, width / 2), rr = node(ds, from + width / 2, width / 2);
        return Keccak256.hash(ByteBuffer.allocate(64).put(l).put(rr).array());
    }

    @Test
    void everyPathVerifiesAndAnyChangeFails() {
        for (int n : new int[] {1, 2, 3, 5, 8, 13}) {
            List<byte[]> recs = new ArrayList<>();
            for (int i = 0; i < n; i++) recs.add(Keccak256.hash(new byte[] {(byte) n, (byte) i}));
            RecordsMerkle m = new RecordsMerkle(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, recs);
            for (int i = 0; i < n; i++) {
                List<byte[]> p = m.path(i);
                assertEquals(RecordsMerkle.depth(n), p.size());
                assertTrue(RecordsMerkle.verify(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, m.root(), n, i, recs.get(i), p), n + "/" + i);
                byte[] bad = recs.get(i).clone();
                bad[0] ^= 1;
                assertFalse(RecordsMerkle.verify(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, m.root(), n, i, bad, p));
                assertFalse(RecordsMerkle.verify(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, m.root(), n, i, recs.get(i), p),
                        "domain tags separate the dataset from the pool");
                if (n > 1) {
                    assertFalse(RecordsMerkle.verify(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, m.root(), n, (i + 1) % n, recs.get(i), p));
                    List<byte[]> q = new ArrayList<>(p);
                    byte[] s0 = q.get(0).clone();
                    s0[31] ^= 1;
                    q.set(0, s0);
                    assertFalse(RecordsMerkle.verify(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, m.root(), n, i, recs.get(i), q));
                }
                assertFalse(RecordsMerkle.verify(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, m.root(), n + 1, i, recs.get(i), p),
                        "the root binds the count");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new RecordsMerkle(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, List.of()));
    }
}
