package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.OnChainSeason;
import io.chainbeasts.curriculum.TrainingConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "season", mixinStandardHelpOptions = true,
        description = "Read the governed constants from SeasonRegistry and print them next to the Java defaults "
                + "(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT). Exit 0 when every Java-mapped key equals the default, 1 when some differ.")
final class ChainSeasonCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain season", false)) {
            Map<String, BigInteger> onChain;
            try {
                onChain = OnChainSeason.read(s.d);
            } catch (RuntimeException e) {
                throw new UserError("chain season: SeasonRegistry: " + ChainSession.rootMessage(e));
            }
            BigInteger season = s.view(s.d.season.season(), "SeasonRegistry.season");
            BigInteger delay = s.view(s.d.season.timelockDelay(), "SeasonRegistry.timelockDelay");
            System.out.println("SeasonRegistry " + s.d.season.getContractAddress() + " on chain " + s.client.chainId() + ": season " + season
                    + ", timelock " + delay + " s");
            Map<String, BigInteger> java = OnChainSeason.javaKeys(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT);
            Map<String, BigInteger> deployDefaults = Deployment.defaultSeason();
            System.out.println(ChainSession.fmt("%-24s %-26s %-26s %s", "key", "on chain", "Java default", ""));
            int differ = 0;
            for (Map.Entry<String, BigInteger> e : onChain.entrySet()) {
                String k = e.getKey();
                BigInteger j = java.get(k);
                String mark;
                String jText;
                if (j != null) {
                    jText = shown(k, j);
                    boolean same = j.equals(e.getValue());
                    if (!same) differ++;
                    mark = same ? "=" : "DIFFERS";
                } else {
                    jText = "(on chain only)";
                    mark = e.getValue().equals(deployDefaults.get(k)) ? "" : "governed (deploy default " + shown(k, deployDefaults.get(k)) + ")";
                }
                System.out.println(ChainSession.fmt("%-24s %-26s %-26s %s", k, shown(k, e.getValue()), jText, mark));
            }
            String valid;
            try {
                OnChainSeason.seasonConstants(onChain);
                OnChainSeason.trainingConstants(onChain);
                valid = "the on-chain values form valid SeasonConstants and TrainingConstants";
            } catch (IllegalArgumentException e) {
                valid = "the on-chain values are not usable by the Java side: " + e.getMessage();
            }
            System.out.println(differ == 0 ? "result: every Java-mapped key equals the Java default; " + valid
                    : "result: " + differ + " key(s) differ from the Java defaults; " + valid);
            return differ == 0 ? 0 : 1;
        }
    }

    /** The keys that are amounts of ENERGY (in wei on chain): shown in ENERGY, as everywhere else. */
    static final java.util.Set<String> ENERGY_KEYS = java.util.Set.of("energyPrice", "minStake", "slashAmount");

    /** A season value as people read it: ENERGY amounts in ENERGY, time spans in seconds and in hours and minutes. */
    static String shown(String key, BigInteger v) {
        if (v == null) return "-";
        if (ENERGY_KEYS.contains(key)) return ChainSession.energy(v);
        boolean span = key.endsWith("Window") || key.endsWith("Delay") || key.endsWith("Clock");
        if (span && v.bitLength() < 63) return v + " s (" + io.chainbeasts.core.Durations.of(v.longValueExact()) + ")"; // a governed value may be huge
        return v.toString();
    }
}
