package io.chainbeasts.curriculum;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.RecordsMerkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Boards taken from recorded battles, each addressed by its key (Keccak-256 of the board). The
 * pool is an explicit window input: its commitment R_pool is the records Merkle root over the boards'
 * canonical bytes in pool order ({@link RecordsMerkle}, tags "CBPL"/"CBPR", spec/datasets.md 6a), so
 * a one-step proof of a real-battle step carries one board and its path ({@link #witness}), not the pool.
 */
public final class RealBattlePool {
    private final List<Board> boards;
    private final RecordsMerkle merkle;
    private final byte[] commitment;

    public RealBattlePool(List<Board> boards) {
        if (boards.isEmpty()) throw new IllegalArgumentException("a real-battle pool needs at least one board");
        this.boards = List.copyOf(boards);
        List<byte[]> records = new ArrayList<>(this.boards.size());
        for (Board b : this.boards) records.add(b.toBytes());
        this.merkle = new RecordsMerkle(RecordsMerkle.POOL_LEAF, RecordsMerkle.POOL_ROOT, records);
        this.commitment = merkle.root();
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

    /** R_pool: the records Merkle root over the boards' canonical bytes. */
    public byte[] commitment() {
        return commitment.clone();
    }

    /**
     * The one-step verifier's real-battle witness for board {@code index} (the index the step drew):
     * {@code u32 count || u32 index || u16 len || board (len B) || u8 depth || depth x bytes32 sibling} (bottom-up),
     * the private record's layout (spec/datasets.md 6a).
     */
    public byte[] witness(int index) {
        byte[] board = get(index).toBytes();
        List<byte[]> path = merkle.path(index);
        CanonicalWriter w = new CanonicalWriter(4 + 4 + 2 + board.length + 1 + 32 * path.size());
        w.i32(boards.size()).i32(index).u16(board.length).bytes(board).u8(path.size());
        for (byte[] sib : path) w.bytes32(sib);
        return w.toByteArray();
    }
}
