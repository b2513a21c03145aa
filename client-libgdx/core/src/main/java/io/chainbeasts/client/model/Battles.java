package io.chainbeasts.client.model;

import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.SeasonConstants;

/** Runs a battle the way {@code chainbeasts battle} does: the setup from the seed, A and B's policies, the simulator. */
public final class Battles {
    private Battles() {}

    public static BattleFile.Battle fight(Contender a, Contender b, long seed) {
        BattleSetup setup = BattleSetup.fromSeed(seed, SeasonConstants.DEFAULT);
        BattleLog log = BattleSimulator.run(setup, a.policy(seed, 0), b.policy(seed, 1));
        return new BattleFile.Battle(log, a.policyName(), b.policyName(), a.toJson(), b.toJson());
    }
}
