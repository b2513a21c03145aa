package io.chainbeasts.engine.opencl;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole windows under seasons other than the default (the golden vectors only cover the default):
 * Java and OpenCL must agree on every checkpoint field for grids from 3x3 to 32x32, extreme wall and
 * hazard densities (the hazard-only season once broke the Java arena fallback while OpenCL went on),
 * and short epochs with every head and the extreme learning-rate shifts.
 */
class SeasonDifferentialTest {
    static SeasonConstants season(int w, int h, int walls, int hazards) {
        SeasonConstants d = SeasonConstants.DEFAULT;
        return new SeasonConstants(w, h, walls, hazards, d.maxHp(), d.maxStamina(), d.actionStaminaCost(), d.hazardStaminaCost(),
                d.recoverStamina(), d.blockBonus(), d.blockCap(), d.damageScale(), d.maxPower(), d.critPer256(), d.critMultiplier(),
                d.maxTurns(), d.blockThreatScale(), d.disengageStaminaCost(), d.closingTurn(), d.closingInterval(), d.closingDamage());
    }

    @Test
    void javaAndOpenClAgreeAcrossSeasons() {
        OpenClBackend cl = OpenCl.backend();
        int[] shifts = new int[16];
        shifts[0] = 0;
        for (int i = 1; i < 16; i++) shifts[i] = i % 2 == 0 ? 31 : 3;
        TrainingConstants fast = new TrainingConstants(128, shifts, 0, 0, 1_000, 64_000);
        Object[][] cases = {
            {season(9, 9, 0, 255), TrainingConstants.DEFAULT},
            {season(9, 9, 200, 55), TrainingConstants.DEFAULT},
            {season(3, 3, 30, 30), TrainingConstants.DEFAULT},
            {season(5, 4, 60, 20), fast},
            {season(32, 32, 36, 20), fast},
        };
        for (Object[] c : cases) {
            SeasonConstants s = (SeasonConstants) c[0];
            TrainingConstants tc = (TrainingConstants) c[1];
            RealBattlePool pool = RealBattlePool.fromSeededBattles(7, 4, s);
            List<BeastState> js = new ArrayList<>();
            List<BeastState> cs = new ArrayList<>();
            List<WindowInputs> ins = new ArrayList<>();
            for (long seed = 1; seed <= 3; seed++) {
                BeastState b = Hatchery.hatch(seed);
                b.globalStep = (int) (seed * 128);
                js.add(b.copy());
                cs.add(b.copy());
                ins.add(WindowInputs.publicWindow(TrainingPlan.context(b, s, tc, WindowContext.ZERO32, WindowContext.ZERO32, pool), pool));
            }
            String where = s.arenaWidth() + "x" + s.arenaHeight() + " walls " + s.wallPer256() + " hazards " + s.hazardPer256();
            for (int w = 0; w < 2; w++) {
                List<WindowResult> jr = new JavaBackend(1).runWindows(js, ins);
                List<WindowResult> cr = cl.runWindows(cs, ins);
                for (int b = 0; b < jr.size(); b++) {
                    assertEquals(Hex.of(jr.get(b).h128()), Hex.of(cr.get(b).h128()), where + " beast " + b + " window " + w + ": h128");
                    assertEquals(jr.get(b).energyBurn(), cr.get(b).energyBurn(), where + ": energyBurn");
                    assertEquals(Hex.of(jr.get(b).lineageHash()), Hex.of(cr.get(b).lineageHash()), where + ": lineage");
                    assertEquals(jr.get(b).lossDrop(), cr.get(b).lossDrop(), where + ": lossDrop");
                }
                for (int b = 0; b < js.size(); b++) {
                    BeastState next = js.get(b);
                    ins.set(b, WindowInputs.publicWindow(TrainingPlan.context(next, s, tc, jr.get(b).h128(), WindowContext.ZERO32, pool), pool));
                }
            }
        }
    }
}
