package io.chainbeasts.cli;

import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.node.ChainError;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ForcedErrorWatch;
import io.chainbeasts.node.NodeHttp;
import io.chainbeasts.node.ReplayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "A validator replay node that needs nothing but the chain: discovers every beast from BeastNFT's events, "
                + "rebuilds each public beast from its hatch by replaying its on-chain payloads (each under the constants of "
                + "its submission) and prints one line per window it judges (VERIFIED, FAILURE with the field, LINEAGE_ONLY "
                + "for private windows until a dispute game reveals their records, then VERIFIED or FAILURE from them). No owner's store is needed. Exit code: 0, or 1 when a pass found a FAILURE.")
final class NodeCommand implements java.util.concurrent.Callable<Integer> {
    static final String CMD = "node";

    @Mixin
    ChainOptions chain;

    @Option(names = "--data", paramLabel = "DIR", description = "the node's own folder: its state cache and judgements "
            + "(default: node/ beside --chain's file); a restart resumes from it")
    Path data;

    @Option(names = "--backend", defaultValue = "auto", description = "auto|java|opencl: where windows are replayed; each pass runs the next "
            + "window of every beast that has one in one call (on OpenCL one launch), Java when OpenCL is missing (default ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--confirmations", paramLabel = "N", defaultValue = "2",
            description = "read only blocks at least N deep, so a shallower reorg never reaches the node (default ${DEFAULT-VALUE}; 0: the latest block)")
    int confirmations;

    @Option(names = "--health-port", paramLabel = "PORT", description = "serve /health (200 once within 2 x --confirmations + 2 blocks "
            + "of the head and the last pass did not fail; 503 with the reason otherwise) and /metrics (Prometheus text) on 127.0.0.1:PORT, 0 = any free port (default: off)")
    Integer healthPort;

    @Option(names = "--dispute-budget", paramLabel = "E", description = "dispute every window the replay finds FAILURE (a private one once its records were revealed) through the "
            + "dispute game (every `chain up` deploys it but `--vote`), with bonds of at most E ENERGY in all; needs --key (default: report only)")
    String disputeBudget;

