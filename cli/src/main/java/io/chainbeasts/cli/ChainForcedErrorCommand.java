package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ForcedErrorKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `chain forced-error`: the protocol operator's keeper for forced errors (spec/contracts.md "Forced errors"). Thin: the
 * logic is node's {@link ForcedErrorKeeper}.
 */
@Command(name = "forced-error", mixinStandardHelpOptions = true,
        description = "The protocol's forced errors (keeper key: the deployer of `chain up`): hatch protocol beasts, fund the "
                + "reward pool, post windows (honest, or --wrong on purpose, each with a hidden commitment), answer disputes on them "
                + "from the keeper's own trace, reveal after the challenge window.",
        subcommands = {ChainForcedErrorCommand.Hatch.class, ChainForcedErrorCommand.Fund.class, ChainForcedErrorCommand.Post.class,
            ChainForcedErrorCommand.Answer.class, ChainForcedErrorCommand.Reveal.class})
final class ChainForcedErrorCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    static ForcedErrorKeeper keeper(ChainSession s) {
        long now = s.now();
        return new ForcedErrorKeeper(s, System.out::println, t -> Times.at(t, now));
    }

    @Command(name = "hatch", mixinStandardHelpOptions = true, description = "Hatch a protocol beast (owned by ForcedErrors) and its local store in --out.")
    static final class Hatch implements Callable<Integer> {
        static final String CMD = "chain forced-error hatch";
        @Mixin
        ChainOptions chain;

        @Option(names = "--seed-core", required = true, description = "64-bit seed_core (0x-hex or decimal)")
        String seedCore;

        @Option(names = "--out", required = true, description = "new beast directory")
        Path out;

        @Override
        public Integer call() {
            long seed = Seeds.parse("--seed-core", seedCore);
            Hatchable.check(CMD, out); // before the mint: a minted beast must have a folder to hatch in
            try (ChainSession s = chain.session(CMD, true)) {
                keeper(s).hatch(seed, out);
                return 0;
            }
        }
    }

    @Command(name = "fund", mixinStandardHelpOptions = true, description = "Move ENERGY from the key into the forced-error reward pool.")
    static final class Fund implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Option(names = "--amount", required = true, paramLabel = "E", description = "ENERGY to add to the pool")
        String amount;

        @Override
        public Integer call() {
            var wei = ChainSession.parseEnergy("--amount", amount);
            try (ChainSession s = chain.session("chain forced-error fund", true)) {
                keeper(s).fund(wei);
                return 0;
            }
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true,
            description = "Post the protocol beast's next window through ForcedErrors: honest (trained into its store) or, with --wrong, "
                    + "one weight flipped after a micro-step only the keeper's key knows (never stored); the commitment hides which.")
    static final class Post implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Option(names = "--beast", required = true, description = "the protocol beast's store (from `chain forced-error hatch`)")
        Path beast;

        @Option(names = "--wrong", description = "post a deliberately wrong window (a forced error) instead of an honest one")
        boolean wrong;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain forced-error post", true)) {
                keeper(s).post(beast, wrong);
                return 0;
            }
        }
    }

    @Command(name = "answer", mixinStandardHelpOptions = true,
            description = "Play the owner's side of every open dispute game on the protocol beasts' posts from the keeper's own trace "
                    + "(post its digests; open the named step, whatever it proves).")
    static final class Answer implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Option(names = "--beast", required = true, description = "a protocol beast's store (repeat for several)")
        List<Path> beasts;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain forced-error answer", true)) {
                if (keeper(s).answer(beasts) == 0) System.out.println("no dispute on a protocol window awaits the keeper");
                return 0;
            }
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true,
            description = "Reveal every post whose challenge window has passed (no game open on it): CAUGHT pays its catcher, anything "
                    + "else returns the reward to the pool.")
    static final class Reveal implements Callable<Integer> {
        @Mixin
        ChainOptions chain;

        @Override
        public Integer call() {
            try (ChainSession s = chain.session("chain forced-error reveal", true)) {
                if (keeper(s).reveal() == 0) System.out.println("nothing to reveal yet");
                return 0;
            }
        }
    }
}
