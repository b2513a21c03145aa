package io.chainbeasts.cli;

import io.chainbeasts.node.CheckpointStatus;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.DisputeGamePlayer;
import io.chainbeasts.node.DisputeTarget;
import io.chainbeasts.node.VoteChallenge;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.RevealBundle;
import io.chainbeasts.prover.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
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
        try (ChainSession s = chain.session("chain dispute", true);
             InterruptNote note = new InterruptNote("chain dispute: stopped; every move made is on chain: run the same command again"
                     + " to go on (`chain status --beast DIR` shows the game's deadlines)")) {
            ChainBeast b = ChainBeast.open(s, beast);
            if (window < 0 || window >= b.windows) throw new UserError("chain dispute: --window: " + beast + " has windows 0.." + (b.windows - 1));
            byte[] payload = DisputeTarget.payloadOf(b, window, System.out::println);
            byte[] h = io.chainbeasts.core.Keccak256.hash(payload);
            if (b.status(h) == CheckpointStatus.NONE) throw new UserError("chain dispute: --window: window " + window + " (0x" + io.chainbeasts.core.Hex.of(h) + ") is not on chain");
            ChainBeast.Constants c = ChainBeast.constants(s);
            ChainBeast.Reveal reveal = reveal(s, b, bundle, dataset, secret, c);
            // a game under way goes on where it stands (a private window is judged from the records revealed in it)
            if (s.d.game != null && DisputeTarget.gameUnderWay(s, h)) return playGame(s, b, reveal);
            Verifier.WindowVerdict v = ChainBeast.verdictOf(b.verifyAsSubmitted(reveal == null ? null : reveal.opened(), reveal == null ? null : reveal.secret(), null, Progress.replayBars()), window);
            System.out.println("local replay: " + (v == null ? "window " + window + ": no verdict" : v.line()));
            // A bond is evidence-backed: only a replay that contradicts the payload itself (FAILURE) files.
            String noBond = DisputeTarget.whyNoBond(v, window, s.d.game != null);
            if (noBond != null && !force) throw new UserError("chain dispute: " + noBond + " (--force to file anyway)");
            if (s.d.game != null) return playGame(s, b, reveal);
            long now = s.now();
            VoteChallenge vc = new VoteChallenge(s, System.out::println, t -> Times.at(t, now));
            vc.revealIfNeeded(h, vc.file(b, window, payload, h), reveal);
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
        if (waitSeconds > 0) System.out.println("playing window " + window + "'s dispute for up to " + io.chainbeasts.core.Durations.of(waitSeconds)
                + ", answering the owner's moves as they come (Ctrl-C stops; run again to go on)");
        int st = p.challenge(b, r, new DisputeGamePlayer.Pace(2000, waitSeconds * 1000));
        return st == DisputeGamePlayer.RESOLVED_VALID ? 1 : 0;
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
        return b.checkReveal(data, "--dataset " + dataset, Secrets.read(secret), "--secret " + secret, c.season());
    }
}
