package io.chainbeasts.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * The metrics server's settings, and the parsing of its ports from options and the environment.
 *
 * @param host            address to bind (default loopback {@code 127.0.0.1}: the publish path is unauthenticated)
 * @param port            WebSocket port, 0 = any free port
 * @param httpPort        HTTP port of the live page, 0 = any free port, -1 = no page
 * @param historySize     messages a late joiner receives before the live stream
 * @param clientQueueCap  outgoing frames queued for one subscriber before it is dropped as too slow
 * @param maxClients      subscribers at once; later ones are closed with 1013
 * @param inboundQueueCap messages waiting for the dispatcher; beyond it publishes are dropped and counted
 * @param maxMessageBytes largest incoming frame or message; larger ones close the connection with 1009
 * @param socketSendBuffer SO_SNDBUF of each subscriber socket in bytes (bounds kernel-side buffering), 0 = OS default
 */
public record MetricsConfig(String host, int port, int httpPort, int historySize, int clientQueueCap, int maxClients,
                            int inboundQueueCap, int maxMessageBytes, int socketSendBuffer) {
    public MetricsConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host: must not be empty");
        checkPort("port", port);
        if (httpPort != -1) checkPort("httpPort", httpPort);
        positive("historySize", historySize, 0, 1 << 20);
        positive("clientQueueCap", clientQueueCap, 1, 1 << 20);
        positive("maxClients", maxClients, 1, 1 << 16);
        positive("inboundQueueCap", inboundQueueCap, 1, 1 << 20);
        positive("maxMessageBytes", maxMessageBytes, TrainingMetrics.MAX_JSON_BYTES, 1 << 24);
        positive("socketSendBuffer", socketSendBuffer, 0, 1 << 26);
        if (clientQueueCap <= historySize) {
            throw new IllegalArgumentException("clientQueueCap: " + clientQueueCap + " must exceed historySize " + historySize
                    + " (a late joiner's history is queued first)");
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_HTTP_PORT, 512, 1024, 512, 4096, 16 * 1024, 64 * 1024);
    }

    public MetricsConfig withHost(String h) {
        return new MetricsConfig(h, port, httpPort, historySize, clientQueueCap, maxClients, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withPort(int p) {
        return new MetricsConfig(host, p, httpPort, historySize, clientQueueCap, maxClients, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withHttpPort(int p) {
        return new MetricsConfig(host, port, p, historySize, clientQueueCap, maxClients, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withHistorySize(int n) {
        return new MetricsConfig(host, port, httpPort, n, clientQueueCap, maxClients, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withClientQueueCap(int n) {
        return new MetricsConfig(host, port, httpPort, historySize, n, maxClients, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withMaxClients(int n) {
        return new MetricsConfig(host, port, httpPort, historySize, clientQueueCap, n, inboundQueueCap, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withInboundQueueCap(int n) {
        return new MetricsConfig(host, port, httpPort, historySize, clientQueueCap, maxClients, n, maxMessageBytes, socketSendBuffer);
    }

    public MetricsConfig withMaxMessageBytes(int n) {
        return new MetricsConfig(host, port, httpPort, historySize, clientQueueCap, maxClients, inboundQueueCap, n, socketSendBuffer);
    }

    private static void positive(String name, int v, int min, int max) {
        if (v < min || v > max) throw new IllegalArgumentException(name + ": " + v + " is out of range " + min + ".." + max);
    }

    /** Default WebSocket port (environment {@code METRICS_PORT}). */
    public static final int DEFAULT_PORT = 8765;
    /** Default HTTP port of the live page (environment {@code METRICS_HTTP_PORT}). */
    public static final int DEFAULT_HTTP_PORT = 8766;

    /** Checks a TCP port number; the message names the argument. */
    public static int checkPort(String name, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException(name + ": " + port + " is out of range 0..65535");
        return port;
    }

    /** Parses a port given as text (an environment variable or option); the message names it. */
    public static int parsePort(String name, String text) {
        try {
            return checkPort(name, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a port number");
        }
    }

    /** A page port: a port number, or {@code off} / {@code -1} for no page. */
    public static int parseHttpPort(String name, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("off") || t.equals("-1")) return -1;
        return parsePort(name, t);
    }

    /** The defaults with {@code METRICS_PORT}, {@code METRICS_HTTP_PORT} and {@code METRICS_HOST} applied. */
    public static MetricsConfig fromEnv(Map<String, String> env) {
        MetricsConfig c = defaults();
        String host = env.get("METRICS_HOST");
        if (host != null && !host.isBlank()) c = c.withHost(host.trim());
        String port = env.get("METRICS_PORT");
        if (port != null && !port.isBlank()) c = c.withPort(parsePort("METRICS_PORT", port));
        String http = env.get("METRICS_HTTP_PORT");
        if (http != null && !http.isBlank()) c = c.withHttpPort(parseHttpPort("METRICS_HTTP_PORT", http));
        return c;
    }
}
