package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.Finalization;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.core.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = "Finalize, in chain order, every checkpoint of the beast whose challenge window has passed, that is not disputed "
                + "and whose parent is finalized (CheckpointLedger.finalize(payload): its locked ENERGY is burned); anyone may send it; "
                + "idempotent. Prints the gas of every transaction.")
final class ChainFinalizeCommand implements Callable<Integer> {
    static final String CMD = "chain finalize";

    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast directory")
    Path beast;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session(CMD, true)) {
            ChainBeast b = ChainBeast.open(s, beast);
            long now = s.now();
            int done = 0, already = 0, open = 0, disputed = 0, invalidated = 0, absent = 0, waiting = 0;
            long nextDeadline = Long.MAX_VALUE;
            BigInteger gasTotal = BigInteger.ZERO;
            String tag = "beast #" + b.id.beastId();
            for (Finalization.Step f : Finalization.run(b)) {
                long i = f.window();
                switch (f.fate()) {
                    case NOT_ON_CHAIN -> absent++;
                    case ALREADY_FINAL -> already++;
                    case INVALIDATED -> invalidated++;
                    case DISPUTED -> {
                        disputed++;
                        System.out.println(tag + " window " + i + ": DISPUTED, not finalized (the dispute decides)");
                    }
                    case CHALLENGE_OPEN -> {
                        open++;
                        nextDeadline = Math.min(nextDeadline, f.deadline());
                        System.out.println(tag + " window " + i + ": challenge window open until " + Times.at(f.deadline(), now));
                    }
                    case WAITING_ON_PARENT -> {
                        waiting++;
                        System.out.println(tag + " window " + i + ": waiting on window " + (i - 1) + " (finalize needs a finalized parent)");
                    }
                    case FINALIZED -> {
                        gasTotal = gasTotal.add(f.gas());
                        done++;
                        System.out.println(ChainSession.fmt("%s window %d: finalized 0x%s, burned %s, gas %s", tag, i, Hex.of(f.checkpointHash()),
                                ChainSession.energy(f.burned()), f.gas()));
                    }
                }
            }
            StringBuilder sum = new StringBuilder(tag + ": finalized " + done);
            if (done > 0) sum.append(" (mean gas ").append(gasTotal.divide(BigInteger.valueOf(done))).append(')');
            sum.append(", already finalized ").append(already).append(", challenge window open ").append(open)
                    .append(", disputed ").append(disputed).append(", invalidated ").append(invalidated).append(", not on chain ").append(absent)
                    .append(", waiting on a parent ").append(waiting);
            if (open > 0) sum.append("; next deadline ").append(Times.at(nextDeadline, now));
            System.out.println(sum);
            if (done == 0) System.out.println("nothing to finalize");
            return 0;
        }
    }
}
