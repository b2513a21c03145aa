package io.chainbeasts.node;

/**
 * A chain operation that cannot go on, said in one line: the argument or file at fault, the endpoint
 * that cannot be reached, or the decoded custom error of a revert. Front ends print the message as it is
 * (the CLI: one line, exit code 2; the client: one sentence), never a stack trace.
 */
public final class ChainError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainError(String message) {
        super(message);
    }

    /** As above, keeping what went wrong underneath for a debugger. */
    public ChainError(String message, Throwable cause) {
        super(message, cause);
    }
}
