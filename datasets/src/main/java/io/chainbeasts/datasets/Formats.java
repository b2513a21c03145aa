package io.chainbeasts.datasets;

/** Recognises a dataset's format from its first bytes (the CLI and the producers never trust a file name). */
public final class Formats {
    private Formats() {}

    public enum Kind { CSV, HDF5, PACKED }

    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    /** The zstd frame magic 0xFD2FB528, little-endian on disk. */
    static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    public static boolean isHdf5(byte[] d) {
        return startsWith(d, HDF5_SIGNATURE);
    }

    /** A zstd frame, or a skippable frame (magic 0x184D2A50..5F, which pzstd writes first). */
    public static boolean isZstd(byte[] d) {
        return startsWith(d, ZSTD_MAGIC)
                || (d.length >= 4 && (d[0] & 0xF0) == 0x50 && d[1] == 0x2A && d[2] == 0x4D && d[3] == 0x18);
    }

    /** HDF5 by its signature, a packed dataset by the zstd magic, anything else is read as CSV. */
    public static Kind detect(byte[] d) {
        if (isHdf5(d)) return Kind.HDF5;
        if (isZstd(d)) return Kind.PACKED;
        return Kind.CSV;
    }

    private static boolean startsWith(byte[] d, byte[] prefix) {
        if (d.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (d[i] != prefix[i]) return false;
        return true;
    }
}
