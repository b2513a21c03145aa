package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;

import java.util.List;

/** Parses raw dataset bytes of any supported format, detected by content ({@link Formats#detect}). */
public final class Datasets {
    private Datasets() {}

    /** The samples (boards with turns, demonstrations where present) of a CSV (any schema), an HDF5 file or a packed dataset. */
    public static List<Sample> parseSamples(String name, byte[] data, SeasonConstants season) {
        switch (Formats.detect(data)) {
            case HDF5: return Hdf5Format.parseSamples(name, data, season);
            case PACKED: return PackedDataset.unpackSamples(name, data, season);
            default: return CsvFormat.parseSamples(name, data, season);
        }
    }

    /** The boards of a CSV (any schema), an HDF5 file or a packed dataset. */
    public static List<Board> parseBoards(String name, byte[] data, SeasonConstants season) {
        switch (Formats.detect(data)) {
            case HDF5: return Hdf5Format.parseBoards(name, data, season);
            case PACKED: return PackedDataset.unpack(name, data, season);
            default: return CsvFormat.parseBoards(name, data, season);
        }
    }

    /** The battle records of a CSV (record schema) or an HDF5 file; a packed dataset has no battle seeds or sides. */
    public static List<BattleRecord> parseRecords(String name, byte[] data, SeasonConstants season) {
        switch (Formats.detect(data)) {
            case HDF5: return Hdf5Format.parseRecords(name, data, season);
            case PACKED: throw new DatasetException(name + ": a packed dataset holds samples, not battle records (no battle seeds or sides)");
            default: return CsvFormat.parseRecords(name, data, season);
        }
    }
}
