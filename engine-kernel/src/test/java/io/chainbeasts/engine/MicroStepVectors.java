package io.chainbeasts.engine;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Fighter;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.core.RecordsMerkle;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.InMemoryDataset;
import io.chainbeasts.curriculum.Label;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.SampleDataset;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.curriculum.TrainingConstants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The micro-step vectors ({@code spec/vectors/engine/microsteps.json}, issue 12 item 5): one iteration k of
 * Window.run (the growth spurt at step 64, MicroStep.run, the running lineage, loss and ENERGY) and the step digests
 * D_k, D_{k+1} of docs dk.md, read by the Java ({@code MicroStepVectorsTest}), Solidity (contracts'
 * {@code MicroStepVectorsOnChainTest}) and OpenCL ({@code OpenClMicroStepVectorsTest}, the k = 0 cases) tests.
 * A pre-state is a recipe (hatch, header fields, int32 fills of weight ranges) with its hash; a post-state is the
 * pre-state plus a byte diff, with its hash. The real-battle pool of a case is listed board by board; a real-battle
 * step's witness is the drawn board with its path under R_pool ({@link RealBattlePool#witness}). A private case also
 * lists its dataset (records: Board v2 || kind || dir || outcome, and S_owner); its window commits the dataset, and
 * every step's witness starts with {@code S_owner || R_dataset}, followed by the drawn record's opening on a private
 * step (spec/datasets.md 6a).
 */
public final class MicroStepVectors {
    private MicroStepVectors() {}

    public static final String FILE = "engine/microsteps.json";

    /** One valid case as the readers need it. */
    public record Case(String name, BeastState pre, WindowContext context, RealBattlePool pool, InMemoryDataset dataset, byte[] secret,
                       int k, byte[] lineage, long loss, long energy, Map<String, Object> expected) {
        /** The window's inputs: public, or with the case's dataset and fold(S_owner). */
        public WindowInputs inputs() {
            return MicroStepVectors.inputs(context, pool, dataset, secret);
        }

        /** The witness the one-step verifier needs for this case's step. */
        public byte[] witness() {
            return MicroStepVectors.witness(pre, inputs(), dataset, secret, (int) num("source"));
        }

        public byte[] preBytes() {
            return pre.toBytes();
        }

        /** The expected post-state bytes: the pre-state with the vector's diff applied. */
        public byte[] postBytes() {
            byte[] post = preBytes();
            for (Object o : Json.arr(expected.get("postDiff"), "postDiff")) {
                List<Object> d = Json.arr(o, "postDiff entry");
                byte[] v = Hex.parse((String) d.get(1));
                System.arraycopy(v, 0, post, ((Long) d.get(0)).intValue(), v.length);
            }
            return post;
        }

        public String hex(String field) {
            return Json.str(expected, field);
        }

        public long num(String field) {
            return Json.num(expected, field);
        }
    }

    /** One invalid case: a valid case's inputs mutated, and the custom error the verifier must revert with. */
    public record Invalid(String name, String base, Map<String, Object> mutate, String error) {}

    /** What one step of Java produced (the readers compare against it). */
    public record Result(byte[] post, byte[] lineage, long loss, long energy, int source, Board board, Label label, Net.Losses losses,
                         byte[] preDigest, byte[] postDigest, byte[] witness) {}

    /** D_k of docs dk.md: keccak256("CBD2" || u8 k || stateHash || lineage || i64 loss || i64 energy || contextHash). */
    public static byte[] digest(int k, byte[] stateHash, byte[] lineage, long loss, long energy, byte[] contextHash) {
        return new CanonicalWriter(117).bytes(new byte[] {'C', 'B', 'D', '2'}).u8(k).bytes32(stateHash).bytes32(lineage).i64(loss)
                .i64(energy).bytes32(contextHash).keccak();
    }

