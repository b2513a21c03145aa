package io.chainbeasts.cli.bench;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.datasets.AtomicFiles;
import io.chainbeasts.datasets.BattleRecord;
import io.chainbeasts.datasets.BattleSampleGenerator;
import io.chainbeasts.datasets.CsvFormat;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.Hdf5Format;
import io.chainbeasts.datasets.PackedDataset;
import io.chainbeasts.datasets.Sample;
import io.chainbeasts.datasets.PrivateDataset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the dataset pipeline (not a timed test): convert (CSV parse + validate + HDF5
 * write), pack (canonical encode + zstd at {@link PackedDataset#COMPRESSION_LEVEL}, search log {@link PackedDataset#SEARCH_LOG}), unpack (zstd + decode + validate) and the HDF5
 * read. Prints a table and writes JSON; its scratch files go in {@code json}'s folder.
 */
public final class DatasetBench {
    private DatasetBench() {}

    public static final int BATTLES = 160;
    public static final int REPEATS = 7;

    /**
     * Runs the table over {@code battles} generated battles, best of {@code repeats}; returns the JSON document. The CSV,
     * HDF5 and packed files it times go to {@code work}.
     */
    public static Map<String, Object> run(PrintStream out, Path json, Path work, int battles, int repeats) throws IOException {
        SeasonConstants season = SeasonConstants.DEFAULT;
        List<BattleRecord> records = BattleSampleGenerator.generate(0x42454E4348L, battles, season);
        List<Sample> samples = new ArrayList<>(records.size());
        for (BattleRecord r : records) samples.add(r.sample()); // every sample carries its demonstration
        byte[] csv = CsvFormat.writeRecords(records);
        Path dir = work.toAbsolutePath();
        Files.createDirectories(dir);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Path csvFile = dir.resolve("bench.csv");
        AtomicFiles.write(csvFile, csv);
        Path h5 = dir.resolve("bench.h5");
        Path zst = dir.resolve("bench.zst");
        int n = records.size();

        long[] convert = time(repeats, () -> DatasetFiles.convert(csvFile, h5, true, season));
        long[] readH5 = time(repeats, () -> Hdf5Format.readRecords(h5, season));
        byte[] raw = PackedDataset.encodeSamples(samples);
        PackedDataset.Packed packed = PackedDataset.packSamples(samples, season);
        long[] pack = time(repeats, () -> AtomicFiles.write(zst, PackedDataset.packSamples(samples, season).stored()));
        long[] unpack = time(repeats, () -> PrivateDataset.open(zst, season));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("samples", (long) n);
        doc.put("csv_bytes", (long) csv.length);
        doc.put("hdf5_bytes", Files.size(h5));
        doc.put("raw_bytes", (long) raw.length);
        doc.put("stored_bytes", (long) packed.stored().length);
        doc.put("zstd_level", (long) PackedDataset.COMPRESSION_LEVEL);
        doc.put("repeats", (long) repeats);
        List<Object> rows = new ArrayList<>();
        out.printf(Locale.ROOT, "dataset bench: %d samples, CSV %d B, HDF5 %d B, raw %d B, zstd %d B (level %d), best of %d%n",
                n, csv.length, Files.size(h5), raw.length, packed.stored().length, PackedDataset.COMPRESSION_LEVEL, repeats);
        out.printf(Locale.ROOT, "%-42s %12s %12s %12s%n", "operation", "best ms", "samples/s", "input kB/s");
        rows.add(row(out, "convert CSV->HDF5 (parse+validate+write)", convert, n, csv.length));
        rows.add(row(out, "read HDF5 records (+validate)", readH5, n, Files.size(h5)));
        rows.add(row(out, "pack (encode+zstd-" + PackedDataset.COMPRESSION_LEVEL + "+atomic write)", pack, n, raw.length));
        rows.add(row(out, "unpack (read+hash+zstd+validate)", unpack, n, packed.stored().length));
        doc.put("operations", rows);
        AtomicFiles.write(json, Json.pretty(doc).getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + json);
        return doc;
    }

    private static Map<String, Object> row(PrintStream out, String name, long[] nanos, long samples, long bytes) {
        long best = Arrays.stream(nanos).min().orElseThrow();
        long median = nanos[nanos.length / 2];
        long perSec = samples * 1_000_000_000L / Math.max(1, best);
        long kbPerSec = bytes * 1_000_000_000L / Math.max(1, best) / 1024;
        out.printf(Locale.ROOT, "%-42s %8d.%03d %12d %12d%n", name, best / 1_000_000, (best / 1000) % 1000, perSec, kbPerSec);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", name);
        m.put("best_ns", best);
        m.put("median_ns", median);
        m.put("samples_per_s", perSec);
        m.put("input_kib_per_s", kbPerSec);
        return m;
    }

    private interface Body {
        void run() throws IOException;
    }

    private static long[] time(int repeats, Body body) throws IOException {
        body.run(); // warm-up
        body.run();
        long[] t = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t;
    }
}
