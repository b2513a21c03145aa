package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCliTest {
    static CliTest.Result run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void sameTrainingGivesTheSameCheckpointChain(@TempDir Path dir) {
        for (String name : new String[] {"a", "b"}) {
            assertEquals(0, run("hatch", "--seed-core", "0x77", "--out", dir.resolve(name).toString()).code());
            CliTest.Result r = run("train", "--beast", dir.resolve(name).toString(), "--windows", "6");
            assertEquals(0, r.code(), r.err());
            assertEquals(6, r.out().lines().filter(l -> l.startsWith("window")).count(), r.out());
        }
        BeastStore a = BeastStore.open(dir.resolve("a"));
        BeastStore b = BeastStore.open(dir.resolve("b"));
        for (long w = 0; w < 6; w++) assertArrayEquals(a.window(w).checkpointHash(), b.window(w).checkpointHash(), "window " + w);
    }

    @Test
    void resumingInPiecesEqualsOneRun(@TempDir Path dir) {
        run("hatch", "--seed-core", "12", "--out", dir.resolve("whole").toString());
        run("hatch", "--seed-core", "12", "--out", dir.resolve("pieces").toString());
        assertEquals(0, run("train", "--beast", dir.resolve("whole").toString(), "--windows", "5").code());
        for (int i = 0; i < 5; i++) assertEquals(0, run("train", "--beast", dir.resolve("pieces").toString(), "--windows", "1", "--quiet").code());
        BeastStore whole = BeastStore.open(dir.resolve("whole"));
        BeastStore pieces = BeastStore.open(dir.resolve("pieces"));
        assertEquals(Hex.of(whole.head().checkpointHash()), Hex.of(pieces.head().checkpointHash()));
        assertEquals(Hex.of(whole.head().stateHash()), Hex.of(pieces.head().stateHash()));
    }

    @Test
    void privateCurriculumFlowAndItsErrors(@TempDir Path dir) {
        Path csv = Vectors.repoRoot().resolve("examples/battle_samples.csv");
        Path zst = dir.resolve("coach.zst");
        Path secret = dir.resolve("owner.secret");
        Path beast = dir.resolve("coached");
        CliTest.Result pack = run("dataset", "pack", "--in", csv.toString(), "-o", zst.toString());
        assertEquals(0, pack.code(), pack.err());
        assertTrue(pack.out().contains("C_dataset = 0x"), pack.out());
        assertEquals(0, run("hatch", "--seed-core", "0x5eed", "--out", beast.toString(), "--dataset", zst.toString(),
                "--new-secret", secret.toString()).code());
        CliTest.Result train = run("train", "--beast", beast.toString(), "--windows", "2", "--dataset", zst.toString(), "--secret", secret.toString());
        assertEquals(0, train.code(), train.err());

        String[][] bad = {
            {"train", "--beast", beast.toString(), "--windows", "1"},
            {"train", "--beast", beast.toString(), "--windows", "1", "--dataset", zst.toString()},
            {"train", "--beast", beast.toString(), "--windows", "1", "--dataset", csv.toString(), "--secret", secret.toString()},
            {"hatch", "--seed-core", "1", "--out", beast.toString()},
            {"hatch", "--seed-core", "1", "--out", dir.resolve("x").toString(), "--dataset", zst.toString()},
            {"hatch", "--seed-core", "1", "--out", dir.resolve("y").toString(), "--ledger", "0x1234"},
            {"train", "--beast", dir.resolve("nobody").toString()},
            {"train", "--beast", beast.toString(), "--windows", "0"},
            {"eval", "--beast", dir.resolve("nobody").toString()},
        };
        for (String[] args : bad) {
            CliTest.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n") || err.contains("Exception"), "one line, no trace: " + err);
        }
    }

    @Test
    void damagedStoresAndUnwritablePlacesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path beast = dir.resolve("d");
        assertEquals(0, run("hatch", "--seed-core", "5", "--out", beast.toString()).code());
        assertEquals(0, run("train", "--beast", beast.toString(), "--windows", "1", "--quiet").code());
        java.nio.file.Files.writeString(beast.resolve("HEAD"), "garbage");
        Path aFile = dir.resolve("plain-file");
        java.nio.file.Files.writeString(aFile, "not a directory");
        String[][] cases = {
            {"train", "--beast", beast.toString(), "--windows", "1"},
            {"eval", "--beast", beast.toString(), "--battles", "0"},
            {"battle", "--seed", "1", "--quiet", "--json", dir.resolve("nowhere/x.json").toString()},
            {"demo", "--windows", "1", "--dir", aFile.resolve("demo").toString()},
        };
        for (String[] args : cases) {
            CliTest.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.out() + r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n") || err.contains("\tat ") || err.contains("Exception"), "one line, no trace: " + err);
            assertTrue(err.startsWith("chainbeasts: "), err);
        }
    }

    @Test
    void evalPrintsTheHeads(@TempDir Path dir) {
        run("hatch", "--seed-core", "3", "--out", dir.resolve("e").toString());
        run("train", "--beast", dir.resolve("e").toString(), "--windows", "2", "--quiet");
        CliTest.Result r = run("eval", "--beast", dir.resolve("e").toString(), "--battles", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("move agreement with teacher") && r.out().contains("battles vs hatch"), r.out());
    }
}
