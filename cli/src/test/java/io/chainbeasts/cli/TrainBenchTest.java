package io.chainbeasts.cli;

import io.chainbeasts.core.Json;
import io.chainbeasts.engine.JavaBackend;
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

/** The train table's plumbing (no timing is asserted): it trains real stores, checks the compute-only run against them, writes JSON. */
class TrainBenchTest {
    @Test
    void trainsAFreshStoreAndItsComputeAloneToTheSameStateAndWritesJson(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path json = dir.resolve("train-bench.json");
        List<TrainBench.Row> rows;
        try (JavaBackend java = new JavaBackend(1)) {
            rows = TrainBench.run(new PrintStream(buf, true, StandardCharsets.UTF_8), json, false, List.of(java), 3, 2, dir.resolve("work"));
        }
        assertEquals(2, rows.size());
        for (TrainBench.Row r : rows) {
            assertEquals("java", r.backend());
            assertEquals(3, r.windows());
            assertTrue(r.trainNanos() > 0 && r.computeNanos() > 0, r.toString());
        }
        // the round before the reported ones (warm-up) and the reported rounds each trained a store of 3 windows
        for (int round = 0; round <= 2; round++) {
            assertTrue(Files.exists(dir.resolve("work/java-" + round + "/windows")), "round " + round);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("java: median train/compute"), out);
        Map<String, Object> doc = Json.obj(Json.parse(Files.readString(json)), "train bench");
        assertEquals(3, Json.num(doc, "windows"));
        assertEquals(TrainCommand.DURABLE_EVERY, Json.num(doc, "durableEvery"));
        assertEquals(2, ((List<?>) doc.get("rows")).size());
    }
}
