package io.chainbeasts.engine.opencl;

import io.chainbeasts.engine.EngineVectors;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.SampleSource;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every engine golden vector (spec/vectors/engine/*.json) on the OpenCL kernel. Pre-states are
 * rebuilt by the vectors' recipe (hatch, then N default-plan windows) on OpenCL itself, and their
 * hashes checked against the vectors, so the recipe is exercised on the device too.
 */
class OpenClGoldenVectorsTest {
    static List<Object> cases(String name) throws Exception {
        return Json.arr(Json.obj(Json.parse(Files.readString(Vectors.path("engine/" + name), StandardCharsets.UTF_8)), name).get("cases"), name);
    }

    /** The EngineVectors recipe on OpenCL: hatch on the device, then {@code windows} windows. */
    static Object[] prepare(OpenClBackend cl, long seed, int windows, boolean priv) {
        BeastState s = cl.hatch(new long[] {seed}).get(0);
        byte[] root = WindowContext.ZERO32;
        for (int w = 0; w < windows; w++) {
            root = cl.runWindows(List.of(s), List.of(EngineVectors.inputs(s, root, priv))).get(0).h128();
        }
        return new Object[] {s, root};
    }

    @Test
    void hatchStates() throws Exception {
        OpenClBackend cl = OpenCl.backend();
        List<Object> cs = cases("hatch.json");
        long[] seeds = new long[cs.size()];
        for (int i = 0; i < seeds.length; i++) seeds[i] = Long.parseUnsignedLong(Json.str(Json.obj(cs.get(i), "case"), "seedCore"));
        List<BeastState> hatched = cl.hatch(seeds);
        List<byte[]> deviceHashes = cl.stateHashes(hatched);
        for (int i = 0; i < seeds.length; i++) {
            String want = Json.str(Json.obj(cs.get(i), "case"), "stateHash");
            assertEquals(want, Hex.of(hatched.get(i).hash()), "hatch seedCore " + Long.toUnsignedString(seeds[i]) + " (host hash of device state)");
            assertEquals(want, Hex.of(deviceHashes.get(i)), "hatch seedCore " + Long.toUnsignedString(seeds[i]) + " (device hash)");
            assertArrayEquals(Hatchery.hatch(seeds[i]).toBytes(), hatched.get(i).toBytes());
        }
        System.out.println("[golden] hatch: " + seeds.length + " vectors pass on OpenCL");
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void singleSteps(WindowLayout layout) throws Exception {
        OpenClBackend cl = OpenCl.backend(layout);
        // Group the step vectors by recipe; run each recipe's window once with step traces.
        Map<String, List<Map<String, Object>>> byRecipe = new LinkedHashMap<>();
        for (Object c : cases("steps.json")) {
            Map<String, Object> o = Json.obj(c, "case");
            String recipe = Json.str(o, "seedCore") + "/" + Json.int32(o, "windowsBefore") + "/" + o.get("private");
            byRecipe.computeIfAbsent(recipe, k -> new ArrayList<>()).add(o);
        }
        int checked = 0;
        for (List<Map<String, Object>> group : byRecipe.values()) {
            Map<String, Object> first = group.get(0);
            long seed = Long.parseUnsignedLong(Json.str(first, "seedCore"));
            int windows = Json.int32(first, "windowsBefore");
            boolean priv = (Boolean) first.get("private");
            Object[] p = prepare(cl, seed, windows, priv);
            BeastState s = (BeastState) p[0];
            WindowInputs in = EngineVectors.inputs(s, (byte[]) p[1], priv);
            List<byte[]> stateAfter = new ArrayList<>();
            byte[] pre = s.hash();
            BeastState copy = s.copy();
            cl.runWindows(List.of(copy), List.of(in), (b, i, st) -> stateAfter.add(st.hash()));
            StepTrace[] tr = cl.runWindowsTraced(List.of(s.copy()), List.of(in)).steps()[0];
            for (Map<String, Object> o : group) {
                int k = Json.int32(o, "stepsIntoWindow");
                String where = layout.label() + ": step vector seed " + seed + " after " + windows + " windows, step " + k + (priv ? " (private)" : "");
                assertEquals(Json.str(o, "preStateHash"), Hex.of(k == 0 ? pre : stateAfter.get(k - 1)), where + ": pre-state");
                StepTrace t = tr[k];
                assertEquals(Json.str(o, "globalStep"), Integer.toUnsignedString(t.globalStep()), where + ": globalStep");
                assertEquals(Json.str(o, "source"), SampleSource.name(t.source()), where + ": source");
                assertEquals(Hex.of(Keccak256.hash(Hex.parse(Json.str(o, "board")))), Hex.of(t.sampleKey()), where + ": sample (board key)");
                Map<String, Object> label = Json.obj(o.get("label"), "label");
                assertEquals(Json.int32(label, "move"), t.label().move(), where + ": move label");
                assertEquals(Json.int32(label, "power"), t.label().power(), where + ": power label");
                assertEquals(Json.int32(label, "block"), t.label().block(), where + ": block label");
                assertEquals(Json.int32(label, "weightShift"), t.label().weightShift(), where + ": label weight");
                assertEquals(Json.int32(o, "heads"), t.heads(), where + ": heads");
                List<Object> outs = Json.arr(o.get("outputs"), "outputs");
                for (int q = 0; q < outs.size(); q++) assertEquals(((Long) outs.get(q)).intValue(), t.outputs()[q], where + ": output " + q);
                List<Object> losses = Json.arr(o.get("losses"), "losses");
                for (int q = 0; q < losses.size(); q++) assertEquals(((Long) losses.get(q)).intValue(), t.losses()[q], where + ": loss " + q);
                assertEquals(Json.str(o, "postStateHash"), Hex.of(stateAfter.get(k)), where + ": post-state");
                checked++;
            }
        }
        System.out.println("[golden] steps: " + checked + " vectors pass on OpenCL, " + layout.label());
    }

    @ParameterizedTest
    @EnumSource(WindowLayout.class)
    void wholeWindows(WindowLayout layout) throws Exception {
        OpenClBackend cl = OpenCl.backend(layout);
        int checked = 0;
        for (Object c : cases("windows.json")) {
            Map<String, Object> o = Json.obj(c, "case");
            long seed = Long.parseUnsignedLong(Json.str(o, "seedCore"));
            int windows = Json.int32(o, "windowsBefore");
            boolean priv = (Boolean) o.get("private");
            String where = layout.label() + ": window vector seed " + seed + " after " + windows + (priv ? " (private)" : "");
            Object[] p = prepare(cl, seed, windows, priv);
            BeastState s = (BeastState) p[0];
            WindowInputs in = EngineVectors.inputs(s, (byte[]) p[1], priv);
            assertEquals(Json.str(o, "preStateHash"), Hex.of(s.hash()), where + ": pre-state");
            assertEquals(Json.str(o, "context"), Hex.of(in.context().toBytes()), where + ": context");
            WindowResult r = cl.runWindows(List.of(s), List.of(in)).get(0);
            assertEquals(Json.num(o, "energyBurn"), r.energyBurn(), where + ": energyBurn");
            assertEquals(Json.int32(o, "activeMask"), r.activeMask(), where + ": activeMask");
            assertEquals(Json.int32(o, "lrShift"), r.lrShift(), where + ": lrShift");
            assertEquals(Json.str(o, "h128"), Hex.of(r.h128()), where + ": h128");
            assertEquals(Json.str(o, "globalStep"), Integer.toUnsignedString(r.globalStep()), where + ": globalStep");
            assertEquals(Json.str(o, "lineageHash"), Hex.of(r.lineageHash()), where + ": lineage");
            assertEquals(o.get("lossDrop"), r.lossDrop(), where + ": lossDrop");
            if (o.containsKey("postStateHash")) assertEquals(Json.str(o, "postStateHash"), Hex.of(s.hash()), where + ": post-state");
            checked++;
        }
        System.out.println("[golden] windows: " + checked + " vectors pass on OpenCL, " + layout.label());
        assertEquals(cases("windows.json").size(), checked, "every window vector was checked");
    }
}
