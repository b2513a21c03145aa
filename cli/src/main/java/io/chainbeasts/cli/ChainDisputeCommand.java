package io.chainbeasts.cli;

import io.chainbeasts.node.CheckpointStatus;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.DisputeStatus;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.ChainError;
import io.chainbeasts.node.DisputeGamePlayer;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.RevealBundle;
import io.chainbeasts.prover.Verifier;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dispute", mixinStandardHelpOptions = true,
        description = "Challenger: replay the window locally (with the on-chain season), then file a dispute with the bond "
                + "(bondMultiplier x the window's locked ENERGY) and, for a private beast, reveal {dataset bytes, S_owner} "
                + "(a `vault reveal` bundle, or --dataset and --secret). Refuses to dispute a window that replays VERIFIED unless --force. "
                + "On a deployment with the dispute game it plays the whole game instead: files, waits for the owner's step digests, "
                + "names the first bad micro-step (or the window-end check) and proves it on chain, printing each move with its gas. "
                + "A private window needs no dataset there: the challenger replays it from the records the owner reveals with its "
                + "digests, and opens a step that drew one with that record and its path; a game under way goes on when run again.")
final class ChainDisputeCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "the beast's store (as its owner published it)")
    Path beast;

    @Option(names = "--window", required = true, description = "window index to dispute")
    long window;

    @Option(names = "--reveal", description = "reveal bundle (`vault reveal`) holding the dataset bytes and S_owner")
    Path bundle;

    @Option(names = "--dataset", description = "the packed private dataset (.zst) (with --secret, instead of --reveal)")
    Path dataset;

    @Option(names = "--secret", description = "the owner secret file (64 hex digits)")
    Path secret;

    @Option(names = "--force", description = "file even when the local replay does not show the payload wrong (you will likely lose the bond)")
    boolean force;

    @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS",
            description = "on a deployment with the dispute game: keep playing up to SECONDS (polling), else one pass; run again to go on (default ${DEFAULT-VALUE})")
    long waitSeconds;


    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain dispute", true)) {
            ChainBeast b = ChainBeast.open(s, beast);
            if (window < 0 || window >= b.windows) throw new UserError("chain dispute: --window: " + beast + " has windows 0.." + (b.windows - 1));
            byte[] payload = payloadOf(b, window);
            byte[] h = io.chainbeasts.core.Keccak256.hash(payload);
            if (b.status(h) == CheckpointStatus.NONE) throw new UserError("chain dispute: --window: window " + window + " (0x" + io.chainbeasts.core.Hex.of(h) + ") is not on chain");
            ChainBeast.Constants c = ChainBeast.constants(s);
            ChainBeast.Reveal reveal = reveal(s, b, bundle, dataset, secret, c);
            // a game under way goes on where it stands (a private window is judged from the records revealed in it)
            if (s.d.game != null && gameUnderWay(s, h)) return playGame(s, b, reveal);
            Verifier.WindowVerdict v = ChainBeast.verdictOf(b.verifyAsSubmitted(reveal == null ? null : reveal.opened(), reveal == null ? null : reveal.secret(), null, Progress.replayBars()), window);
            System.out.println("local replay: " + (v == null ? "window " + window + ": no verdict" : v.line()));
            // A bond is evidence-backed: only a replay that contradicts the payload itself (FAILURE) files.
            if ((v == null || v.verdict() != Verifier.Verdict.FAILURE) && !force) {
                String why = v == null ? "has no verdict"
                        : v.verdict() == Verifier.Verdict.VERIFIED ? "replays VERIFIED; a dispute would lose the bond"
                        : v.verdict() == Verifier.Verdict.LINEAGE_ONLY && s.d.game != null
                        ? "is private: the dispute game reveals the records it drew only once filed, and the bond is lost if they replay it"
                        : v.verdict() == Verifier.Verdict.LINEAGE_ONLY ? "was not replayed (a private window: pass --reveal, or --dataset and --secret)"
                        : "is " + v.verdict() + ": this store cannot show the payload wrong";
                throw new UserError("chain dispute: window " + window + " " + why + " (--force to file anyway)");
            }
            if (s.d.game != null) return playGame(s, b, reveal);
            DisputeManager.Dispute d = b.dispute(h);
            if (DisputeStatus.of(d.status.intValue()) == DisputeStatus.RESOLVED_INCONCLUSIVE && d.round.intValue() >= DisputeStatus.MAX_ROUNDS) {
                throw new UserError("chain dispute: window " + window + " was disputed " + DisputeStatus.MAX_ROUNDS + " times without a conclusion; the checkpoint stands");
            }
            // none yet, or the last one was inconclusive (the checkpoint reopened): file
            if (d.status.signum() == 0 || DisputeStatus.of(d.status.intValue()) == DisputeStatus.RESOLVED_INCONCLUSIVE) {
                BigInteger locked = b.record(h).component1();
                BigInteger mult = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("bondMultiplier")), "SeasonRegistry.get(bondMultiplier)");
                BigInteger bond = locked.multiply(mult).max(BigInteger.ONE);
                String dm = s.d.disputes.getContractAddress();
                BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
                if (bal.compareTo(bond) < 0) {
                    throw new UserError("chain dispute: --key: " + s.address() + " holds " + ChainSession.energy(bal) + ", the bond is " + ChainSession.energy(bond));
                }
                if (s.view(s.d.energy.allowance(s.address(), dm), "Energy.allowance").compareTo(bond) < 0) {
                    TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(dm, bond), "Energy.approve");
                    System.out.println("approve bond " + ChainSession.energy(bond) + " to DisputeManager: gas " + a.getGasUsed());
                }
                TransactionReceipt f = s.tx(s.d.disputes, s.d.disputes.fileDispute(payload), "DisputeManager.fileDispute");
                d = b.dispute(h);
                System.out.println("dispute filed on window " + window + " (0x" + io.chainbeasts.core.Hex.of(h) + "): bond " + ChainSession.energy(d.bond)
                        + ", gas " + f.getGasUsed() + (d.isPrivate ? "; dataset reveal until " + Times.at(d.datasetDeadline, s.now()) : "") + "; commit until "
                        + Times.at(d.commitDeadline, s.now()) + ", reveal until " + Times.at(d.revealDeadline, s.now()));
            } else {
                System.out.println("dispute on window " + window + " already filed by " + d.challenger + " (" + DisputeStatus.of(d.status.intValue()).label() + ")");
            }
            revealIfNeeded(s, b, h, d, reveal);
            return 0;
        }
    }

    /**
     * The dispute game (a deployment with a DisputeGame): the node's state machine files, waits for the owner's step
     * digests, names the first step that departs from the honest replay (or the window-end check) and proves it,
     * printing every move with its gas. One pass unless --wait; the game goes on where it stands when run again.
     */
    private int playGame(ChainSession s, ChainBeast b, ChainBeast.Reveal reveal) {
        if (waitSeconds < 0) throw new UserError("chain dispute: --wait: " + waitSeconds + " is negative");
        long now = s.now();
        DisputeGamePlayer p = new DisputeGamePlayer(s, System.out::println, t -> Times.at(t, now));
        // a private window without the dataset: file with the payload; the replay uses the records the owner reveals
        DisputeGamePlayer.Replay r = b.id.isPrivate() && reveal == null ? DisputeGamePlayer.unreplayed(b, window)
                : DisputeGamePlayer.replay(b, window, reveal == null ? null : reveal.opened(), reveal == null ? null : reveal.secret());
        int st = p.challenge(b, r, new DisputeGamePlayer.Pace(2000, waitSeconds * 1000));
        return st == DisputeGamePlayer.RESOLVED_VALID ? 1 : 0;
    }

    private static boolean gameUnderWay(ChainSession s, byte[] h) {
        int st = s.view(s.d.game.getGame(h), "DisputeGame.getGame").stage.intValue();
        return st >= DisputeGamePlayer.AWAIT_DIGESTS && st <= DisputeGamePlayer.AWAIT_PROOF;
    }

    /**
     * The payload to dispute: the local record's, or, when that record is unreadable, the one submitted on
     * chain for this window on top of the previous local checkpoint (a damaged store shields nothing).
     */
    private static byte[] payloadOf(ChainBeast b, long window) {
        try {
            return b.window(window).payload();
        } catch (ChainError unreadable) {
            byte[] prev = window == 0 ? new byte[32] : b.window(window - 1).checkpointHash();
            byte[] p = b.payloadOnChain(window, prev);
            if (p == null) throw unreadable;
            System.out.println("window " + window + ": the local record is unreadable (" + unreadable.getMessage() + "); using the payload submitted on chain");
            return p;
        }
    }

    static ChainBeast.Reveal reveal(ChainSession s, ChainBeast b, Path bundle, Path dataset, Path secret, ChainBeast.Constants c) {
        if (bundle != null && (dataset != null || secret != null)) throw new UserError(s.command + ": --reveal or --dataset/--secret, not both");
        if ((dataset == null) != (secret == null)) throw new UserError(s.command + ": --dataset and --secret go together");
        if (bundle == null && dataset == null) return null;
        if (!b.id.isPrivate()) throw new UserError(s.command + ": " + (bundle != null ? "--reveal" : "--dataset") + ": beast #" + b.id.beastId() + " is public; there is nothing to reveal");
        if (bundle != null) {
            RevealBundle r;
            try {
                r = RevealBundle.read(bundle);
            } catch (DatasetException e) {
                throw new UserError(s.command + ": --reveal: " + e.getMessage());
            }
            return b.checkReveal(r.datasetBytes(), r.secret(), c.season(), "--reveal " + bundle);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(dataset);
        } catch (IOException e) {
            throw new UserError(s.command + ": --dataset: cannot read " + dataset + " (" + io.chainbeasts.core.IoErrors.describe(e) + ")");
        }
        return b.checkReveal(data, Secrets.read(secret), c.season(), "--dataset " + dataset);
    }

    static void revealIfNeeded(ChainSession s, ChainBeast b, byte[] h, DisputeManager.Dispute d, ChainBeast.Reveal reveal) {
        if (!d.isPrivate || DisputeStatus.of(d.status.intValue()) != DisputeStatus.OPEN) return;
        if (d.revealed) {
            System.out.println("dataset already revealed on chain");
            return;
        }
        if (reveal == null) {
            System.out.println("private window: nobody has revealed {dataset, S_owner} yet; unless it is revealed by " + Times.at(d.datasetDeadline, s.now())
                    + " (`chain reveal`), the dispute resolves INVALID by default");
            return;
        }
        TransactionReceipt r = s.tx(s.d.disputes, s.d.disputes.revealDataset(h, reveal.dataset(), reveal.secret()), "DisputeManager.revealDataset");
        System.out.println("revealed dataset (" + reveal.dataset().length + " bytes) and S_owner: gas " + r.getGasUsed());
    }
}
