package io.chainbeasts.cli;

import io.chainbeasts.combat.GreedyPolicy;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Evaluator;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.NetPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Head accuracies on the fixed held-out set, and battles against the beast's hatch self and the greedy baseline.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--beast", required = true, paramLabel = "DIR[@W]", description = "beast directory (its head) or DIR@W (after window W)")
    String beast;

    @Option(names = "--battles", defaultValue = "200", description = "battles per opponent (default ${DEFAULT-VALUE})")
    int battles;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the numbers as JSON to FILE (a new file unless --force)")
    Path json;

    @Option(names = "--force", description = "replace --json's FILE when it exists (default: refuse)")
    boolean force;

    @Override
    public Integer call() {
        if (battles < 0 || battles > 100_000) throw new UserError("--battles: " + battles + " is outside 0..100000");
        Output.checkTarget("--json", json, force);
        PolicySpec spec = PolicySpec.parse("--beast", beast);
        if (!spec.isBeast()) throw new UserError("--beast: '" + beast + "' is a baseline policy, not a beast directory");
        BeastState s = spec.state();
        Map<String, Object> o = evaluate(s, s.seedCore, battles);
        print(o, spec.window(), System.out);
        if (json != null) Output.create("--json", json, Json.pretty(o).getBytes(StandardCharsets.UTF_8), force);
        return 0;
    }

    static Map<String, Object> evaluate(BeastState s, long seedCore, int battles) {
        SeasonConstants season = SeasonConstants.DEFAULT;
        Evaluator.Report r = Evaluator.evaluate(s, Evaluator.heldOut(season), season);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("globalStep", Integer.toUnsignedLong(s.globalStep));
        o.put("moveCases", r.moveCases());
        o.put("movePermille", r.movePermille());
        o.put("hardCases", r.hardCases());
        o.put("hardPermille", r.hardPermille());
        o.put("powerCases", r.powerCases());
        o.put("powerPermille", r.powerPermille());
        o.put("blockPermille", r.blockPermille());
        o.put("blockNearPermille", r.blockNearPermille());
        if (battles > 0) {
            Evaluator.BattleRecord h = Evaluator.battles(new NetPolicy(s, "beast"), new NetPolicy(Hatchery.hatch(seedCore), "hatch"), battles, season);
            Evaluator.BattleRecord g = Evaluator.battles(new NetPolicy(s, "beast"), new GreedyPolicy(), battles, season);
            o.put("vsHatch", record(h));
            o.put("vsGreedy", record(g));
        }
        return o;
    }

    static Map<String, Object> record(Evaluator.BattleRecord b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("battles", b.battles());
        m.put("wins", b.wins());
        m.put("draws", b.draws());
        m.put("losses", b.losses());
        return m;
    }

    static void print(Map<String, Object> o, long windows, java.io.PrintStream out) {
        out.printf(Locale.ROOT, "beast after %d windows (%d micro-steps), held-out set of %d boards:%n", windows, o.get("globalStep"),
                Evaluator.UNIFORM + Evaluator.NEAR);
        out.printf(Locale.ROOT, "  %-36s %8s%n", "head", "value");
        out.printf(Locale.ROOT, "  %-36s %7.1f%%%n", "move agreement with teacher (" + o.get("moveCases") + ")", (Long) o.get("movePermille") / 10.0);
        out.printf(Locale.ROOT, "  %-36s %7.1f%%%n", "  straight step blocked (" + o.get("hardCases") + ")", (Long) o.get("hardPermille") / 10.0);
        out.printf(Locale.ROOT, "  %-36s %7.1f%%%n", "attack or not, adjacent (" + o.get("powerCases") + ")", (Long) o.get("powerPermille") / 10.0);
        out.printf(Locale.ROOT, "  %-36s %7.1f%%%n", "block flag, uniform boards", (Long) o.get("blockPermille") / 10.0);
        out.printf(Locale.ROOT, "  %-36s %7.1f%%%n", "block flag, enemy within 2", (Long) o.get("blockNearPermille") / 10.0);
        for (String k : new String[] {"vsHatch", "vsGreedy"}) {
            if (!o.containsKey(k)) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) o.get(k);
            out.printf(Locale.ROOT, "  battles %-10s %s wins, %s draws, %s losses of %s%n", k.equals("vsHatch") ? "vs hatch" : "vs greedy",
                    b.get("wins"), b.get("draws"), b.get("losses"), b.get("battles"));
        }
    }
}
