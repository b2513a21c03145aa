package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code chain up}: a local anvil with every contract deployed, in the foreground (Ctrl-C or {@code chain down}
 * stops it) or {@code --detach}ed. The chain persists across restarts in anvil's state file; a restart finds
 * the contracts of the addresses file there and keeps them. A second {@code chain up} on a live chain changes nothing.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start anvil on 127.0.0.1 (free port) with every contract deployed and write the addresses to FILE.",
            "Runs in the foreground until Ctrl-C or `chain down`; --detach leaves it running in the background.",
            "The chain is kept in FILE's state file (chain.state.json beside chain.json) and restored by the next `chain up`."})
final class ChainUpCommand implements Callable<Integer> {
    /** Dev accounts anvil funds; account 0 deploys and is the Energy admin. */
    static final int ACCOUNTS = 10;
    static final long TIMELOCK_SECONDS = 86_400;
    /** anvil also dumps its state this often, so a killed anvil loses at most this many seconds of chain. */
    static final int DUMP_SECONDS = 5;

    static final String DEFAULT_FILE = ".chainbeasts/chain.json";

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "addresses file (default ${DEFAULT-VALUE}); the state, pid and log files go beside it")
    Path out;

    @Option(names = "--detach", description = "start in the background (pid in chain.pid, anvil's output in chain.log) and return")
    boolean detach;

    @Option(names = "--vote", description = "deploy the validators' commit-reveal vote (DisputeManager) as the ledger's dispute contract, "
            + "for studying the vote; default: the dispute game (a dispute ends in one micro-step re-executed on chain by the Solidity "
            + "one-step verifier, and no vote decides anything)")
    boolean vote;

    @Option(names = "--reset", description = "discard the saved chain state and deploy a fresh chain (the chain must be down); the default "
            + "node's node/ and the validators' validator-0x....json beside it, which judged the old chain, are moved aside (NAME.before-STAMP)")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(out)) throw new UserError("chain up: " + out + " is a directory; give the addresses FILE to write");
        LocalChainFiles f = LocalChainFiles.of(out);
        Optional<ProcessHandle> live = f.running();
        if (live.isPresent()) {
            if (reset) throw new UserError("chain up: --reset: the chain of " + out + " is running (anvil pid " + live.get().pid()
                    + "); `" + downCommand() + "` first");
            String rpc = rpcOf(f.addresses());
            System.out.println("chain up: a chain is already running" + (rpc == null ? "" : " at " + rpc) + " (anvil pid " + live.get().pid()
                    + ", " + out + "); nothing changed. `" + downCommand() + "` stops it");
            return 0;
        }
        try {
            Files.createDirectories(f.addresses().getParent());
        } catch (IOException e) {
            throw new UserError("chain up: cannot create " + f.addresses().getParent() + " for " + out);
        }
        // two `chain up` at once: the second says so; once the pid file is written, it tells the next one
        Anvil anvil;
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(
                f.addresses().resolveSibling(f.addresses().getFileName() + ".lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held;
            try {
                held = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) throw new UserError("chain up: another `chain up` is starting the chain of " + out + " right now");
            anvil = startAndDeploy(f);
        }
        if (detach) {
            System.out.println("running in the background (log " + f.log() + "); `" + downCommand() + "` stops it");
            return 0;
        }
        System.out.println("running; Ctrl-C or `" + downCommand() + "` (from another terminal) stops it");
        return foreground(anvil, f);
    }

    /**
     * Moves aside what the default node and validator kept beside the chain file of a chain that is gone (after
     * `--reset`, or a fresh deploy over a chain file): a fresh chain has the same contract addresses, so its node would
     * otherwise inherit the old chain's judgements and bonds. Only what they write is touched, and moved, never deleted
     * ({@code NAME.before-STAMP}): `node/` when it holds `judgements.json` and nothing but the node's own files, and
     * `validator-0x<40 hex>.json` unless a running validator holds its lock. Returns the lines saying what moved.
     */
    static java.util.List<String> setAsideOldChainData(Path dir, String stamp) throws IOException {
        java.util.List<String> said = new java.util.ArrayList<>();
        Path node = dir.resolve("node");
        if (Files.isRegularFile(node.resolve("judgements.json"))) {
            boolean onlyNodeFiles;
            try (java.util.stream.Stream<Path> entries = Files.list(node)) {
                onlyNodeFiles = entries.allMatch(e -> NODE_ENTRIES.contains(e.getFileName().toString()) || e.getFileName().toString().startsWith("."));
            }
            if (onlyNodeFiles) {
                Path aside = dir.resolve("node.before-" + stamp);
                Files.move(node, aside);
                said.add("moved " + node + " to " + aside + ": its judgements and bonds are the old chain's");
            } else {
                said.add("left " + node + " as it is: it holds files a node does not write; start the node on a fresh --data folder");
            }
        }
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "validator-0x*.json")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().matches("validator-0x[0-9a-f]{40}\\.json")) continue;
                if (lockedByAValidator(p)) {
                    said.add("left " + p + " as it is: a validator node is running on it");
                    continue;
                }
                Path aside = p.resolveSibling(p.getFileName() + ".before-" + stamp);
                Files.move(p, aside);
                said.add("moved " + p + " to " + aside + ": its votes are the old chain's");
            }
        }
        return said;
    }

    /** What ReplayNode writes in its data folder (besides its temp files). */
    private static final java.util.Set<String> NODE_ENTRIES = java.util.Set.of("judgements.json", "states");

    /** Whether a running `chain validate --watch` holds the state file's lock. */
    private static boolean lockedByAValidator(Path state) throws IOException {
        Path lock = io.chainbeasts.node.ChainValidatorState.lockFile(state);
        if (!Files.exists(lock)) return false;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.tryLock();
            if (held == null) return true;
            held.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    /** The command that stops this chain: `chain down` names the file unless it is the default one. */
    private String downCommand() {
        return "chainbeasts chain down" + (out.normalize().equals(Path.of(DEFAULT_FILE)) ? "" : " " + out);
    }

    /** Starts anvil on the saved chain (or a fresh one), writes the pid and addresses files; under the start lock. */
    private Anvil startAndDeploy(LocalChainFiles f) throws IOException {
        Files.deleteIfExists(f.pid()); // a stale pid file: that anvil is gone
        boolean hadSaved = Files.isRegularFile(f.state());
        if (reset) Files.deleteIfExists(f.state());
        boolean hadState = Files.isRegularFile(f.state());
        boolean hadAddresses = Files.isRegularFile(f.addresses());
        Anvil anvil;
        try {
            anvil = Anvil.startPersistent(ACCOUNTS, f.state(), f.log(), DUMP_SECONDS, detach);
        } catch (IllegalStateException e) { // no anvil binary
            throw new UserError("chain up: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("chain up: " + e.getMessage() + (hadState ? "; if the saved chain " + f.state().getFileName()
                    + " is damaged, `chainbeasts chain up --reset` starts a fresh one" : ""));
        }
        Deployment d;
        boolean restored;
        try (ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            f.writePid(anvil.pid());
            d = hadState ? restore(c, f) : null;
            restored = d != null;
            String clock = restored ? keepClock(c) : null;
            if (d == null) {
                d = vote ? Deployment.deployWithVote(c, c.account(0), TIMELOCK_SECONDS, Deployment.defaultSeason())
                        : Deployment.deploy(c, c.account(0), TIMELOCK_SECONDS, Deployment.defaultSeason());
            }
            d.writeJson(f.addresses(), anvil.rpcUrl());
            System.out.println((restored ? "restored the saved chain from " + f.state() : hadState
                    ? "the saved state holds no contracts of " + out + "; deployed a fresh chain"
                    : hadAddresses && !reset ? "no saved chain beside " + out + " (deleted, or from before chains were saved); deployed a fresh "
                    + "chain, so beasts hatched on the old one are not on this one"
                    : "deployed a fresh chain")
                    + ": anvil " + anvil.rpcUrl() + " (pid " + anvil.pid() + "), chain id " + c.chainId());
            if (clock != null) System.out.println(clock);
            d.addresses().forEach((k, v) -> System.out.println("  " + k + " " + v));
            if (!restored && (hadSaved || hadAddresses)) { // a fresh chain where another was: its node's and validators' files are that one's
                String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
                for (String line : setAsideOldChainData(f.addresses().toAbsolutePath().getParent(), stamp)) System.out.println(line);
            }
        } catch (RuntimeException | IOException e) {
            anvil.stop(10);
            Files.deleteIfExists(f.pid());
            if (e instanceof UserError u) throw u;
            throw new UserError("chain up: " + ChainSession.rootMessage(e) + " (anvil's output: " + f.log() + ")");
        }
        System.out.println("addresses written to " + out + "; the chain is kept in " + f.state());
        return anvil;
    }

    /** Waits for anvil to end (Ctrl-C reaches it too; `chain down` stops it by pid), then clears the pid file. */
    private static int foreground(Anvil anvil, LocalChainFiles f) throws IOException {
        Thread hook = new Thread(() -> {
            anvil.stop(15);
            try {
                Files.deleteIfExists(f.pid());
            } catch (IOException ignored) {
                // the next `chain up` finds the pid stale
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            anvil.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            anvil.stop(15);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook does the rest
        }
        Files.deleteIfExists(f.pid());
        System.out.println("chain stopped; its state is in " + f.state() + " (`chainbeasts chain up` restores it)");
        return 0;
    }

    /**
     * Keeps a restored chain's time going forward. anvil saves blocks but not the clock offset that `chain warp` added,
     * so its next block would be stamped with this machine's time, before the saved head's after a warp: closed
     * challenge windows and run-out dispute clocks would open again. The clock is moved to just past the head's
     * time instead; null when the next block is already later than the head (nothing to move), else the line that says so.
     */
    static String keepClock(ChainClient c) {
        long head = c.now();
        long next = c.pendingTime(); // what anvil would stamp now: the machine's clock, or the saved time where anvil keeps it
        if (next > head) return null;
        c.increaseTime(head - next + 1); // only the shortfall, so an anvil that keeps its clock is not moved twice
        long wall = System.currentTimeMillis() / 1000;
        return "the chain's clock goes on from its saved time " + Times.local(head)
                + (head > wall ? " (" + io.chainbeasts.core.Durations.of(head - wall) + " ahead of this machine's clock, as after a `chain warp`)" : "");
    }

    /** The deployment of the existing addresses file, when the restored chain holds its contracts; else null. */
    private static Deployment restore(ChainClient c, LocalChainFiles f) throws IOException {
        if (!Files.isRegularFile(f.addresses())) return null;
        Deployment.ChainFile cf;
        try {
            cf = Deployment.readJson(f.addresses());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String ledger = cf.contracts().get("CheckpointLedger");
        if (cf.chainId() != c.chainId() || ledger == null) return null;
        String code = c.web3j().ethGetCode(ledger, DefaultBlockParameterName.LATEST).send().getCode();
        if (code == null || code.equals("0x")) return null;
        try {
            return Deployment.load(c, c.account(0), cf.contracts());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String rpcOf(Path addresses) {
        try {
            return Deployment.readJson(addresses).rpc();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
