package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.combat.AsciiRenderer;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.Policies;
import io.chainbeasts.combat.Policy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.engine.NetPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "battle", mixinStandardHelpOptions = true,
        description = "Run a seeded battle between two baseline policies or beasts and print its replay.")
final class BattleCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "battle seed (decimal or 0x-hex)")
    String seed;

    @Option(names = "--policy-a", defaultValue = "greedy",
            description = "greedy, random, or a beast directory (its net at HEAD plays) (default ${DEFAULT-VALUE})")
    String policyA;

    @Option(names = "--policy-b", defaultValue = "random",
            description = "greedy, random, or a beast directory (its net at HEAD plays) (default ${DEFAULT-VALUE})")
    String policyB;

    @Option(names = "--json", description = "also write the battle (log bytes, hash, outcome) as JSON to this file")
    Path json;

    @Option(names = "--quiet", description = "print only the result and hash")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        long s = Seeds.parse("--seed", seed);
        Output.checkParent(json);
        BattleSetup setup = BattleSetup.fromSeed(s, SeasonConstants.DEFAULT);
        BattleLog log = BattleSimulator.run(setup, policy(policyA, s, 0), policy(policyB, s, 1));
        String text = AsciiRenderer.render(log, policyA, policyB);
        if (quiet) {
            String[] lines = text.split("\n");
            System.out.println(lines[lines.length - 2]);
            System.out.println(lines[lines.length - 1]);
        } else {
            System.out.print(text);
        }
        if (json != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("seed", Long.toUnsignedString(s));
            o.put("policyA", policyA);
            o.put("policyB", policyB);
            o.put("outcome", log.outcome().toString());
            o.put("turns", log.turns().size());
            o.put("battleHash", "0x" + log.hashHex());
            o.put("log", "0x" + Hex.of(log.toBytes()));
            Output.write(json, Json.pretty(o).getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** A baseline by name, else a beast directory played by {@link NetPolicy} over its HEAD state (as the client plays it). */
    static Policy policy(String name, long seed, int side) {
        if (!Arrays.asList(Policies.NAMES).contains(name) && Files.isRegularFile(Path.of(name).resolve("beast.json"))) {
            BeastStore store = Beasts.open(Path.of(name));
            return new NetPolicy(store.getState(store.head().stateHash()), Path.of(name).getFileName().toString());
        }
        return Policies.byName(name, seed, side);
    }
}
