package io.chainbeasts.core;

/** A canonical encoding that cannot be decoded or violates its invariants; the message names the field. */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }
}
