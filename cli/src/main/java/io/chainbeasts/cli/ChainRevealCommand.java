package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.DisputeStatus;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.contracts.generated.DisputeManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "reveal", mixinStandardHelpOptions = true,
        description = "Owner (or anyone holding them): reveal {dataset bytes, S_owner} for an open dispute on a private window, "
                + "before its dataset deadline; without it the dispute resolves INVALID by default.")
final class ChainRevealCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast directory")
    Path beast;

    @Option(names = "--window", required = true, description = "the disputed window")
    long window;

    @Option(names = "--reveal", description = "reveal bundle (`vault reveal`)")
    Path bundle;

    @Option(names = "--dataset", description = "the packed private dataset (.zst), with --secret")
    Path dataset;

    @Option(names = "--secret", description = "the owner secret file")
    Path secret;

    @Override
    public Integer call() {
        if (bundle == null && dataset == null) throw new UserError("chain reveal: give --reveal BUNDLE or --dataset FILE --secret FILE");
        try (ChainSession s = chain.session("chain reveal", true)) {
            ChainBeast b = ChainBeast.open(s, beast);
            if (window < 0 || window >= b.windows) throw new UserError("chain reveal: --window: " + beast + " has windows 0.." + (b.windows - 1));
            byte[] h = b.window(window).checkpointHash();
            DisputeManager.Dispute d = b.dispute(h);
            if (d.status.signum() == 0) throw new UserError("chain reveal: --window: window " + window + " has no dispute");
            if (DisputeStatus.of(d.status.intValue()) != DisputeStatus.OPEN) throw new UserError("chain reveal: --window: the dispute on window " + window + " is " + DisputeStatus.of(d.status.intValue()).label());
            long now = s.now();
            new io.chainbeasts.node.VoteChallenge(s, System.out::println, t -> Times.at(t, now))
                    .revealIfNeeded(h, d, ChainDisputeCommand.reveal(s, b, bundle, dataset, secret, ChainBeast.constants(s)));
            return 0;
        }
    }
}
