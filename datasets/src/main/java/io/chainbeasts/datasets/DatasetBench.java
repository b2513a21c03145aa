package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the dataset pipeline (not a timed test): convert (CSV parse + validate + HDF5
 * write), pack (canonical encode + zstd level 19), unpack (zstd + decode + validate) and the HDF5
 * read. Prints a table and writes {@code target/datasets-bench.json}. Args: [battles] [repeats].
 */
public final class DatasetBench {
    private DatasetBench() {}

    public static void main(String[] args) throws Exception {
        int battles = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        SeasonConstants season = SeasonConstants.DEFAULT;
        List<BattleRecord> records = BattleSampleGenerator.generate(0x42454E4348L, battles, season);
        List<Sample> samples = new ArrayList<>(records.size());
        for (BattleRecord r : records) samples.add(r.sample()); // every sample carries its demonstration
        byte[] csv = CsvFormat.writeRecords(records);
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Path csvFile = dir.resolve("bench.csv");
        Files.write(csvFile, csv);
        Path h5 = dir.resolve("bench.h5");
        Path zst = dir.resolve("bench.zst");
        int n = records.size();

        long[] convert = time(repeats, () -> DatasetTool.convert(csvFile, h5, true, season, nullStream())); // force: each repeat replaces it
        long[] readH5 = time(repeats, () -> Hdf5Format.readRecords(h5, season));
        byte[] raw = PackedDataset.encodeSamples(samples);
        PackedDataset.Packed packed = PackedDataset.packSamples(samples, season);
        long[] pack = time(repeats, () -> AtomicFiles.write(zst, PackedDataset.packSamples(samples, season).stored()));
        long[] unpack = time(repeats, () -> PrivateDataset.open(zst, season));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", (long) n);
        json.put("csv_bytes", (long) csv.length);
        json.put("hdf5_bytes", Files.size(h5));
        json.put("raw_bytes", (long) raw.length);
        json.put("stored_bytes", (long) packed.stored().length);
        json.put("zstd_level", (long) PackedDataset.COMPRESSION_LEVEL);
        json.put("repeats", (long) repeats);
        List<Object> rows = new ArrayList<>();
        System.out.printf("dataset bench: %d samples, CSV %d B, HDF5 %d B, raw %d B, zstd %d B (level %d), best of %d%n",
                n, csv.length, Files.size(h5), raw.length, packed.stored().length, PackedDataset.COMPRESSION_LEVEL, repeats);
        System.out.printf("%-42s %12s %12s %12s%n", "operation", "best ms", "samples/s", "input kB/s");
        rows.add(row("convert CSV->HDF5 (parse+validate+write)", convert, n, csv.length));
        rows.add(row("read HDF5 records (+validate)", readH5, n, Files.size(h5)));
        rows.add(row("pack (encode+zstd-19+atomic write)", pack, n, raw.length));
        rows.add(row("unpack (read+hash+zstd+validate)", unpack, n, packed.stored().length));
        json.put("operations", rows);
        Path out = Path.of("target", "datasets-bench.json");
        Files.writeString(out, Json.pretty(json), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    private static Map<String, Object> row(String name, long[] nanos, long samples, long bytes) {
        long best = Arrays.stream(nanos).min().orElseThrow();
        long median = nanos[nanos.length / 2];
        long perSec = samples * 1_000_000_000L / Math.max(1, best);
        long kbPerSec = bytes * 1_000_000_000L / Math.max(1, best) / 1024;
        System.out.printf("%-42s %8d.%03d %12d %12d%n", name, best / 1_000_000, (best / 1000) % 1000, perSec, kbPerSec);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", name);
        m.put("best_ns", best);
        m.put("median_ns", median);
        m.put("samples_per_s", perSec);
        m.put("input_kib_per_s", kbPerSec);
        return m;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static long[] time(int repeats, Body body) throws Exception {
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

    private static java.io.PrintStream nullStream() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
