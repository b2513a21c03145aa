package io.chainbeasts.cli;

import io.chainbeasts.node.CheckpointStatus;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
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
            // the ledger finalizes a checkpoint only after its parent (window 0: none), so walk the windows in order
            boolean parentFinal = true;
            long nextDeadline = Long.MAX_VALUE;
            BigInteger gasTotal = BigInteger.ZERO;
            String tag = "beast #" + b.id.beastId();
            for (long i = 0; i < b.windows; i++) {
                WindowRecord r = b.window(i);
                byte[] h = r.checkpointHash();
                var rec = b.record(h);
                CheckpointStatus st = CheckpointStatus.of(rec.component5().intValue());
                long deadline = rec.component2().longValue();
                boolean parentWasFinal = parentFinal;
                parentFinal = st == CheckpointStatus.FINALIZED;
                switch (st) {
                    case NONE -> absent++;
                    case FINALIZED -> already++;
                    case INVALIDATED -> invalidated++;
                    case DISPUTED -> {
                        disputed++;
                        System.out.println(tag + " window " + i + ": DISPUTED, not finalized (the dispute decides; `chain validate` resolves it)");
                    }
                    default -> {
                        // PENDING: finalizable once the block time is past the deadline (finalize requires block.timestamp > deadline)
                        if (now <= deadline) {
                            open++;
                            nextDeadline = Math.min(nextDeadline, deadline);
                            System.out.println(tag + " window " + i + ": challenge window open until " + Times.at(deadline, now));
                            continue;
                        }
                        if (!parentWasFinal) {
                            waiting++;
                            System.out.println(tag + " window " + i + ": waiting on window " + (i - 1) + " (finalize needs a finalized parent)");
                            continue;
                        }
                        TransactionReceipt t = s.tx(s.d.ledger, s.d.ledger.finalize(r.payload()), "CheckpointLedger.finalize(window " + i + ")");
                        parentFinal = true;
                        gasTotal = gasTotal.add(t.getGasUsed());
                        done++;
                        System.out.println(ChainSession.fmt("%s window %d: finalized 0x%s, burned %s, gas %s", tag, i, Hex.of(h),
                                ChainSession.energy(rec.component1()), t.getGasUsed()));
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
