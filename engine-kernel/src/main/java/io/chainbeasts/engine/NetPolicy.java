package io.chainbeasts.engine;

import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.Arena;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Fixed;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;

/**
 * A beast's net as a combat policy (forward only; the state is not changed). Attack and block come
 * from their heads as in {@link Net#policyOutputs}. The move is drawn from the move head's softmax
 * over stay and the open steps ({@link Rules#isOpenStep}: not the edge, a wall or the enemy's cell),
 * sharpened by {@link #SHARPEN_SHIFT} (logits doubled), with randomness {@code splitMix64(fold(keccak(battle state bytes)) ^ side)}: a pure
 * function of the battle, so battles replay bit for bit, yet a position revisited on a later turn
 * can be left another way (a deterministic argmax policy can loop forever between two cells).
 */
public final class NetPolicy implements Policy {
    /** Logits are multiplied by 2^SHARPEN_SHIFT before the softmax (temperature 1/2). */
    public static final int SHARPEN_SHIFT = 3;
    /** The logit of a closed step: far enough below any real logit that its probability is 0. */
    private static final int CLOSED = Integer.MIN_VALUE / 2;

    private final BeastState state;
    private final String name;
    private final NetScratch scratch = new NetScratch();
    private final int[] logits = new int[NetShape.MOVE_OUTS];
    private final int[] p = new int[NetShape.MOVE_OUTS];

    public NetPolicy(BeastState state, String name) {
        this.state = state.copy();
        this.name = name;
        FastNet.bind(this.state, scratch); // the copy never changes: the optimised net sums only what changed between boards
    }

    @Override
    public int[] decide(SeasonConstants season, Arena arena, BattleState battle, int side) {
        int[] o = forward(season, arena, battle, side);
        long r = SplitMix64.hash(WindowContext.fold64(Keccak256.hash(battle.toBytes())) ^ side);
        int u = (int) (r & 0xFFFF);
        int pick = NetShape.OUT_STAY;
        int acc = 0;
        for (int k = 0; k < NetShape.MOVE_OUTS; k++) {
            if (logits[k] == CLOSED) continue;
            acc += p[k];
            pick = k;
            if (u < acc) break;
        }
        for (int d = 0; d < Dir.COUNT; d++) o[d] = d == pick ? 1 : 0; // stay: no positive move output, so REST
        return o;
    }

    /** What the net wants on a board, for inspection: the move distribution {@link #decide} draws from and its attack and block flags. */
    public record Intent(int[] moveProbabilityQ16, int power, int block) {}

    /**
     * The distribution over the move classes N, S, E, W and stay (Q16; 0 on a step that is not open) and the attack and
     * block outputs, without drawing.
     */
    public Intent intent(SeasonConstants season, Arena arena, BattleState battle, int side) {
        int[] o = forward(season, arena, battle, side);
        int[] prob = new int[NetShape.MOVE_OUTS];
        for (int k = 0; k < NetShape.MOVE_OUTS; k++) prob[k] = logits[k] == CLOSED ? 0 : p[k];
        return new Intent(prob, o[Appendage.OUT_POWER], o[Appendage.OUT_BLOCK]);
    }

    /** Runs the net on the board; fills the sharpened, masked logits and their softmax; returns the policy outputs. */
    private int[] forward(SeasonConstants season, Arena arena, BattleState battle, int side) {
        Board board = Board.of(arena, battle, side);
        InputEncoder.encode(board, season, scratch);
        FastNet.forward(state, scratch);
        for (int k = 0; k < NetShape.MOVE_OUTS; k++) {
            boolean open = k == NetShape.OUT_STAY || Rules.isOpenStep(arena, board.self(), board.enemy(), k);
            logits[k] = open ? Fixed.sat32((long) scratch.out[k] << SHARPEN_SHIFT) : CLOSED;
        }
        IntMath.softmax(logits, 0, NetShape.MOVE_OUTS, p);
        return Net.policyOutputs(scratch.out);
    }

    @Override
    public String name() {
        return name;
    }
}
