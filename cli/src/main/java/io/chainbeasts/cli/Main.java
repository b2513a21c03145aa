package io.chainbeasts.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chainbeasts} command: the composition root that wires the modules together. */
@Command(name = "chainbeasts",
        mixinStandardHelpOptions = true,
        version = "chainbeasts 0.1.0",
        description = "Verifiable-training creature game engine.",
        subcommands = {DemoCommand.class, BattleCommand.class, TournamentCommand.class, CoachCommand.class, HatchCommand.class, TrainCommand.class,
            EvalCommand.class, VerifyCommand.class, RepairCommand.class, DatasetCommand.class, VaultCommand.class, MetricsCommand.class,
            ChainCommand.class, NodeCommand.class, CacheCommand.class, BenchCommand.class, ClientCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; user mistakes print one line on stderr, no stack trace. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            // named by its subcommand ("chain status: Missing required option ..."), as the commands' own errors are
            String sub = ex.getCommandLine().getCommandSpec().qualifiedName().replaceFirst("^chainbeasts ?", "");
            ex.getCommandLine().getErr().println("chainbeasts: " + (sub.isEmpty() ? "" : sub + ": ") + ex.getMessage() + " (see "
                    + (sub.isEmpty() ? "" : "chainbeasts " + sub + " ") + "--help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String line = userFacing(ex);
            if (line == null) throw ex; // a bug: keep the stack trace
            commandLine.getErr().println("chainbeasts: " + line);
            return 2;
        });
        return cl.execute(args);
    }

    /**
     * The one line to print when {@code ex} means the user's input or data is wrong (bad argument,
     * missing or corrupted file, unreadable beast store, bad dataset, undecodable bytes); null for
     * anything else, which is a bug and keeps its stack trace.
     */
    static String userFacing(Throwable ex) {
        if (ex instanceof UserError || ex instanceof io.chainbeasts.node.ChainError || ex instanceof IllegalArgumentException
                || ex instanceof io.chainbeasts.checkpoint.StoreException
                || ex instanceof io.chainbeasts.datasets.DatasetException
                || ex instanceof io.chainbeasts.core.DecodeException
                || ex instanceof io.chainbeasts.combat.InvalidStateException) {
            return ex.getMessage();
        }
        if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) return userFacing(ex.getCause());
        if (ex instanceof java.nio.file.FileSystemException f) return f.getFile() + ": " + io.chainbeasts.core.IoErrors.describe(f);
        if (ex instanceof java.io.IOException e) return "I/O error: " + io.chainbeasts.core.IoErrors.describe(e);
        return null;
    }
}
