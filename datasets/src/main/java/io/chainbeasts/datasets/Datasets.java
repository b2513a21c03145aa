package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;

import java.util.List;

/** Parses raw dataset bytes of any supported format, detected by content ({@link Formats#detect}). */
public final class Datasets {
    private Datasets() {}

    /** The boards of a CSV (either schema), an HDF5 file or a packed dataset. */
    public static List<Board> parseBoards(String name, byte[] data, SeasonConstants season) {
        switch (Formats.detect(data)) {
            case HDF5: return Hdf5Format.parseBoards(name, data, season);
            case PACKED: return PackedDataset.unpack(name, data, season);
            default: return CsvFormat.parseBoards(name, data, season);
        }
    }

    /** The battle records of a CSV (full schema) or an HDF5 file; a packed dataset holds boards only. */
    public static List<BattleRecord> parseRecords(String name, byte[] data, SeasonConstants season) {
        switch (Formats.detect(data)) {
            case HDF5: return Hdf5Format.parseRecords(name, data, season);
            case PACKED: throw new DatasetException(name + ": a packed dataset holds boards only, not battle records");
            default: return CsvFormat.parseRecords(name, data, season);
        }
    }
}
