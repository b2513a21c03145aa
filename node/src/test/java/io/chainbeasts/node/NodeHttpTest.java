package io.chainbeasts.node;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeHttpTest {
    @Test
    void healthSaysWhyItIsNotOkAndMetricsAreInPrometheusFormat() throws Exception {
        AtomicReference<ReplayNode.Status> st = new AtomicReference<>(new ReplayNode.Status(0, BigInteger.ZERO, BigInteger.ZERO, 0, 0, 0, 0, 0, BigInteger.ZERO, 0));
        AtomicReference<String> failing = new AtomicReference<>();
        try (NodeHttp http = NodeHttp.start("127.0.0.1", 0, 4, st::get, () -> "", failing::get)) {
            HttpClient c = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + http.port());
            HttpResponse<String> h = c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, h.statusCode());
            assertEquals("no pass has run yet\n", h.body());

            st.set(new ReplayNode.Status(3, BigInteger.valueOf(120), BigInteger.valueOf(110), 7, 42, 1, 2, 0, BigInteger.ZERO, 0));
            h = c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, h.statusCode());
            assertEquals("10 blocks behind the head (limit 4)\n", h.body());

            st.set(new ReplayNode.Status(4, BigInteger.valueOf(120), BigInteger.valueOf(118), 7, 50, 1, 2, 1, BigInteger.valueOf(128), 0));
            h = c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, h.statusCode());

            // the chain went away: the last good pass says nothing about now
            failing.set("node: the chain of chain.json (http://127.0.0.1:1): Connection refused");
            h = c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, h.statusCode());
            assertEquals("the last pass failed: node: the chain of chain.json (http://127.0.0.1:1): Connection refused\n", h.body());
            failing.set(null);
            assertEquals(200, c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> m = c.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode());
            for (String line : new String[] {"chainbeasts_node_passes_total 4", "chainbeasts_node_blocks_behind 2", "chainbeasts_node_beasts_tracked 7",
                    "chainbeasts_node_windows_replayed_total 50", "chainbeasts_node_failures 1", "chainbeasts_node_disputes_open 1",
                    "chainbeasts_node_bond_at_risk_wei 128", "# TYPE chainbeasts_node_windows_replayed_total counter"}) {
                assertTrue(m.body().lines().anyMatch(line::equals), line + " in\n" + m.body());
            }
        }
    }
}
