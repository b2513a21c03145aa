package io.chainbeasts.metrics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Java client and an external Node `ws` client receive the same messages in the same order. */
class MetricsNodeClientTest {

    @Test
    void javaAndNodeClientsReceiveTheSameMessagesInOrder() throws Exception {
        Path node = Tools.onPath("node", "nodejs").orElse(null);
        io.chainbeasts.core.RequiredTools.require(node != null, "`node` is not on PATH; install Node.js 20 and run `npm ci` in metrics-server/");
        Path module = Tools.moduleDir();
        assertTrue(Files.isDirectory(module.resolve("node_modules/ws")),
                "Node's ws package is missing: run `npm ci` in metrics-server/ (.ci/install.d/20-metrics.sh does)");
        int n = 600;
        SyntheticRun run = new SyntheticRun();
        List<String> expected = new ArrayList<>();
        for (long s = 1; s <= n; s++) expected.add(run.step(s).toJson());

        try (MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(-1))) {
            Collector java = Collector.open(server.wsUri());
            Process p = new ProcessBuilder(node.toString(), module.resolve("src/test/node/client.js").toString(),
                    server.wsUri().toString(), String.valueOf(n)).directory(module.toFile()).start();
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                assertEquals("open", err.readLine(), "node client's first stderr line");
                CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> {
                    List<String> lines = new ArrayList<>();
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) lines.add(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return lines;
                });
                MetricsSink sink = server.sink();
                for (int i = 0; i < n; i++) {
                    sink.publish(run.step(i + 1));
                    if (i % 100 == 99) Thread.sleep(5); // a trainer-like cadence, not one burst
                }
                List<String> fromNode = out.get(60, TimeUnit.SECONDS);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "node client exits after " + n + " messages");
                assertEquals(0, p.exitValue(), "node client exit status");
                List<String> fromJava = java.await(n, 30_000);
                assertEquals(0, sink.dropped());
                assertEquals(expected, fromJava, "Java client: every message, in order");
                assertEquals(fromJava, fromNode, "Node client: the same messages in the same order");
            } finally {
                Tools.stop(p.toHandle());
                java.closeBlocking();
            }
        }
    }
}
