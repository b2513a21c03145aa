package io.chainbeasts.engine;

import io.chainbeasts.combat.Appendage;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.BattleState;
import io.chainbeasts.combat.Dir;
import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.Rules;
import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NetPolicy#intent} is the distribution {@link NetPolicy#decide} draws from, on every board of real battles. */
class NetPolicyIntentTest {
    @Test
    void intentMatchesDecide() {
        SeasonConstants season = SeasonConstants.DEFAULT;
        NetPolicy net = new NetPolicy(Hatchery.hatch(0x1357), "n");
        int boards = 0;
        for (long seed = 1; seed <= 6; seed++) {
            BattleSetup setup = BattleSetup.fromSeed(seed, season);
            BattleLog log = BattleSimulator.run(setup, net, new GreedyPolicy());
            BattleState s = setup.initial();
            for (BattleLog.Turn t : log.turns()) {
                NetPolicy.Intent in = net.intent(season, setup.arena(), s, 0);
                int[] out = net.decide(season, setup.arena(), s, 0);
                int sum = 0;
                for (int k = 0; k < NetShape.MOVE_OUTS; k++) {
                    boolean open = k == NetShape.OUT_STAY || Rules.isOpenStep(setup.arena(), s.a(), s.b(), k);
                    if (!open) assertEquals(0, in.moveProbabilityQ16()[k], "a step that is not open gets no probability");
                    sum += in.moveProbabilityQ16()[k];
                }
                int drawn = NetShape.OUT_STAY;
                for (int d = 0; d < Dir.COUNT; d++) if (out[d] > 0) drawn = d;
                assertTrue(in.moveProbabilityQ16()[drawn] > 0, "decide drew a move class the intent gives no weight");
                assertTrue(Math.abs(sum - 65536) <= 8, "probabilities sum to " + sum);
                assertEquals(out[Appendage.OUT_POWER], in.power());
                assertEquals(out[Appendage.OUT_BLOCK], in.block());
                s = t.post();
                boards++;
            }
        }
        assertTrue(boards > 20, boards + " boards");
    }
}
