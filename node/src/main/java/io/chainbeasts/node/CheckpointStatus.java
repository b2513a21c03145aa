package io.chainbeasts.node;

/**
 * A checkpoint's status in CheckpointLedger ({@code uint8 public constant PENDING = 1; ...}), named once on the Java
 * side; {@code CheckpointStatusTest} reads the contract's source and fails when the two disagree.
 */
public enum CheckpointStatus {
    /** Not on chain. */
    NONE,
    /** Submitted; its challenge window may still be open. */
    PENDING,
    /** Under dispute. */
    DISPUTED,
    /** Final: its ENERGY burned. */
    FINALIZED,
    /** Proven wrong: rolled back. */
    INVALIDATED;

    /** The status of a ledger code; an unknown code is a one-line error (a newer contract than this client). */
    public static CheckpointStatus of(int code) {
        CheckpointStatus[] all = values();
        if (code < 0 || code >= all.length) throw new ChainError("CheckpointLedger reported status " + code + ", which this version does not know");
        return all[code];
    }

    /** The ledger's code for this status. */
    public int code() {
        return ordinal();
    }

    /** Pending or disputed: its challenge window or dispute is still running. */
    public boolean isOpen() {
        return this == PENDING || this == DISPUTED;
    }
}
