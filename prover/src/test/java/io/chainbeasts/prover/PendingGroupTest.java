package io.chainbeasts.prover;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.JavaBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a crash inside a group commit leaves (records of finished windows ahead of HEAD, without a gap) is PENDING,
 * not part of the history and not a failure; a record after a gap is UNVERIFIABLE.
 */
class PendingGroupTest {
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;
    static final BeastStore.Identity ID = new BeastStore.Identity(0x6A0L, 31337, new byte[20], BigInteger.TWO, new byte[32], new byte[32]);

    @TempDir
    Path tmp;

    static BeastStore trained(Path dir, int windows) {
        BeastStore s = Trainer.hatch(dir, ID);
        new Trainer(s, SEASON, TC, RealBattlePool.defaultPool(SEASON), null, 0).train(windows, new Trainer.Listener() { });
        return s;
    }

    /** Copies the records {@code windows} and every state blob of {@code from} into {@code to} (HEAD stays). */
    static void copyAhead(BeastStore from, BeastStore to, long... windows) throws IOException {
        for (long w : windows) Files.copy(from.windowPath(w), to.windowPath(w), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> st = Files.list(from.dir().resolve("states"))) {
            for (Path p : (Iterable<Path>) st::iterator) {
                Files.copy(p, to.dir().resolve("states").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    List<Verifier.Verdict> verdicts(BeastStore s) {
        return new Verifier(s, SEASON, TC, null, 0, new JavaBackend(1)).verifyAll(v -> { }).verdicts().stream()
                .map(Verifier.WindowVerdict::verdict).toList();
    }

    @Test
    void recordsAheadOfHeadWithoutAGapArePending() throws IOException {
        BeastStore full = trained(tmp.resolve("full"), 4);
        BeastStore cut = trained(tmp.resolve("cut"), 1);
        copyAhead(full, cut, 1, 2, 3);
        assertEquals(List.of(Verifier.Verdict.VERIFIED, Verifier.Verdict.PENDING, Verifier.Verdict.PENDING, Verifier.Verdict.PENDING), verdicts(cut));
    }

    @Test
    void aRecordAfterAGapIsUnverifiable() throws IOException {
        BeastStore full = trained(tmp.resolve("full"), 4);
        BeastStore cut = trained(tmp.resolve("cut"), 1);
        copyAhead(full, cut, 1, 3);
        assertEquals(List.of(Verifier.Verdict.VERIFIED, Verifier.Verdict.PENDING, Verifier.Verdict.UNVERIFIABLE), verdicts(cut));
    }
}
