package io.chainbeasts.curriculum;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;

import java.util.ArrayList;
import java.util.List;

/**
 * Boards taken from recorded battles, each addressed by its key (Keccak-256 of the board). The
 * pool is an explicit window input: its commitment is Keccak-256 over the concatenated keys in
 * pool order.
 */
public final class RealBattlePool {
    private final List<Board> boards;
    private final byte[] commitment;

    public RealBattlePool(List<Board> boards) {
        if (boards.isEmpty()) throw new IllegalArgumentException("a real-battle pool needs at least one board");
        this.boards = List.copyOf(boards);
        Keccak256 k = new Keccak256();
        for (Board b : this.boards) k.update(b.key());
        this.commitment = k.digest();
    }

    /** Every board of every turn (both sides) of {@code battles} seeded greedy-vs-random battles. */
    public static RealBattlePool fromSeededBattles(long firstSeed, int battles, SeasonConstants season) {
        List<Board> out = new ArrayList<>();
        for (int i = 0; i < battles; i++) {
            long seed = firstSeed + i;
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = BattleSimulator.run(setup, Policies.byName("greedy", seed, 0), Policies.byName("random", seed, 1));
            for (BattleLog.Turn t : log.turns()) {
                if (t.post().a().hp() == 0 || t.post().b().hp() == 0) continue;
                out.add(Board.of(setup.arena(), t.post(), 0));
                out.add(Board.of(setup.arena(), t.post(), 1));
            }
        }
        return new RealBattlePool(out);
    }

    /** The default pool: 64 battles from seed 0x5245414C ("REAL"). */
    public static RealBattlePool defaultPool(SeasonConstants season) {
        return fromSeededBattles(0x5245414CL, 64, season);
    }

    public int size() {
        return boards.size();
    }

    public Board get(int index) {
        return boards.get(index);
    }

    public byte[] commitment() {
        return commitment.clone();
    }
}
