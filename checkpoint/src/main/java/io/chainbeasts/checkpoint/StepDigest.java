package io.chainbeasts.checkpoint;

import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

/**
 * The step digest D_k of a window, version 2 (spec/verification.md "Step digests", notes of the dispute game):
 * <pre>
 *  D_k = keccak256("CBD2" || u8 k || stateHash_k || lineage_k || i64 loss_k || i64 energy_k || contextHash)
 * </pre>
 * for k = 0..128: the full Keccak-256 of the canonical state after k micro-steps (k = 0: the window's pre-state),
 * the window's running lineage (L_0 = 32 zero bytes), loss (sum of the steps' total losses) and ENERGY (growthSlotCost
 * included: the growth spurt belongs to the transition from k = 64 to 65), and the window context's hash. A real
 * commitment: every byte of the state and every running value the window-end check reads is bound by Keccak, so the
 * dispute game (contracts/src/DisputeManager.sol) can re-execute one micro-step on chain from the claimed D_k.
 *
 * <p>Training does not pay for it: the digests are computed on demand by {@link #replay}, which re-runs the window
 * on the Java reference (a window plus 129 full-state Keccaks: a fraction of a second) when a dispute or a verifier
 * asks for them.
 */
public final class StepDigest {
    private StepDigest() {}

    public static final int SIZE = 32;
    public static final int VERSION = 2;
    private static final byte[] MAGIC = {'C', 'B', 'D', '2'};

    /** D_k from its parts. */
    public static byte[] of(int k, byte[] stateHash, byte[] lineage, long loss, long energy, byte[] contextHash) {
        if (k < 0 || k > Window.STEPS) throw new IllegalArgumentException("step digest index " + k + " is outside 0.." + Window.STEPS);
        return new CanonicalWriter(4 + 1 + 32 + 32 + 8 + 8 + 32).bytes(MAGIC).u8(k).bytes32(stateHash).bytes32(lineage)
                .i64(loss).i64(energy).bytes32(contextHash).keccak();
    }

    /**
     * The state and running values after k micro-steps of a window: what the one-step proof of step k takes (its
     * witness comes from this state, {@link #witness}); and the source and board micro-step k-1 drew to get here (-1 and
     * null at k = 0).
     */
    public record Point(int k, byte[] state, byte[] lineage, long loss, long energy, byte[] digest, int source, io.chainbeasts.combat.Board drawn) {}

    /**
     * The witness the one-step verifier needs to re-execute public micro-step k from {@code preState} (the canonical
     * state of point k) (spec/contracts.md): for a real-battle step the drawn board with its Merkle path under the
     * context's R_pool ({@link io.chainbeasts.curriculum.RealBattlePool#witness}); nothing for the sources it
     * recomputes from state and context alone.
     */
    public static byte[] witness(byte[] preState, io.chainbeasts.curriculum.RealBattlePool pool) {
        BeastState s = BeastState.decode(preState);
        if (io.chainbeasts.curriculum.SampleSource.forStep(s.globalStep & 0xFFFF_FFFFL, false) != io.chainbeasts.curriculum.SampleSource.REAL_BATTLE) {
            return new byte[0];
        }
        return pool.witness(io.chainbeasts.engine.Sampler.realBattleIndex(s.seedCore, s.globalStep, pool.size()));
    }

    /** Receives every point of a replay, k = 0..128, in order. */
    @FunctionalInterface
    public interface PointSink {
        void accept(Point p);
    }

    /** D_0..D_128 of the window that runs from {@code pre} (not modified) under {@code in}: 129 digests, D_0 first. */
    public static byte[][] replay(BeastState pre, WindowInputs in) {
        byte[][] out = new byte[Window.STEPS + 1][];
        replay(pre, in, false, p -> out[p.k()] = p.digest());
        return out;
    }

    /**
     * Replays the window from a copy of {@code pre} and hands every point to {@code sink}; with {@code withState}
     * each point carries the canonical state bytes (what a one-step proof sends), else null.
     */
    public static void replay(BeastState pre, WindowInputs in, boolean withState, PointSink sink) {
        replay(pre, in, withState, null, sink);
    }

    /**
     * A change made to the live state right after micro-step k-1, before point k is taken (k = 1..128): how a
     * deliberately wrong trace is made (forced errors, spec/contracts.md). The window then trains on from the changed
     * state, so every later transition is a true one: only the transition D_k-1 -> D_k (micro-step k-1) is false.
     */
    @FunctionalInterface
    public interface Fault {
        void apply(int k, BeastState live);
    }

    /**
     * As {@link #replay(BeastState, WindowInputs, boolean, PointSink)}, with {@code fault} (null: none) applied after
     * every micro-step; returns the window's result (from the faulted trace when there is a fault).
     */
    public static io.chainbeasts.engine.WindowResult replay(BeastState pre, WindowInputs in, boolean withState, Fault fault, PointSink sink) {
        BeastState s = pre.copy();
        WindowContext ctx = in.context();
        byte[] contextHash = ctx.hash();
        long growth = ctx.growthSlot() == WindowContext.NO_GROWTH ? 0 : ctx.training().growthSlotCost();
        byte[] s0 = s.toBytes();
        byte[] zero = new byte[32];
        sink.accept(new Point(0, withState ? s0 : null, zero, 0, 0, of(0, Keccak256.hash(s0), zero, 0, 0, contextHash), -1, null));
        byte[][] lineage = {zero};
        long[] run = {0, 0, 0}; // k, loss, energy
        return Window.run(s, in, new MicroStep.Scratch(), rec -> {
            int i = (int) run[0]++;
            if (fault != null) fault.apply(i + 1, s);
            run[1] += rec.losses().total();
            run[2] += rec.energy() + (i == Window.GROWTH_STEP ? growth : 0);
            lineage[0] = new Keccak256().update(lineage[0]).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
            int k = i + 1;
            byte[] bytes = s.toBytes();
            sink.accept(new Point(k, withState ? bytes : null, lineage[0], run[1], run[2],
                    of(k, Keccak256.hash(bytes), lineage[0], run[1], run[2], contextHash), rec.source(), rec.board()));
        });
    }
}
