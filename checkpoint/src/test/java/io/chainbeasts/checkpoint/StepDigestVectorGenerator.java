package io.chainbeasts.checkpoint;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates {@code spec/vectors/checkpoint/step-digest-v2.json}: for two real windows (window 0 of the hatch of seed 7,
 * and window 1 with a growth spurt, default constants and pool), the running values and D_k at k = 0, 1, 37, 64, 65,
 * 127, 128, plus the pre-state hash, context bytes and post-state hash. Run {@code main} to rewrite the file;
 * {@link StepDigestTest} fails if the committed file and the replay disagree. Integers are decimal strings, bytes
 * 0x-prefixed hex.
 */
public final class StepDigestVectorGenerator {
    private StepDigestVectorGenerator() {}

    public static final String FILE = "checkpoint/step-digest-v2.json";
    static final Set<Integer> KS = Set.of(0, 1, 37, 64, 65, 127, 128);

    public static void main(String[] args) throws IOException {
        Path out = Vectors.path(FILE);
        Files.writeString(out, Json.pretty(generate()) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** The two windows the vectors describe: their pre-states and inputs. */
    record Case(String name, BeastState pre, WindowInputs in) {}

    static List<Case> cases() {
        RealBattlePool pool = RealBattlePool.defaultPool(SeasonConstants.DEFAULT);
        BeastState s = Hatchery.hatch(7);
        WindowContext c0 = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, new byte[32], WindowContext.ZERO32, pool);
        Case w0 = new Case("seed 7, window 0", s.copy(), WindowInputs.publicWindow(c0, pool));
        byte[] root = Window.run(s, w0.in()).h128();
        WindowContext plan = TrainingPlan.context(s, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, root, WindowContext.ZERO32, pool);
        int slot = Integer.numberOfTrailingZeros(~s.activeMask);
        WindowContext c1 = new WindowContext(plan.season(), plan.training(), plan.epochSeed(), plan.checkpointRoot(),
                plan.datasetCommitment(), plan.realPoolCommitment(), slot);
        return List.of(w0, new Case("seed 7, window 1, growth slot " + slot, s.copy(), WindowInputs.publicWindow(c1, pool)));
    }

    static Map<String, Object> generate() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("definition", "D_k = keccak256(\"CBD2\" || u8 k || stateHash_k || lineage_k || i64 loss_k || i64 energy_k || contextHash)");
        List<Object> windows = new ArrayList<>();
        for (Case c : cases()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", c.name());
            w.put("preStateHash", "0x" + Hex.of(c.pre().hash()));
            w.put("context", "0x" + Hex.of(c.in().context().toBytes()));
            w.put("contextHash", "0x" + Hex.of(c.in().context().hash()));
            List<Object> points = new ArrayList<>();
            StepDigest.replay(c.pre(), c.in(), true, p -> {
                if (!KS.contains(p.k())) return;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("k", String.valueOf(p.k()));
                m.put("stateHash", "0x" + Hex.of(io.chainbeasts.core.Keccak256.hash(p.state())));
                m.put("lineage", "0x" + Hex.of(p.lineage()));
                m.put("loss", String.valueOf(p.loss()));
                m.put("energy", String.valueOf(p.energy()));
                m.put("digest", "0x" + Hex.of(p.digest()));
                points.add(m);
            });
            w.put("points", points);
            BeastState post = c.pre().copy();
            w.put("postStateHash", "0x" + Hex.of(Window.run(post, c.in()).stateHash()));
            windows.add(w);
        }
        root.put("windows", windows);
        return root;
    }
}
