package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ContextCodec;
import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.Vectors;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChainReplay} on a private beast, from the chain alone: LINEAGE_ONLY until a dispute reveals a window's records
 * (S_owner and the used records with their paths, as the owner's postDigests carries them), then VERIFIED or FAILURE
 * from the replay of those records, once the state the window starts from is known.
 */
class ChainReplayPrivateTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final ChainReplay.ConstantsAt AT = w -> ChainReplayTest.DEFAULTS;
    static final byte[] SECRET = Keccak256.hash("chain replay private test".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @TempDir
    static Path trained;
    static PrivateDataset dataset;
    static BeastStore.Identity id;
    static BeastStore store;
    static List<byte[]> payloads;
    /** What the owner's postDigests reveals for each window: the used records of its honest run. */
    static List<byte[]> used;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainAPrivateBeast() {
        dataset = PrivateDataset.open(Vectors.repoRoot().resolve("spec/vectors/datasets/example-v2-first16.zst"), SEASON);
        id = new BeastStore.Identity(0x9a1e, 31337, Hex.parse("0x00000000000000000000000000000000000000aa"), BigInteger.valueOf(3),
                dataset.commitment(), Keccak256.hash(SECRET));
        store = Trainer.hatch(trained.resolve("p"), id);
        new Trainer(store, SEASON, TrainingConstants.DEFAULT, RealBattlePool.defaultPool(SEASON), dataset, PrivateSampling.fold(SECRET))
                .train(2, new Trainer.Listener() { });
        payloads = new ArrayList<>();
        used = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            WindowRecord r = store.window(w);
            payloads.add(r.payload());
            WindowInputs in = new WindowInputs(ContextCodec.decode(r.context()), RealBattlePool.defaultPool(SEASON), dataset, PrivateSampling.fold(SECRET));
            List<StepDigest.Point> pts = new ArrayList<>();
            StepDigest.replay(store.getState(r.preStateHash()), in, true, pts::add);
            used.add(PrivateWitness.used(SECRET, PrivateWitness.of(dataset), pts));
        }
    }

    /** Reveals of the given windows' payloads (by their hashes, as the node reads DigestsPosted), with {@code used} as the records. */
    static ChainReplay.Reveals revealed(List<byte[]> payloadsNow, Map<Integer, byte[]> usedByWindow) {
        Map<String, ChainReplay.Reveal> m = new HashMap<>();
        usedByWindow.forEach((w, u) -> m.put(Hex.of(Keccak256.hash(payloadsNow.get(w))), new ChainReplay.Reveal(SECRET, u, dataset.records().root())));
        return h -> m.get(Hex.of(h));
    }

    private List<ChainReplay.Judgement> judge(ChainReplay r, List<byte[]> ps, ChainReplay.Reveals reveals, List<ChainReplay.Judgement> known) {
        ChainReplay.Batch b = r.judgeAll(List.of(new ChainReplay.Task(id, ps, AT, known, reveals)), wave -> { });
        if (b.errors().get(0) != null) throw b.errors().get(0);
        return b.judgements().get(0);
    }

    @Test
    void lineageOnlyUntilRevealedThenVerifiedFromTheRevealedRecords() {
        ChainReplay r = new ChainReplay(new StateCache(tmp.resolve("cache")), new JavaBackend(1));
        List<ChainReplay.Judgement> none = judge(r, payloads, ChainReplay.Reveals.NONE, List.of());
        assertEquals(List.of(ChainReplay.Outcome.LINEAGE_ONLY, ChainReplay.Outcome.LINEAGE_ONLY), none.stream().map(ChainReplay.Judgement::outcome).toList());

        // window 1 revealed alone: the state it starts from (window 0's post-state) is not known to a node without the store
        List<ChainReplay.Judgement> onlyOne = judge(r, payloads, revealed(payloads, Map.of(1, used.get(1))), List.of());
        assertEquals(ChainReplay.Outcome.LINEAGE_ONLY, onlyOne.get(1).outcome());
        assertTrue(onlyOne.get(1).detail().contains("window 0's were not, so the state it starts from is unknown"), onlyOne.get(1).detail());

        ChainReplay.Batch batch = r.judgeAll(List.of(new ChainReplay.Task(id, payloads, AT, List.of(),
                revealed(payloads, Map.of(0, used.get(0), 1, used.get(1))))), wave -> { });
        assertEquals(2, batch.replayed(), "both windows replayed (counted for the node's windows/s)");
        List<ChainReplay.Judgement> both = batch.judgements().get(0);
        for (int w = 0; w < 2; w++) {
            assertEquals(ChainReplay.Outcome.VERIFIED, both.get(w).outcome(), both.get(w).detail());
            assertEquals("private: replayed from the records its owner revealed in a dispute", both.get(w).detail());
            assertArrayEquals(store.window(w).postStateHash(), both.get(w).postStateHash(), "the owner's own post-state");
            assertArrayEquals(Keccak256.hash(store.window(w).context()), both.get(w).contextHash());
        }

        // the dispute game's replay of window 1 from the reveal: every point, and the records that open its steps
        DisputeGamePlayer.Replay game = r.disputeReplay(id, payloads, AT, revealed(payloads, Map.of(0, used.get(0), 1, used.get(1))), both, 1);
        assertEquals(Window.STEPS + 1, game.points().size());
        assertTrue(game.holdsRecords());
        assertArrayEquals(SECRET, game.secret());
        for (int k = 0; k <= Window.STEPS; k++) assertTrue(DisputeGamePlayer.canOpen(game, k));
    }

    @Test
    void aLieIsAFailureFromTheRevealAndTheWindowsAfterItAreNotJudged() {
        ChainReplay r = new ChainReplay(new StateCache(tmp.resolve("cache")), new JavaBackend(1));
        CheckpointPayload p1 = CheckpointPayload.decode(payloads.get(1));
        byte[] h128 = p1.h128().clone();
        h128[5] ^= 0x40;
        List<byte[]> lie = List.of(payloads.get(0), new CheckpointPayload(p1.version(), p1.chainId(), p1.ledger(), p1.beastId(), p1.windowIndex(),
                p1.prevCheckpointHash(), p1.globalStep(), p1.energyBurn(), p1.activeMask(), p1.lrShift(), h128, p1.lineageHash(), p1.lossDrop()).encode());
        ChainReplay.Reveals reveals = revealed(lie, Map.of(0, used.get(0), 1, used.get(1)));
        List<ChainReplay.Judgement> js = judge(r, lie, reveals, List.of());
        assertEquals(ChainReplay.Outcome.VERIFIED, js.get(0).outcome());
        assertEquals(ChainReplay.Outcome.FAILURE, js.get(1).outcome());
        assertTrue(js.get(1).detail().startsWith("private, replayed from the records its owner revealed: h128: replay 0x"), js.get(1).detail());
        assertNotNull(js.get(1).contextHash(), "a replayed FAILURE: the dispute game can be played on it");
        // the honest digests are the replay's: the owner's lie departs only at the window-end check
        DisputeGamePlayer.Replay game = r.disputeReplay(id, lie, AT, reveals, js, 1);
        assertEquals(Window.STEPS, DisputeGamePlayer.firstDisputed(game.digests(), game));

        // a restart keeps both verdicts without replaying (the cache can be gone: the FAILURE needs no state)
        List<ChainReplay.Judgement> again = judge(new ChainReplay(new StateCache(tmp.resolve("other-cache")), new JavaBackend(1)), lie, reveals, js);
        assertEquals(js.stream().map(ChainReplay.Judgement::outcome).toList(), again.stream().map(ChainReplay.Judgement::outcome).toList());
    }

    @Test
    void aRevealMissingARecordFailsAtTheStepThatDrewItAndACacheLostIsRebuiltFromTheReveals() {
        ChainReplay r = new ChainReplay(new StateCache(tmp.resolve("cache")), new JavaBackend(1));
        byte[] u = used.get(0);
        // every opening of the first step's record left out: that step (the first to draw it) cannot be replayed
        int k = u[0] & 0xFF;
        int index = java.nio.ByteBuffer.wrap(u, 5, 4).getInt();
        List<ChainReplay.Judgement> cut = judge(r, payloads, revealed(payloads, Map.of(0, without(u, index), 1, used.get(1))), List.of());
        assertEquals(ChainReplay.Outcome.FAILURE, cut.get(0).outcome());
        assertEquals("private: micro-step " + k + " drew record " + index + ", which its owner's reveal does not hold with a path to R_dataset",
                cut.get(0).detail());
        assertEquals(ChainReplay.Outcome.NOT_JUDGED, cut.get(1).outcome());
        // that FAILURE rests on one game's reveal: a later game's whole reveal is judged again (VERIFIED), not reused
        List<ChainReplay.Judgement> later = judge(r, payloads, revealed(payloads, Map.of(0, used.get(0), 1, used.get(1))), cut);
        assertEquals(ChainReplay.Outcome.VERIFIED, later.get(0).outcome(), later.get(0).detail());
        assertEquals(ChainReplay.Outcome.VERIFIED, later.get(1).outcome(), later.get(1).detail());
        // a first entry whose path does not verify (here: a wrong dataset size) fixes nothing: the valid ones after it count
        byte[] badFirst = java.util.Arrays.copyOf(u, u.length);
        java.nio.ByteBuffer.wrap(badFirst, 1, 4).putInt(java.nio.ByteBuffer.wrap(u, 1, 4).getInt() + 1);
        byte[] poisoned = new byte[badFirst.length + u.length];
        System.arraycopy(badFirst, 0, poisoned, 0, badFirst.length);
        System.arraycopy(u, 0, poisoned, badFirst.length, u.length);
        List<ChainReplay.Judgement> afterBad = judge(new ChainReplay(new StateCache(tmp.resolve("bad-first")), new JavaBackend(1)), payloads,
                revealed(payloads, Map.of(0, poisoned, 1, used.get(1))), List.of());
        assertEquals(ChainReplay.Outcome.VERIFIED, afterBad.get(0).outcome(), afterBad.get(0).detail());

        // judged VERIFIED before, its cached state gone (a new cache folder): window 1 starts from window 0 replayed again
        ChainReplay.Reveals both = revealed(payloads, Map.of(0, used.get(0), 1, used.get(1)));
        List<ChainReplay.Judgement> w0 = judge(r, payloads.subList(0, 1), both, List.of());
        List<ChainReplay.Judgement> all = judge(new ChainReplay(new StateCache(tmp.resolve("empty")), new JavaBackend(1)), payloads, both, w0);
        assertEquals(ChainReplay.Outcome.VERIFIED, all.get(1).outcome(), all.get(1).detail());
        assertArrayEquals(store.window(1).postStateHash(), all.get(1).postStateHash());
    }

    /** A usedRecords blob (per step: u8 k || u32 count || u32 index || u16 len || record || u8 depth || siblings) without record {@code index}. */
    static byte[] without(byte[] u, int index) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(u);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (b.remaining() > 0) {
            int start = b.position();
            b.position(start + 5);
            int i = b.getInt();
            int len = b.getShort() & 0xFFFF;
            b.position(b.position() + len);
            int depth = b.get() & 0xFF;
            b.position(b.position() + 32 * depth);
            if (i != index) out.write(u, start, b.position() - start);
        }
        return out.toByteArray();
    }
}
