package io.chainbeasts.cli;

import io.chainbeasts.engine.opencl.ProgramCache;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "The compiled OpenCL program cache under CHAINBEASTS_CACHE_DIR (default ~/.cache/chainbeasts).",
        subcommands = {CacheCommand.ListEntries.class, CacheCommand.Clear.class})
final class CacheCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cached program binaries (key, device, size).")
    static final class ListEntries implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(ProgramCache.defaultCache().describe());
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Delete every cached program binary.")
    static final class Clear implements Callable<Integer> {
        @Override
        public Integer call() {
            int n = ProgramCache.defaultCache().clear();
            System.out.println("removed " + n + " cached program" + (n == 1 ? "" : "s"));
            return 0;
        }
    }
}
