package io.chainbeasts.cli;

import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.core.Hex;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.DisputeGamePlayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "answer", mixinStandardHelpOptions = true,
        description = "Owner's node for the dispute game: answers every dispute on the beast's windows when it is the owner's move "
                + "(posts the window's 128 step digests, and for a private beast S_owner and the records the window drew with their "
                + "paths, never the dataset; opens the step the challenger named). --watch keeps answering for SECONDS.")
final class ChainAnswerCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "the beast's store")
    Path beast;

    @Option(names = "--reveal", description = "reveal bundle (`vault reveal`) holding the dataset bytes and S_owner (private beasts)")
    Path bundle;

    @Option(names = "--dataset", description = "the packed private dataset (.zst) (with --secret, instead of --reveal)")
    Path dataset;

    @Option(names = "--secret", description = "the owner secret file (64 hex digits)")
    Path secret;

    @Option(names = "--watch", defaultValue = "0", paramLabel = "SECONDS", description = "keep watching and answering for SECONDS (default: one pass)")
    long watchSeconds;

    @Override
    public Integer call() {
        if (watchSeconds < 0) throw new UserError("chain answer: --watch: " + watchSeconds + " is negative");
        try (ChainSession s = chain.session("chain answer", true);
             InterruptNote note = new InterruptNote("chain answer: stopped; every answer sent is on chain: run the same command again"
                     + " to go on (`chain status --beast DIR` shows the game's deadlines)")) {
            if (s.d.game == null) throw new UserError("chain answer: --chain: this deployment has no DisputeGame (disputes are voted on: `chain validate`)");
            ChainBeast b = ChainBeast.open(s, beast);
            String owner = b.owner();
            // a game is answered by the trainer it was filed against, the owner then (a beast sold since keeps its games' trainer)
            if (!owner.equalsIgnoreCase(s.address()) && !trainsAnOpenGame(s, b)) { // before anything is sent or watched
                throw new UserError("chain answer: --key: " + s.address() + " does not own beast #" + b.id.beastId() + " (owner " + owner
                        + "); only its owner answers");
            }
            ChainBeast.Reveal reveal = ChainDisputeCommand.reveal(s, b, bundle, dataset, secret, ChainBeast.constants(s));
            if (b.id.isPrivate() && reveal == null) {
                System.out.println("beast #" + b.id.beastId() + " is private and no --reveal (or --dataset and --secret) was given: this claims"
                        + " timeouts only; a game that needs the step digests is named, not answered");
            }
            long until = System.currentTimeMillis() + watchSeconds * 1000;
            if (watchSeconds > 0) System.out.println("watching beast #" + b.id.beastId() + "'s disputes for " + io.chainbeasts.core.Durations.of(watchSeconds)
                    + ", answering each as it comes (Ctrl-C stops)");
            java.util.Set<String> said = new java.util.HashSet<>(); // a game this key cannot answer is named once, not every pass
            int answered = 0;
            do {
                long now = s.now();
                DisputeGamePlayer p = new DisputeGamePlayer(s, System.out::println, t -> Times.at(t, now));
                for (long i = 0; i < b.windows; i++) {
                    byte[] h = b.window(i).checkpointHash();
                    DisputeGame.Game g = p.game(h);
                    int st = g.stage.intValue();
                    boolean walkedAway = p.challengerWalkedAway(h, st);
                    if (st != DisputeGamePlayer.AWAIT_DIGESTS && st != DisputeGamePlayer.AWAIT_PROOF && !walkedAway) continue;
                    String cannot = walkedAway ? null : !g.trainer.equalsIgnoreCase(s.address())
                            ? "only its trainer " + g.trainer + " answers it (--key is " + s.address() + ")"
                            : b.id.isPrivate() && reveal == null ? "a private window: answer with --reveal, or --dataset and --secret" : null;
                    if (cannot != null) {
                        if (said.add(Hex.of(h))) System.out.println("window " + i + ": dispute by " + g.challenger + ", " + DisputeGamePlayer.STAGE[st]
                                + " by " + Times.at(p.deadline(h), now) + ": " + cannot);
                        continue;
                    }
                    System.out.println("window " + i + ": dispute by " + g.challenger + ", " + DisputeGamePlayer.STAGE[st]
                            + (walkedAway ? ": the challenger named no step in time; claiming the timeout" : ": answering"));
                    answered++;
                    if (walkedAway) {
                        System.out.println("window " + i + ": " + DisputeGamePlayer.STAGE[p.claimTimeout(h)]);
                        continue;
                    }
                    DisputeGamePlayer.Replay r = DisputeGamePlayer.replay(b, i, reveal == null ? null : reveal.opened(), reveal == null ? null : reveal.secret());
                    System.out.println("window " + i + ": " + DisputeGamePlayer.STAGE[p.answer(r)]);
                }
                if (System.currentTimeMillis() < until) sleep();
            } while (System.currentTimeMillis() < until);
            if (answered == 0) System.out.println("no dispute awaits an answer on beast #" + b.id.beastId());
            return 0;
        }
    }

    /** Whether this key is the trainer of an open game on one of the beast's windows. */
    private static boolean trainsAnOpenGame(ChainSession s, ChainBeast b) {
        for (long i = 0; i < b.windows; i++) {
            DisputeGame.Game g = s.view(s.d.game.getGame(b.window(i).checkpointHash()), "DisputeGame.getGame");
            int st = g.stage.intValue();
            if (st != 0 && st < DisputeGamePlayer.RESOLVED_VALID && g.trainer.equalsIgnoreCase(s.address())) return true;
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("chain answer: interrupted");
        }
    }
}
