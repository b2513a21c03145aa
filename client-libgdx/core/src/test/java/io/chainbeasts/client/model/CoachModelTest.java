package io.chainbeasts.client.model;

import io.chainbeasts.combat.Action;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoachModelTest {
    /** Coaches side A with exactly greedy's outputs, turn by turn. */
    static CoachModel playGreedy(long seed, String opponent) {
        CoachModel c = new CoachModel(Contender.baseline(opponent), seed);
        GreedyPolicy g = new GreedyPolicy();
        while (!c.over()) {
            ReplayModel r = c.replay();
            c.decide(g.decide(SeasonConstants.DEFAULT, r.log().setup().arena(), r.state(), 0));
        }
        return c;
    }

    @Test
    void turnByTurnIsTheSimulatorsBattle() {
        long seed = 0x1234;
        CoachModel c = playGreedy(seed, "random");
        var expected = BattleSimulator.run(BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT), new GreedyPolicy(), Policies.byName("random", seed, 1));
        assertEquals(expected.hashHex(), c.log().hashHex());
        assertEquals(expected.turns().size(), c.played());
    }

    @Test
    void savedRowsAreTheExampleFilesRows(@TempDir Path tmp) throws Exception {
        long seed = BattleSampleGenerator.battleSeed(BattleSampleGenerator.EXAMPLE_DOMAIN, 0); // example battle 0: greedy vs greedy
        CoachModel c = playGreedy(seed, "greedy");
        Path f = tmp.resolve("mine.csv");
        c.save(f);
        List<String> saved = Files.readAllLines(f);
        List<String> example = Files.readAllLines(Path.of("../../examples/battle_samples.csv"));
        String prefix = CsvFormat.seedString(seed) + ",";
        List<String> sideA = example.stream().filter(l -> l.startsWith(prefix) && l.split(",")[2].equals("A")).collect(Collectors.toList());
        assertEquals(example.get(0), saved.get(0), "header");
        assertEquals(sideA, saved.subList(1, saved.size()));
        assertEquals(c.played(), CsvFormat.readRecords(f, SeasonConstants.DEFAULT).size());

        Files.writeString(tmp.resolve("taken.csv"), "keep me");
        assertThrows(ClientError.class, () -> c.save(tmp.resolve("taken.csv")));
        assertEquals("keep me", Files.readString(tmp.resolve("taken.csv")));
    }

    @Test
    void anUnfinishedBattleHasNoRowsAndAnAttackFromAfarIsRefused() {
        CoachModel c = new CoachModel(Contender.baseline("greedy"), 99);
        assertThrows(ClientError.class, c::rows);
        // not adjacent at turn 0: refused with the reason coach record gives, and nothing is played
        ClientError e = assertThrows(ClientError.class, () -> c.play(c.attack()));
        assertTrue(e.getMessage().contains("steps away, an attack needs it adjacent"), e.getMessage());
        assertEquals(0, c.played());
        c.play(Action.REST);
        assertEquals(1, c.played());
        assertTrue(c.replay().events().get(0).contains("A REST"), c.replay().events().get(0));
    }
}