    static WindowInputs inputs(WindowContext ctx, RealBattlePool pool, InMemoryDataset dataset, byte[] secret) {
        return dataset == null ? WindowInputs.publicWindow(ctx, pool) : new WindowInputs(ctx, pool, dataset, PrivateSampling.fold(secret));
    }

    /** The record a leaf of R_dataset commits to: Board v2 || kind || dir || outcome. */
    public static byte[] record(SampleDataset d, int i) {
        Demonstration x = d.demonstration(i);
        byte[] b = d.get(i).toBytes();
        return new CanonicalWriter(b.length + 3).bytes(b).u8(x.kind()).u8(x.dir()).u8(x.outcome()).toByteArray();
    }

    /** R_dataset's tree over a dataset's records. */
    public static RecordsMerkle records(SampleDataset d) {
        List<byte[]> recs = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) recs.add(record(d, i));
        return new RecordsMerkle(RecordsMerkle.DATASET_LEAF, RecordsMerkle.DATASET_ROOT, recs);
    }

    /**
     * The verifier's witness of the step from {@code pre} that drew from {@code source}: public, the
     * real-battle witness or nothing; in a private window S_owner || R_dataset first, and on a private step the drawn
     * record's opening (u32 count || u32 index || u16 len || record || u8 depth || siblings) after it.
     */
    public static byte[] witness(BeastState pre, WindowInputs in, SampleDataset dataset, byte[] secret, int source) {
        byte[] pub = source == SampleSource.REAL_BATTLE
                ? in.pool().witness(Sampler.realBattleIndex(pre.seedCore, pre.globalStep, in.pool().size())) : new byte[0];
        if (dataset == null) return pub;
        RecordsMerkle m = records(dataset);
        CanonicalWriter w = new CanonicalWriter(64 + 1024).bytes(secret).bytes32(m.root());
        if (source != SampleSource.PRIVATE) return w.bytes(pub).toByteArray();
        int i = Sampler.privateIndex(pre, in);
        byte[] rec = record(dataset, i);
        List<byte[]> path = m.path(i);
        w.i32(dataset.size()).i32(i).u16(rec.length).bytes(rec).u8(path.size());
        for (byte[] sib : path) w.bytes32(sib);
        return w.toByteArray();
    }

    /** Window.run's iteration k on a copy of {@code pre}, as the one-step verifier re-executes it. */
    public static Result runJava(BeastState pre, WindowContext ctx, RealBattlePool pool, int k, byte[] lineage, long loss, long energy) {
        return runJava(pre, WindowInputs.publicWindow(ctx, pool), null, null, k, lineage, loss, energy);
    }

    /** As above under {@code in} (a private window's when {@code dataset} is given). */
    public static Result runJava(BeastState pre, WindowInputs in, InMemoryDataset dataset, byte[] secret, int k, byte[] lineage, long loss,
                                 long energy) {
        WindowContext ctx = in.context();
        RealBattlePool pool = in.pool();
        if (k < 0 || k >= Window.STEPS) throw new IllegalArgumentException("step " + k + " is outside 0..127");
        byte[] preDigest = digest(k, pre.hash(), lineage, loss, energy, ctx.hash());
        BeastState s = pre.copy();
        int slot = ctx.growthSlot();
        if (slot != WindowContext.NO_GROWTH && k <= Window.GROWTH_STEP && ((s.activeMask >>> slot) & 1) != 0) {
            throw new IllegalArgumentException("growth slot " + slot + " is already live");
        }
        if (k == Window.GROWTH_STEP && slot != WindowContext.NO_GROWTH) {
            s.activeMask |= 1 << slot;
            energy += ctx.training().growthSlotCost();
            s.energyTotal += ctx.training().growthSlotCost();
        }
        BeastState before = s.copy();
        StepRecord rec = MicroStep.run(s, in, new MicroStep.Scratch());
        long postEnergy = energy + rec.energy();
        long postLoss = loss + rec.losses().total();
        byte[] postLineage = new Keccak256().update(lineage).update(new byte[] {(byte) rec.source()}).update(rec.sampleKey()).digest();
        byte[] postDigest = digest(k + 1, s.hash(), postLineage, postLoss, postEnergy, ctx.hash());
        byte[] witness = witness(before, in, dataset, secret, rec.source());
        return new Result(s.toBytes(), postLineage, postLoss, postEnergy, rec.source(), rec.board(), rec.label(), rec.losses(), preDigest,
                postDigest, witness);
    }

    // ---- recipes ----

    /** hatch(seed), then header fields, then int32 fills {@code [array, from, to, value]} (array: w1, b1, w2, b2). */
    public static BeastState materialize(Map<String, Object> recipe) {
        BeastState s = Hatchery.hatch(Json.num(recipe, "hatch"));
        if (recipe.containsKey("globalStep")) s.globalStep = (int) Json.num(recipe, "globalStep");
        if (recipe.containsKey("activeMask")) s.activeMask = (int) Json.num(recipe, "activeMask");
        if (recipe.containsKey("lrShift")) s.lrShift = (int) Json.num(recipe, "lrShift");
        if (recipe.containsKey("energyTotal")) s.energyTotal = Json.num(recipe, "energyTotal");
        if (recipe.containsKey("prevWindowLoss")) s.prevWindowLoss = Json.num(recipe, "prevWindowLoss");
        if (recipe.containsKey("fill")) {
            for (Object o : Json.arr(recipe.get("fill"), "fill")) {
                List<Object> f = Json.arr(o, "fill entry");
                int[] a = switch ((String) f.get(0)) {
                    case "w1" -> s.w1;
                    case "b1" -> s.b1;
                    case "w2" -> s.w2;
                    case "b2" -> s.b2;
                    default -> throw new IllegalArgumentException("fill: unknown array " + f.get(0));
                };
                Arrays.fill(a, ((Long) f.get(1)).intValue(), ((Long) f.get(2)).intValue(), ((Long) f.get(3)).intValue());
            }
        }
        return s;
    }

    /** A dataset from its records' hex (Board v2 || kind || dir || outcome each). */
    static InMemoryDataset dataset(List<Object> records) {
        List<Board> boards = new ArrayList<>();
        List<Demonstration> demos = new ArrayList<>();
        for (Object o : records) {
            CanonicalReader r = new CanonicalReader(Hex.parse((String) o));
            boards.add(Board.decode(r));
            demos.add(new Demonstration(r.u8("kind"), r.u8("dir"), r.u8("outcome")));
            r.end("record");
        }
        return new InMemoryDataset(boards, demos);
    }

    static RealBattlePool pool(List<Object> boards) {
        List<Board> out = new ArrayList<>();
        for (Object o : boards) out.add(Board.decode(new CanonicalReader(Hex.parse((String) o))));
        return new RealBattlePool(out);
    }

    /** The context of a case: season, training constants, the 32-byte fields and the growth slot (its pool's commitment). */
    static WindowContext context(Map<String, Object> c, RealBattlePool pool) {
        return context(c, pool, null);
    }

    /** As above; a private case's window commits its dataset. */
    static WindowContext context(Map<String, Object> c, RealBattlePool pool, InMemoryDataset dataset) {
        List<Object> lr = Json.arr(c.get("lrShiftByEpoch"), "lrShiftByEpoch");
        int[] sched = new int[lr.size()];
        for (int i = 0; i < sched.length; i++) sched[i] = ((Long) lr.get(i)).intValue();
        TrainingConstants tc = new TrainingConstants(Json.int32(c, "stepsPerEpoch"), sched, Json.int32(c, "powerEpoch"),
                Json.int32(c, "blockEpoch"), Json.num(c, "baseStepCost"), Json.num(c, "growthSlotCost"));
        return new WindowContext(SeasonConstants.DEFAULT, tc, Hex.parse(Json.str(c, "epochSeed")), Hex.parse(Json.str(c, "checkpointRoot")),
                dataset == null ? WindowContext.ZERO32 : dataset.commitment(), pool.commitment(), Json.int32(c, "growthSlot"));
    }

    public static List<Case> cases() {
        Map<String, Object> root = root();
        List<Case> out = new ArrayList<>();
        for (Object o : Json.arr(root.get("valid"), "valid")) {
            Map<String, Object> v = Json.obj(o, "case");
            RealBattlePool pool = pool(Json.arr(v.get("pool"), "pool"));
            InMemoryDataset dataset = null;
            byte[] secret = null;
            if (v.containsKey("dataset")) {
                Map<String, Object> d = Json.obj(v.get("dataset"), "dataset");
                dataset = dataset(Json.arr(d.get("records"), "records"));
                secret = Hex.parse(Json.str(d, "secret"));
            }
            WindowContext ctx = context(Json.obj(v.get("context"), "context"), pool, dataset);
            if (!Hex.of(ctx.toBytes()).equals(Json.str(v, "contextBytes"))) throw new IllegalStateException(v.get("name") + ": context bytes differ");
            BeastState pre = materialize(Json.obj(v.get("pre"), "pre"));
            if (!Hex.of(pre.hash()).equals(Json.str(v, "preStateHash"))) throw new IllegalStateException(v.get("name") + ": pre-state hash differs");
            out.add(new Case(Json.str(v, "name"), pre, ctx, pool, dataset, secret, Json.int32(v, "k"), Hex.parse(Json.str(v, "lineage")),
                    Json.num(v, "loss"), Json.num(v, "energy"), Json.obj(v.get("expected"), "expected")));
        }
        return out;
    }

    public static List<Invalid> invalid() {
        List<Invalid> out = new ArrayList<>();
        for (Object o : Json.arr(root().get("invalid"), "invalid")) {
            Map<String, Object> v = Json.obj(o, "invalid case");
            out.add(new Invalid(Json.str(v, "name"), Json.str(v, "base"), Json.obj(v.get("mutate"), "mutate"), Json.str(v, "error")));
        }
        return out;
    }

    private static Map<String, Object> root() {
        try {
            return Json.obj(Json.parse(Files.readString(Vectors.path(FILE), StandardCharsets.UTF_8)), FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected block of a case from a Java run (what the generator writes). */
    static Map<String, Object> expected(BeastState pre, Result r) {
        byte[] a = pre.toBytes();
        List<Object> diff = new ArrayList<>();
        int i = 0;
        while (i < a.length) {
            if (a[i] == r.post()[i]) { i++; continue; }
            int j = i;
            while (j < a.length && a[j] != r.post()[j]) j++;
            diff.add(List.of((long) i, Hex.of(Arrays.copyOfRange(r.post(), i, j))));
            i = j;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("source", (long) r.source());
        e.put("board", Hex.of(r.board().toBytes()));
        e.put("label", List.of((long) r.label().move(), (long) r.label().power(), (long) r.label().block(), (long) r.label().weightShift()));
        e.put("losses", List.of((long) r.losses().move(), (long) r.losses().power(), (long) r.losses().block()));
        e.put("postStateHash", Hex.of(Keccak256.hash(r.post())));
        e.put("postDiff", diff);
        e.put("postLineage", Hex.of(r.lineage()));
        e.put("postLoss", r.loss());
        e.put("postEnergy", r.energy());
        e.put("preDigest", Hex.of(r.preDigest()));
        e.put("postDigest", Hex.of(r.postDigest()));
        return e;
    }

    /** A 9x9 board for the hand-made pools: {@code rows}, self and enemy. */
    static Board board(String[] rows, Fighter self, Fighter enemy, int turn) {
        return new Board(Arena.parse(rows), self, enemy, turn);
    }
}
