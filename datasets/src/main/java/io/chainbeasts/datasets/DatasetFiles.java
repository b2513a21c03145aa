package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dataset file operations behind {@code chainbeasts dataset ...}: each returns what it made and
 * throws a one-line {@link DatasetException} on bad input; output files are written atomically, so a
 * failed operation leaves no partial file behind. Printing is the CLI's ({@code cli/DatasetTool}).
 */
public final class DatasetFiles {
    private DatasetFiles() {}

    /** CSV battle records to HDF5; returns the number of samples. An existing {@code out} is refused unless {@code force}. */
    public static int convert(Path csv, Path out, boolean force, SeasonConstants season) {
        refuseExisting(out, force); // before the work, not only at publish time
        List<BattleRecord> records = FileProducer.csv(csv).records(season);
        if (records.isEmpty()) throw new DatasetException(csv + ": no samples (only a header)");
        Hdf5Format.write(records, out, force);
        return records.size();
    }

    /**
     * Any dataset file (CSV, HDF5 or packed) to a packed private dataset. An existing {@code out} is
     * refused unless {@code force}: a committed dataset's bytes cannot be reproduced by another zstd build.
     */
    public static PackedDataset.Packed pack(Path in, Path out, boolean force, SeasonConstants season) {
        return pack(in, out, force, season, stage -> {});
    }

    /** The three stages of {@link #pack}, reported to {@code stages} as each ends (1: read, 2: checked and compressed, 3: written). */
    public static final int PACK_STAGES = 3;

    /** As above, reporting each finished stage (for a progress bar on a large file). */
    public static PackedDataset.Packed pack(Path in, Path out, boolean force, SeasonConstants season, java.util.function.IntConsumer stages) {
        refuseExisting(out, force);
        List<Sample> samples = FileProducer.any(in).samples(season);
        if (samples.isEmpty()) throw new DatasetException(in + ": no samples (only a header)");
        stages.accept(1);
        PackedDataset.Packed p = PackedDataset.packSamples(samples, season);
        stages.accept(2);
        AtomicFiles.output(out, p.stored(), force);
        stages.accept(3);
        return p;
    }

    /** Packed dataset to a board-only CSV, after checking the commitment when one is given. */
    public static PrivateDataset unpack(Path in, Path out, boolean force, String commitmentHexOrNull, SeasonConstants season) {
        refuseExisting(out, force);
        PrivateDataset ds = check(in, commitmentHexOrNull, season);
        AtomicFiles.output(out, CsvFormat.writeSamples(ds.samples(), season), force);
        return ds;
    }

    /** Opens and verifies a packed dataset: commitment (when given), zstd frames, header and every board. */
    public static PrivateDataset check(Path in, String commitmentHexOrNull, SeasonConstants season) {
        byte[] expected = commitmentHexOrNull == null ? null : parseCommitment("--commitment", commitmentHexOrNull);
        return PrivateDataset.open(in, expected, season);
    }

    /** A command's {@code -o}: refused when it exists, unless {@code --force}; said before any work is done. */
    static void refuseExisting(Path out, boolean force) {
        if (!force && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) throw AtomicFiles.exists(out);
    }

    /** Parses a 32-byte hex commitment (optional 0x); a one-line error names the option. */
    public static byte[] parseCommitment(String option, String hex) {
        byte[] b;
        try {
            b = Hex.parse(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new DatasetException(option + " '" + hex + "' is not hex: " + e.getMessage());
        }
        if (b.length != 32) throw new DatasetException(option + " must be 32 bytes (64 hex digits), got " + b.length + " bytes");
        return b;
    }
}
