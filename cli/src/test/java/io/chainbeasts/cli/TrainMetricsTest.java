package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.TrainingMetrics;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `train --metrics ws://...` publishes one message per micro-step, continues across a resume, and closes windows with h128. */
class TrainMetricsTest {
    @Test
    void trainerStreamsEveryStepAndResumesFromTheNext(@TempDir Path dir) throws Exception {
        MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(-1));
        List<TrainingMetrics> got = new CopyOnWriteArrayList<>();
        WebSocketClient client = new WebSocketClient(URI.create(server.wsUri().toString())) {
            @Override public void onOpen(ServerHandshake h) { }
            @Override public void onMessage(String m) { got.add(TrainingMetrics.fromJson(m)); }
            @Override public void onClose(int code, String reason, boolean remote) { }
            @Override public void onError(Exception e) { }
        };
        try {
            assertTrue(client.connectBlocking(5, TimeUnit.SECONDS));
            Path beast = dir.resolve("b");
            assertEquals(0, CliTest.run("hatch", "--seed-core", "0x99", "--out", beast.toString()).code());
            String uri = server.wsUri().toString();
            assertEquals(0, CliTest.run("train", "--beast", beast.toString(), "--windows", "2", "--metrics", uri, "--quiet").code());
            assertEquals(0, CliTest.run("train", "--beast", beast.toString(), "--windows", "1", "--metrics", uri, "--quiet").code());
            long deadline = System.currentTimeMillis() + 10_000;
            while (got.size() < 384 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(384, got.size(), "one message per micro-step");
            BeastStore store = BeastStore.open(beast);
            for (int i = 0; i < got.size(); i++) {
                TrainingMetrics m = got.get(i);
                assertEquals(i + 1, m.globalStep(), "contiguous steps across the resume");
                assertEquals(i / 128, m.window());
                if ((i + 1) % 128 == 0) {
                    assertNotNull(m.h128(), "window end carries h128");
                    assertEquals(Hex.of(store.window(i / 128).decodedPayload().h128()), m.h128());
                } else {
                    assertNull(m.h128());
                }
            }
            assertNotNull(got.get(0).lossQ16().move());
            assertNull(got.get(0).lossQ16().power(), "the power head is not trained in epoch 0");
        } finally {
            client.closeBlocking();
            server.close();
        }
    }
}
