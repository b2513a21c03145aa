package io.chainbeasts.engine;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.AtomicFile;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.Labels;
import io.chainbeasts.curriculum.RealBattlePool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code spec/vectors/engine/microsteps.json} (run once, review, freeze): the edge cases of issue 12 item 5 as
 * single micro-steps of the Java kernel. Run: {@code mvn -pl engine-kernel -am test-compile}, then this class's main on
 * engine-kernel's test classpath ({@code target/test-classes}, {@code target/classes} and
 * {@code mvn dependency:build-classpath -Dmdep.includeScope=test}). A case other than "self-play-exhausted" moves its
 * globalStep on by 8 (same source) until its board trains a head.
 */
public final class MicroStepVectorGenerator {
    private MicroStepVectorGenerator() {}

    static final int MAX = Integer.MAX_VALUE;
    static final int MIN = Integer.MIN_VALUE;
    static final String[] SPLIT = {"....#....", "....#....", "....#....", "....#....", "....#....", "....#....", "....#....", "....#....", "....#...."};
    static final String[] OPEN = {".........", ".........", "..~......", ".........", ".........", ".........", "......#..", ".........", "........."};

    /** A one-board pool: the board every real-battle step of the case draws. */
    static List<Object> pool(Board... boards) {
        List<Object> out = new ArrayList<>();
        for (Board b : boards) out.add(Hex.of(b.toBytes()));
        return out;
    }

    static final Board UNREACHABLE = MicroStepVectors.board(SPLIT, new Fighter(1, 1, 40, 7, 12, 5, 0, 0), new Fighter(7, 7, 30, 9, 14, 20, 32, 1), 12);
    static final Board ATTACK_ZERO = MicroStepVectors.board(OPEN, new Fighter(3, 3, 20, 5, 0, 0, 0, 2), new Fighter(4, 3, 25, 6, 0, 10, 64, 3), 35);

    static Map<String, Object> ctx(int[] lr, int stepsPerEpoch, int growthSlot, long seed) {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Object> l = new ArrayList<>();
        for (int v : lr) l.add((long) v);
        c.put("stepsPerEpoch", (long) stepsPerEpoch);
        c.put("lrShiftByEpoch", l);
        c.put("powerEpoch", 1L);
        c.put("blockEpoch", 2L);
        c.put("baseStepCost", 1_000L);
        c.put("growthSlotCost", 64_000L);
        c.put("epochSeed", Hex.of(Keccak256.hash(("epoch-" + seed).getBytes(StandardCharsets.UTF_8))));
        c.put("checkpointRoot", Hex.of(Keccak256.hash(("root-" + seed).getBytes(StandardCharsets.UTF_8))));
        c.put("growthSlot", (long) growthSlot);
        return c;
    }

    static final int[] DEFAULT_LR = {3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8};

    static Map<String, Object> pre(long hatch, long globalStep, Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hatch", hatch);
        p.put("globalStep", globalStep);
        for (int i = 0; i < more.length; i += 2) p.put((String) more[i], more[i + 1]);
        return p;
    }

    static List<Object> fills(Object[]... f) {
        List<Object> out = new ArrayList<>();
        for (Object[] e : f) out.add(List.of(e));
        return out;
    }

