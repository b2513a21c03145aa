package io.chainbeasts.node;

import io.chainbeasts.contracts.generated.ForcedErrors;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * A replay node's side of forced errors (spec/contracts.md "Forced errors"). A node needs nothing special to catch
 * one: a wrong protocol window is a FAILURE like any other and the node disputes it through the game ({@link
 * ReplayNode}). After the keeper's reveal, this claims every reward the node's key earned (ForcedErrors.claim) and
 * keeps the counts its metrics show: forced errors this node caught and the ENERGY they paid it, beside every forced
 * error revealed on chain and those nobody caught, so a node that stopped replaying is visibly paid less.
 */
public final class ForcedErrorWatch {
    private final ChainSession s;
    private final ForcedErrors fe;
    private volatile Stats stats = new Stats(0, BigInteger.ZERO, 0, 0);

    /** Caught and earned by this node's key (all time, read from the contract), and every forced error revealed and caught on chain. */
    public record Stats(long caughtByMe, BigInteger earnedByMe, long revealedForced, long caughtForced) {
        /** Forced errors revealed that nobody proved wrong. */
        public long missed() {
            return revealedForced - caughtForced;
        }
    }

    /** Null when the deployment has no ForcedErrors contract (a chain without the dispute game). */
    public static ForcedErrorWatch of(ChainSession s) {
        return s.d.forced == null ? null : new ForcedErrorWatch(s);
    }

    private ForcedErrorWatch(ChainSession s) {
        this.s = s;
        this.fe = s.d.forced;
    }

    /** Claims every revealed reward owed to this node's key that is still unclaimed (one line each); refreshes the counts. */
    public Stats pass(Consumer<String> lines) {
        String me = s.me == null ? null : s.address();
        if (me != null) {
            for (Log l : s.logs(fe.getContractAddress(), ForcedErrors.REVEALED_EVENT, null)) {
                ForcedErrors.RevealedEventResponse ev = ForcedErrors.getRevealedEventFromLog(l);
                if (ev.outcome.intValue() != 1 || !me.equalsIgnoreCase(ev.catcher)) continue;
                ForcedErrors.Entry e = s.view(fe.getEntry(ev.checkpointHash), "ForcedErrors.getEntry");
                if (e.claimed) continue;
                TransactionReceipt t = s.tx(fe, fe.claim(ev.checkpointHash), "ForcedErrors.claim");
                lines.accept("forced error caught: beast #" + ev.beastId + " checkpoint 0x" + Hex.of(ev.checkpointHash).substring(0, 16)
                        + (ev.forced ? "" : " (an honest protocol window proven wrong: a keeper bug)") + ": reward "
                        + ChainSession.energy(ev.reward) + " claimed (gas " + t.getGasUsed() + ")");
            }
            claimUnrevealed(me, lines);
        }
        stats = new Stats(me == null ? 0 : s.view(fe.caughtBy(me), "ForcedErrors.caughtBy").longValueExact(),
                me == null ? BigInteger.ZERO : s.view(fe.earnedBy(me), "ForcedErrors.earnedBy"),
                s.view(fe.revealedForced(), "ForcedErrors.revealedForced").longValueExact(),
                s.view(fe.caughtForced(), "ForcedErrors.caughtForced").longValueExact());
        return stats;
    }

    /**
     * Games this key won on protocol windows that the keeper has not revealed REVEAL_GRACE after their challenge window:
     * ForcedErrors.claim pays them without the reveal.
     */
    private void claimUnrevealed(String me, Consumer<String> lines) {
        long now = s.now();
        long grace = s.view(fe.REVEAL_GRACE(), "ForcedErrors.REVEAL_GRACE").longValueExact();
        for (Log l : s.logs(fe.getContractAddress(), ForcedErrors.POSTED_EVENT, null)) {
            byte[] h = ForcedErrors.getPostedEventFromLog(l).checkpointHash;
            if (s.view(fe.getEntry(h), "ForcedErrors.getEntry").outcome.intValue() != 0) continue;
            var g = s.view(s.d.game.getGame(h), "DisputeGame.getGame");
            if (g.stage.intValue() != DisputeGamePlayer.RESOLVED_INVALID || !me.equalsIgnoreCase(g.challenger)) continue;
            long graceEnds = s.view(s.d.ledger.records(h), "CheckpointLedger.records").component2().longValueExact() + grace;
            if (now <= graceEnds || s.view(s.d.ledger.resubmittable(h), "CheckpointLedger.resubmittable")) continue;
            TransactionReceipt t = s.tx(fe, fe.claim(h), "ForcedErrors.claim");
            lines.accept("protocol window 0x" + Hex.of(h).substring(0, 16) + " proven wrong by this node and never revealed by the keeper: reward "
                    + ChainSession.energy(s.view(fe.getEntry(h), "ForcedErrors.getEntry").reward) + " claimed after the grace (gas " + t.getGasUsed() + ")");
        }
    }

    /** As of the last pass. */
    public Stats stats() {
        return stats;
    }

    /** The counts in Prometheus' text format (appended to the node's /metrics). */
    public static String prometheus(Stats st) {
        StringBuilder b = new StringBuilder();
        NodeHttp.metric(b, "chainbeasts_forced_errors_caught_total", "counter", "forced errors (and protocol bugs) this node's key proved wrong on chain",
                String.valueOf(st.caughtByMe()));
        NodeHttp.metric(b, "chainbeasts_forced_errors_reward_wei_total", "counter", "forced-error rewards this node's key earned (ENERGY wei)",
                st.earnedByMe().toString());
        NodeHttp.metric(b, "chainbeasts_forced_errors_revealed_total", "counter", "forced errors revealed on chain, by anyone's catch or none",
                String.valueOf(st.revealedForced()));
        NodeHttp.metric(b, "chainbeasts_forced_errors_missed_total", "counter", "forced errors revealed that nobody proved wrong",
                String.valueOf(st.missed()));
        return b.toString();
    }
}
