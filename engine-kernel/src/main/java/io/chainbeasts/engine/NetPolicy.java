package io.chainbeasts.engine;

import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;

/**
 * A beast's net as a combat policy (forward only; the state is not changed). Power and block come
 * from their heads as in {@link Net#policyOutputs}. The move is drawn from the move head's softmax
 * over the directions that are not a wall or the edge, sharpened by {@link #SHARPEN_SHIFT} (logits
 * doubled), with randomness {@code splitMix64(fold(keccak(battle state bytes)) ^ side)}: a pure
 * function of the battle, so battles replay bit for bit, yet a position revisited on a later turn
 * can be left another way (a deterministic argmax policy can loop forever between two cells).
 */
public final class NetPolicy implements Policy {
    /** Logits are multiplied by 2^SHARPEN_SHIFT before the softmax (temperature 1/2). */
    public static final int SHARPEN_SHIFT = 1;

    private final BeastState state;
    private final String name;
    private final NetScratch scratch = new NetScratch();
    private final int[] logits = new int[4];
    private final int[] p = new int[4];
    private int open;

    public NetPolicy(BeastState state, String name) {
        this.state = state.copy();
        this.name = name;
    }

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState battle, int side) {
        int[] o = forward(season, arena, battle, side);
        if (open == 0) return o; // boxed in: rest
        long r = SplitMix64.hash(WindowContext.fold64(Keccak256.hash(battle.toBytes())) ^ side);
        int u = (int) (r & 0xFFFF);
        int pick = -1;
        int acc = 0;
        for (int d = 0; d < Dir.COUNT; d++) {
            if (logits[d] == Integer.MIN_VALUE / 2) continue;
            acc += p[d];
            pick = d;
            if (u < acc) break;
        }
        o[pick] = 1;
        return o;
    }

    /** What the net wants on a board, for inspection: the move distribution {@link #decide} draws from and the power and block outputs. */
    public record Intent(int[] moveProbabilityQ16, int power, int block) {}

    /** The distribution over N, S, E, W (Q16; 0 toward a wall or the edge) and the power and block outputs, without drawing. */
    public Intent intent(SeasonConstants season, Arena arena, BattleState battle, int side) {
        int[] o = forward(season, arena, battle, side);
        int[] prob = new int[Dir.COUNT];
        for (int d = 0; d < Dir.COUNT; d++) prob[d] = open == 0 || logits[d] == Integer.MIN_VALUE / 2 ? 0 : p[d];
        return new Intent(prob, o[NetShape.OUT_POWER], o[NetShape.OUT_BLOCK]);
    }

    /** Runs the net on the board; fills the sharpened, masked logits and their softmax; returns the outputs with the moves zeroed. */
    private int[] forward(SeasonConstants season, Arena arena, BattleState battle, int side) {
        Board board = Board.of(arena, battle, side);
        InputEncoder.encode(board, season, scratch.x);
        Net.forward(state, scratch);
        int[] o = Net.policyOutputs(scratch.out);
        open = 0;
        for (int d = 0; d < Dir.COUNT; d++) {
            boolean passable = arena.passable(board.self().x() + Dir.DX[d], board.self().y() + Dir.DY[d]);
            logits[d] = passable ? Fixed.sat32((long) scratch.out[d] << SHARPEN_SHIFT) : Integer.MIN_VALUE / 2;
            if (passable) open++;
        }
        for (int d = 0; d < Dir.COUNT; d++) o[d] = 0;
        if (open > 0) IntMath.softmax(logits, 0, 4, p);
        return o;
    }

    @Override
    public String name() {
        return name;
    }
}
