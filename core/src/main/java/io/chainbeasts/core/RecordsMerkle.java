package io.chainbeasts.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Merkle commitment over a list of fixed records (spec/datasets.md "Records commitment"), so that one record can be
 * revealed with its path instead of the whole list (the dispute game's private-window and real-battle-pool witness):
 * <pre>
 *  leaf_i = keccak256(leafTag || u32 i || record_i)
 *  level 0 = the leaves, padded with 32 zero bytes to 2^depth, depth = ceil(log2(count)) (0 for one record)
 *  node    = keccak256(left || right)
 *  R       = keccak256(rootTag || u32 count || top node)
 *  path of i = depth sibling hashes, bottom-up; at level j the node is the right child when bit j of i is 1
 * </pre>
 * Tags: "CBRL"/"CBRR" for a private dataset's samples (R_dataset), "CBPL"/"CBPR" for the real-battle pool (R_pool).
 */
public final class RecordsMerkle {
    public static final byte[] DATASET_LEAF = {'C', 'B', 'R', 'L'};
    public static final byte[] DATASET_ROOT = {'C', 'B', 'R', 'R'};
    public static final byte[] POOL_LEAF = {'C', 'B', 'P', 'L'};
    public static final byte[] POOL_ROOT = {'C', 'B', 'P', 'R'};

    private final byte[] rootTag;
    private final List<byte[][]> levels = new ArrayList<>(); // levels.get(0) = padded leaves
    private final int count;

    public RecordsMerkle(byte[] leafTag, byte[] rootTag, List<byte[]> records) {
        if (records.isEmpty()) throw new IllegalArgumentException("a records commitment needs at least one record");
        this.rootTag = rootTag.clone();
        this.count = records.size();
        int depth = depth(count);
        byte[][] level = new byte[1 << depth][];
        for (int i = 0; i < level.length; i++) level[i] = i < count ? leaf(leafTag, i, records.get(i)) : new byte[32];
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) up[i] = new Keccak256().update(level[2 * i]).update(level[2 * i + 1]).digest();
            levels.add(up);
            level = up;
        }
    }

    /** ceil(log2(count)): 0 for one record. */
    public static int depth(int count) {
        return count <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(count - 1);
    }

    public static byte[] leaf(byte[] leafTag, int index, byte[] record) {
        return new Keccak256().update(leafTag).update(new CanonicalWriter(4).i32(index).toByteArray()).update(record).digest();
    }

    public int count() {
        return count;
    }

    /** R = keccak256(rootTag || u32 count || top node). */
    public byte[] root() {
        return seal(rootTag, count, levels.get(levels.size() - 1)[0]);
    }

    private static byte[] seal(byte[] rootTag, int count, byte[] top) {
        return new CanonicalWriter(4 + 4 + 32).bytes(rootTag).i32(count).bytes32(top).keccak();
    }

    /** The sibling hashes of record {@code index}, bottom-up (depth of them). */
    public List<byte[]> path(int index) {
        if (index < 0 || index >= count) throw new IllegalArgumentException("record " + index + " is outside 0.." + (count - 1));
        List<byte[]> p = new ArrayList<>();
        int i = index;
        for (int j = 0; j < levels.size() - 1; j++, i >>= 1) p.add(levels.get(j)[i ^ 1].clone());
        return p;
    }

    /** Whether {@code record} is record {@code index} of the {@code count} records that {@code root} commits to. */
    public static boolean verify(byte[] leafTag, byte[] rootTag, byte[] root, int count, int index, byte[] record, List<byte[]> path) {
        if (count < 1 || index < 0 || index >= count || path.size() != depth(count)) return false;
        byte[] h = leaf(leafTag, index, record);
        int i = index;
        for (byte[] sib : path) {
            h = (i & 1) == 0 ? new Keccak256().update(h).update(sib).digest() : new Keccak256().update(sib).update(h).digest();
            i >>= 1;
        }
        return Arrays.equals(seal(rootTag, count, h), root);
    }
}
