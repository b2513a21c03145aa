package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives every command and subcommand, found by walking picocli's model (so a new command is covered without
 * editing this test), with bad arguments: a path under a regular file (neither readable nor writable), a
 * directory where a file goes, garbage and overflowing numbers, an unknown option, a missing subcommand. Every
 * run must exit 2 with no stack trace, and (a leaf command) one line on stderr.
 */
class BadInputEveryCommandTest {
    record Case(String[] args, CliTest.Result result) {}

    @Test
    void everyCommandRefusesBadInputWithOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not what anything expects\n");
        Path dir = Files.createDirectories(tmp.resolve("a-directory"));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("path under a file", file.resolve("x").toString());
        bad.put("directory", dir.toString());
        bad.put("garbage", "x%y");
        bad.put("overflow", "99999999999999999999999");
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (CommandSpec c : commands(new CommandLine(new Main()).getCommandSpec())) {
            List<String> path = qualified(c);
            if (!c.subcommands().isEmpty()) {
                runs += check(problems, path.toArray(String[]::new), false);
                continue;
            }
            runs += check(problems, cat(path, "--no-such-option"), true);
            List<ArgSpec> args = valued(c);
            for (Map.Entry<String, String> b : bad.entrySet()) {
                // every valued argument bad in the same way, then each one alone (the others left out when optional)
                if (args.stream().anyMatch(a -> accepts(a, b.getKey()))) {
                    runs += check(problems, cat(path, argv(args, a -> accepts(a, b.getKey()) ? b.getValue() : requiredValue(a, file))), true);
                }
                for (ArgSpec one : args) {
                    if (!accepts(one, b.getKey())) continue;
                    runs += check(problems, cat(path, argv(args, a -> a == one ? b.getValue() : requiredValue(a, file))), true);
                }
            }
        }
        System.out.println("bad-input runs: " + runs + ", problems: " + problems.size());
        if (!problems.isEmpty()) fail(problems.size() + " of " + runs + " bad invocations misbehaved:\n" + String.join("\n", problems));
    }

    @Test
    void everyOptionAndParameterHasHelpText() {
        List<String> bare = new ArrayList<>();
        for (CommandSpec c : commands(new CommandLine(new Main()).getCommandSpec())) {
            for (ArgSpec a : c.args()) {
                if (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) continue;
                if (String.join(" ", a.description()).isBlank()) {
                    bare.add(String.join(" ", qualified(c)) + " " + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel()));
                }
            }
        }
        if (!bare.isEmpty()) fail("options without help text: " + bare);
    }

    /** Numbers go to numeric and text arguments, paths to path and text arguments. */
    private static boolean accepts(ArgSpec a, String kind) {
        if (kind.equals("directory") && String.join(" ", a.description()).contains("directory")) return false; // a directory is what it takes
        boolean path = a.type() == Path.class;
        boolean number = a.type() == int.class || a.type() == long.class || a.type() == Integer.class || a.type() == Long.class;
        return switch (kind) {
            case "path under a file", "directory" -> path || a.type() == String.class;
            default -> number || a.type() == String.class;
        };
    }

    /** A value for the other required arguments: itself bad (a path under a regular file) so no run does real work. */
    private static String requiredValue(ArgSpec a, Path file) {
        if (!a.required()) return null;
        return a.type() == Path.class || a.type() == String.class ? file.resolve("x").toString() : "1";
    }

    private static List<ArgSpec> valued(CommandSpec c) {
        List<ArgSpec> out = new ArrayList<>();
        for (OptionSpec o : c.options()) {
            if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0 || o.type() == boolean.class || o.type() == Boolean.class) continue;
            out.add(o);
        }
        out.addAll(c.positionalParameters());
        return out;
    }

    private static String[] argv(List<ArgSpec> args, java.util.function.Function<ArgSpec, String> value) {
        List<String> out = new ArrayList<>();
        for (ArgSpec a : args) {
            String v = value.apply(a);
            if (v == null) continue;
            if (a instanceof OptionSpec o) out.add(o.longestName());
            out.add(v);
        }
        return out.toArray(String[]::new);
    }

    private static int check(List<String> problems, String[] args, boolean leaf) {
        String line = "chainbeasts " + String.join(" ", args);
        CliTest.Result r;
        try {
            r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.run(args), line + " ran past 60 s");
        } catch (RuntimeException | AssertionError e) {
            problems.add(line + "  ->  " + e);
            return 1;
        }
        String all = r.out() + r.err();
        String err = r.err().strip();
        if (r.code() != 2) problems.add(line + "  ->  exit " + r.code() + ": " + firstLines(all));
        else if (all.contains("\tat ") || all.matches("(?s).*\\b[A-Z]\\w*(Exception|Error)\\b.*")) problems.add(line + "  ->  a Java exception: " + firstLines(all));
        else if (leaf && (err.isEmpty() || err.contains("\n"))) problems.add(line + "  ->  not one line on stderr: " + firstLines(all));
        return 1;
    }

    private static String firstLines(String s) {
        String t = s.strip().replace("\n", " | ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static List<CommandSpec> commands(CommandSpec root) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.subcommands().values()) {
            if (sub.getCommandSpec().parent() == root && !out.contains(sub.getCommandSpec())) out.addAll(commands(sub.getCommandSpec()));
        }
        return out.stream().distinct().toList();
    }

    private static List<String> qualified(CommandSpec c) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = c; s.parent() != null; s = s.parent()) names.add(0, s.name());
        return names;
    }

    private static String[] cat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
