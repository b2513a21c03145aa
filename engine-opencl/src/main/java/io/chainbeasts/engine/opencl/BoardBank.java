package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.Board;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.engine.WindowInputs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's board bank: every real-battle pool and private dataset a batch samples from, each board's canonical
 * encoding followed by its demonstration's 3 bytes (kind, dir, outcome), plus an int offset table. Encodings are
 * kept per commitment (the last {@link #REMEMBERED}), so a pool shared by every window is encoded once.
 */
final class BoardBank {
    static final int REMEMBERED = 16;

    private final Map<String, Encoded> encoded = new LinkedHashMap<>();

    /** One pool's or dataset's boards, back to back, with the byte offset of each. */
    record Encoded(byte[] bytes, int[] offsets) {
        int count() {
            return offsets.length;
        }
    }

    /** A batch's bank: bytes and offsets (direct buffers to free), and per beast where its pool and dataset start. */
    record Batch(ByteBuffer bytes, ByteBuffer offsets, int[] poolBase, int[] poolSize, int[] datasetBase, int[] datasetSize)
            implements AutoCloseable {
        @Override
        public void close() {
            ClProgram.free(bytes);
            ClProgram.free(offsets);
        }
    }

    Batch assemble(List<WindowInputs> inputs) {
        int n = inputs.size();
        Map<Encoded, Integer> base = new IdentityHashMap<>();
        List<Encoded> used = new ArrayList<>();
        int[] poolBase = new int[n], poolSize = new int[n], datasetBase = new int[n], datasetSize = new int[n];
        int boards = 0;
        long bytes = 0;
        for (int b = 0; b < n; b++) {
            WindowInputs in = inputs.get(b);
            Encoded pool = pool(in.pool());
            if (!base.containsKey(pool)) {
                base.put(pool, boards);
                used.add(pool);
                boards += pool.count();
                bytes += pool.bytes().length;
            }
            poolBase[b] = base.get(pool);
            poolSize[b] = pool.count();
            if (in.context().hasPrivateDataset()) {
                Encoded ds = dataset(in.dataset());
                if (!base.containsKey(ds)) {
                    base.put(ds, boards);
                    used.add(ds);
                    boards += ds.count();
                    bytes += ds.bytes().length;
                }
                datasetBase[b] = base.get(ds);
                datasetSize[b] = ds.count();
            }
        }
        ByteBuffer bankBuf = ClProgram.alloc(bytes);
        ByteBuffer offBuf = ClProgram.alloc(4L * boards);
        int byteBase = 0;
        for (Encoded e : used) {
            bankBuf.put(e.bytes());
            for (int off : e.offsets()) offBuf.putInt(byteBase + off);
            byteBase += e.bytes().length;
        }
        bankBuf.flip();
        offBuf.flip();
        return new Batch(bankBuf, offBuf, poolBase, poolSize, datasetBase, datasetSize);
    }

    private Encoded pool(RealBattlePool pool) {
        String key = "pool:" + Hex.of(pool.commitment());
        Encoded e = encoded.get(key);
        if (e == null) {
            List<Board> boards = new ArrayList<>(pool.size());
            for (int i = 0; i < pool.size(); i++) boards.add(pool.get(i));
            e = encode(boards, i -> Demonstration.NONE, "real-battle pool");
            remember(key, e);
        }
        return e;
    }

    private Encoded dataset(SampleDataset ds) {
        String key = "dataset:" + Hex.of(ds.commitment());
        Encoded e = encoded.get(key);
        if (e == null) {
            if (ds.size() <= 0) throw new IllegalArgumentException("dataset is empty");
            List<Board> boards = new ArrayList<>(ds.size());
            for (int i = 0; i < ds.size(); i++) boards.add(ds.get(i));
            e = encode(boards, ds::demonstration, "private dataset");
            remember(key, e);
        }
        return e;
    }

    private void remember(String key, Encoded e) {
        if (encoded.size() >= REMEMBERED) encoded.remove(encoded.keySet().iterator().next());
        encoded.put(key, e);
    }

    private static Encoded encode(List<Board> boards, java.util.function.IntFunction<Demonstration> demos, String what) {
        byte[][] enc = new byte[boards.size()][];
        int total = 0;
        for (int i = 0; i < boards.size(); i++) {
            Board bd = boards.get(i);
            int side = KernelLayout.PATHBITS_MAX_SIDE;
            if (bd.arena().width() > side || bd.arena().height() > side) {
                throw new IllegalArgumentException(what + " board " + i + " has a " + bd.arena().width() + "x" + bd.arena().height()
                        + " arena; the OpenCL kernel supports arenas of at most " + side + "x" + side + " (use --backend java)");
            }
            byte[] board = bd.toBytes();
            Demonstration d = demos.apply(i);
            enc[i] = Arrays.copyOf(board, board.length + Demonstration.ENCODED_SIZE);
            enc[i][board.length] = (byte) d.kind();
            enc[i][board.length + 1] = (byte) d.dir();
            enc[i][board.length + 2] = (byte) d.outcome();
            total += enc[i].length;
        }
        byte[] all = new byte[total];
        int[] offsets = new int[enc.length];
        int at = 0;
        for (int i = 0; i < enc.length; i++) {
            offsets[i] = at;
            System.arraycopy(enc[i], 0, all, at, enc[i].length);
            at += enc[i].length;
        }
        return new Encoded(all, offsets);
    }
}
