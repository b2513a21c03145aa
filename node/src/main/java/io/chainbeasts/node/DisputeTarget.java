package io.chainbeasts.node;

import io.chainbeasts.prover.Verifier;

import java.util.function.Consumer;

/**
 * What a challenger disputes, and whether its evidence backs a bond (the rules `chain dispute` follows, game or vote).
 * A bond is evidence-backed only when the challenger's own replay contradicts the payload itself (FAILURE): VERIFIED
 * would lose the bond, LINEAGE_ONLY was not replayed (a private window without its reveal), UNVERIFIABLE says only that
 * the local store is damaged or forged (spec/verification.md: a store problem is never blamed on a payload).
 */
public final class DisputeTarget {
    private DisputeTarget() {}

    /**
     * Null when {@code v} (window {@code window}'s replay) backs a bond; else why not, as the end of a sentence
     * ({@code game}: the deployment plays the dispute game, where a private window's records come only after filing).
     */
    public static String whyNoBond(Verifier.WindowVerdict v, long window, boolean game) {
        if (v != null && v.verdict() == Verifier.Verdict.FAILURE) return null;
        return "window " + window + " " + (v == null ? "has no verdict"
                : v.verdict() == Verifier.Verdict.VERIFIED ? "replays VERIFIED; a dispute would lose the bond"
                : v.verdict() == Verifier.Verdict.LINEAGE_ONLY && game
                ? "is private: the dispute game reveals the records it drew only once filed, and the bond is lost if they replay it"
                : v.verdict() == Verifier.Verdict.LINEAGE_ONLY ? "was not replayed (a private window: pass --reveal, or --dataset and --secret)"
                : "is " + v.verdict() + ": this store cannot show the payload wrong");
    }

    /** Whether the dispute game on checkpoint {@code h} waits for a move (digests, a named step or its proof). */
    public static boolean gameUnderWay(ChainSession s, byte[] h) {
        int st = s.view(s.d.game.getGame(h), "DisputeGame.getGame").stage.intValue();
        return st >= DisputeGamePlayer.AWAIT_DIGESTS && st <= DisputeGamePlayer.AWAIT_PROOF;
    }

    /**
     * The payload to dispute: the local record's, or, when that record is unreadable, the one submitted on chain for
     * this window on top of the previous local checkpoint (a damaged store shields nothing); {@code out} hears which.
     */
    public static byte[] payloadOf(ChainBeast b, long window, Consumer<String> out) {
        try {
            return b.window(window).payload();
        } catch (ChainError unreadable) {
            byte[] prev = window == 0 ? new byte[32] : b.window(window - 1).checkpointHash();
            byte[] p = b.payloadOnChain(window, prev);
            if (p == null) throw unreadable;
            out.accept("window " + window + ": the local record is unreadable (" + unreadable.getMessage() + "); using the payload submitted on chain");
            return p;
        }
    }
}
