package io.chainbeasts.checkpoint;

/** A beast directory that is missing, corrupted or inconsistent; the message names the file. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }
}
