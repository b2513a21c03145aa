package io.chainbeasts.metrics;

import io.chainbeasts.core.Json;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load: the server runs in its own JVM ({@link ServeInOwnJvm}: the server as `chainbeasts metrics serve` runs it, -Xmx64m),
 * 200 subscribers connect over loopback, one of which never reads. A remote trainer publishes
 * {@value #MESSAGES} messages at about 1000 per second through {@link RemoteMetricsSink}.
 *
 * <p>The trainer publishes at most 1000 per second and holds back while a reading subscriber lags by
 * {@link #MAX_LAG} messages (the server drops a client at 1024), so a loaded machine slows the run
 * instead of failing it. Asserted: every one of the 199 reading subscribers receives every message, in order; the
 * stalled subscriber is dropped at its queue cap and nobody else is; the server's used heap after a
 * full GC (jcmd GC.run, then /stats) stays under {@value #HEAP_CAP_MIB} MiB, measured while the
 * stalled client's queue is filling and at the end. Latency is not asserted: on a loaded machine it
 * measures the machine; {@code chainbeasts bench} reports it ({@code cli/bench/MetricsLoadBench}).
 */
class MetricsLoadTest {
    static final int CLIENTS = 200;
    static final int MESSAGES = 3000;
    static final long HEAP_CAP_MIB = 32;
    /**
     * The most a reading client may lag before the next publish: far below the server's per-client queue
     * (so no reader is dropped as slow), and small enough that 199 lagging queues stay a few MiB of heap.
     */
    static final int MAX_LAG = 64;

    @Test
    void twoHundredClientsOneStalled() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(javaBin.toString(), "-ea", "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ServeInOwnJvm.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<WebSocket> sockets = new ArrayList<>();
        Socket stalled = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            URI ws = URI.create(match(out.readLine(), "metrics: (ws://\\S+) "));
            URI page = URI.create(match(out.readLine(), "metrics: live page (http://\\S+)"));

            SyntheticRun run = new SyntheticRun();
            String[] expected = new String[MESSAGES];
            for (int i = 0; i < MESSAGES; i++) expected[i] = run.step(i + 1).toJson();

            // the stalled client: a real handshake, a tiny receive buffer, then it never reads again
            stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 5000);
            handshake(stalled, ws);

            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            List<Reader> readers = new ArrayList<>();
            for (int c = 1; c < CLIENTS; c++) {
                Reader r = new Reader(expected);
                readers.add(r);
                sockets.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, r).get(20, TimeUnit.SECONDS));
            }
            waitFor(() -> stats(http, page).get("subscribers").equals((long) CLIENTS), 10_000, "all " + CLIENTS + " subscribers registered");

            long heapMid = 0;
            try (RemoteMetricsSink sink = RemoteMetricsSink.connect(ws.toString(), Duration.ofSeconds(5))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    long due = t0 + i * 1_000_000L; // at most 1000 messages per second
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    // Flow control on the test's side: a reading client starved of CPU by a loaded machine must
                    // not fall a queue behind and be dropped as slow; only the client that never reads may be.
                    int next = i;
                    waitFor(() -> readers.stream().allMatch(r -> next - r.count() < MAX_LAG || r.failure != null), 60_000,
                            "every reading client within " + MAX_LAG + " messages of message " + next);
                    sink.publish(run.step(i + 1));
                    if (i == 900) heapMid = heapAfterGc(server, http, page);
                }
                waitFor(() -> readers.stream().allMatch(r -> r.count() == MESSAGES || r.failure != null), 60_000,
                        "every reading client receives all " + MESSAGES + " messages");
                assertEquals(0, sink.dropped(), "remote sink dropped nothing");
            }
            long heapEnd = heapAfterGc(server, http, page);
            Map<String, Object> st = stats(http, page);

            for (int i = 0; i < readers.size(); i++) {
                Reader r = readers.get(i);
                assertEquals(null, r.failure, "client " + i);
                assertEquals(MESSAGES, r.count(), "client " + i + " received every message");
            }
            System.out.printf("metrics load: %d clients (1 stalled), %d messages; server heap after GC %.1f MiB mid-run, "
                            + "%.1f MiB at end (cap %d MiB, -Xmx64m); slow clients dropped %s%n",
                    CLIENTS, MESSAGES, heapMid / 1048576.0, heapEnd / 1048576.0, HEAP_CAP_MIB, st.get("slowClientsDropped"));
            assertEquals(1L, st.get("slowClientsDropped"), "exactly the stalled client was dropped");
            assertEquals((long) CLIENTS - 1, st.get("subscribers"));
            assertEquals((long) MESSAGES, st.get("accepted"));
            assertTrue(heapMid < HEAP_CAP_MIB << 20, "heap mid-run " + heapMid);
            assertTrue(heapEnd < HEAP_CAP_MIB << 20, "heap at end " + heapEnd);
            assertTrue(server.isAlive(), "server survived");
        } finally {
            for (WebSocket w : sockets) w.abort();
            if (stalled != null) stalled.close();
            Tools.stop(server.toHandle());
            pool.shutdownNow();
        }
    }

    /** A subscriber that checks each message against the expected sequence. */
    static final class Reader implements WebSocket.Listener {
        private final String[] expected;
        private final StringBuilder partial = new StringBuilder();
        private volatile int next;
        volatile String failure;

        Reader(String[] expected) {
            this.expected = expected;
        }

        int count() {
            return next;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String msg = partial.toString();
                partial.setLength(0);
                int i = next;
                if (i >= expected.length || !expected[i].equals(msg)) {
                    if (failure == null) failure = "message " + i + " differs: " + msg;
                } else {
                    next = i + 1;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            if (next < expected.length && failure == null) failure = "closed " + code + " " + reason + " after " + next;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (failure == null) failure = "error " + error;
        }
    }

    private static void handshake(Socket s, URI ws) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(("GET / HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        o.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("handshake: connection closed");
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    }

    /** Used heap of the server JVM after a full GC: jcmd GC.run, then the server's /stats. */
    private static long heapAfterGc(Process server, HttpClient http, URI page) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd GC.run");
        return (Long) stats(http, page).get("heapUsedBytes");
    }

    private static Map<String, Object> stats(HttpClient http, URI page) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(page.resolve("/stats")).build(), HttpResponse.BodyHandlers.ofString());
            return Json.obj(Json.parse(r.body()), "stats");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line == null ? "" : line);
        assertTrue(m.find(), "server printed '" + line + "', expected " + regex);
        return m.group(1);
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out after " + timeoutMs + " ms waiting until " + what);
            Thread.sleep(20);
        }
    }

}
