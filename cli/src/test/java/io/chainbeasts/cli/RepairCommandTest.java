package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `repair DIR`: what replay can rebuild is rebuilt (and checked against the recorded hash), what it cannot is named. */
class RepairCommandTest {
    private static Path state(BeastStore s, byte[] hash) {
        return s.statePath(hash);
    }

    private static void flipByte(Path f, int at) throws Exception {
        byte[] b = Files.readAllBytes(f);
        b[at] ^= 0x5a;
        Files.write(f, b);
    }

    /** Damages the stored bytes of state {@code hash}, in its loose file or in the segment holding it. */
    private static void damageState(BeastStore s, byte[] hash, int at) throws Exception {
        BeastStore.Location l = s.stateLocation(hash);
        flipByte(l.file(), Math.toIntExact(l.offset()) + Math.min(at, l.length() - 1));
    }

    private static byte[] storedState(BeastStore s, byte[] hash) throws Exception {
        BeastStore.Location l = s.stateLocation(hash);
        return java.util.Arrays.copyOfRange(Files.readAllBytes(l.file()), Math.toIntExact(l.offset()), Math.toIntExact(l.offset()) + l.length());
    }

    @Test
    void aDamagedHeadStateIsRebuiltFromThePreviousWindowsReplay(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "21", "--out", b.toString()).code());
        assertEquals(0, CliTest.run("train", "--beast", b.toString(), "--windows", "3", "--quiet").code());
        BeastStore store = BeastStore.open(b);
        byte[] head = store.head().stateHash();
        byte[] good = storedState(store, head);
        damageState(store, head, 1000);

        CliTest.Result stuck = CliTest.run("train", "--beast", b.toString(), "--windows", "1");
        assertEquals(2, stuck.code());
        assertTrue(stuck.err().contains("corrupted") && stuck.err().contains("chainbeasts repair " + b), stuck.err());

        CliTest.Result r = CliTest.run("repair", b.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("rebuilt window 2's post-state 0x" + Hex.of(head).substring(0, 16)) && r.out().contains("replayed window 2 from window 1's state"), r.out());
        assertArrayEquals(good, Files.readAllBytes(state(store, head)), "the very bytes that were lost, as a state file of their own");
        assertTrue(CliTest.run("repair", b.toString()).out().contains("nothing to repair"), "a second repair finds nothing");
        assertEquals(0, CliTest.run("train", "--beast", b.toString(), "--windows", "1", "--quiet").code(), "training goes on");

        // a damaged middle blob (in its segment) and a deleted hatch state are rebuilt too
        damageState(store, store.window(0).postStateHash(), 10);
        Files.delete(state(store, store.window(0).preStateHash()));
        CliTest.Result two = CliTest.run("repair", b.toString());
        assertEquals(0, two.code(), two.out());
        assertTrue(two.out().contains("rebuilt the hatch state") && two.out().contains("rebuilt window 0's post-state"), two.out());
        assertEquals(0, CliTest.run("verify", b.toString(), "--backend", "java").code());
    }

    @Test
    void whatReplayCannotRebuildIsNamed(@TempDir Path dir) throws Exception {
        Path coach = dir.resolve("coach.zst");
        assertEquals(0, CliTest.run("dataset", "pack", "--in", ChainE2ETest.examples().resolve("battle_samples.csv").toString(), "-o", coach.toString()).code());
        Path b = dir.resolve("private");
        Path secret = dir.resolve("p.secret");
        assertEquals(0, CliTest.run("hatch", "--seed-core", "22", "--out", b.toString(), "--dataset", coach.toString(), "--new-secret", secret.toString()).code());
        assertEquals(0, CliTest.run("train", "--beast", b.toString(), "--windows", "2", "--quiet", "--dataset", coach.toString(), "--secret", secret.toString()).code());
        BeastStore store = BeastStore.open(b);
        byte[] head = store.head().stateHash();
        damageState(store, head, 1000);

        CliTest.Result without = CliTest.run("repair", b.toString());
        assertEquals(1, without.code(), without.out());
        assertTrue(without.out().contains("cannot rebuild window 1's post-state") && without.out().contains("pass --dataset and --secret"), without.out());
        assertTrue(!Files.exists(state(store, head)), "nothing guessed");
        assertThrows(io.chainbeasts.checkpoint.StoreException.class, () -> store.getState(head), "nothing guessed");

        CliTest.Result with = CliTest.run("repair", b.toString(), "--dataset", coach.toString(), "--secret", secret.toString());
        assertEquals(0, with.code(), with.out() + with.err());
        assertTrue(with.out().contains("rebuilt window 1's post-state"), with.out());

        // a damaged record: replay has nothing to check against; named, the rest left alone
        BeastStore.Location rec1 = store.windowLocation(1);
        flipByte(rec1.file(), Math.toIntExact(rec1.offset()) + 20);
        Files.delete(state(store, head)); // the state file the last repair wrote: the segment's copy is still damaged
        CliTest.Result rec = CliTest.run("repair", b.toString(), "--dataset", coach.toString(), "--secret", secret.toString());
        assertEquals(1, rec.code(), rec.out());
        assertTrue(rec.out().contains("cannot rebuild window 1's record"), rec.out());
    }
}
