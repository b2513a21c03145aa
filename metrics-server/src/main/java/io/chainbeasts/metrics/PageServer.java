package io.chainbeasts.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The live page over HTTP (JDK {@code com.sun.net.httpserver}), on its own port next to the
 * WebSocket port. Everything it serves ships in the jar:
 * {@code /} (index.html), {@code /app.js}, {@code /config.json} (tells the page the WebSocket
 * port), {@code /stats} (server counters), {@code /schema.json} (the message JSON Schema).
 */
final class PageServer {
    private static final String BASE = "/io/chainbeasts/metrics/";

    private final HttpServer http;
    private final ExecutorService pool;

    private PageServer(HttpServer http, ExecutorService pool) {
        this.http = http;
        this.pool = pool;
    }

    static PageServer start(String host, int port, int wsPort, Supplier<MetricsServer.Stats> stats) throws IOException {
        Map<String, byte[]> files = Map.of(
                "/", resource("web/index.html"),
                "/index.html", resource("web/index.html"),
                "/app.js", resource("web/app.js"),
                "/schema.json", resource("training-metrics.schema.json"));
        Map<String, String> types = Map.of(
                "/", "text/html; charset=utf-8",
                "/index.html", "text/html; charset=utf-8",
                "/app.js", "text/javascript; charset=utf-8",
                "/schema.json", "application/schema+json");
        byte[] config = ("{\"v\":1,\"wsPort\":" + wsPort + ",\"wsPath\":\"/\"}").getBytes(StandardCharsets.UTF_8);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 32);
        } catch (BindException e) {
            throw new IOException("metrics page: cannot listen on " + host + ":" + port
                    + " (METRICS_HTTP_PORT): port in use or address not available", e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", ex -> {
            try (ex) {
                String method = ex.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String path = ex.getRequestURI().getPath();
                if (path.equals("/config.json")) {
                    send(ex, 200, "application/json", config);
                } else if (path.equals("/stats")) {
                    send(ex, 200, "application/json", stats.get().toJson().getBytes(StandardCharsets.UTF_8));
                } else if (files.containsKey(path)) {
                    send(ex, 200, types.get(path), files.get(path));
                } else {
                    send(ex, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        http.start();
        return new PageServer(http, pool);
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = PageServer.class.getResourceAsStream(BASE + name)) {
            if (in == null) throw new IllegalStateException("metrics page: resource " + BASE + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("metrics page: cannot read resource " + BASE + name, e);
        }
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
        pool.shutdownNow();
    }
}
