package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code chainbeasts dataset ...} commands, as plain methods for the CLI to wire. Each prints a
 * short summary to {@code out} and throws a one-line {@link DatasetException} on bad input; output
 * files are written atomically, so a failed command leaves no partial file behind.
 *
 * <pre>
 * dataset convert --csv FILE -o FILE.h5           convert(csv, out, season, stdout)
 * dataset pack    --in FILE -o dataset.zst        pack(in, out, season, stdout)      (in: CSV, HDF5 or packed)
 * dataset unpack  --in dataset.zst -o samples.csv [--commitment HEX]  unpack(in, out, hexOrNull, season, stdout)
 * dataset check   --in dataset.zst [--commitment HEX]                 check(in, hexOrNull, season, stdout)
 * </pre>
 */
public final class DatasetTool {
    private DatasetTool() {}

    /** CSV battle records to HDF5; returns the number of samples. An existing {@code out} is refused. */
    public static int convert(Path csv, Path out, SeasonConstants season, PrintStream stdout) {
        return convert(csv, out, false, season, stdout);
    }

    /** As above; {@code force} replaces an existing {@code out}. */
    public static int convert(Path csv, Path out, boolean force, SeasonConstants season, PrintStream stdout) {
        refuseExisting(out, force); // before the work, not only at publish time
        List<BattleRecord> records = FileProducer.csv(csv).records(season);
        if (records.isEmpty()) throw new DatasetException(csv + ": no samples (only a header)");
        Hdf5Format.write(records, out, force);
        stdout.println("converted " + records.size() + " samples from " + csv + " to " + out);
        return records.size();
    }

    /**
     * Any dataset file to a packed private dataset; prints and returns its C_dataset. An existing
     * {@code out} is refused: a committed dataset's bytes cannot be reproduced by another zstd build.
     */
    public static PackedDataset.Packed pack(Path in, Path out, SeasonConstants season, PrintStream stdout) {
        return pack(in, out, false, season, stdout);
    }

    /** As above; {@code force} replaces an existing {@code out}. */
    public static PackedDataset.Packed pack(Path in, Path out, boolean force, SeasonConstants season, PrintStream stdout) {
        refuseExisting(out, force);
        List<Sample> samples = FileProducer.any(in).samples(season);
        if (samples.isEmpty()) throw new DatasetException(in + ": no samples (only a header)");
        PackedDataset.Packed p = PackedDataset.packSamples(samples, season);
        AtomicFiles.output(out, p.stored(), force);
        stdout.println("packed " + p.count() + " samples from " + in + " into " + out + " (" + p.rawSize() + " bytes raw, "
                + p.stored().length + " bytes zstd)");
        stdout.println(DemonstrationCounts.of(samples));
        stdout.println("C_dataset = " + p.commitmentHex());
        return p;
    }

    /**
     * Packed dataset to a CSV of samples (turn, board and the demonstration columns: {@link CsvFormat#SAMPLE_COLUMNS}),
     * after checking the commitment when one is given. Packing that CSV again gives the same raw encoding.
     */
    public static PrivateDataset unpack(Path in, Path out, String commitmentHex, SeasonConstants season, PrintStream stdout) {
        return unpack(in, out, false, commitmentHex, season, stdout);
    }

    /** As above; {@code force} replaces an existing {@code out}. */
    public static PrivateDataset unpack(Path in, Path out, boolean force, String commitmentHex, SeasonConstants season, PrintStream stdout) {
        refuseExisting(out, force);
        PrivateDataset ds = open(in, commitmentHex, season);
        AtomicFiles.output(out, CsvFormat.writeSamples(ds.samples(), season), force);
        stdout.println("unpacked " + ds.size() + " samples from " + in + " to " + out);
        stdout.println(ds.demonstrationCounts());
        stdout.println("C_dataset = " + ds.commitmentHex() + (commitmentHex != null ? " (matches)" : ""));
        return ds;
    }

    /** Verifies a packed dataset: commitment (when given), zstd frames, header and every board. */
    public static PrivateDataset check(Path in, String commitmentHex, SeasonConstants season, PrintStream stdout) {
        PrivateDataset ds = open(in, commitmentHex, season);
        stdout.println("ok: " + in + ": " + ds.size() + " samples, " + ds.storedBytes().length + " bytes stored");
        stdout.println(ds.demonstrationCounts());
        stdout.println("C_dataset = " + ds.commitmentHex() + (commitmentHex != null ? " (matches)" : ""));
        return ds;
    }

    /** A command's {@code -o}: refused when it exists, unless {@code --force}; said before any work is done. */
    static void refuseExisting(Path out, boolean force) {
        if (!force && java.nio.file.Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw AtomicFiles.exists(out);
    }

    private static PrivateDataset open(Path in, String commitmentHex, SeasonConstants season) {
        byte[] expected = commitmentHex == null ? null : parseCommitment("--commitment", commitmentHex);
        return PrivateDataset.open(in, expected, season);
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
