package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.Board;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenCL backend: the whole window (sampling with self-play combat, labels, forward, backward,
 * update, ENERGY, growth spurt, lineage, loss-drop, state/context hashes, h128) in one kernel launch
 * for a whole batch, one work-item per beast ({@code cb_window_steps} in microstep.cl).
 *
 * <p>Inputs travel as: beast records ({@link #BEAST_INTS} ints each), the window contexts' canonical
 * bytes, and one "board bank" holding every real-battle pool and private dataset board of the batch
 * (canonical board encodings, deduplicated by commitment) with an offset table.
 */
public final class OpenClBackend implements TrainingBackend {
    /** Ints per beast record ({@link KernelLayout}, the one description of the buffers). */
    public static final int BEAST_HEADER_INTS = KernelLayout.BEAST_W1;
    public static final int BEAST_INTS = KernelLayout.BEAST_INTS;
    static final int CONTEXT_STRIDE = KernelLayout.CONTEXT_STRIDE;
    static final int ARGS_LONGS = KernelLayout.ARGS_STRIDE;
    static final int ACC_LONGS = KernelLayout.ACC_STRIDE;
    static final int REC_INTS = KernelLayout.REC_STRIDE;
    static final int MAX_CELLS = KernelLayout.CB_MAX_CELLS;

    private final ClDevice dev;
    private final ClProgram program;
    private final Map<String, Bank> banks = new LinkedHashMap<>();

    private OpenClBackend(ClDevice dev, ClProgram program) {
        this.dev = dev;
        this.program = program;
    }

    /** Opens the preferred device and builds (or loads from {@code cache}) the kernel program. */
    public static OpenClBackend create(ProgramCache cache) {
        ClDevice dev = ClDevice.open();
        try {
            return new OpenClBackend(dev, ClProgram.build(dev, KernelSource.program(), KernelSource.BUILD_OPTIONS, cache));
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    public static OpenClBackend create() {
        return create(ProgramCache.defaultCache());
    }

    public ClDevice device() {
        return dev;
    }

    public ProgramCache.Built build() {
        return program.built();
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return "OpenCL on " + dev.describe() + ", one work-item per beast";
    }

    /** One micro-step as the kernel recorded it (the fields of {@code StepRecord} that are not the board itself). */
    public record StepTrace(int globalStep, int source, byte[] sampleKey, Label label, int heads, int[] outputs,
                            int[] losses, long energy) {}

    /** Results plus, per beast, the 128 step traces. */
    public record Traced(List<WindowResult> results, StepTrace[][] steps) {}

    @Override
    public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
        return run(states, inputs, null, false).results();
    }

    @Override
    public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
        return run(states, inputs, observer, false).results();
    }

    public Traced runWindowsTraced(List<BeastState> states, List<WindowInputs> inputs) {
        return run(states, inputs, null, true);
    }

    private synchronized Traced run(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer, boolean trace) {
        int n = states.size();
        if (n != inputs.size()) throw new IllegalArgumentException(n + " states but " + inputs.size() + " window inputs");
        if (n == 0) return new Traced(List.of(), new StepTrace[0][]);
        for (int b = 0; b < n; b++) {
            int slot = inputs.get(b).context().growthSlot();
            int mask = states.get(b).activeMask;
            if (slot != WindowContext.NO_GROWTH && ((mask >>> slot) & 1) != 0) {
                throw new IllegalArgumentException("growth slot " + slot + " is already live (activeMask 0x" + Integer.toHexString(mask) + ")");
            }
        }
        // Board bank: every pool and dataset of the batch, once each.
        List<Bank> used = new ArrayList<>();
        long[][] refs = new long[n][4];
        for (int b = 0; b < n; b++) {
            WindowInputs in = inputs.get(b);
            Bank pool = bank(in.pool());
            refs[b][0] = indexOf(used, pool);
            refs[b][1] = pool.count();
            if (in.context().hasPrivateDataset()) {
                Bank ds = bank(in.dataset());
                refs[b][2] = indexOf(used, ds);
                refs[b][3] = ds.count();
            }
        }
        int totalBoards = 0;
        long totalBytes = 0;
        int[] bankBase = new int[used.size()];
        for (int i = 0; i < used.size(); i++) {
            bankBase[i] = totalBoards;
            totalBoards += used.get(i).count();
            totalBytes += used.get(i).bytes().length;
        }
        ByteBuffer bankBuf = ClProgram.alloc(totalBytes);
        ByteBuffer offBuf = ClProgram.alloc(4L * totalBoards);
        int byteBase = 0;
        for (Bank bk : used) {
            bankBuf.put(bk.bytes());
            for (int off : bk.offsets()) offBuf.putInt(byteBase + off);
            byteBase += bk.bytes().length;
        }
        bankBuf.flip();
        offBuf.flip();

        ByteBuffer stBuf = ClProgram.alloc(4L * BEAST_INTS * n);
        ByteBuffer ctxBuf = ClProgram.alloc((long) CONTEXT_STRIDE * n);
        ByteBuffer argBuf = ClProgram.alloc(8L * ARGS_LONGS * n);
        for (int b = 0; b < n; b++) {
            putState(stBuf, b, states.get(b));
            byte[] ctx = inputs.get(b).context().toBytes();
            if (ctx.length > CONTEXT_STRIDE) throw new IllegalStateException("window context of " + ctx.length + " B exceeds " + CONTEXT_STRIDE);
            ctxBuf.position(b * CONTEXT_STRIDE);
            ctxBuf.put(ctx);
            int a = b * ARGS_LONGS * 8;
            argBuf.putLong(a + 8 * KernelLayout.ARGS_SECRET_FOLD, inputs.get(b).secretFold());
            argBuf.putLong(a + 8 * KernelLayout.ARGS_POOL_BASE, bankBase[(int) refs[b][0]]);
            argBuf.putLong(a + 8 * KernelLayout.ARGS_POOL_SIZE, refs[b][1]);
            argBuf.putLong(a + 8 * KernelLayout.ARGS_DATASET_BASE, inputs.get(b).context().hasPrivateDataset() ? bankBase[(int) refs[b][2]] : 0);
            argBuf.putLong(a + 8 * KernelLayout.ARGS_DATASET_SIZE, refs[b][3]);
        }
        ctxBuf.position(0).limit(CONTEXT_STRIDE * n);
        stBuf.position(0).limit(4 * BEAST_INTS * n);
        argBuf.position(0).limit(8 * ARGS_LONGS * n);

        ClProgram.Mem mState = null, mCtx = null, mArgs = null, mBank = null, mOff = null, mAcc = null, mRec = null;
        ByteBuffer accBuf = ClProgram.alloc(8L * ACC_LONGS * n);
        ByteBuffer recBuf = trace ? ClProgram.alloc(4L * REC_INTS * Window.STEPS * n) : null;
        try {
            mState = program.input(stBuf);
            mCtx = program.input(ctxBuf);
            mArgs = program.input(argBuf);
            mBank = program.input(bankBuf);
            mOff = program.input(offBuf);
            mAcc = program.output(8L * ACC_LONGS * n);
            mRec = program.output(trace ? 4L * REC_INTS * Window.STEPS * n : 4);
            int rec = trace ? 1 : 0;
            if (observer == null) {
                program.run("cb_window_steps", n, mState, mCtx, mArgs, mBank, mOff, mAcc, mRec, 0, Window.STEPS, 1, rec, n);
            } else {
                BeastState view = new BeastState();
                for (int i = 0; i < Window.STEPS; i++) {
                    program.run("cb_window_steps", n, mState, mCtx, mArgs, mBank, mOff, mAcc, mRec, i, i + 1, 0, rec, n);
                    program.read(mState, stBuf);
                    for (int b = 0; b < n; b++) {
                        getState(stBuf, b, view);
                        observer.afterStep(b, i, view);
                    }
                }
                program.run("cb_window_steps", n, mState, mCtx, mArgs, mBank, mOff, mAcc, mRec, Window.STEPS, Window.STEPS, 1, rec, n);
            }
            program.read(mState, stBuf);
            program.read(mAcc, accBuf);
            if (trace) program.read(mRec, recBuf);
            List<WindowResult> results = new ArrayList<>(n);
            StepTrace[][] traces = new StepTrace[n][];
            for (int b = 0; b < n; b++) {
                int base = b * ACC_LONGS * 8;
                long err = accBuf.getLong(base + 8 * KernelLayout.ACC_ERROR);
                if (err != 0) {
                    throw new IllegalStateException("OpenCL kernel reported error " + err + " for beast " + b
                            + " (an arena with fewer than two open cells)");
                }
                BeastState s = states.get(b);
                getState(stBuf, b, s);
                results.add(result(accBuf, base, s));
                if (trace) traces[b] = traces(recBuf, b);
            }
            return new Traced(results, traces);
        } finally {
            ClProgram.release(mState, mCtx, mArgs, mBank, mOff, mAcc, mRec);
            for (ByteBuffer bb : new ByteBuffer[] {bankBuf, offBuf, stBuf, ctxBuf, argBuf, accBuf}) ClProgram.free(bb);
            if (recBuf != null) ClProgram.free(recBuf);
        }
    }

    private static WindowResult result(ByteBuffer acc, int base, BeastState s) {
        long[] a = new long[ACC_LONGS];
        for (int i = 0; i < ACC_LONGS; i++) a[i] = acc.getLong(base + 8 * i);
        WindowResult.HeadTally tally = new WindowResult.HeadTally((int) a[KernelLayout.ACC_MOVE_SEEN], (int) a[KernelLayout.ACC_MOVE_RIGHT],
                (int) a[KernelLayout.ACC_POWER_SEEN], (int) a[KernelLayout.ACC_POWER_RIGHT], (int) a[KernelLayout.ACC_BLOCK_SEEN],
                (int) a[KernelLayout.ACC_BLOCK_RIGHT], a[KernelLayout.ACC_MOVE_LOSS], a[KernelLayout.ACC_POWER_LOSS], a[KernelLayout.ACC_BLOCK_LOSS]);
        return new WindowResult(a[KernelLayout.ACC_ENERGY], s.activeMask, s.lrShift, hash(a, KernelLayout.ACC_H128), s.globalStep,
                hash(a, KernelLayout.ACC_LINEAGE), a[KernelLayout.ACC_LOSS_DROP] != 0, hash(a, KernelLayout.ACC_STATE_HASH),
                hash(a, KernelLayout.ACC_CONTEXT_HASH), a[KernelLayout.ACC_LOSS], tally);
    }

    private static byte[] hash(long[] a, int at) {
        byte[] h = new byte[32];
        for (int j = 0; j < 32; j++) h[j] = (byte) (a[at + (j >> 3)] >>> (8 * (j & 7)));
        return h;
    }

    private static StepTrace[] traces(ByteBuffer rec, int b) {
        StepTrace[] out = new StepTrace[Window.STEPS];
        for (int i = 0; i < Window.STEPS; i++) {
            int base = ((b * Window.STEPS) + i) * REC_INTS * 4;
            int[] r = new int[REC_INTS];
            for (int q = 0; q < REC_INTS; q++) r[q] = rec.getInt(base + 4 * q);
            byte[] key = new byte[32];
            for (int q = 0; q < 8; q++) for (int k = 0; k < 4; k++) key[4 * q + k] = (byte) (r[KernelLayout.REC_KEY + q] >>> (8 * k));
            int[] outputs = new int[NetShape.N_OUT];
            System.arraycopy(r, KernelLayout.REC_OUTPUTS, outputs, 0, NetShape.N_OUT);
            long energy = (r[KernelLayout.REC_ENERGY] & 0xFFFFFFFFL) | ((long) r[KernelLayout.REC_ENERGY + 1] << 32);
            out[i] = new StepTrace(r[0], r[1], key, new Label(r[2], r[3], r[4], r[KernelLayout.REC_WEIGHT_SHIFT]), r[5], outputs,
                    new int[] {r[KernelLayout.REC_LOSSES], r[KernelLayout.REC_LOSSES + 1], r[KernelLayout.REC_LOSSES + 2]}, energy);
        }
        return out;
    }

    static void putState(ByteBuffer buf, int b, BeastState s) {
        int base = b * BEAST_INTS * 4;
        for (int i = 0; i < BEAST_HEADER_INTS; i++) buf.putInt(base + 4 * i, 0);
        putLong(buf, base, KernelLayout.BEAST_SEED_LO, s.seedCore);
        buf.putInt(base + 4 * KernelLayout.BEAST_GLOBAL_STEP, s.globalStep);
        buf.putInt(base + 4 * KernelLayout.BEAST_ACTIVE_MASK, s.activeMask);
        buf.putInt(base + 4 * KernelLayout.BEAST_LR_SHIFT, s.lrShift);
        putLong(buf, base, KernelLayout.BEAST_ENERGY_LO, s.energyTotal);
        putLong(buf, base, KernelLayout.BEAST_PREV_LOSS_LO, s.prevWindowLoss);
        int at = base + 4 * KernelLayout.BEAST_W1;
        for (int[] arr : new int[][] {s.w1, s.b1, s.w2, s.b2}) {
            for (int v : arr) {
                buf.putInt(at, v);
                at += 4;
            }
        }
        buf.putInt(at, 0);
        buf.putInt(at + 4, 0);
    }

    static void getState(ByteBuffer buf, int b, BeastState s) {
        int base = b * BEAST_INTS * 4;
        s.seedCore = getLong(buf, base, KernelLayout.BEAST_SEED_LO);
        s.globalStep = buf.getInt(base + 4 * KernelLayout.BEAST_GLOBAL_STEP);
        s.activeMask = buf.getInt(base + 4 * KernelLayout.BEAST_ACTIVE_MASK);
        s.lrShift = buf.getInt(base + 4 * KernelLayout.BEAST_LR_SHIFT);
        s.energyTotal = getLong(buf, base, KernelLayout.BEAST_ENERGY_LO);
        s.prevWindowLoss = getLong(buf, base, KernelLayout.BEAST_PREV_LOSS_LO);
        int at = base + 4 * KernelLayout.BEAST_W1;
        for (int[] arr : new int[][] {s.w1, s.b1, s.w2, s.b2}) {
            for (int i = 0; i < arr.length; i++) {
                arr[i] = buf.getInt(at);
                at += 4;
            }
        }
    }

    /** A long in a beast record: the low int at {@code loInt}, the high one after it (beast_getLong in microstep.cl). */
    private static void putLong(ByteBuffer buf, int base, int loInt, long v) {
        buf.putInt(base + 4 * loInt, (int) v);
        buf.putInt(base + 4 * loInt + 4, (int) (v >>> 32));
    }

    private static long getLong(ByteBuffer buf, int base, int loInt) {
        return (buf.getInt(base + 4 * loInt) & 0xFFFFFFFFL) | ((long) buf.getInt(base + 4 * loInt + 4) << 32);
    }

    /** Canonical board encodings of a pool or dataset, with byte offsets. */
    record Bank(String key, byte[] bytes, int[] offsets) {
        int count() {
            return offsets.length;
        }
    }

    private static int indexOf(List<Bank> used, Bank b) {
        for (int i = 0; i < used.size(); i++) if (used.get(i) == b) return i;
        used.add(b);
        return used.size() - 1;
    }

    private Bank bank(RealBattlePool pool) {
        String key = "pool:" + Hex.of(pool.commitment());
        Bank b = banks.get(key);
        if (b == null) {
            List<Board> boards = new ArrayList<>(pool.size());
            List<Demonstration> demos = new ArrayList<>(pool.size());
            for (int i = 0; i < pool.size(); i++) {
                boards.add(pool.get(i));
                demos.add(Demonstration.NONE);
            }
            b = encode(key, boards, demos, "real-battle pool");
            remember(key, b);
        }
        return b;
    }

    private Bank bank(SampleDataset ds) {
        String key = "dataset:" + Hex.of(ds.commitment());
        Bank b = banks.get(key);
        if (b == null) {
            if (ds.size() <= 0) throw new IllegalArgumentException("dataset is empty");
            List<Board> boards = new ArrayList<>(ds.size());
            List<Demonstration> demos = new ArrayList<>(ds.size());
            for (int i = 0; i < ds.size(); i++) {
                boards.add(ds.get(i));
                demos.add(ds.demonstration(i));
            }
            b = encode(key, boards, demos, "private dataset");
            remember(key, b);
        }
        return b;
    }

    private void remember(String key, Bank b) {
        if (banks.size() >= 16) banks.remove(banks.keySet().iterator().next());
        banks.put(key, b);
    }

    /** Each entry: the board's canonical encoding, then its demonstration's 3 bytes (kind, dir, outcome). */
    private static Bank encode(String key, List<Board> boards, List<Demonstration> demos, String what) {
        int total = 0;
        byte[][] enc = new byte[boards.size()][];
        for (int i = 0; i < boards.size(); i++) {
            Board bd = boards.get(i);
            int cells = bd.arena().width() * bd.arena().height();
            if (cells > MAX_CELLS) {
                throw new IllegalArgumentException(what + " board " + i + " has a " + bd.arena().width() + "x" + bd.arena().height()
                        + " arena; the OpenCL kernel supports at most " + MAX_CELLS + " cells (use --backend java)");
            }
            byte[] board = bd.toBytes();
            Demonstration d = demos.get(i);
            enc[i] = java.util.Arrays.copyOf(board, board.length + Demonstration.ENCODED_SIZE);
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
        return new Bank(key, all, offsets);
    }

    /** Hatches beasts on the device (Hatchery.hatch's twin). */
    public synchronized List<BeastState> hatch(long[] seeds) {
        int n = seeds.length;
        ByteBuffer seedBuf = ClProgram.alloc(8L * n);
        ByteBuffer stBuf = ClProgram.alloc(4L * BEAST_INTS * n);
        ClProgram.Mem mSeeds = null, mStates = null;
        try {
            for (int i = 0; i < n; i++) seedBuf.putLong(8 * i, seeds[i]);
            seedBuf.position(0).limit(8 * n);
            mSeeds = program.input(seedBuf);
            mStates = program.output(4L * BEAST_INTS * n);
            program.run("cb_hatch", n, mSeeds, mStates, n);
            program.read(mStates, stBuf);
            List<BeastState> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                BeastState s = new BeastState();
                getState(stBuf, b, s);
                out.add(s);
            }
            return out;
        } finally {
            ClProgram.release(mSeeds, mStates);
            ClProgram.free(seedBuf);
            ClProgram.free(stBuf);
        }
    }

    /** State hashes computed on the device (BeastState.hash's twin). */
    public synchronized List<byte[]> stateHashes(List<BeastState> states) {
        int n = states.size();
        ByteBuffer stBuf = ClProgram.alloc(4L * BEAST_INTS * n);
        ByteBuffer hBuf = ClProgram.alloc(32L * n);
        ClProgram.Mem mStates = null, mHashes = null;
        try {
            for (int b = 0; b < n; b++) putState(stBuf, b, states.get(b));
            stBuf.position(0).limit(4 * BEAST_INTS * n);
            mStates = program.input(stBuf);
            mHashes = program.output(32L * n);
            program.run("cb_state_hash", n, mStates, mHashes, n);
            program.read(mHashes, hBuf);
            List<byte[]> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                byte[] h = new byte[32];
                hBuf.get(32 * b, h);
                out.add(h);
            }
            return out;
        } finally {
            ClProgram.release(mStates, mHashes);
            ClProgram.free(stBuf);
            ClProgram.free(hBuf);
        }
    }

    @Override
    public synchronized void close() {
        program.close();
        dev.close();
    }
}
