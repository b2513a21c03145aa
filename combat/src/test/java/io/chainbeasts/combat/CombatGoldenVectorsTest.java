package io.chainbeasts.combat;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Replays every turn case of spec/vectors/combat/turns.json through the Java rules. */
class CombatGoldenVectorsTest {
    static List<CombatVectors.Case> cases() throws Exception {
        return CombatVectors.read(Files.readString(Vectors.path("combat/turns.json"), StandardCharsets.UTF_8));
    }

    @Test
    void fileHasEnoughCoverage() throws Exception {
        List<CombatVectors.Case> cases = cases();
        long valid = cases.stream().filter(CombatVectors.Case::valid).count();
        assertTrue(valid >= 50, "at least 50 valid turn cases, found " + valid);
        assertTrue(cases.size() - valid >= 10, "at least 10 invalid cases");
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(CombatVectors.Case c) {
        String where = "vector '" + c.name() + "' (" + c.note() + ")";
        if (c.valid()) {
            TurnResolver.TurnResult r = TurnResolver.resolve(SeasonConstants.DEFAULT, c.parsedArena(), c.pre(), c.input());
            assertEquals(c.post(), r.post(), where + ": post-state");
            assertEquals(c.postHex(), Hex.of(r.post().toBytes()), where + ": post-state bytes");
            assertEquals(c.reportA(), r.a().describe(), where + ": A's report");
            assertEquals(c.reportB(), r.b().describe(), where + ": B's report");
            assertEquals(c.outcome(), Outcome.of(r.post(), SeasonConstants.DEFAULT).toString(), where + ": outcome");
        } else {
            try {
                TurnResolver.resolve(SeasonConstants.DEFAULT, c.parsedArena(), c.pre(), c.input());
                fail(where + ": expected rejection containing '" + c.error() + "'");
            } catch (InvalidStateException | IllegalArgumentException e) {
                assertTrue(e.getMessage().contains(c.error()), where + ": message '" + e.getMessage() + "' lacks '" + c.error() + "'");
            }
        }
    }
}
