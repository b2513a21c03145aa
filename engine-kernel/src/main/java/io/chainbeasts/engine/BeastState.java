package io.chainbeasts.engine;

import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Keccak256;

import java.util.Arrays;

/**
 * Everything the next micro-step reads about a beast: its weights and the scalars that drive
 * sampling, schedule and ENERGY. Mutable (the kernel updates it in place); {@link #copy()} for
 * snapshots.
 *
 * <p>Canonical encoding (SPEC.md "Beast state"), all big-endian:
 * <pre>
 *  "CBST"  u8 version=2  u8 N_IN  u8 HIDDEN  u8 N_OUT
 *  u64 seedCore  u32 globalStep  u32 activeMask  u8 lrShift  u64 energyTotal  i64 prevWindowLoss
 *  i32 w1[HIDDEN][N_IN]  i32 b1[HIDDEN]  i32 w2[N_OUT][HIDDEN]  i32 b2[N_OUT]
 * </pre>
 * The state hash is its Keccak-256.
 */
public final class BeastState {
    public static final byte[] MAGIC = {'C', 'B', 'S', 'T'};
    /** 2: kernel v2 (200 inputs, 7 outputs). */
    public static final int VERSION = 2;
    public static final int HEADER_SIZE = 4 + 1 + 3 + 8 + 4 + 4 + 1 + 8 + 8;
    public static final int ENCODED_SIZE = HEADER_SIZE
            + 4 * (NetShape.HIDDEN * NetShape.N_IN + NetShape.HIDDEN + NetShape.N_OUT * NetShape.HIDDEN + NetShape.N_OUT);

    public long seedCore;
    /** Micro-steps done since hatch (unsigned 32-bit, wraps). */
    public int globalStep;
    public int activeMask;
    public int lrShift;
    public long energyTotal;
    public long prevWindowLoss;
    public final int[] w1 = new int[NetShape.HIDDEN * NetShape.N_IN];
    public final int[] b1 = new int[NetShape.HIDDEN];
    public final int[] w2 = new int[NetShape.N_OUT * NetShape.HIDDEN];
    public final int[] b2 = new int[NetShape.N_OUT];

    public BeastState copy() {
        BeastState c = new BeastState();
        c.seedCore = seedCore;
        c.globalStep = globalStep;
        c.activeMask = activeMask;
        c.lrShift = lrShift;
        c.energyTotal = energyTotal;
        c.prevWindowLoss = prevWindowLoss;
        System.arraycopy(w1, 0, c.w1, 0, w1.length);
        System.arraycopy(b1, 0, c.b1, 0, b1.length);
        System.arraycopy(w2, 0, c.w2, 0, w2.length);
        System.arraycopy(b2, 0, c.b2, 0, b2.length);
        return c;
    }

    public byte[] toBytes() {
        CanonicalWriter w = new CanonicalWriter(ENCODED_SIZE);
        w.bytes(MAGIC).u8(VERSION).u8(NetShape.N_IN).u8(NetShape.HIDDEN).u8(NetShape.N_OUT);
        w.i64(seedCore).i32(globalStep).i32(activeMask).u8(lrShift).i64(energyTotal).i64(prevWindowLoss);
        w.i32s(w1).i32s(b1).i32s(w2).i32s(b2);
        assert w.length() == ENCODED_SIZE;
        return w.toByteArray();
    }

    public byte[] hash() {
        return Keccak256.hash(toBytes());
    }

    /** Decodes a state; rejects bad magic, version, shape, ranges and length, naming the field. */
    public static BeastState decode(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DecodeException("not a beast state (bad magic)");
        int version = r.u8("version");
        if (version != VERSION) throw new DecodeException("beast state version " + version + " is not supported");
        int nIn = r.u8("nIn");
        int hidden = r.u8("hidden");
        int nOut = r.u8("nOut");
        if (nIn != NetShape.N_IN || hidden != NetShape.HIDDEN || nOut != NetShape.N_OUT) {
            throw new DecodeException("beast state shape " + nIn + "x" + hidden + "x" + nOut + " differs from the net's "
                    + NetShape.N_IN + "x" + NetShape.HIDDEN + "x" + NetShape.N_OUT);
        }
        BeastState s = new BeastState();
        s.seedCore = r.i64("seedCore");
        s.globalStep = r.i32("globalStep");
        s.activeMask = r.i32("activeMask");
        if ((s.activeMask & ~NetShape.ALL_SLOTS_MASK) != 0) {
            throw new DecodeException("field 'activeMask' = 0x" + Integer.toHexString(s.activeMask) + " has bits beyond slot " + (NetShape.SLOTS - 1));
        }
        s.lrShift = r.u8("lrShift");
        if (s.lrShift > 31) throw new DecodeException("field 'lrShift' = " + s.lrShift + " is outside 0..31");
        s.energyTotal = r.i64("energyTotal");
        s.prevWindowLoss = r.i64("prevWindowLoss");
        for (int i = 0; i < s.w1.length; i++) s.w1[i] = r.i32("w1");
        for (int i = 0; i < s.b1.length; i++) s.b1[i] = r.i32("b1");
        for (int i = 0; i < s.w2.length; i++) s.w2[i] = r.i32("w2");
        for (int i = 0; i < s.b2.length; i++) s.b2[i] = r.i32("b2");
        r.end("beast state");
        return s;
    }
}