    static Map<String, Object> valid(String name, String note, Map<String, Object> pre, Map<String, Object> context, List<Object> poolBoards,
                                     int k, long loss, long energy) {
        RealBattlePool pool = MicroStepVectors.pool(poolBoards);
        WindowContext ctx = MicroStepVectors.context(context, pool);
        byte[] lineage = k == 0 ? new byte[32] : Keccak256.hash(("lineage-" + name).getBytes(StandardCharsets.UTF_8));
        BeastState s;
        MicroStepVectors.Result r;
        while (true) { // a step of the same source whose board trains a head (the first unlabeled case keeps its board)
            s = MicroStepVectors.materialize(pre);
            r = MicroStepVectors.runJava(s, ctx, pool, k, lineage, loss, energy);
            if (r.label().hasMove() || r.label().hasPower() || name.equals("self-play-exhausted")) break;
            pre.put("globalStep", (Long) pre.get("globalStep") + 8);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("note", note);
        v.put("pre", pre);
        v.put("preStateHash", Hex.of(s.hash()));
        v.put("context", context);
        v.put("contextBytes", Hex.of(ctx.toBytes()));
        v.put("pool", poolBoards);
        v.put("k", (long) k);
        v.put("lineage", Hex.of(lineage));
        v.put("loss", loss);
        v.put("energy", energy);
        v.put("expected", MicroStepVectors.expected(s, r));
        System.out.println(name + ": source " + r.source() + " label " + r.label() + " losses " + r.losses());
        return v;
    }

    /** What a private case's drawn record must carry. */
    enum Drawn { LEGAL_DEMONSTRATION, ILLEGAL_DEMONSTRATION, NO_DEMONSTRATION, NOT_PRIVATE }

    /**
     * A step of a private window (its dataset's records and S_owner in the vector): globalStep moves on by 8 (same source)
     * until the step trains a head and, on a private step, its drawn record carries what {@code drawn} asks for.
     */
    static Map<String, Object> privateValid(String name, String note, Map<String, Object> pre, Map<String, Object> context, List<Object> poolBoards,
                                            InMemoryDataset dataset, byte[] secret, Drawn drawn) {
        RealBattlePool pool = MicroStepVectors.pool(poolBoards);
        WindowContext ctx = MicroStepVectors.context(context, pool, dataset);
        WindowInputs in = MicroStepVectors.inputs(ctx, pool, dataset, secret);
        byte[] lineage = new byte[32];
        BeastState s;
        MicroStepVectors.Result r;
        while (true) {
            s = MicroStepVectors.materialize(pre);
            r = MicroStepVectors.runJava(s, in, dataset, secret, 0, lineage, 0, 0);
            boolean ok = r.label().hasMove() || r.label().hasPower();
            if (r.source() == io.chainbeasts.curriculum.SampleSource.PRIVATE) {
                int i = Sampler.privateIndex(s, in);
                Demonstration d = dataset.demonstration(i);
                boolean legal = Labels.isLegal(d, dataset.get(i), ctx.season());
                ok &= switch (drawn) {
                    case LEGAL_DEMONSTRATION -> legal;
                    case ILLEGAL_DEMONSTRATION -> d.present() && !legal;
                    case NO_DEMONSTRATION -> !d.present();
                    case NOT_PRIVATE -> false;
                };
            } else {
                ok &= drawn == Drawn.NOT_PRIVATE;
            }
            if (ok) break;
            pre.put("globalStep", (Long) pre.get("globalStep") + 8);
        }
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) records.add(Hex.of(MicroStepVectors.record(dataset, i)));
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("records", records);
        ds.put("secret", Hex.of(secret));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("note", note);
        v.put("pre", pre);
        v.put("preStateHash", Hex.of(s.hash()));
        v.put("context", context);
        v.put("contextBytes", Hex.of(ctx.toBytes()));
        v.put("pool", poolBoards);
        v.put("dataset", ds);
        v.put("k", 0L);
        v.put("lineage", Hex.of(lineage));
        v.put("loss", 0L);
        v.put("energy", 0L);
        v.put("expected", MicroStepVectors.expected(s, r));
        System.out.println(name + ": source " + r.source() + " label " + r.label() + " losses " + r.losses() + " witness " + r.witness().length + " B");
        return v;
    }

