package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ChainReplay}: a beast judged from its hatch and its payloads alone, as a node with no owner's store does. */
class ChainReplayTest {
    static final int WINDOWS = 4;
    static final ChainBeast.Constants DEFAULTS = new ChainBeast.Constants(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, Map.of());
    static final ChainReplay.ConstantsAt AT = w -> DEFAULTS;

    @TempDir
    static Path trained;
    static BeastStore.Identity pub;
    static List<byte[]> payloads;
    static BeastStore store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainAPublicBeast() {
        pub = new BeastStore.Identity(0x5EED, 31337, Hex.parse("0x00000000000000000000000000000000000000aa"), BigInteger.valueOf(7),
                new byte[32], new byte[32]);
        store = Trainer.hatch(trained.resolve("b"), pub);
        new Trainer(store, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, RealBattlePool.defaultPool(SeasonConstants.DEFAULT), null, 0)
                .train(WINDOWS, new Trainer.Listener() { });
        payloads = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) payloads.add(store.window(w).payload());
    }

    /** A backend that counts the windows it replays. */
    static final class Counting implements TrainingBackend {
        final JavaBackend java = new JavaBackend(1);
        int windows;

        @Override
        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs) {
            windows += states.size();
            return java.runWindows(states, inputs);
        }

        @Override
        public List<WindowResult> runWindows(List<BeastState> states, List<WindowInputs> inputs, StepObserver observer) {
            windows += states.size();
            return java.runWindows(states, inputs, observer);
        }

        @Override
        public String name() {
            return "java";
        }

        @Override
        public String description() {
            return "java, counting the windows it replays";
        }
    }

    static String outcomes(List<ChainReplay.Judgement> js) {
        return js.stream().map(j -> j.outcome().name()).collect(Collectors.joining(" "));
    }

    @Test
    void anHonestPublicBeastIsVerifiedFromTheChainAloneAndItsStatesMatchTheOwners() {
        ChainReplay replay = new ChainReplay(new StateCache(tmp.resolve("cache")), new JavaBackend(1));
        List<ChainReplay.Judgement> js = replay.judge(pub, payloads, AT, List.of());
        assertEquals("VERIFIED VERIFIED VERIFIED VERIFIED", outcomes(js));
        for (int w = 0; w < WINDOWS; w++) {
            assertArrayEquals(store.window(w).postStateHash(), js.get(w).postStateHash(), "window " + w + ": the node's state is the owner's");
            assertArrayEquals(store.window(w).checkpointHash(), js.get(w).checkpointHash());
        }
    }

    @Test
    void aRestartedNodeResumesFromItsCacheAndRebuildsWhatTheCacheLost() throws IOException {
        Path cacheDir = tmp.resolve("cache");
        Counting backend = new Counting();
        List<ChainReplay.Judgement> first = new ChainReplay(new StateCache(cacheDir), backend).judge(pub, payloads.subList(0, 2), AT, List.of());
        assertEquals(2, backend.windows);
        backend.windows = 0;
        List<ChainReplay.Judgement> second = new ChainReplay(new StateCache(cacheDir), backend).judge(pub, payloads, AT, first);
        assertEquals("VERIFIED VERIFIED VERIFIED VERIFIED", outcomes(second));
        assertEquals(2, backend.windows, "windows 0 and 1 were judged before: only 2 and 3 are replayed");
        // a damaged cache entry is discarded and the lost state rebuilt by replay, never trusted
        Path cached = cacheDir.resolve(Hex.of(second.get(1).postStateHash()) + ".state");
        byte[] b = Files.readAllBytes(cached);
        b[100] ^= 1;
        Files.write(cached, b);
        backend.windows = 0;
        List<ChainReplay.Judgement> third = new ChainReplay(new StateCache(cacheDir), backend).judge(pub, payloads, AT, second.subList(0, 2));
        assertEquals("VERIFIED VERIFIED VERIFIED VERIFIED", outcomes(third));
        assertEquals(4, backend.windows, "windows 0 and 1 rebuilt from the hatch, then 2 and 3 judged");
        assertArrayEquals(second.get(3).postStateHash(), third.get(3).postStateHash());
    }

    @Test
    void aTamperedPayloadFailsNamingTheFieldAndWhatRestsOnItIsNotJudged() {
        for (int bad = 0; bad < WINDOWS; bad++) {
            List<byte[]> chain = new ArrayList<>(payloads);
            CheckpointPayload p = CheckpointPayload.decode(chain.get(bad));
            CheckpointPayload forged = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(),
                    p.prevCheckpointHash(), p.globalStep(), p.energyBurn() + 1, p.activeMask(), p.lrShift(), p.h128(), p.lineageHash(), p.lossDrop());
            chain.set(bad, forged.encode());
            relink(chain, bad + 1);
            List<ChainReplay.Judgement> js = new ChainReplay(new StateCache(tmp.resolve("c" + bad)), new JavaBackend(1)).judge(pub, chain, AT, List.of());
            for (int w = 0; w < WINDOWS; w++) {
                String want = w < bad ? "VERIFIED" : w == bad ? "FAILURE" : "NOT_JUDGED";
                assertEquals(want, js.get(w).outcome().name(), "forged window " + bad + ", window " + w + ": " + js.get(w).detail());
            }
            assertTrue(js.get(bad).detail().startsWith("energyBurn: replay "), js.get(bad).detail());
        }
    }

    @Test
    void aPayloadOfAnotherBeastOrOutOfOrderFailsItsLink() {
        List<byte[]> swapped = new ArrayList<>(payloads);
        swapped.set(1, payloads.get(2));
        List<ChainReplay.Judgement> js = new ChainReplay(new StateCache(tmp.resolve("c")), new JavaBackend(1)).judge(pub, swapped, AT, List.of());
        assertEquals("FAILURE", js.get(1).outcome().name());
        assertTrue(js.get(1).detail().startsWith("windowIndex: payload 2, expected 1"), js.get(1).detail());

        BeastStore.Identity other = new BeastStore.Identity(pub.seedCore(), pub.chainId(), pub.ledger(), BigInteger.valueOf(8),
                pub.datasetCommitment(), pub.secretCommitment());
        js = new ChainReplay(new StateCache(tmp.resolve("d")), new JavaBackend(1)).judge(other, payloads, AT, List.of());
        assertEquals("FAILURE NOT_JUDGED NOT_JUDGED NOT_JUDGED", outcomes(js));
        assertEquals("beastId: payload 7, beast 8", js.get(0).detail());

        List<byte[]> garbage = new ArrayList<>(payloads);
        garbage.set(0, Arrays.copyOf(payloads.get(0), 10));
        js = new ChainReplay(new StateCache(tmp.resolve("e")), new JavaBackend(1)).judge(pub, garbage, AT, List.of());
        assertEquals("FAILURE", js.get(0).outcome().name());
        assertTrue(js.get(0).detail().startsWith("payload: "), js.get(0).detail());
    }

    @Test
    void aPrivateBeastIsCheckedAsFarAsTheChainAllows() {
        BeastStore.Identity priv = new BeastStore.Identity(pub.seedCore(), pub.chainId(), pub.ledger(), pub.beastId(),
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32},
                new byte[32]);
        Counting backend = new Counting();
        List<ChainReplay.Judgement> js = new ChainReplay(new StateCache(tmp.resolve("c")), backend).judge(priv, payloads, AT, List.of());
        assertEquals("LINEAGE_ONLY LINEAGE_ONLY LINEAGE_ONLY LINEAGE_ONLY", outcomes(js));
        assertEquals(0, backend.windows, "nothing can be replayed without the dataset");
    }

    /** Re-chains payloads from index {@code from} on onto the (changed) one before them, as a cheater would submit them. */
    static void relink(List<byte[]> chain, int from) {
        for (int w = Math.max(1, from); w < chain.size(); w++) {
            CheckpointPayload p = CheckpointPayload.decode(chain.get(w));
            byte[] prev = CheckpointPayload.decode(chain.get(w - 1)).hash();
            chain.set(w, new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), prev, p.globalStep(),
                    p.energyBurn(), p.activeMask(), p.lrShift(), p.h128(), p.lineageHash(), p.lossDrop()).encode());
        }
    }
}
