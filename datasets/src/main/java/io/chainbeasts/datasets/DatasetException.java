package io.chainbeasts.datasets;

/**
 * A user-facing dataset failure. The message is one line that names what failed (file, line,
 * column, field, commitment) and is meant to be printed as-is, without a stack trace. Each kind
 * of bad input has its own subtype so callers and tests can tell them apart.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(oneLine(message));
    }

    public DatasetException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }

    /** Malformed CSV: {@code FILE:LINE:COLUMN: problem}. Line and column are 1-based. */
    public static final class CsvFormat extends DatasetException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int line;
        private final int column;

        public CsvFormat(String file, int line, int column, String problem) {
            super(file + ":" + line + ":" + column + ": " + problem);
            this.file = file;
            this.line = line;
            this.column = column;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** An HDF5 file that is not one of ours: missing dataset, wrong shape, wrong type, bad value. */
    public static final class Hdf5Format extends DatasetException {
        private static final long serialVersionUID = 1L;

        public Hdf5Format(String message) {
            super(message);
        }

        public Hdf5Format(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Bytes that do not decode: a truncated or corrupt zstd frame, a bad header, a bad sample. */
    public static final class Corrupt extends DatasetException {
        private static final long serialVersionUID = 1L;

        public Corrupt(String message) {
            super(message);
        }

        public Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A dataset over the compressed size limit (or a decompressed size or sample count limit). */
    public static final class TooLarge extends DatasetException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message);
        }
    }

    /** Stored bytes (or a secret) whose Keccak-256 is not the expected commitment. */
    public static final class CommitmentMismatch extends DatasetException {
        private static final long serialVersionUID = 1L;

        public CommitmentMismatch(String message) {
            super(message);
        }
    }

    /** A vault that cannot be opened or changed: wrong password, corrupt file, unknown beast. */
    public static final class Vault extends DatasetException {
        private static final long serialVersionUID = 1L;

        public Vault(String message) {
            super(message);
        }

        public Vault(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A wrong vault password (the password check failed before any decryption was attempted). */
    public static final class WrongPassword extends DatasetException {
        private static final long serialVersionUID = 1L;

        public WrongPassword(String message) {
            super(message);
        }
    }

    /** A dataset that cannot be fetched (I/O error, HTTP status, size limit while downloading). */
    public static final class Fetch extends DatasetException {
        private static final long serialVersionUID = 1L;

        public Fetch(String message) {
            super(message);
        }

        public Fetch(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
