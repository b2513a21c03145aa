package io.chainbeasts.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A node's health endpoint and metrics for its operator: {@code GET /health} answers 200 "ok" once a pass has run
 * and the node is within {@code maxBlocksBehind} of the head (503 with the reason otherwise), {@code GET /metrics}
 * gives the {@link ReplayNode.Status} in Prometheus' text format. Loopback by default.
 */
public final class NodeHttp implements AutoCloseable {
    private final HttpServer server;

    private NodeHttp(HttpServer server) {
        this.server = server;
    }

    public static NodeHttp start(String host, int port, long maxBlocksBehind, Supplier<ReplayNode.Status> status) throws IOException {
        return start(host, port, maxBlocksBehind, status, () -> "");
    }

    /** As above, with {@code more} appended to /metrics (e.g. {@link ForcedErrorWatch#prometheus}). */
    public static NodeHttp start(String host, int port, long maxBlocksBehind, Supplier<ReplayNode.Status> status, Supplier<String> more) throws IOException {
        return start(host, port, maxBlocksBehind, status, more, () -> null);
    }

    /**
     * As above; {@code failing} says why the last pass failed (null: it did not). A node whose passes fail is not
     * healthy, whatever its last good pass said: the chain may have moved on without it.
     */
    public static NodeHttp start(String host, int port, long maxBlocksBehind, Supplier<ReplayNode.Status> status, Supplier<String> more,
                                 Supplier<String> failing) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/health", ex -> {
            ReplayNode.Status st = status.get();
            String failed = failing.get();
            String why = failed != null ? "the last pass failed: " + failed
                    : st.passes() == 0 ? "no pass has run yet"
                    : st.blocksBehind().longValueExact() > maxBlocksBehind ? st.blocksBehind() + " blocks behind the head (limit " + maxBlocksBehind + ")" : null;
            reply(ex, why == null ? 200 : 503, "text/plain", why == null ? "ok\n" : why + "\n");
        });
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4", prometheus(status.get()) + more.get()));
        server.setExecutor(null);
        server.start();
        return new NodeHttp(server);
    }

    /** The bound port (the real one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The status in Prometheus' text exposition format. */
    public static String prometheus(ReplayNode.Status st) {
        StringBuilder b = new StringBuilder();
        metric(b, "chainbeasts_node_passes_total", "counter", "replay passes over every beast", String.valueOf(st.passes()));
        metric(b, "chainbeasts_node_head_block", "gauge", "the chain's latest block at the last pass", st.head().toString());
        metric(b, "chainbeasts_node_blocks_behind", "gauge", "blocks between the head and the last block judged", st.blocksBehind().toString());
        metric(b, "chainbeasts_node_beasts_tracked", "gauge", "beasts discovered on chain", String.valueOf(st.beasts()));
        metric(b, "chainbeasts_node_windows_replayed_total", "counter", "windows replayed (rate() gives windows per second)",
                String.valueOf(st.windowsReplayed()));
        metric(b, "chainbeasts_node_replay_windows_per_second", "gauge", "windows replayed per second of judging, over the node's run",
                String.format(java.util.Locale.ROOT, "%d.%03d", st.windowsPerSecondMilli() / 1000, st.windowsPerSecondMilli() % 1000));
        metric(b, "chainbeasts_node_failures", "gauge", "windows whose replay contradicts their payload", String.valueOf(st.failures()));
        metric(b, "chainbeasts_node_lineage_only", "gauge", "private windows checked as far as the chain allows", String.valueOf(st.lineageOnly()));
        metric(b, "chainbeasts_node_disputes_open", "gauge", "dispute games filed and not resolved", String.valueOf(st.disputesOpen()));
        metric(b, "chainbeasts_node_bond_at_risk_wei", "gauge", "bonds this node's key has in open disputes (ENERGY wei)", st.bondAtRisk().toString());
        return b.toString();
    }

    static void metric(StringBuilder b, String name, String type, String help, String value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
