package io.chainbeasts.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry points for {@code ./chainbeasts metrics serve} and for a trainer that hosts its own
 * server. Environment: {@code METRICS_PORT} (WebSocket, default 8765), {@code METRICS_HTTP_PORT}
 * (page, default 8766, {@code off} = no page), {@code METRICS_HOST} (bind address, default
 * 127.0.0.1); 0 means any free port, and the bound ports are printed.
 */
public final class MetricsMain {
    private MetricsMain() {}

    /** The defaults with {@code METRICS_PORT}, {@code METRICS_HTTP_PORT} and {@code METRICS_HOST} applied. */
    public static MetricsServer.Config configFromEnv(Map<String, String> env) {
        MetricsServer.Config c = MetricsServer.Config.defaults();
        String host = env.get("METRICS_HOST");
        if (host != null && !host.isBlank()) c = c.withHost(host.trim());
        String port = env.get("METRICS_PORT");
        if (port != null && !port.isBlank()) c = c.withPort(MetricsServer.parsePort("METRICS_PORT", port));
        String http = env.get("METRICS_HTTP_PORT");
        if (http != null && !http.isBlank()) c = c.withHttpPort(parseHttpPort("METRICS_HTTP_PORT", http));
        return c;
    }

    /** A page port: a port number, or {@code off} / {@code -1} for no page. */
    public static int parseHttpPort(String name, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("off") || t.equals("-1")) return -1;
        return MetricsServer.parsePort(name, t);
    }

    /**
     * Starts a server and prints where it listens (two lines on {@code out}); returns at once.
     * The caller closes it. For {@code train}/{@code demo} with an in-process server.
     */
    public static MetricsServer start(MetricsServer.Config config, PrintStream out) throws IOException {
        MetricsServer s = MetricsServer.start(config);
        out.println("metrics: " + s.wsUri() + " (subscribe at /, publish at " + MetricsServer.PUBLISH_PATH + ")");
        if (s.pageUri() != null) out.println("metrics: live page " + s.pageUri());
        out.flush();
        return s;
    }

    /**
     * {@code ./chainbeasts metrics serve}: starts the server on {@code port} (0 = any free port)
     * and the page on {@code httpPort} (0 = any, -1 = none), prints both, and serves until the
     * thread is interrupted or the JVM shuts down.
     */
    public static void run(int port, int httpPort, PrintStream out) throws IOException {
        MetricsServer.checkPort("port", port);
        if (httpPort != -1) MetricsServer.checkPort("httpPort", httpPort);
        run(configFromEnv(System.getenv()).withPort(port).withHttpPort(httpPort), out);
    }

    /** As {@link #run(int, int, PrintStream)} with a full configuration. */
    public static void run(MetricsServer.Config config, PrintStream out) throws IOException {
        MetricsServer server = start(config, out);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            done.countDown();
        }, "metrics-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }

    /** Standalone: {@code java -cp ... io.chainbeasts.metrics.MetricsMain [--host H] [--port N] [--http-port N|off]}. */
    public static void main(String[] args) {
        try {
            MetricsServer.Config c = configFromEnv(System.getenv());
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.println("usage: MetricsMain [--host H] [--port N] [--http-port N|off]   (0 = any free port)");
                    return;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + ": missing value");
                String v = args[++i];
                switch (a) {
                    case "--host": c = c.withHost(v); break;
                    case "--port": c = c.withPort(MetricsServer.parsePort("--port", v)); break;
                    case "--http-port": c = c.withHttpPort(parseHttpPort("--http-port", v)); break;
                    default: throw new IllegalArgumentException(a + ": unknown option");
                }
            }
            run(c, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }
}
