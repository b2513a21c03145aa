package io.chainbeasts.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on embedded defaults: for now, a seeded battle (greedy vs random) printed turn by turn.")
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_SEED = "20261122";

    @Override
    public Integer call() throws Exception {
        System.out.println("ChainBeasts demo: a seeded battle on the default season (replay it with"
                + " ./chainbeasts battle --seed " + DEMO_SEED + ")");
        BattleCommand battle = new BattleCommand();
        battle.seed = DEMO_SEED;
        battle.policyA = "greedy";
        battle.policyB = "random";
        return battle.call();
    }
}
