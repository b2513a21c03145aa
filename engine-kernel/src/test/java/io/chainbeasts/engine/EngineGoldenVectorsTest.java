package io.chainbeasts.engine;

import io.chainbeasts.core.Json;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java kernels against spec/vectors/engine/*.json (hatch states, single steps, whole windows): the reference
 * ({@link Net}) and the optimised twin ({@link FastNet}) must both give every vector.
 */
class EngineGoldenVectorsTest {
    static List<Object> cases(String name) throws Exception {
        return Json.arr(Json.obj(Json.parse(Files.readString(Vectors.path("engine/" + name), StandardCharsets.UTF_8)), name).get("cases"), name);
    }

    @Test
    void hatchStates() throws Exception {
        for (Object c : cases("hatch.json")) {
            Map<String, Object> o = Json.obj(c, "case");
            long seed = Long.parseUnsignedLong(Json.str(o, "seedCore"));
            assertEquals(Json.str(o, "stateHash"), EngineVectors.hex(Hatchery.hatch(seed).hash()), "hatch seedCore " + Long.toUnsignedString(seed));
        }
    }

    @Test
    void singleStepsReference() throws Exception {
        singleSteps(MicroStep.Scratch.reference(), "reference");
    }

    @Test
    void singleStepsOptimised() throws Exception {
        singleSteps(new MicroStep.Scratch(), "optimised");
    }

    private static void singleSteps(MicroStep.Scratch scratch, String kernel) throws Exception {
        String lastRecipe = "";
        EngineVectors.Prepared p = null;
        WindowInputs in = null;
        for (Object c : cases("steps.json")) {
            Map<String, Object> o = Json.obj(c, "case");
            long seed = Long.parseUnsignedLong(Json.str(o, "seedCore"));
            int windows = Json.int32(o, "windowsBefore");
            boolean priv = (Boolean) o.get("private");
            String recipe = seed + "/" + windows + "/" + priv;
            if (!recipe.equals(lastRecipe)) {
                p = EngineVectors.prepare(seed, windows, priv);
                in = EngineVectors.inputs(p.state(), p.root(), priv);
                lastRecipe = recipe;
            }
            String where = kernel + " step vector seed " + seed + " after " + windows + " windows, step " + Json.int32(o, "stepsIntoWindow");
            assertEquals(Json.str(o, "preStateHash"), EngineVectors.hex(p.state().hash()), where + ": pre-state");
            StepRecord r = MicroStep.run(p.state(), in, scratch);
            assertEquals(Json.str(o, "board"), EngineVectors.hex(r.board().toBytes()), where + ": sample");
            Map<String, Object> label = Json.obj(o.get("label"), "label");
            assertEquals(Json.int32(label, "move"), r.label().move(), where + ": move label");
            assertEquals(Json.int32(label, "power"), r.label().power(), where + ": power label");
            assertEquals(Json.int32(label, "block"), r.label().block(), where + ": block label");
            assertEquals(Json.int32(label, "weightShift"), r.label().weightShift(), where + ": label weight");
            List<Object> outs = Json.arr(o.get("outputs"), "outputs");
            for (int k = 0; k < outs.size(); k++) assertEquals(((Long) outs.get(k)).intValue(), r.outputs()[k], where + ": output " + k);
            assertEquals(Json.str(o, "postStateHash"), EngineVectors.hex(p.state().hash()), where + ": post-state");
        }
    }

    @Test
    void wholeWindowsReference() throws Exception {
        wholeWindows(MicroStep.Scratch.reference(), "reference");
    }

    @Test
    void wholeWindowsOptimised() throws Exception {
        wholeWindows(new MicroStep.Scratch(), "optimised");
    }

    private static void wholeWindows(MicroStep.Scratch scratch, String kernel) throws Exception {
        for (Object c : cases("windows.json")) {
            Map<String, Object> o = Json.obj(c, "case");
            long seed = Long.parseUnsignedLong(Json.str(o, "seedCore"));
            int windows = Json.int32(o, "windowsBefore");
            boolean priv = (Boolean) o.get("private");
            String where = kernel + " window vector seed " + seed + " after " + windows + (priv ? " (private)" : "");
            EngineVectors.Prepared p = EngineVectors.prepare(seed, windows, priv);
            WindowInputs in = EngineVectors.inputs(p.state(), p.root(), priv);
            assertEquals(Json.str(o, "preStateHash"), EngineVectors.hex(p.state().hash()), where + ": pre-state");
            assertEquals(Json.str(o, "context"), EngineVectors.hex(in.context().toBytes()), where + ": context");
            WindowResult r = Window.run(p.state(), in, scratch, x -> { });
            assertEquals(Json.num(o, "energyBurn"), r.energyBurn(), where + ": energyBurn");
            assertEquals(Json.int32(o, "activeMask"), r.activeMask(), where + ": activeMask");
            assertEquals(Json.int32(o, "lrShift"), r.lrShift(), where + ": lrShift");
            assertEquals(Json.str(o, "h128"), EngineVectors.hex(r.h128()), where + ": h128");
            assertEquals(Json.str(o, "globalStep"), Integer.toUnsignedString(r.globalStep()), where + ": globalStep");
            assertEquals(Json.str(o, "lineageHash"), EngineVectors.hex(r.lineageHash()), where + ": lineage");
            assertEquals(o.get("lossDrop"), r.lossDrop(), where + ": lossDrop");
        }
    }
}
