package io.chainbeasts.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code chain down}: stops the anvil of {@code chain up FILE} by the pid in its pid file, once it is sure that pid is that anvil. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the local chain `chain up` started (foreground or --detach); its state is saved for the next `chain up`.")
final class ChainDownCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = ".chainbeasts/chain.json",
            description = "the addresses file given to `chain up` (default ${DEFAULT-VALUE})")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(file)) throw new UserError("chain down: " + file + " is a directory; give the addresses FILE of `chain up`");
        LocalChainFiles f = LocalChainFiles.of(file);
        if (!Files.exists(f.pid()) && !Files.exists(f.addresses())) {
            throw new UserError("chain down: " + file + ": no such file (give the addresses FILE that `chain up` was given)");
        }
        if (!Files.exists(f.pid())) {
            System.out.println("chain down: no local chain is running for " + file + " (no " + f.pid().getFileName() + ")");
            return 0;
        }
        Optional<ProcessHandle> live = f.running();
        if (live.isEmpty()) {
            Files.deleteIfExists(f.pid());
            System.out.println("chain down: the chain for " + file + " was not running (removed the stale " + f.pid().getFileName() + ")");
            return 0;
        }
        ProcessHandle h = live.get();
        h.destroy(); // SIGTERM: anvil dumps its state, then exits
        boolean clean = true;
        try {
            h.onExit().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            clean = false;
            h.destroyForcibly();
            h.onExit().get(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(f.pid());
        System.out.println(clean ? "stopped anvil (pid " + h.pid() + "); the chain is saved in " + f.state()
                : "killed anvil (pid " + h.pid() + ") after 20 s; " + f.state() + " holds its last periodic dump");
        return 0;
    }
}
