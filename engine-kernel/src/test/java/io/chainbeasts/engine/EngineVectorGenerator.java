package io.chainbeasts.engine;

import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes spec/vectors/engine/{hatch,steps,windows}.json from the Java reference. Re-run only on a
 * deliberate change of the kernel: {@code mvn -q -pl engine-kernel
 * org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.chainbeasts.engine.EngineVectorGenerator}
 */
public final class EngineVectorGenerator {
    public static void main(String[] args) throws Exception {
        List<Object> hatch = new ArrayList<>();
        for (long seed : new long[] {0, 1, 42, 0xDEADBEEFL, -1L}) {
            BeastState s = Hatchery.hatch(seed);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("seedCore", Long.toUnsignedString(seed));
            o.put("stateHash", EngineVectors.hex(s.hash()));
            o.put("w1First4", new int[] {s.w1[0], s.w1[1], s.w1[2], s.w1[3]});
            o.put("w2First4", new int[] {s.w2[0], s.w2[1], s.w2[2], s.w2[3]});
            hatch.add(o);
        }
        write("hatch.json", "Initial beast states: hatch(seedCore) -> Keccak-256 of the canonical state (SPEC.md 'Hatching').", hatch);

        // Single micro-steps: recipe pre-state, then one step; every source appears.
        List<Object> steps = new ArrayList<>();
        int[][] recipes = {{1, 0, 0}, {1, 3, 0}, {7, 24, 0}, {7, 24, 1}, {9, 50, 1}, {3, 100, 0}};
        for (int[] rc : recipes) {
            long seed = rc[0];
            boolean priv = rc[2] == 1;
            EngineVectors.Prepared p = EngineVectors.prepare(seed, rc[1], priv);
            WindowInputs in = EngineVectors.inputs(p.state(), p.root(), priv);
            for (int k = 0; k < 8; k++) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("seedCore", Long.toUnsignedString(seed));
                o.put("windowsBefore", rc[1]);
                o.put("stepsIntoWindow", k);
                o.put("private", priv);
                o.put("preStateHash", EngineVectors.hex(p.state().hash()));
                o.put("contextHash", EngineVectors.hex(in.context().hash()));
                StepRecord r = MicroStep.run(p.state(), in, new MicroStep.Scratch());
                o.put("globalStep", Integer.toUnsignedString(r.globalStep()));
                o.put("source", io.chainbeasts.curriculum.SampleSource.name(r.source()));
                o.put("board", EngineVectors.hex(r.board().toBytes()));
                Map<String, Object> label = new LinkedHashMap<>();
                label.put("move", r.label().move());
                label.put("power", r.label().power());
                label.put("block", r.label().block());
                label.put("weightShift", r.label().weightShift());
                o.put("label", label);
                o.put("heads", r.heads());
                o.put("outputs", r.outputs());
                o.put("losses", new int[] {r.losses().move(), r.losses().power(), r.losses().block()});
                o.put("postStateHash", EngineVectors.hex(p.state().hash()));
                steps.add(o);
            }
        }
        write("steps.json", "Single micro-steps: pre-state recipe (hatch seedCore, run windowsBefore default-plan windows, then "
                + "stepsIntoWindow steps of the next one) -> sample, label, outputs, losses, post-state hash.", steps);

        List<Object> windows = new ArrayList<>();
        int[][] wr = {{1, 0, 0}, {1, 1, 0}, {1, 2, 0}, {1, 8, 0}, {5, 30, 0}, {5, 0, 1}, {5, 4, 1}, {11, 13, 1}};
        for (int[] rc : wr) {
            boolean priv = rc[2] == 1;
            EngineVectors.Prepared p = EngineVectors.prepare(rc[0], rc[1], priv);
            WindowInputs in = EngineVectors.inputs(p.state(), p.root(), priv);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("seedCore", Long.toUnsignedString(rc[0]));
            o.put("windowsBefore", rc[1]);
            o.put("private", priv);
            o.put("preStateHash", EngineVectors.hex(p.state().hash()));
            o.put("context", EngineVectors.hex(in.context().toBytes()));
            WindowResult r = Window.run(p.state(), in);
            o.put("energyBurn", r.energyBurn());
            o.put("activeMask", r.activeMask());
            o.put("lrShift", r.lrShift());
            o.put("h128", EngineVectors.hex(r.h128()));
            o.put("globalStep", Integer.toUnsignedString(r.globalStep()));
            o.put("lineageHash", EngineVectors.hex(r.lineageHash()));
            o.put("lossDrop", r.lossDrop());
            o.put("postStateHash", EngineVectors.hex(r.stateHash()));
            windows.add(o);
        }
        write("windows.json", "Whole 128-step windows: pre-state recipe + context -> checkpoint fields.", windows);
    }

    static void write(String name, String description, List<Object> cases) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("description", description);
        root.put("privateSecret", EngineVectors.hex(EngineVectors.SECRET));
        root.put("cases", cases);
        Files.writeString(Vectors.path("engine/" + name), Json.pretty(root), StandardCharsets.UTF_8);
        System.out.println("wrote " + cases.size() + " cases to engine/" + name);
    }
}
