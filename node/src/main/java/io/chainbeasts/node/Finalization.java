package io.chainbeasts.node;

import io.chainbeasts.checkpoint.WindowRecord;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Finalizing a beast's checkpoints (anyone may): the ledger finalizes a PENDING checkpoint once the block time is past
 * its challenge deadline and its parent is final, so the windows are walked in order. One sequence for
 * `chain finalize` and the client's Chain screen; each window's fate is reported as an {@link Step}.
 */
public final class Finalization {
    private Finalization() {}

    /** What happened to one window. */
    public enum Fate { FINALIZED, ALREADY_FINAL, CHALLENGE_OPEN, WAITING_ON_PARENT, DISPUTED, INVALIDATED, NOT_ON_CHAIN }

    /** Window {@code window}'s fate; {@code gas} and {@code burned} when finalized now, {@code deadline} its challenge deadline. */
    public record Step(long window, byte[] checkpointHash, Fate fate, BigInteger gas, BigInteger burned, long deadline) {}

    public static List<Step> run(ChainBeast b) {
        ChainSession s = b.s;
        long now = s.now();
        boolean parentFinal = true;
        List<Step> out = new ArrayList<>();
        for (long i = 0; i < b.windows; i++) {
            WindowRecord r = b.window(i);
            byte[] h = r.checkpointHash();
            var rec = b.record(h);
            CheckpointStatus st = CheckpointStatus.of(rec.component5().intValue());
            long deadline = rec.component2().longValue();
            boolean parentWasFinal = parentFinal;
            parentFinal = st == CheckpointStatus.FINALIZED;
            Fate fate = switch (st) {
                case NONE -> Fate.NOT_ON_CHAIN;
                case FINALIZED -> Fate.ALREADY_FINAL;
                case INVALIDATED -> Fate.INVALIDATED;
                case DISPUTED -> Fate.DISPUTED;
                case PENDING -> now <= deadline ? Fate.CHALLENGE_OPEN : !parentWasFinal ? Fate.WAITING_ON_PARENT : Fate.FINALIZED;
            };
            if (fate != Fate.FINALIZED) {
                out.add(new Step(i, h, fate, null, null, deadline));
                continue;
            }
            // finalize requires block.timestamp > deadline and a finalized parent, both checked above
            TransactionReceipt t = s.tx(s.d.ledger, s.d.ledger.finalize(r.payload()), "CheckpointLedger.finalize(window " + i + ")");
            parentFinal = true;
            out.add(new Step(i, h, Fate.FINALIZED, t.getGasUsed(), rec.component1(), deadline));
        }
        return out;
    }
}
