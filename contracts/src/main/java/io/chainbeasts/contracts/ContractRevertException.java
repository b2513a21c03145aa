package io.chainbeasts.contracts;

import java.util.List;

/** A transaction or call reverted; {@link #error()} is the decoded custom error name (or Error/Panic). */
public final class ContractRevertException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final transient List<Object> args;
    private final String rawData;

    public ContractRevertException(String error, List<Object> args, String rawData, String context) {
        super(context + " reverted: " + error + args.toString().replace('[', '(').replace(']', ')'));
        this.error = error;
        this.args = List.copyOf(args);
        this.rawData = rawData;
    }

    /** The custom error's name, e.g. {@code WrongWindowIndex}; {@code Error} for require strings, {@code Panic} for panics. */
    public String error() {
        return error;
    }

    /** Decoded arguments (BigInteger, String address, byte[], Boolean). */
    public List<Object> args() {
        return args;
    }

    public String rawData() {
        return rawData;
    }
}
