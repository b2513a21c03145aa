package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** StepDigest v2 (D_k): the committed vectors, an independent encoder, and what the replay's end agrees with. */
class StepDigestTest {
    @TempDir
    Path tmp;

    /** The documented layout with java.nio, independent of CanonicalWriter. */
    static byte[] independent(int k, byte[] stateHash, byte[] lineage, long loss, long energy, byte[] ctxHash) {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 32 + 32 + 8 + 8 + 32);
        b.put("CBD2".getBytes(StandardCharsets.US_ASCII)).put((byte) k).put(stateHash).put(lineage).putLong(loss).putLong(energy).put(ctxHash);
        return Keccak256.hash(b.array());
    }

    @Test
    void committedVectorsAreTheReplays() throws Exception {
        Map<String, Object> file = Json.obj(Json.parse(Files.readString(Vectors.path(StepDigestVectorGenerator.FILE), StandardCharsets.UTF_8)), "vectors");
        assertEquals(Json.pretty(StepDigestVectorGenerator.generate()), Json.pretty(file),
                "spec/vectors/" + StepDigestVectorGenerator.FILE + " is stale: run StepDigestVectorGenerator.main");
        int checked = 0;
        for (Object wo : Json.arr(file.get("windows"), "windows")) {
            Map<String, Object> w = Json.obj(wo, "window");
            byte[] ctxHash = Hex.parse(Json.str(w, "contextHash"));
            assertArrayEquals(Keccak256.hash(Hex.parse(Json.str(w, "context"))), ctxHash);
            for (Object po : Json.arr(w.get("points"), "points")) {
                Map<String, Object> p = Json.obj(po, "point");
                int k = Integer.parseInt(Json.str(p, "k"));
                byte[] d = independent(k, Hex.parse(Json.str(p, "stateHash")), Hex.parse(Json.str(p, "lineage")),
                        Long.parseLong(Json.str(p, "loss")), Long.parseLong(Json.str(p, "energy")), ctxHash);
                assertEquals(Json.str(p, "digest"), "0x" + Hex.of(d), "k " + k);
                if (k == 0) {
                    assertEquals(Json.str(w, "preStateHash"), Json.str(p, "stateHash"));
                    assertEquals("0x" + Hex.of(new byte[32]), Json.str(p, "lineage"));
                }
                checked++;
            }
        }
        assertEquals(14, checked);
    }

    @Test
    void theReplaysEndIsWhatThePayloadCommitsTo() {
        for (StepDigestVectorGenerator.Case c : StepDigestVectorGenerator.cases()) {
            List<StepDigest.Point> pts = new ArrayList<>();
            StepDigest.replay(c.pre(), c.in(), true, pts::add);
            assertEquals(Window.STEPS + 1, pts.size());
            BeastState run = c.pre().copy();
            WindowResult r = Window.run(run, c.in());
            StepDigest.Point end = pts.get(Window.STEPS);
            assertArrayEquals(r.lineageHash(), end.lineage());
            assertEquals(r.windowLoss(), end.loss());
            assertEquals(r.energyBurn(), end.energy());
            // the window-end check: prevWindowLoss := loss, then h128 = keccak("CBH1" || stateHash || contextHash)
            BeastState last = BeastState.decode(end.state());
            assertEquals(r.globalStep(), last.globalStep);
            assertEquals(r.activeMask(), last.activeMask);
            last.prevWindowLoss = end.loss();
            assertArrayEquals(r.h128(), Window.h128(last.hash(), c.in().context().hash()));
            // digests differ step to step, and replaying twice gives the same 129
            assertFalse(Arrays.equals(pts.get(0).digest(), pts.get(1).digest()));
            assertTrue(Arrays.deepEquals(StepDigest.replay(c.pre(), c.in()), StepDigest.replay(c.pre(), c.in())));
        }
    }

    @Test
    void everyByteOfTheStateAndEveryRunningValueIsBound() {
        byte[] h = Keccak256.hash(new byte[] {1}), l = Keccak256.hash(new byte[] {2}), c = Keccak256.hash(new byte[] {3});
        byte[] base = StepDigest.of(5, h, l, 9, 11, c);
        assertArrayEquals(independent(5, h, l, 9, 11, c), base);
        assertFalse(Arrays.equals(base, StepDigest.of(6, h, l, 9, 11, c)));
        assertFalse(Arrays.equals(base, StepDigest.of(5, l, l, 9, 11, c)));
        assertFalse(Arrays.equals(base, StepDigest.of(5, h, h, 9, 11, c)));
        assertFalse(Arrays.equals(base, StepDigest.of(5, h, l, 10, 11, c)));
        assertFalse(Arrays.equals(base, StepDigest.of(5, h, l, 9, 12, c)));
        assertFalse(Arrays.equals(base, StepDigest.of(5, h, l, 9, 11, h)));
        assertThrows(IllegalArgumentException.class, () -> StepDigest.of(129, h, l, 9, 11, c));
    }

    @Test
    void trainingClaimsNoDigestsAndTheReplayOfAStoredWindowStartsAtItsPreState() {
        BeastStore store = trainTo(tmp.resolve("b"), publicId(3), 2);
        for (long w = 0; w < 2; w++) {
            WindowRecord rec = store.window(w);
            assertFalse(rec.claimsStepDigests(), "training computes no step digest");
            List<StepDigest.Point> pts = new ArrayList<>();
            StepDigest.replay(store.getState(rec.preStateHash()), new WindowInputs(ContextCodec.decode(rec.context()), pool(), null, 0), true, pts::add);
            assertArrayEquals(rec.preStateHash(), Keccak256.hash(pts.get(0).state()));
            assertEquals(rec.metric("energyBurn"), pts.get(Window.STEPS).energy());
        }
    }
}
