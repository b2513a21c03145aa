package io.chainbeasts.combat;

/** A battle state or input that breaks an invariant; the message names the field. */
public final class InvalidStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidStateException(String message) {
        super(message);
    }
}
