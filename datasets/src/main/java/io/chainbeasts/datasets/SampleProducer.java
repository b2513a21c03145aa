package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;

import java.util.List;

/**
 * Where a dataset comes from (spec/datasets.md "Producers"). A producer yields the dataset's raw
 * bytes (CSV text, an HDF5 file, or a packed dataset's stored zstd bytes); {@link #samples}, {@link #boards} and
 * {@link #records} parse them, detecting the format from the content. Working at the byte level
 * lets the disk cache store exactly what was fetched, keyed and checked by its content hash, and
 * lets a packed dataset's commitment be checked on the very bytes that were fetched.
 *
 * <p>Implementations: {@link FileProducer} (CSV, HDF5, packed files), {@link HttpProducer} and
 * the {@link CachingProducer} wrapper. All failures are one-line {@link DatasetException}s.
 */
public interface SampleProducer {
    /** For messages: a path or URL. */
    String name();

    /**
     * The identity of the source for the cache index: producers with equal keys must yield equal
     * bytes while the source is unchanged (a URL; a file's absolute path with its size and mtime).
     */
    String sourceKey();

    /** The raw dataset bytes. */
    byte[] fetch();

    /** Boards with their turns and, where the source has them, the coach's demonstrations (legal on their boards). */
    default List<Sample> samples(SeasonConstants season) {
        return Datasets.parseSamples(name(), fetch(), season);
    }

    default List<Board> boards(SeasonConstants season) {
        return Datasets.parseBoards(name(), fetch(), season);
    }

    default List<BattleRecord> records(SeasonConstants season) {
        return Datasets.parseRecords(name(), fetch(), season);
    }
}
