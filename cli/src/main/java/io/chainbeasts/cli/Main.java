package io.chainbeasts.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chainbeasts} command: the composition root that wires the modules together. */
@Command(name = "chainbeasts",
        mixinStandardHelpOptions = true,
        version = "chainbeasts 0.1.0",
        description = "Verifiable-training creature game engine.",
        subcommands = {DemoCommand.class, BattleCommand.class, HatchCommand.class, TrainCommand.class, EvalCommand.class, VerifyCommand.class,
            DatasetCommand.class, VaultCommand.class, MetricsCommand.class, ChainCommand.class, CacheCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; user mistakes print one line on stderr, no stack trace. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("chainbeasts: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("chainbeasts: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
