package io.chainbeasts.cli;

import io.chainbeasts.core.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of a local chain started by {@code chain up FILE}, all beside FILE (the addresses file):
 * for {@code .chainbeasts/chain.json} they are {@code chain.state.json} (anvil's state, loaded at start and
 * dumped on exit, so the chain survives restarts), {@code chain.pid} (the running anvil's pid),
 * {@code chain.log} (anvil's output) and {@code chain.json.lock} (held while a `chain up` starts the chain).
 */
record LocalChainFiles(Path addresses, Path state, Path pid, Path log) {
    static LocalChainFiles of(Path addresses) {
        Path abs = addresses.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new LocalChainFiles(abs, abs.resolveSibling(base + ".state.json"), abs.resolveSibling(base + ".pid"), abs.resolveSibling(base + ".log"));
    }

    /** The anvil this chain's pid file names, when that process is alive and is an anvil serving this state file. */
    Optional<ProcessHandle> running() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(this.pid, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isOurAnvil(commandLine(h)));
    }

    /** A pid may be reused by another program after anvil ended: ours runs an anvil binary with our --state file. */
    boolean isOurAnvil(List<String> argv) {
        if (argv.isEmpty()) return false;
        int state = argv.indexOf("--state");
        return argv.stream().anyMatch(a -> a.equals("anvil") || a.endsWith("/anvil"))
                && state >= 0 && state + 1 < argv.size() && argv.get(state + 1).equals(this.state.toString());
    }

    private static List<String> commandLine(ProcessHandle h) {
        Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try {
            String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            ProcessHandle.Info info = h.info();
            List<String> argv = new java.util.ArrayList<>();
            info.command().ifPresent(argv::add);
            info.arguments().ifPresent(a -> argv.addAll(List.of(a)));
            return argv;
        }
    }

    void writePid(long pid) throws IOException {
        AtomicFile.write(this.pid, (pid + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
