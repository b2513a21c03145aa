package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's stake on a real anvil: stake, unstake (unbonding), unbond refused until released, then paid back. */
class ChainStakeE2ETest extends ChainScenario {
    @Test
    void stakeUnstakeAndUnbond(@TempDir Path dir) throws Exception {
        try (ChainScript s = ChainScript.start(2, dir, "chain-stake-transcript.txt")) {
            script = s;
            String[] C = {"--chain", s.chainFile.toString()};
            String op = s.keys.get(1);
            ok(cat(new String[] {"chain", "mint", "--key", "anvil:0", "--to", "anvil:1", "--amount", "500"}, C));

            CliTest.Result before = ok(cat(new String[] {"chain", "stake", "--key", op}, C));
            assertTrue(before.out().contains("staked 0 ENERGY") && before.out().contains("not active") && before.out().contains("balance 500 ENERGY"), before.out());
            fails("holds 500 ENERGY, staking needs 600 ENERGY", cat(new String[] {"chain", "stake", "--key", op, "--amount", "600"}, C));

            CliTest.Result staked = ok(cat(new String[] {"chain", "stake", "--key", op, "--amount", "150"}, C));
            assertTrue(staked.out().contains("approve: gas ") && staked.out().contains("stake: gas "), staked.out());
            assertTrue(staked.out().contains("staked 150 ENERGY (minStake 100 ENERGY, active)") && staked.out().contains("balance 350 ENERGY"), staked.out());

            fails("has 150 ENERGY staked, less than 200 ENERGY", cat(new String[] {"chain", "unstake", "--key", op, "--amount", "200"}, C));
            CliTest.Result unstaked = ok(cat(new String[] {"chain", "unstake", "--key", op, "--amount", "60"}, C));
            assertTrue(unstaked.out().contains("requestUnbond: gas ") && unstaked.out().contains("staked 90 ENERGY (minStake 100 ENERGY, not active)")
                    && unstaked.out().contains("unbonding 60 ENERGY (released "), unstaked.out());

            fails("60 ENERGY is still unbonding: released in 4 h 0 min", cat(new String[] {"chain", "unbond", "--key", op}, C));
            CliTest.Result warp = ok(cat(new String[] {"chain", "warp", "--seconds", String.valueOf(4 * 3600 + 1)}, C));
            assertTrue(warp.out().startsWith("chain time ") && warp.out().contains(" -> ") && warp.out().contains("(4 h 0 min later)"), warp.out());
            CliTest.Result paid = ok(cat(new String[] {"chain", "unbond", "--key", op}, C));
            assertTrue(paid.out().contains("withdrawUnbonded: gas ") && paid.out().contains("unbonding 0 ENERGY, balance 410 ENERGY"), paid.out());
            fails("has nothing unbonding", cat(new String[] {"chain", "unbond", "--key", op}, C));
        }
    }
}