    @Option(names = "--follow", description = "keep following the chain, a pass every --interval seconds, until Ctrl-C or SIGTERM")
    boolean follow;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "5", description = "seconds between passes with --follow (default ${DEFAULT-VALUE})")
    long interval;

    @Option(names = "--rpc-timeout", paramLabel = "S", defaultValue = "30", description = "seconds one JSON-RPC request may take in all (connect, "
            + "send, wait, read): an endpoint that hangs or stalls mid-answer fails the pass after it, the node says so in one line and "
            + "retries next pass; 1..600 (default ${DEFAULT-VALUE})")
    long rpcTimeout;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 0) throw new UserError(CMD + ": --interval: must not be negative");
        if (rpcTimeout < 1 || rpcTimeout > 600) throw new UserError(CMD + ": --rpc-timeout: must be 1..600 seconds");
        if (confirmations < 0 || confirmations > 1000) throw new UserError(CMD + ": --confirmations: must be 0..1000");
        if (healthPort != null && (healthPort < 0 || healthPort > 65535)) throw new UserError(CMD + ": --health-port: must be 0..65535");
        BackendChoice.check(backend);
        Path dir = data != null ? data : chain.chainFile.toAbsolutePath().getParent().resolve("node");
        java.math.BigInteger budget = disputeBudget == null ? null : ChainSession.parseEnergy("--dispute-budget", disputeBudget);
        try (TrainingBackend be = BackendChoice.open(backend);
             NodeConnection c = new NodeConnection(chain, disputeBudget != null, java.time.Duration.ofSeconds(rpcTimeout), dir, be, confirmations,
                     n -> {
                         if (budget != null) n.challengeWithin(budget, System.out::println);
                     });
             // installed before the first line: a SIGTERM at any moment after it still ends with the judgements saved
             StopSignal stop = follow ? new StopSignal("node-shutdown") : null) {
            ChainSession s = c.session();
            System.out.println("node on chain " + s.client.chainId() + " (" + s.rpcUrl + "), data " + dir + ", backend " + be.name()
                    + ", " + confirmations + " confirmation(s), RPC timeout " + rpcTimeout + " s" + (follow ? ", a pass every " + interval + " s; Ctrl-C stops" : ""));
            // forced errors: after the keeper's reveal, the rewards this key earned are claimed; counted in /metrics
            if (!follow) {
                int failures = c.node().pass(System.out::println);
                if (c.forced() != null) c.forced().pass(System.out::println);
                System.out.println(summary(c.node().status()));
                return failures == 0 ? 0 : 1;
            }
            java.util.concurrent.atomic.AtomicReference<String> failing = new java.util.concurrent.atomic.AtomicReference<>();
            if (healthPort == null) return follow(c, stop, failing);
            try (NodeHttp http = NodeHttp.start("127.0.0.1", healthPort, 2L * confirmations + 2, () -> c.node().status(), () -> {
                ForcedErrorWatch forced = c.forced(); // read once: a reopen may change it between two reads
                return forced == null ? "" : ForcedErrorWatch.prometheus(forced.stats());
            }, failing::get)) {
                System.out.println("node: health http://127.0.0.1:" + http.port() + "/health, metrics http://127.0.0.1:" + http.port() + "/metrics");
                return follow(c, stop, failing);
            } catch (java.io.IOException e) {
                throw new UserError(CMD + ": --health-port " + healthPort + ": " + io.chainbeasts.core.IoErrors.describe(e));
            }
        }
    }

    /** One line: what this run judged and how fast it replayed (what `bench node` reads). */
    static String summary(ReplayNode.Status st) {
        long milli = st.windowsPerSecondMilli();
        return "node: " + st.beasts() + " beast(s) tracked, " + st.windowsReplayed() + " replay(s) in " + st.replayNanos() / 1_000_000 + " ms = "
                + milli / 1000 + "." + String.format(java.util.Locale.ROOT, "%03d", milli % 1000) + " replays/s, " + st.failures()
                + " failed, judged up to block " + st.readUpTo();
    }

    /**
     * Passes until stopped. A pass that fails (the endpoint down, hanging past --rpc-timeout, a reply that does not
     * parse) leaves the node's state as the last saved wave left it and is retried next pass; the failure is said in one
     * line, not again while it repeats, and the recovery in one line too. While passes fail, {@code failing} holds why
     * (the health endpoint answers 503 with it), and a chain that `chain up` restored on a new endpoint is followed there.
     */
    private int follow(NodeConnection c, StopSignal stop, java.util.concurrent.atomic.AtomicReference<String> failing) throws InterruptedException {
        int failed = 0;
        while (!stop.stopped()) {
            try {
                followChainFile(c); // the chain file may name a new endpoint (a restored chain): passes go there, failing or not
                c.node().pass(System.out::println);
                if (c.forced() != null) c.forced().pass(System.out::println);
                if (failing.get() != null) System.out.println(CMD + ": the chain answers again after " + failed + " failed pass(es)");
                failing.set(null);
                failed = 0;
            } catch (ChainError | UserError | java.io.UncheckedIOException e) {
                failed++;
                // a ChainError of a failed reopen and a pass's own failure are said the same way, once while they repeat
                String m = e.getMessage();
                if (!m.equals(failing.get())) System.err.println((m.startsWith(CMD + ": ") ? m : CMD + ": " + m) + " (retrying next pass)");
                failing.set(m);
            }
            if (stop.await(interval)) break;
        }
        System.out.println(summary(c.node().status()));
        System.out.println("node stopped; its judgements are saved");
        return 0;
    }

    /** Follows the chain to the endpoint its file names now, if that changed; a failure to reopen fails the pass. */
    private static void followChainFile(NodeConnection c) {
        String moved;
        try {
            moved = c.reopenIfMoved();
        } catch (ChainError | UserError | java.io.UncheckedIOException e) {
            throw new ChainError(CMD + ": the chain file names a new endpoint, but the node cannot open it: " + e.getMessage());
        }
        if (moved != null) System.out.println(CMD + ": the chain file names a new endpoint, " + moved + "; following the chain there");
    }
}
