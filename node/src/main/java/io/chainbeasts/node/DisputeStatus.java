package io.chainbeasts.node;

/**
 * A vote-decided dispute's status in DisputeManager ({@code uint8 public constant OPEN = 1; ...}) and its round
 * limit, named once on the Java side; {@code ContractConstantsTest} reads the contract's source and fails when the
 * two disagree.
 */
public enum DisputeStatus {
    /** No dispute. */
    NONE,
    /** Filed; the dataset reveal (private), commit and reveal phases run. */
    OPEN,
    /** The checkpoint stands. */
    RESOLVED_VALID,
    /** The checkpoint was invalidated. */
    RESOLVED_INVALID,
    /** No quorum: the checkpoint reopened and may be disputed again, up to {@link #MAX_ROUNDS} rounds. */
    RESOLVED_INCONCLUSIVE;

    /** DisputeManager.MAX_ROUNDS: a second inconclusive round upholds the checkpoint; no third filing. */
    public static final int MAX_ROUNDS = 2;

    /** The status of a DisputeManager code; an unknown code is a one-line error (a newer contract than this client). */
    public static DisputeStatus of(int code) {
        DisputeStatus[] all = values();
        if (code < 0 || code >= all.length) throw new ChainError("DisputeManager reported dispute status " + code + ", which this version does not know");
        return all[code];
    }

    /** How a status is printed: its name, or "-" for none. */
    public String label() {
        return this == NONE ? "-" : name();
    }
}
