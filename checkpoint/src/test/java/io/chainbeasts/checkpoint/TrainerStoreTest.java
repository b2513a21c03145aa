package io.chainbeasts.checkpoint;

import io.chainbeasts.core.Hex;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static io.chainbeasts.checkpoint.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class TrainerStoreTest {
    @TempDir
    Path tmp;

    @Test
    void resumedRunEqualsUninterruptedRunFileForFile() throws Exception {
        for (boolean priv : new boolean[] {false, true}) {
            BeastStore.Identity id = priv ? privateId(11) : publicId(11);
            Path a = tmp.resolve("a" + priv), b = tmp.resolve("b" + priv);
            BeastStore sa = trainTo(a, id, 5);
            trainTo(b, id, 2);
            Object ino = Files.getAttribute(b.resolve("windows/00000001.json"), "unix:ino");
            trainTo(b, id, 3);
            trainTo(b, id, 5);
            assertEquals(ino, Files.getAttribute(b.resolve("windows/00000001.json"), "unix:ino"), "a committed record was rewritten");
            TreeMap<String, byte[]> sna = snapshot(a), snb = snapshot(b);
            assertEquals(sna.keySet(), snb.keySet());
            for (Map.Entry<String, byte[]> e : sna.entrySet()) assertArrayEquals(e.getValue(), snb.get(e.getKey()), e.getKey());
            assertEquals(5, BeastStore.open(b).checkStructure());
            // the last payload's h128 is the chain of the last state and context
            WindowRecord last = sa.window(4);
            assertEquals(5 * 128, last.decodedPayload().globalStep());
            assertFalse(Arrays.equals(last.decodedPayload().lineageHash(), new byte[32]));
        }
    }

    @Test
    void contextCodecRoundTripsAndRejectsDamage() {
        BeastStore store = trainTo(tmp.resolve("ctx"), privateId(9), 3);
        byte[] ctx = store.window(2).context();
        assertArrayEquals(ctx, ContextCodec.decode(ctx).toBytes());
        assertThrows(io.chainbeasts.core.DecodeException.class, () -> ContextCodec.decode(Arrays.copyOf(ctx, ctx.length - 1)));
        assertThrows(io.chainbeasts.core.DecodeException.class, () -> ContextCodec.decode(Arrays.copyOf(ctx, ctx.length + 1)));
        byte[] bad = ctx.clone();
        bad[bad.length - 1] = 9; // growth slot 9 does not exist
        assertTrue(assertThrows(io.chainbeasts.core.DecodeException.class, () -> ContextCodec.decode(bad)).getMessage().contains("growthSlot"));
    }

    /**
     * Commits run on a writer thread while the next window computes; the listener still sees, on the trainer's
     * thread, every step of window w, then window w once its record and post-state are in the store, then window w+1.
     */
    @Test
    void theListenerSeesStepsAndCommittedWindowsInOrder() {
        BeastStore store = Trainer.hatch(tmp.resolve("order"), publicId(12));
        store.durableEvery(2);
        Thread trainerThread = Thread.currentThread();
        java.util.List<String> seen = new java.util.ArrayList<>();
        trainer(store).train(3, new Trainer.Listener() {
            @Override
            public void onStep(io.chainbeasts.engine.StepRecord step, long windowIndex) {
                assertSame(trainerThread, Thread.currentThread());
                long expected = windowIndex * Window.STEPS + seen.stream().filter(e -> e.startsWith("step " + windowIndex)).count();
                assertEquals(expected, Integer.toUnsignedLong(step.globalStep()), "steps in order");
                seen.add("step " + windowIndex);
            }

            @Override
            public void onWindow(WindowRecord rec, WindowResult r) {
                assertSame(trainerThread, Thread.currentThread());
                assertEquals(rec, store.window(rec.index()), "window " + rec.index() + " is in the store when reported");
                assertEquals(Hex.of(rec.postStateHash()), Hex.of(store.getState(rec.postStateHash()).hash()));
                seen.add("window " + rec.index());
            }
        });
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int w = 0; w < 3; w++) {
            for (int k = 0; k < Window.STEPS; k++) expected.add("step " + w);
            expected.add("window " + w);
        }
        assertEquals(expected, seen);
        assertEquals(3, store.head().windows());
    }

    /** A commit that fails on the writer thread stops training with that very error; the windows before it are kept. */
    @Test
    void aCommitThatFailsOnTheWriterThreadStopsTrainingWithItsError() throws Exception {
        BeastStore store = trainTo(tmp.resolve("fail"), publicId(13), 1);
        Path record2 = store.windowPath(2);
        Files.writeString(record2, "{}"); // an unreadable record ahead of HEAD: a durable store refuses to guess
        StoreException e = assertThrows(StoreException.class, () -> trainer(store).train(4, new Trainer.Listener() { }));
        assertTrue(e.getMessage().contains(record2.getFileName().toString()), e.getMessage());
        assertEquals(2, store.head().windows(), "window 1 committed before the failure is kept");
    }

    /**
     * A window whose commit was in flight when the next window's compute failed is committed all the same, so the
     * listener hears of it before the failure escapes (a backend that fails on its third window: windows 0 and 1 are
     * reported and stored).
     */
    @Test
    void aComputeFailureStillReportsTheWindowWhoseCommitWasInFlight() {
        BeastStore store = Trainer.hatch(tmp.resolve("compute-fails"), publicId(14));
        io.chainbeasts.engine.TrainingBackend failsThird = new io.chainbeasts.engine.TrainingBackend() {
            private final io.chainbeasts.engine.JavaBackend java = new io.chainbeasts.engine.JavaBackend(1);
            private int calls;

            @Override
            public String name() {
                return "fails-third";
            }

            @Override
            public String description() {
                return "the Java backend, failing on its third window";
            }

            @Override
            public java.util.List<WindowResult> runWindows(java.util.List<BeastState> states, java.util.List<WindowInputs> inputs) {
                if (++calls == 3) throw new IllegalStateException("device lost on window 2");
                return java.runWindows(states, inputs);
            }

            @Override
            public java.util.List<WindowResult> runWindows(java.util.List<BeastState> states, java.util.List<WindowInputs> inputs,
                                                           io.chainbeasts.engine.TrainingBackend.StepObserver observer) {
                throw new UnsupportedOperationException();
            }
        };
        java.util.List<Long> reported = new java.util.ArrayList<>();
        Trainer t = new Trainer(store, SEASON, TC, pool(), null, 0, failsThird);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.train(4, new Trainer.Listener() {
            @Override
            public void onWindow(WindowRecord rec, WindowResult r) {
                reported.add(rec.index());
            }
        }));
        assertEquals("device lost on window 2", e.getMessage());
        assertEquals(java.util.List.of(0L, 1L), reported);
        assertEquals(2, store.head().windows());
    }

    @Test
    void oneWriterAtATime() {
        BeastStore store = trainTo(tmp.resolve("lock"), publicId(4), 1);
        try (BeastStore.WriterLock l = store.lockForWriting()) {
            StoreException e = assertThrows(StoreException.class, () -> trainer(BeastStore.open(store.dir())).train(1, new Trainer.Listener() { }));
            assertTrue(e.getMessage().contains("LOCK"), e.getMessage());
        }
        assertEquals(2, trainer(store).train(1, new Trainer.Listener() { }));
    }

    @Test
    void wrongDatasetOrMissingDatasetIsRefused() {
        BeastStore priv = Trainer.hatch(tmp.resolve("p"), privateId(6));
        assertThrows(StoreException.class, () -> new Trainer(priv, SEASON, TC, pool(), null, 0));
        io.chainbeasts.curriculum.InMemoryDataset other = new io.chainbeasts.curriculum.InMemoryDataset(boards(77, 10));
        StoreException e = assertThrows(StoreException.class, () -> new Trainer(priv, SEASON, TC, pool(), other, 0));
        assertTrue(e.getMessage().contains("C_dataset"), e.getMessage());
        BeastStore pub = Trainer.hatch(tmp.resolve("q"), publicId(6));
        assertThrows(StoreException.class, () -> new Trainer(pub, SEASON, TC, pool(), dataset(), 0));
    }
}
