package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.TrainingMetrics;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Train screen's model publishes the `train --metrics` stream to a real metrics server, read by a real WebSocket subscriber. */
class ClientMetricsTest {
    /** Any free ports: tests never take the fixed defaults. */
    static final MetricsConfig FREE_PORTS = MetricsConfig.defaults().withPort(0).withHttpPort(0);

    /** A WebSocket subscriber of a metrics server, as a browser's live page is. */
    static final class Subscriber extends WebSocketClient {
        final List<TrainingMetrics> got = new CopyOnWriteArrayList<>();

        Subscriber(URI server) throws InterruptedException {
            super(server);
            assertTrue(connectBlocking(5, TimeUnit.SECONDS), "subscribe to " + server);
        }

        @Override public void onOpen(ServerHandshake h) {}
        @Override public void onMessage(String m) { got.add(TrainingMetrics.fromJson(m)); }
        @Override public void onClose(int code, String reason, boolean remote) {}
        @Override public void onError(Exception e) {}

        List<TrainingMetrics> await(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (got.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(n, got.size(), "one message per micro-step");
            return got;
        }
    }

    /** The stream `chainbeasts train --metrics` publishes: steps from 1, one window of 128, h128 and the store's ENERGY at its end. */
    static void assertOneWindow(Path dir, List<TrainingMetrics> got) {
        BeastStore store = BeastStore.open(dir);
        String id = store.identity().beastId().toString(16);
        for (int i = 0; i < got.size(); i++) {
            TrainingMetrics m = got.get(i);
            assertEquals(id.length() % 2 == 1 ? "0" + id : id, m.beastId());
            assertEquals(i + 1, m.globalStep());
            assertEquals(0, m.window());
            if (i < got.size() - 1) assertNull(m.h128());
        }
        TrainingMetrics last = got.get(got.size() - 1);
        assertEquals(Hex.of(store.window(0).decodedPayload().h128()), last.h128(), "the window's last step carries its h128");
        assertEquals(store.getState(store.head().stateHash()).energyTotal, last.energySpent(), "ENERGY spent so far, as the store has it");
        assertTrue(got.stream().anyMatch(m -> m.lossQ16().move() != null), "the move head's losses");
    }

    @Test
    void publishesEveryStepToAMetricsServer(@TempDir Path tmp) throws Exception {
        Path dir = HatchModel.hatch(tmp, "pub", "0x99");
        try (MetricsServer server = MetricsServer.start(FREE_PORTS.withHttpPort(-1)); ClientMetrics metrics = new ClientMetrics(() -> FREE_PORTS)) {
            Subscriber sub = new Subscriber(server.wsUri());
            String url = server.wsUri().toString();
            TrainModel m = TrainModel.open(dir);
            m.train(1, "java", null, (SecretSource) null, () -> metrics.open("publish", url));
            assertEquals(TrainModel.Phase.DONE, m.phase(), m.message());
            assertOneWindow(dir, sub.await(128));
            assertEquals("metrics: publishing to " + url, metrics.status("publish", url));
            sub.closeBlocking();
        }
    }

    @Test
    void servesInProcessWithTheLivePage(@TempDir Path tmp) throws Exception {
        Path dir = HatchModel.hatch(tmp, "served", "0x42");
        try (ClientMetrics metrics = new ClientMetrics(() -> FREE_PORTS)) {
            assertEquals("metrics: served by this client (live page) once training starts", metrics.status("serve", ""));
            TrainModel m = TrainModel.open(dir);
            // the first run starts the server; subscribe as soon as it listens
            Subscriber[] sub = {null};
            m.train(1, "java", null, (SecretSource) null, () -> {
                var sink = metrics.open("serve", "");
                try {
                    sub[0] = new Subscriber(metrics.server().wsUri());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return sink;
            });
            assertEquals(TrainModel.Phase.DONE, m.phase(), m.message());
            assertOneWindow(dir, sub[0].await(128));
            MetricsServer server = metrics.server();
            assertEquals("metrics: live page " + server.pageUri() + " (stream " + server.wsUri() + ")", metrics.status("serve", ""));
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.pageUri()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html") || page.body().contains("<!doctype") || page.body().contains("<!DOCTYPE"), "the live page");
            sub[0].closeBlocking();
            // a run with metrics off stops the server
            m.train(1, "java", null, (SecretSource) null, () -> metrics.open("off", ""));
            assertNull(metrics.server());
            assertEquals("metrics: off (Settings)", metrics.status("off", ""));
        }
    }

    @Test
    void anUnreachableServerTurnsMetricsOffInOneSentenceAndTrainingGoesOn(@TempDir Path tmp) throws Exception {
        Path dir = HatchModel.hatch(tmp, "alone", "0x7");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port;
        try (ClientMetrics metrics = new ClientMetrics(() -> FREE_PORTS)) {
            assertEquals("metrics: published to " + url + " while training", metrics.status("publish", url));
            TrainModel m = TrainModel.open(dir);
            m.train(1, "java", null, (SecretSource) null, () -> metrics.open("publish", url));
            assertEquals(TrainModel.Phase.DONE, m.phase(), m.message());
            assertEquals(1, BeastStore.open(dir).head().windows());
            assertEquals("metrics are off: no metrics server answers at " + url + "; training goes on without them", metrics.status("publish", url));
        }
    }

    @Test
    void theSettingIsKeptAndItsUrlChecked() {
        SeriesAndSettingsTest.MapStore store = new SeriesAndSettingsTest.MapStore();
        Settings s = Settings.load(store);
        assertEquals("off", s.metrics());
        assertEquals("Metrics server URL: 'http://127.0.0.1:8765': expected ws://host:port",
                org.junit.jupiter.api.Assertions.assertThrows(ClientError.class, () -> s.metrics("publish", "http://127.0.0.1:8765")).getMessage());
        assertEquals("Metrics server URL: type the server's ws://host:port to publish to (or choose off or serve)",
                org.junit.jupiter.api.Assertions.assertThrows(ClientError.class, () -> s.metrics("publish", " ")).getMessage());
        assertEquals("off", s.metrics(), "a refused value changes nothing");
        s.metrics("publish", " ws://127.0.0.1:9000 ");
        s.save(store);
        Settings t = Settings.load(store);
        assertEquals("publish", t.metrics());
        assertEquals("ws://127.0.0.1:9000", t.metricsUrl());
        store.put("metricsUrl", "ftp://x"); // a hand-edited preference falls back to off
        assertEquals("off", Settings.load(store).metrics());
        store.put("metrics", "serve");
        store.put("metricsUrl", "");
        assertEquals("serve", Settings.load(store).metrics());
    }
}
