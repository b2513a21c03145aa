package io.chainbeasts.cli;

/** A mistake in what the user asked for: printed as one line, exit code 2, no stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    /** As above, keeping what went wrong underneath for a debugger (the user still sees one line). */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
