package io.chainbeasts.engine;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Fixed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NetPolicy} runs the optimised net (bound to its copy of the state: each board's pass sums only the inputs that
 * changed since the last) and the bitboard path search; on every board of real battles, its distribution and flags are
 * the reference net's (full BFS encoding, {@link Net#forward}) put through the same sharpened softmax.
 */
class NetPolicyTwinTest {
    @Test
    void decisionsAreTheReferenceNetsOnEveryBoard() {
        SeasonConstants season = SeasonConstants.DEFAULT;
        BeastState beast = Hatchery.hatch(0x2468);
        NetPolicy fast = new NetPolicy(beast, "fast");
        NetScratch ref = NetScratch.reference();
        int boards = 0;
        for (long seed = 1; seed <= 12; seed++) {
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = seed % 2 == 0 ? BattleSimulator.run(setup, fast, new GreedyPolicy()) : BattleSimulator.run(setup, new GreedyPolicy(), fast);
            BattleState s = setup.initial();
            for (BattleLog.Turn t : log.turns()) {
                for (int side = 0; side < 2; side++) {
                    Board board = Board.of(setup.arena(), s, side);
                    InputEncoder.encode(board, season, ref);
                    Net.forward(beast, ref);
                    int[] logits = new int[NetShape.MOVE_OUTS];
                    int[] p = new int[NetShape.MOVE_OUTS];
                    for (int k = 0; k < NetShape.MOVE_OUTS; k++) {
                        boolean open = k == NetShape.OUT_STAY || Rules.isOpenStep(setup.arena(), board.self(), board.enemy(), k);
                        logits[k] = open ? Fixed.sat32((long) ref.out[k] << NetPolicy.SHARPEN_SHIFT) : Integer.MIN_VALUE / 2;
                    }
                    IntMath.softmax(logits, 0, NetShape.MOVE_OUTS, p);
                    for (int k = 0; k < NetShape.MOVE_OUTS; k++) if (logits[k] == Integer.MIN_VALUE / 2) p[k] = 0;
                    NetPolicy.Intent in = fast.intent(season, setup.arena(), s, side);
                    String where = "battle " + seed + " turn " + s.turn() + " side " + side;
                    assertArrayEquals(p, in.moveProbabilityQ16(), where + ": move distribution");
                    int[] policy = Net.policyOutputs(ref.out);
                    assertEquals(policy[4], in.power(), where + ": attack flag");
                    assertEquals(policy[5], in.block(), where + ": block flag");
                    boards++;
                }
                s = t.post();
            }
        }
        assertTrue(boards > 200, boards + " boards");
    }
}
