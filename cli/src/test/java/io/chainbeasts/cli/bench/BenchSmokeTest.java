package io.chainbeasts.cli.bench;

import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benches run end to end on tiny inputs and write what they print; no number is judged. */
class BenchSmokeTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    @Test
    void datasetBenchWritesOneRowPerOperation() throws Exception {
        Path json = tmp.resolve("d/datasets-bench.json");
        Map<String, Object> doc = DatasetBench.run(out, json, tmp.resolve("work"), 2, 1);
        assertEquals(doc, Json.parse(Files.readString(json)));
        assertEquals(4, ((List<?>) doc.get("operations")).size());
        assertEquals(List.of(json), listed(json.getParent()), "the timed files go to the work folder, not beside the JSON");
        assertTrue(Files.exists(tmp.resolve("work/bench.h5")));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("pack (encode+zstd-" + io.chainbeasts.datasets.PackedDataset.COMPRESSION_LEVEL + "+atomic write)"), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void metricsBenchDeliversEveryMessageToEverySubscriber() throws Exception {
        Path json = tmp.resolve("metrics-bench.json");
        Map<String, Object> doc = MetricsLoadBench.run(out, json, 3, 40);
        assertEquals(120L, doc.get("deliveries"), buf.toString(StandardCharsets.UTF_8));
        assertEquals(doc, Json.parse(Files.readString(json)));
    }

    private static List<Path> listed(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