    static Map<String, Object> invalid(String name, String base, Map<String, Object> mutate, String error) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("base", base);
        v.put("mutate", mutate);
        v.put("error", error);
        return v;
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    public static void main(String[] args) throws Exception {
        List<Object> pool = pool(UNREACHABLE);
        int[] all0 = new int[16];
        int[] all31 = new int[16];
        java.util.Arrays.fill(all31, 31);
        long epoch2 = 2 * 1024;
        List<Object> valid = new ArrayList<>();
        valid.add(valid("self-play-exhausted", "a hatch state's first micro-step: self-play (arena generation, placement, turns of the net vs greedy/random) ending on a board with nothing to choose: no head trains",
                pre(1, 0), ctx(DEFAULT_LR, 1024, 255, 1), pool, 0, 0, 0));
        valid.add(valid("self-play-hatch", "a hatch state's first labelled self-play step (epoch 0: the move head only)",
                pre(1, 1), ctx(DEFAULT_LR, 1024, 255, 1), pool, 0, 0, 0));
        valid.add(valid("self-play-all-heads", "self-play in epoch 2: the move, attack and block heads all train",
                pre(0x22, epoch2 + 5), ctx(DEFAULT_LR, 1024, 255, 2), pool, 0, 0, 0));
        valid.add(valid("template", "the epoch's template arena (TemplateRom), creatures placed from the step stream",
                pre(0x33, epoch2 + 3), ctx(DEFAULT_LR, 1024, 255, 3), pool, 0, 0, 0));
        valid.add(valid("real-battle-unreachable", "a real-battle board whose enemy is cut off by a wall: no path inputs, teacher distance 64",
                pre(0x44, epoch2 + 7), ctx(DEFAULT_LR, 1024, 255, 4), pool, 0, 0, 0));
        valid.add(valid("real-battle-attack-zero", "both creatures have attack 0: no attack is legal, damage inputs 0",
                pre(0x55, epoch2 + 7), ctx(DEFAULT_LR, 1024, 255, 5), pool(ATTACK_ZERO), 0, 0, 0));
        valid.add(valid("saturated-weights-wrap", "w1, b1, w2 at +MAX: hidden units saturate and each output's int64 sum of w2*h wraps (as Java's long does)",
                pre(0x66, epoch2 + 1, "fill", fills(new Object[] {"w1", 0L, 12800L, (long) MAX}, new Object[] {"b1", 0L, 64L, (long) MAX},
                        new Object[] {"w2", 0L, 448L, (long) MAX})), ctx(DEFAULT_LR, 1024, 255, 6), pool, 0, 0, 0));
        valid.add(valid("saturated-weights-negative", "w2 at MIN and b2 at MAX: outputs wrap the other way, updates saturate at the int32 bounds",
                pre(0x67, epoch2 + 2, "fill", fills(new Object[] {"w1", 0L, 12800L, (long) MAX}, new Object[] {"w2", 0L, 448L, (long) MIN},
                        new Object[] {"b2", 0L, 7L, (long) MAX})), ctx(DEFAULT_LR, 1024, 255, 7), pool, 0, 0, 0));
        valid.add(valid("lrShift-0", "learning rate 1 (lrShift 0: roundShift by 0 is the identity)",
                pre(0x77, epoch2 + 4), ctx(all0, 1024, 255, 8), pool, 0, 0, 0));
        valid.add(valid("lrShift-31", "learning rate 2^-31 (lrShift 31: shifts of 47)",
                pre(0x78, epoch2 + 6), ctx(all31, 1024, 255, 9), pool, 0, 0, 0));
        valid.add(valid("sigmoid-plus-minus-16-negln-cap", "attack logit at MIN (sigmoid clamps at -16: 0) and block logit at +MAX (+16: 65536); the labels against them (attack 1, block 0) hit the -ln cap 16.0",
                pre(0x88, epoch2 + 0, "fill", fills(new Object[] {"w2", 5L * 64, 7L * 64, 0L}, new Object[] {"b2", 5L, 6L, (long) MIN},
                        new Object[] {"b2", 6L, 7L, (long) MAX})), ctx(DEFAULT_LR, 1024, 255, 10), pool, 0, 0, 0));
        valid.add(valid("globalStep-wrap", "globalStep 0xFFFFFFFF: a real-battle step (k & 7 = 7) whose globalStep wraps to 0; the epoch is past the schedule",
                pre(0x99, 0xFFFFFFFFL), ctx(DEFAULT_LR, 1024, 255, 11), pool, 0, 0, 0));
        valid.add(valid("energy-wrap", "energyTotal and the window's running ENERGY and loss at the int64 top: all wrap as Java's long",
                pre(0xAA, epoch2 + 5, "energyTotal", Long.MAX_VALUE - 10, "prevWindowLoss", Long.MIN_VALUE), ctx(DEFAULT_LR, 1024, 255, 12), pool,
                5, Long.MAX_VALUE - 3, Long.MAX_VALUE - 20));
        valid.add(valid("growth-step", "micro-step 64 of a window that wakes slot 5: the mask, growthSlotCost and the step's ENERGY at 5 slots",
                pre(0xBB, 64, "activeMask", 0x1FL), ctx(DEFAULT_LR, 1024, 5, 13), pool, 64, 123_456, 64_000));
        valid.add(valid("lrShift-0-saturated", "lrShift 0 with saturated weights: every update saturates",
                pre(0xCC, epoch2 + 1, "fill", fills(new Object[] {"w1", 0L, 12800L, (long) MIN}, new Object[] {"b1", 0L, 64L, (long) MAX},
                        new Object[] {"w2", 0L, 448L, (long) MAX})), ctx(all0, 1024, 255, 14), pool, 0, 0, 0));
        // private windows: a coached dataset of 24 boards (legal and illegal demonstrations, boards without one)
        List<Board> boards = new ArrayList<>();
        RealBattlePool defaultPool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        for (int i = 0; i < 24; i++) boards.add(defaultPool.get(i * 11));
        InMemoryDataset coached = PrivateDatasets.coached(boards, SeasonConstants.DEFAULT);
        byte[] secret = Keccak256.hash("S_owner of the vectors".getBytes(StandardCharsets.UTF_8));
        valid.add(privateValid("private-demonstration", "a private step whose record carries a legal demonstration: its label replaces the teacher's",
                pre(0xD0, epoch2 + 0), ctx(DEFAULT_LR, 1024, 255, 15), pool, coached, secret, Drawn.LEGAL_DEMONSTRATION));
        valid.add(privateValid("private-illegal-demonstration", "a private record whose demonstration is not legal on its board: the teacher labels it",
                pre(0xD1, epoch2 + 2), ctx(DEFAULT_LR, 1024, 255, 16), pool, coached, secret, Drawn.ILLEGAL_DEMONSTRATION));
        valid.add(privateValid("private-board-only", "a private record without a demonstration: the teacher labels it",
                pre(0xD2, epoch2 + 4), ctx(DEFAULT_LR, 1024, 255, 17), pool, coached, secret, Drawn.NO_DEMONSTRATION));
        valid.add(privateValid("private-window-self-play", "a self-play step of a private window: the witness is S_owner || R_dataset only",
                pre(0xD3, epoch2 + 1), ctx(DEFAULT_LR, 1024, 255, 18), pool, coached, secret, Drawn.NOT_PRIVATE));
        valid.add(privateValid("private-window-real-battle", "a real-battle step of a private window: S_owner || R_dataset, then the pool witness",
                pre(0xD4, epoch2 + 7), ctx(DEFAULT_LR, 1024, 255, 19), pool, coached, secret, Drawn.NOT_PRIVATE));
        List<Object> invalid = new ArrayList<>();
        invalid.add(invalid("step-128", "self-play-exhausted", m("k", 128L), "StepOutOfRange"));
        invalid.add(invalid("state-truncated", "self-play-exhausted", m("stateLength", 53_316L), "StateLength"));
        invalid.add(invalid("state-trailing-byte", "self-play-exhausted", m("stateLength", 53_318L), "StateLength"));
        invalid.add(invalid("state-bad-magic", "self-play-exhausted", m("stateByte", List.of(0L, 0x58L)), "StateMagic"));
        invalid.add(invalid("state-version-1", "self-play-exhausted", m("stateByte", List.of(4L, 1L)), "StateVersion"));
        invalid.add(invalid("state-shape", "self-play-exhausted", m("stateByte", List.of(5L, 199L)), "StateShape"));
        invalid.add(invalid("state-active-mask-bit-8", "self-play-exhausted", m("stateByte", List.of(22L, 1L)), "StateActiveMask"));
        invalid.add(invalid("state-lrShift-32", "self-play-exhausted", m("stateByte", List.of(24L, 32L)), "StateLrShift"));
        invalid.add(invalid("context-truncated", "self-play-exhausted", m("contextLength", 213L), "ContextLength"));
        invalid.add(invalid("context-bad-magic", "self-play-exhausted", m("contextByte", List.of(3L, 0x58L)), "ContextMagic"));
        invalid.add(invalid("context-version-1", "self-play-exhausted", m("contextByte", List.of(4L, 1L)), "ContextVersion"));
        invalid.add(invalid("season-maxHp-0", "self-play-exhausted", m("contextByte", List.of(5L + 2 * 4 + 1, 0L)), "SeasonConstantOutOfRange"));
        invalid.add(invalid("training-stepsPerEpoch-1124", "self-play-exhausted", m("contextByte", List.of(50L, 100L)), "TrainingConstantOutOfRange"));
        invalid.add(invalid("training-lrShift-32", "self-play-exhausted", m("contextByte", List.of(51L, 32L)), "TrainingConstantOutOfRange"));
        invalid.add(invalid("growth-slot-9", "self-play-exhausted", m("contextByte", List.of(213L, 9L)), "GrowthSlotInvalid"));
        invalid.add(invalid("growth-slot-already-live", "growth-step", m("contextByte", List.of(213L, 2L)), "GrowthSlotAlreadyLive"));
        invalid.add(invalid("private-step-without-witness", "self-play-exhausted", m("contextByte", List.of(149L, 1L)), "WitnessMalformed"));
        invalid.add(invalid("witness-on-self-play", "self-play-exhausted", m("witness", "00"), "UnexpectedWitness"));
        invalid.add(invalid("real-witness-missing", "real-battle-unreachable", m("witness", ""), "WitnessMalformed"));
        // the witness: u32 count || u32 index || u16 len || board || u8 depth || siblings (a one-board pool: depth 0)
        invalid.add(invalid("real-witness-wrong-board", "real-battle-unreachable", m("witnessXor", List.of(10L + 40, 2L)), "PoolCommitmentMismatch"));
        invalid.add(invalid("real-witness-wrong-index", "real-battle-unreachable", m("witnessXor", List.of(7L, 1L)), "PoolBoardMismatch"));
        // the private witness: S_owner (0..31) || R_dataset (32..63) || u32 count (64) || u32 index (68) || u16 len (72) ||
        // record (74.., 106 B on 9x9) || u8 depth (180) || siblings
        invalid.add(invalid("private-witness-truncated", "private-demonstration", m("witness", Hex.of(Arrays.copyOf(secret, 32))), "WitnessMalformed"));
        invalid.add(invalid("private-wrong-secret", "private-demonstration", m("witnessXor", List.of(0L, 1L)), "PrivateIndexMismatch"));
        invalid.add(invalid("private-wrong-index", "private-demonstration", m("witnessXor", List.of(71L, 1L)), "PrivateIndexMismatch"));
        invalid.add(invalid("private-wrong-root", "private-demonstration", m("witnessXor", List.of(40L, 1L)), "RecordPathMismatch"));
        invalid.add(invalid("private-record-edited", "private-demonstration", m("witnessXor", List.of(74L + 50, 1L)), "RecordPathMismatch"));
        invalid.add(invalid("private-path-edited", "private-demonstration", m("witnessXor", List.of(181L + 3, 1L)), "RecordPathMismatch"));
        invalid.add(invalid("private-path-depth", "private-demonstration", m("witnessXor", List.of(180L, 1L)), "RecordPathDepth"));
        invalid.add(invalid("private-trailing-byte", "private-demonstration", m("witnessAppend", "00"), "WitnessMalformed"));
        invalid.add(invalid("private-window-no-prefix", "private-window-self-play", m("witness", ""), "WitnessMalformed"));
        invalid.add(invalid("private-window-witness-on-self-play", "private-window-self-play", m("witnessAppend", "00"), "UnexpectedWitness"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("description", "Micro-step vectors of kernel v2 (issue 12 item 5): Window.run's iteration k and the step digests of docs dk.md. "
                + "Generated by engine-kernel's MicroStepVectorGenerator; read by MicroStepVectorsTest (Java), MicroStepVectorsOnChainTest "
                + "(Solidity, contracts) and OpenClMicroStepVectorsTest (OpenCL, the k = 0 cases).");
        root.put("valid", valid);
        root.put("invalid", invalid);
        AtomicFile.write(Vectors.path(MicroStepVectors.FILE), (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + valid.size() + " valid and " + invalid.size() + " invalid micro-step vectors");
    }
}
