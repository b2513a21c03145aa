package io.chainbeasts.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final SyntheticRun run = new SyntheticRun();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private MetricsServer server(MetricsConfig c) throws IOException {
        MetricsServer s = MetricsServer.start(c);
        toClose.add(s);
        return s;
    }

    private static MetricsConfig free() {
        return MetricsConfig.defaults().withPort(0).withHttpPort(0);
    }

    private List<String> expected(long from, long to) {
        List<String> l = new ArrayList<>();
        for (long s = from; s <= to; s++) l.add(run.step(s).toJson());
        return l;
    }

    @Test
    void lateJoinerGetsBoundedHistoryThenLive() throws Exception {
        MetricsServer s = server(free().withHistorySize(100).withClientQueueCap(1024));
        MetricsSink sink = s.sink();
        Collector early = Collector.open(s.wsUri());
        toClose.add(early::closeBlocking);
        for (long i = 1; i <= 250; i++) sink.publish(run.step(i));
        early.await(250, 10_000);
        Collector late = Collector.open(URI.create(s.wsUri() + "/stream"));
        toClose.add(late::closeBlocking);
        // the run before the history, downsampled: its window-closing message (step 128), then the last 100
        List<String> summary = List.of(run.step(128).toJson());
        List<String> want = new ArrayList<>(summary);
        want.addAll(expected(151, 250));
        assertEquals(want, late.await(101, 10_000), "history: the run's window closes, then the last 100 messages");
        for (long i = 251; i <= 300; i++) sink.publish(run.step(i));
        want.addAll(expected(251, 300));
        assertEquals(want, late.await(151, 10_000), "history then live, no gap, no duplicate");
        assertEquals(expected(1, 300), early.await(300, 10_000));
        Thread.sleep(100);
        assertEquals(151, late.await(151, 0).size(), "nothing extra");
        assertEquals(0, sink.dropped());
        assertEquals(300, s.stats().accepted());
        assertEquals(100, s.stats().historySize());
    }

    @Test
    void aLateJoinerGetsTheWholeRunDownsampledWithinItsQueue() throws Exception {
        MetricsServer s = server(free().withHistorySize(100).withClientQueueCap(300));
        MetricsSink sink = s.sink();
        int steps = 128 * 1000; // 1000 windows: more window closes than fit (summaryCap = (300 - 100) / 2 = 100)
        for (long i = 1; i <= steps; i++) {
            sink.publish(run.step(i));
            if (i % 1000 == 0) sleepQuietly(5);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (s.stats().accepted() < steps && System.currentTimeMillis() < deadline) Thread.sleep(20);
        Thread.sleep(200);
        Collector late = Collector.open(s.wsUri());
        toClose.add(late::closeBlocking);
        List<String> got = late.await(150, 10_000);
        Thread.sleep(300);
        got = late.await(1, 0);
        int summary = got.size() - 100;
        assertTrue(summary > 50 && summary <= 100, "the summary fits the cap: " + summary);
        long first = TrainingMetrics.fromJson(got.get(0)).globalStep();
        assertEquals(128, first, "the whole run, from its first window");
        long prev = 0;
        long minGap = Long.MAX_VALUE, maxGap = 0;
        for (int i = 0; i < summary; i++) {
            long step = TrainingMetrics.fromJson(got.get(i)).globalStep();
            assertTrue(step % 128 == 0 && step > prev, "window closes in order: " + step);
            if (i > 0) {
                minGap = Math.min(minGap, step - prev);
                maxGap = Math.max(maxGap, step - prev);
            }
            prev = step;
        }
        assertEquals(minGap, maxGap, "evenly sampled over the whole run, not sparser the older it is");
        assertEquals(expected(steps - 99, steps), got.subList(summary, got.size()), "then the last 100 steps in full");
    }

    @Test
    void historyAndLiveDoNotInterleaveWhileJoiningDuringAStream() throws Exception {
        MetricsServer s = server(free());
        MetricsSink sink = s.sink();
        Thread producer = new Thread(() -> {
            for (long i = 1; i <= 2000; i++) {
                sink.publish(run.step(i));
                if (i % 50 == 0) sleepQuietly(2);
            }
        });
        producer.start();
        Thread.sleep(20);
        Collector c = Collector.open(s.wsUri());
        toClose.add(c::closeBlocking);
        producer.join();
        assertEquals(0, sink.dropped());
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> got = c.await(1, 10_000);
        while (System.currentTimeMillis() < deadline) {
            got = c.await(1, 0);
            if (!got.isEmpty() && got.get(got.size() - 1).equals(run.step(2000).toJson())) break;
            Thread.sleep(20);
        }
        // a joiner after the history filled up first gets the earlier window closes (steps 128, 256, ...)
        int skip = 0;
        while (skip + 1 < got.size() && TrainingMetrics.fromJson(got.get(skip)).globalStep() % 128 == 0
                && TrainingMetrics.fromJson(got.get(skip + 1)).globalStep() != TrainingMetrics.fromJson(got.get(skip)).globalStep() + 1) skip++;
        for (int i = 0; i < skip; i++) assertEquals(128L * (i + 1), TrainingMetrics.fromJson(got.get(i)).globalStep(), "the run's window closes in order");
        got = got.subList(skip, got.size());
        long first = TrainingMetrics.fromJson(got.get(0)).globalStep();
        assertEquals(expected(first, 2000), got, "a contiguous run from the first history message to the end");
    }

    @Test
    void webPagesMayOnlySubscribeAndOnlyFromTheLivePage() throws Exception {
        MetricsServer s = server(free());
        String page = "http://127.0.0.1:" + s.httpPort();
        assertEquals("HTTP/1.1 101", handshake(s, "/", null), "a script or trainer (no Origin) subscribes");
        assertEquals("HTTP/1.1 101", handshake(s, MetricsServer.PUBLISH_PATH, null), "a trainer (no Origin) publishes");
        assertEquals("HTTP/1.1 101", handshake(s, "/", page), "the live page subscribes");
        assertEquals("HTTP/1.1 101", handshake(s, "/", "http://localhost:" + s.httpPort()));
        assertFalse(handshake(s, "/", "https://evil.example").equals("HTTP/1.1 101"), "another site cannot read the stream");
        assertFalse(handshake(s, MetricsServer.PUBLISH_PATH, page).equals("HTTP/1.1 101"), "no web page publishes, not even ours");
        assertFalse(handshake(s, MetricsServer.PUBLISH_PATH, "https://evil.example").equals("HTTP/1.1 101"));
        assertEquals(0, s.stats().accepted(), "nothing was published");
    }

    @Test
    void publishersAreCapped() throws Exception {
        MetricsServer s = server(free());
        URI pub = URI.create(s.wsUri() + MetricsServer.PUBLISH_PATH);
        for (int i = 0; i < MetricsServer.MAX_PUBLISHERS; i++) {
            Collector c = Collector.open(pub);
            toClose.add(c::closeBlocking);
        }
        Thread.sleep(200);
        Collector extra = new Collector(pub);
        extra.connectBlocking(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1013, extra.awaitClose(5000));
        assertTrue(extra.closeReason.contains("server full: " + MetricsServer.MAX_PUBLISHERS + " publishers"), extra.closeReason);
    }

    /** A raw WebSocket upgrade request; returns the first 12 characters of the status line. */
    private static String handshake(MetricsServer s, String path, String origin) throws IOException {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", s.port())) {
            sock.setSoTimeout(5000);
            String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin != null ? "Origin: " + origin + "\r\n" : "") + "\r\n";
            sock.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            java.io.InputStream in = sock.getInputStream();
            for (int c; (c = in.read()) >= 0 && c != '\r' && line.length() < 200; ) line.append((char) c);
            return line.length() >= 12 ? line.substring(0, 12) : line.toString();
        }
    }

    @Test
    void oversizeMessageClosesWith1009() throws Exception {
        MetricsServer s = server(free().withMaxMessageBytes(4096));
        Collector sub = Collector.open(s.wsUri());
        sub.send("x".repeat(5000));
        assertEquals(1009, sub.awaitClose(5000));
        Collector pub = Collector.open(URI.create(s.wsUri() + MetricsServer.PUBLISH_PATH));
        pub.send("y".repeat(100_000));
        assertEquals(1009, pub.awaitClose(5000));
        // a small message from a subscriber is ignored, the connection stays
        Collector ok = Collector.open(s.wsUri());
        toClose.add(ok::closeBlocking);
        ok.send("hello");
        Thread.sleep(200);
        assertTrue(ok.isOpen());
    }

    @Test
    void invalidPublishClosesWith1007AndUnknownPathWith1008() throws Exception {
        MetricsServer s = server(free());
        Collector pub = Collector.open(URI.create(s.wsUri() + MetricsServer.PUBLISH_PATH));
        pub.send(run.step(1).toJson().replace("\"v\":1", "\"v\":9"));
        assertEquals(1007, pub.awaitClose(5000));
        assertTrue(pub.closeReason.contains("field 'v'"), pub.closeReason);
        assertEquals(1, s.stats().rejected());
        Collector odd = new Collector(URI.create(s.wsUri() + "/nope"));
        odd.connectBlocking(5, java.util.concurrent.TimeUnit.SECONDS); // the server may close before this returns
        assertEquals(1008, odd.awaitClose(5000));
        assertTrue(odd.closeReason.startsWith("unknown path /nope"), odd.closeReason);
    }

    @Test
    void remoteSinkPublishesInOrder() throws Exception {
        MetricsServer s = server(free());
        Collector sub = Collector.open(s.wsUri());
        toClose.add(sub::closeBlocking);
        try (RemoteMetricsSink sink = RemoteMetricsSink.connect(s.wsUri().toString(), Duration.ofSeconds(5))) {
            assertTrue(sink.isConnected());
            for (long i = 1; i <= 500; i++) sink.publish(run.step(i));
            assertEquals(expected(1, 500), sub.await(500, 10_000));
            assertEquals(0, sink.dropped());
            assertEquals(500, sink.published());
        }
    }

    @Test
    void remoteSinkDropsAndCountsWhenTheServerIsGone() throws Exception {
        MetricsServer s = MetricsServer.start(free());
        RemoteMetricsSink sink = RemoteMetricsSink.connect(s.wsUri().toString(), Duration.ofSeconds(5), 8);
        toClose.add(sink);
        s.close();
        long t0 = System.nanoTime();
        for (long i = 1; i <= 100; i++) sink.publish(run.step(i));
        long micros = (System.nanoTime() - t0) / 1000;
        assertEquals(100, sink.published());
        assertTrue(sink.dropped() >= 100 - 8 - 2, "dropped " + sink.dropped());
        // not a speed gate: a publish that waited for the gone server (the 5 s connect timeout each) would take minutes
        assertTrue(micros < 4_000_000, "100 publishes with no server took " + micros + " us: publish waits for the server");
    }

    @Test
    void remoteSinkRefusesBadUrisAndUnreachableServers() throws Exception {
        assertEquals("metrics URI 'http://x:1': expected ws://host:port",
                assertThrows(IllegalArgumentException.class, () -> RemoteMetricsSink.publishUri("http://x:1")).getMessage());
        assertEquals("metrics URI 'ws://x:1/other': path must be empty or /publish",
                assertThrows(IllegalArgumentException.class, () -> RemoteMetricsSink.publishUri("ws://x:1/other")).getMessage());
        assertEquals(URI.create("ws://127.0.0.1:8765/publish"), RemoteMetricsSink.publishUri("ws://127.0.0.1"));
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        IOException e = assertThrows(IOException.class,
                () -> RemoteMetricsSink.connect("ws://127.0.0.1:" + port, Duration.ofSeconds(3)));
        assertTrue(e.getMessage().startsWith("metrics ws://127.0.0.1:" + port + ": cannot connect"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void inProcessSinkNeverBlocksAndAccountsForEveryMessage() throws Exception {
        MetricsServer s = server(free().withInboundQueueCap(16));
        Collector sub = Collector.open(s.wsUri());
        toClose.add(sub::closeBlocking);
        MetricsSink sink = s.sink();
        TrainingMetrics m = run.step(1);
        for (int i = 0; i < 200_000; i++) sink.publish(m);
        long deadline = System.currentTimeMillis() + 10_000;
        while (s.stats().accepted() + sink.dropped() < 200_000 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals(200_000, sink.published());
        assertEquals(200_000, s.stats().accepted() + sink.dropped(), "every message is either accepted or counted as dropped");
        assertTrue(sink.dropped() > 0, "a 16-slot queue cannot absorb 200000 back-to-back messages");
        assertEquals(sink.dropped(), s.stats().droppedInbound());
        sink.close();
        sink.publish(m);
        assertEquals(sink.published() - s.stats().accepted(), sink.dropped(), "after close: dropped");
    }

    @Test
    void portsAreCheckedAndABusyPortIsOneLine() throws Exception {
        assertEquals("port: 70000 is out of range 0..65535",
                assertThrows(IllegalArgumentException.class, () -> MetricsConfig.defaults().withPort(70000)).getMessage());
        assertEquals("METRICS_PORT: 'abc' is not a port number",
                assertThrows(IllegalArgumentException.class, () -> MetricsConfig.fromEnv(Map.of("METRICS_PORT", "abc"))).getMessage());
        assertEquals("httpPort: -5 is out of range 0..65535",
                assertThrows(IllegalArgumentException.class, () -> MetricsConfig.defaults().withHttpPort(-5)).getMessage());
        assertEquals(-1, MetricsConfig.fromEnv(Map.of("METRICS_HTTP_PORT", "off")).httpPort());
        assertEquals(9001, MetricsConfig.fromEnv(Map.of("METRICS_PORT", "9001")).port());
        MetricsServer a = server(free());
        IOException e = assertThrows(IOException.class, () -> MetricsServer.start(free().withPort(a.port())));
        assertTrue(e.getMessage().startsWith("metrics server: cannot listen on 127.0.0.1:" + a.port()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void listeningLinesNameTheBoundPortsAndThePageIsServed() throws Exception {
        MetricsServer s = server(free());
        String out = String.join("\n", s.listeningLines());
        assertTrue(s.port() > 0 && s.httpPort() > 0 && s.port() != s.httpPort());
        assertTrue(out.contains("metrics: ws://127.0.0.1:" + s.port() + " "), out);
        assertTrue(out.contains("metrics: live page http://127.0.0.1:" + s.httpPort() + "/"), out);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(s.pageUri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<canvas id=\"loss\""));
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(s.pageUri().resolve("/app.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(js.body().contains("new WebSocket("));
        assertFalse(js.body().contains("http://") || js.body().contains("https://"), "no CDN or external fetch");
        HttpResponse<String> cfg = http.send(HttpRequest.newBuilder(s.pageUri().resolve("/config.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"v\":1,\"wsPort\":" + s.port() + ",\"wsPath\":\"/\"}", cfg.body());
        s.sink().publish(run.step(1));
        long deadline = System.currentTimeMillis() + 5000;
        while (s.stats().accepted() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(s.pageUri().resolve("/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(stats.body().contains("\"accepted\":1"), stats.body());
        assertEquals(404, http.send(HttpRequest.newBuilder(s.pageUri().resolve("/nope")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(s.pageUri()).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
