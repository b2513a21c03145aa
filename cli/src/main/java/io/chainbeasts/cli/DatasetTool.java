package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.PackedDataset;
import io.chainbeasts.datasets.PrivateDataset;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code chainbeasts dataset ...} prints: each command runs its {@link DatasetFiles} operation and
 * prints a short summary to {@code stdout}; bad input is the operation's one-line DatasetException.
 *
 * <pre>
 * dataset convert --csv FILE -o FILE.h5           convert(csv, out, force, season, stdout)
 * dataset pack    --in FILE -o dataset.zst        pack(in, out, force, season, stdout)      (in: CSV, HDF5 or packed)
 * dataset unpack  --in dataset.zst -o samples.csv [--commitment HEX]  unpack(in, out, force, hexOrNull, season, stdout)
 * dataset check   --in dataset.zst [--commitment HEX]                 check(in, hexOrNull, season, stdout)
 * </pre>
 */
final class DatasetTool {
    private DatasetTool() {}

    static int convert(Path csv, Path out, boolean force, SeasonConstants season, PrintStream stdout) {
        int n = DatasetFiles.convert(csv, out, force, season);
        stdout.println("converted " + n + " samples from " + csv + " to " + out);
        return n;
    }

    /** Prints and returns the packed dataset's C_dataset. */
    static PackedDataset.Packed pack(Path in, Path out, boolean force, SeasonConstants season, PrintStream stdout) {
        Progress bar = Progress.of("dataset pack", "stages", DatasetFiles.PACK_STAGES, stdout);
        PackedDataset.Packed p;
        try {
            p = DatasetFiles.pack(in, out, force, season, bar::update);
        } finally {
            bar.finish();
        }
        stdout.println("packed " + p.count() + " samples from " + in + " into " + out + " (" + p.rawSize() + " bytes raw, "
                + p.stored().length + " bytes zstd)");
        PrivateDataset back = DatasetFiles.check(out, p.commitmentHex(), season); // read back what was written
        stdout.println(back.demonstrationCounts());
        stdout.println("C_dataset = " + p.commitmentHex());
        // R_dataset from the samples as read back from the stored bytes C_dataset commits to: both name one dataset
        stdout.println("R_dataset = " + back.recordsRootHex() + " (records commitment, " + back.size() + " leaves)");
        return p;
    }

    static PrivateDataset unpack(Path in, Path out, boolean force, String commitmentHex, SeasonConstants season, PrintStream stdout) {
        PrivateDataset ds = DatasetFiles.unpack(in, out, force, commitmentHex, season);
        stdout.println("unpacked " + ds.size() + " samples from " + in + " to " + out);
        stdout.println(ds.demonstrationCounts());
        stdout.println("C_dataset = " + ds.commitmentHex() + (commitmentHex != null ? " (matches)" : ""));
        return ds;
    }

    static PrivateDataset check(Path in, String commitmentHex, SeasonConstants season, PrintStream stdout) {
        return check(in, commitmentHex, null, season, stdout);
    }

    /** As check, and with {@code recordsRootHex} the records commitment must be the one of these samples too. */
    static PrivateDataset check(Path in, String commitmentHex, String recordsRootHex, SeasonConstants season, PrintStream stdout) {
        PrivateDataset ds = DatasetFiles.check(in, commitmentHex, season);
        String root = ds.recordsRootHex();
        if (recordsRootHex != null && !root.equalsIgnoreCase(recordsRootHex.startsWith("0x") ? recordsRootHex : "0x" + recordsRootHex)) {
            throw new UserError("--records-root " + recordsRootHex + " is not " + in + "'s R_dataset " + root);
        }
        stdout.println("ok: " + in + ": " + ds.size() + " samples, " + ds.storedBytes().length + " bytes stored");
        stdout.println(ds.demonstrationCounts());
        stdout.println("C_dataset = " + ds.commitmentHex() + (commitmentHex != null ? " (matches)" : ""));
        stdout.println("R_dataset = " + root + (recordsRootHex != null ? " (matches)" : " (records commitment, " + ds.size() + " leaves)"));
        return ds;
    }
}
