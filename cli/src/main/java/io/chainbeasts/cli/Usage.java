package io.chainbeasts.cli;

import picocli.CommandLine;

/** A command group run without a subcommand: its usage on stderr, exit 2 (a bad invocation). */
final class Usage {
    private Usage() {}

    static int needSubcommand(CommandLine.Model.CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getErr());
        cl.getErr().println(spec.qualifiedName() + ": name a subcommand (see above)"); // the qualified name starts with "chainbeasts"
        return 2;
    }
}
