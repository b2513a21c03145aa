package io.chainbeasts.cli.bench;

import io.chainbeasts.core.Json;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.RemoteMetricsSink;
import io.chainbeasts.metrics.TrainingMetrics;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Metrics delivery latency (not a test): an in-process server, {@code clients} WebSocket subscribers
 * over loopback, and a remote trainer publishing {@code messages} metrics at 1000 per second through
 * {@link RemoteMetricsSink}; latency is from the publish call to each subscriber's receipt. Prints
 * p50/p99/max and writes JSON. {@code MetricsLoadTest} asserts delivery and memory; this measures time.
 */
public final class MetricsLoadBench {
    private MetricsLoadBench() {}

    public static final int CLIENTS = 100;
    public static final int MESSAGES = 2000;

    public static Map<String, Object> run(PrintStream out, Path json, int clients, int messages) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<WebSocket> sockets = new ArrayList<>();
        AtomicLongArray publishedAt = new AtomicLongArray(messages);
        List<Receiver> receivers = new ArrayList<>();
        try (MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(-1))) {
            URI ws = server.wsUri();
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            for (int c = 0; c < clients; c++) {
                Receiver r = new Receiver(publishedAt);
                receivers.add(r);
                sockets.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, r).join());
            }
            long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.stats().subscribers() < clients && System.nanoTime() < ready) Thread.sleep(10); // registered on the server too
            try (RemoteMetricsSink sink = RemoteMetricsSink.connect(ws.toString(), Duration.ofSeconds(5))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long wait = t0 + i * 1_000_000L - System.nanoTime(); // 1000 messages per second
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    publishedAt.set(i, System.nanoTime());
                    sink.publish(metrics(i + 1));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (receivers.stream().anyMatch(r -> r.count < messages) && System.nanoTime() < deadline) Thread.sleep(20);
            }
        } finally {
            for (WebSocket w : sockets) w.abort();
            pool.shutdownNow();
        }
        long[] all = new long[clients * messages];
        int n = 0;
        for (Receiver r : receivers) for (int k = 0; k < r.count; k++) all[n++] = r.latency[k];
        long[] got = Arrays.copyOf(all, n);
        Arrays.sort(got);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("clients", (long) clients);
        doc.put("messages", (long) messages);
        doc.put("deliveries", (long) n);
        doc.put("expectedDeliveries", (long) clients * messages);
        doc.put("latencyP50Micros", n == 0 ? 0L : got[n / 2] / 1000);
        doc.put("latencyP99Micros", n == 0 ? 0L : got[(int) (n * 0.99)] / 1000);
        doc.put("latencyMaxMicros", n == 0 ? 0L : got[n - 1] / 1000);
        out.printf(Locale.ROOT, "metrics delivery: %d subscribers, %d messages at 1000/s, %,d of %,d deliveries: latency p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", clients, messages, n, (long) clients * messages, (long) doc.get("latencyP50Micros") / 1000.0,
                (long) doc.get("latencyP99Micros") / 1000.0, (long) doc.get("latencyMaxMicros") / 1000.0);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, Json.pretty(doc), StandardCharsets.UTF_8);
        out.println("wrote " + json);
        return doc;
    }

    private static TrainingMetrics metrics(long step) {
        return new TrainingMetrics("00000000000000000000000000000000000000000000000000000000000be7c1", step, (step - 1) / 128,
                TrainingMetrics.Heads.of(TrainingMetrics.Q16_ONE, TrainingMetrics.Q16_ONE, TrainingMetrics.Q16_ONE),
                TrainingMetrics.Heads.of(500, 500, 500), 6, 0x0FL, step * 12, null);
    }

    /** Counts messages in arrival order and records each one's latency from its publish call. */
    private static final class Receiver implements WebSocket.Listener {
        private final AtomicLongArray publishedAt;
        final long[] latency;
        volatile int count;

        Receiver(AtomicLongArray publishedAt) {
            this.publishedAt = publishedAt;
            this.latency = new long[publishedAt.length()];
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (last && count < latency.length) {
                latency[count] = System.nanoTime() - publishedAt.get(count);
                count++;
            }
            ws.request(1);
            return null;
        }
    }
}
