package io.chainbeasts.combat;

import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BattleDeterminismTest {
    static BattleLog battle(long seed, String a, String b) {
        BattleSetup setup = BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT);
        return BattleSimulator.run(setup, Policies.byName(a, seed, 0), Policies.byName(b, seed, 1));
    }

    @Test
    void sameSeedSameBytes() {
        for (long seed = 0; seed < 50; seed++) {
            BattleLog x = battle(seed, "greedy", "random");
            BattleLog y = battle(seed, "greedy", "random");
            assertArrayEquals(x.toBytes(), y.toBytes(), "seed " + seed);
        }
    }

    /** Pins one battle's hash: any change to the rules, the generator or the encoding shows up here. */
    @Test
    void pinnedBattleHash() {
        BattleLog log = battle(20261122L, "greedy", "random");
        assertEquals("a4394e4418e0d0b2a25f12ceda78ee15721795817bbf50cfc921ee38e1f99e9b", log.hashHex(),
                "battle seed 20261122 greedy vs random; if the rules changed on purpose, update this and the vectors");
    }

    @Test
    void replayReproducesTheHash() {
        for (long seed = 100; seed < 140; seed++) {
            BattleLog log = battle(seed, "random", "greedy");
            BattleLog replayed = BattleLog.replay(log.toBytes());
            assertArrayEquals(log.hash(), replayed.hash(), "seed " + seed);
            assertEquals(log.outcome(), replayed.outcome());
        }
    }

    @Test
    void tamperedLogIsRejectedNamingTheTurn() {
        BattleLog log = battle(7, "greedy", "greedy");
        byte[] bytes = log.toBytes();
        int headerEnd = 5 + 8 + SeasonConstants.ENCODED_SIZE + 2 + 81 + BattleState.ENCODED_SIZE + 8 + 2;
        // Flip the HP byte of A's post-state in turn 0: the recorded result no longer matches the replay.
        int turn0Post = headerEnd + TurnInput.ENCODED_SIZE + 14;
        bytes[turn0Post + 2 + 3] ^= 1;
        DecodeException e = assertThrows(DecodeException.class, () -> BattleLog.replay(bytes));
        assertTrue(e.getMessage().startsWith("turn 0:"), e.getMessage());
    }

    @Test
    void truncatedLogIsRejected() {
        byte[] bytes = battle(3, "greedy", "random").toBytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(DecodeException.class, () -> BattleLog.replay(cut));
    }

    @Test
    void battlesEndWithinMaxTurns() {
        for (long seed = 0; seed < 200; seed++) {
            BattleLog log = battle(seed, "random", "random");
            assertTrue(log.outcome().over());
            assertTrue(log.turns().size() <= SeasonConstants.DEFAULT.maxTurns(), "seed " + seed);
        }
    }

    @Test
    void greedyBeatsRandomMostOfTheTime() {
        int wins = 0;
        for (long seed = 0; seed < 200; seed++) {
            if (battle(seed, "greedy", "random").outcome().winner() == Outcome.A_WINS) wins++;
        }
        assertTrue(wins >= 120, "greedy should beat random in most of 200 battles, won " + wins);
    }

    @Test
    void arenaGenerationIsPinned() {
        Arena.Generated g = Arena.generate(42, SeasonConstants.DEFAULT);
        io.chainbeasts.core.CanonicalWriter w = new io.chainbeasts.core.CanonicalWriter();
        g.arena().encode(w);
        assertEquals(9, g.arena().width());
        assertTrue(PathFinder.distance(g.arena(), g.ax(), g.ay(), g.bx(), g.by()) > 0, "spawns connected");
        assertEquals(Hex.of(w.toByteArray()), Hex.of(encode(Arena.generate(42, SeasonConstants.DEFAULT).arena())));
    }

    static byte[] encode(Arena a) {
        io.chainbeasts.core.CanonicalWriter w = new io.chainbeasts.core.CanonicalWriter();
        a.encode(w);
        return w.toByteArray();
    }
}
