package io.chainbeasts.cli;

import io.chainbeasts.node.ChainError;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ChainValidatorState;
import io.chainbeasts.node.VoteValidator;
import io.chainbeasts.engine.TrainingBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A validator: one pass, or with {@code --watch} a node that runs passes every {@code --interval}
 * seconds until SIGINT/SIGTERM (or {@code --rounds N}). The pass itself (stake, replay, and the vote of a
 * {@code chain up --vote} deployment) is the node module's {@link VoteValidator}; this command parses options,
 * opens the session, the state file and the backend, and loops. On the default deployment the dispute game decides
 * disputes (`chain dispute`, `chain answer`), so a pass replays and reports but finds no vote to cast.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validator pass: register with stake (up to minStake), replay each --beast's on-chain checkpoints with the prover's "
                + "Verifier and the on-chain season; on a `chain up --vote` chain, for open votes commit, then (later pass) reveal the verdict, "
                + "then resolve (the default chain's disputes are games: `chain dispute`, `chain answer`). "
                + "--watch runs it as a node (one line per event) until SIGINT/SIGTERM or --rounds, keeping its progress in --state.")
final class ChainValidateCommand implements Callable<Integer> {
    static final String CMD = "chain validate";

    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast store(s) to watch (repeatable)")
    List<Path> beasts;

    @Option(names = "--stake", description = "ENERGY to stake when below minStake (default: exactly what reaches minStake)")
    String stake;

    @Option(names = "--backend", defaultValue = "auto",
            description = "auto|java|opencl: where windows are replayed, 64 per batch (default ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--watch", description = "run as a validator node: a pass every --interval seconds until SIGINT/SIGTERM")
    boolean watch;

    @Option(names = "--interval", description = "seconds between passes with --watch (default 15)")
    Long interval;

    @Option(names = "--rounds", description = "with --watch: stop after N passes (exit 1 if a pass failed)")
    Long rounds;

    @Option(names = "--state", description = "the node's state file (default with --watch: validator-ADDRESS.json next to the --chain file)")
    Path stateFile;

    private ChainSession s;
    private ChainValidatorState st;
    private TrainingBackend be;
    private VoteValidator validator;
    /** Set while `--watch` runs: Ctrl-C / SIGTERM ends the pass at the next beast. */
    private StopSignal stop;

    @Override
    public Integer call() {
        if (!watch && (rounds != null || interval != null)) throw new UserError(CMD + ": --rounds and --interval go with --watch");
        long every = interval == null ? 15 : interval;
        if (every < 0) throw new UserError(CMD + ": --interval: must not be negative");
        if (rounds != null && rounds < 1) throw new UserError(CMD + ": --rounds: must be at least 1");
        try (ChainSession session = chain.session(CMD, true)) {
            s = session;
            Path sf = stateFile;
            if (sf == null && watch) {
                Path parent = chain.chainFile.toAbsolutePath().getParent();
                sf = parent.resolve("validator-" + s.address().toLowerCase() + ".json");
            }
            String dm = s.d.disputes.getContractAddress();
            try (ChainValidatorState state = sf == null ? ChainValidatorState.memory(s.client.chainId(), dm, s.address())
                    : ChainValidatorState.open(CMD, sf, s.client.chainId(), dm, s.address());
                 TrainingBackend backendHandle = BackendChoice.open(backend)) {
                st = state;
                be = backendHandle;
                BigInteger atLeast = stake == null ? null : ChainSession.parseEnergy("--stake", stake);
                validator = new VoteValidator(s, st, be, atLeast, !watch, System.out::println, Times::at, Progress.replayBars());
                if (!watch) return onePass();
                return node(every);
            }
        }
    }

    private int onePass() {
        int bad = validator.pass(beasts, () -> false);
        long unestablished = validator.unestablished();
        System.out.println((bad == 0 ? "result: no invalid checkpoint found" : "result: " + bad + " invalid checkpoint(s) on chain")
                + (unestablished > 0 ? "; " + unestablished + " checkpoint(s) could not be judged from the local store" : ""));
        return 0;
    }

    private int node(long every) {
        System.out.println("validator node " + s.address() + " on chain " + s.client.chainId() + ": state " + st.file
                + (st.resumed ? " (resumed: " + st.replays.size() + " checkpoint(s) replayed, " + st.votes.size() + " vote(s))" : " (new)")
                + ", backend " + be.name() + ", a pass every " + every + " s" + (rounds != null ? ", " + rounds + " round(s)" : "; Ctrl-C stops"));
        stop = new StopSignal("validator-node-shutdown");
        long round = 0;
        int failed = 0;
        String why = "interrupted";
        try {
            while (true) {
                round++;
                try {
                    validator.pass(beasts, stop::stopped);
                } catch (UserError | ChainError e) {
                    failed++;
                    System.err.println(CMD + ": round " + round + ": " + e.getMessage().replaceFirst("^" + CMD + ": ", ""));
                } catch (RuntimeException e) {
                    failed++;
                    System.err.println(CMD + ": round " + round + ": " + ChainSession.rootMessage(e));
                }
                if (stop.stopped()) {
                    why = "on signal";
                    break;
                }
                if (rounds != null && round >= rounds) {
                    why = "after " + round + " round(s)";
                    break;
                }
                if (stop.await(every)) {
                    why = "on signal";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.out.println("validator node stopped " + why + " (" + round + " round(s), " + failed + " failed); state in " + st.file);
            System.out.flush();
            stop.close();
        }
        return failed > 0 && rounds != null ? 1 : 0;
    }
}
