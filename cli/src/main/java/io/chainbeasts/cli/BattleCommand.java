package io.chainbeasts.cli;

import io.chainbeasts.combat.AsciiRenderer;
import io.chainbeasts.combat.BattleLog;
import io.chainbeasts.combat.BattleSetup;
import io.chainbeasts.combat.BattleSimulator;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "battle", mixinStandardHelpOptions = true,
        description = "Run a seeded battle between two fighters (baseline policies or beasts) and print its replay.")
final class BattleCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "battle seed (decimal or 0x-hex)")
    String seed;

    @Option(names = {"--a", "--policy-a"}, defaultValue = "greedy", paramLabel = "SPEC",
            description = "side A: " + PolicySpec.HELP + " (default ${DEFAULT-VALUE})")
    String a;

    @Option(names = {"--b", "--policy-b"}, defaultValue = "random", paramLabel = "SPEC",
            description = "side B, as --a (default ${DEFAULT-VALUE})")
    String b;

    @Option(names = "--json", description = "also write the battle (fighters, log bytes, hash, outcome) as JSON to this file")
    Path json;

    @Option(names = "--force", description = "replace --json when it exists (default: refuse)")
    boolean force;

    @Option(names = "--quiet", description = "print only the result and hash")
    boolean quiet;

    @Override
    public Integer call() {
        long s = Seeds.parse("--seed", seed);
        Output.checkTarget("--json", json, force);
        PolicySpec specA = PolicySpec.parse("--a", a);
        PolicySpec specB = PolicySpec.parse("--b", b);
        BattleSetup setup = BattleSetup.fromSeed(s, SeasonConstants.DEFAULT);
        BattleLog log = BattleSimulator.run(setup, specA.create(s, 0), specB.create(s, 1));
        String text = AsciiRenderer.render(log, specA.label(), specB.label());
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
            o.put("policyA", specA.label());
            o.put("policyB", specB.label());
            o.put("a", specA.toJson());
            o.put("b", specB.toJson());
            o.put("outcome", log.outcome().toString());
            o.put("turns", log.turns().size());
            o.put("battleHash", "0x" + log.hashHex());
            o.put("log", "0x" + Hex.of(log.toBytes()));
            Output.create("--json", json, Json.pretty(o).getBytes(StandardCharsets.UTF_8), force);
        }
        return 0;
    }
}
