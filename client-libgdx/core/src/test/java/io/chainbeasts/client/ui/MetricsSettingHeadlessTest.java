package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.SelectBox;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.client.model.HatchModel;
import io.chainbeasts.client.model.TrainModel;
import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.TrainingMetrics;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics setting through the Stage: Settings checks and saves it, the Train screen publishes and says where. */
class MetricsSettingHeadlessTest {
    @SuppressWarnings("unchecked")
    static void chooseMetrics(HeadlessGame g, String mode, String url) {
        g.click("nav-settings");
        g.frame(); // laid out before the clicks land
        ((SelectBox<String>) g.find("metrics")).setSelected(mode);
        g.type("metrics-url", url);
        g.click("save");
    }

    static void trainOneWindow(HeadlessGame g) throws InterruptedException {
        g.click("nav-train");
        TrainScreen train = g.game.screen("train", TrainScreen.class);
        g.until("history loaded", () -> train.model() != null);
        long before = train.model().windows();
        g.type("windows", "1");
        g.click("start");
        g.until("one window", () -> train.model().windows() == before + 1 && train.model().phase() == TrainModel.Phase.DONE);
        g.frame();
    }

    @Test
    void settingsCheckTheUrlAndTheTrainScreenPublishesServesOrSaysWhyNot(@TempDir Path tmp) throws Exception {
        Path beasts = tmp.resolve("beasts");
        Path dir = HatchModel.hatch(beasts, "bolt", "0xbeef");
        List<TrainingMetrics> got = new CopyOnWriteArrayList<>();
        try (MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(-1));
             HeadlessGame g = new HeadlessGame(beasts, "settings")) {
            // the form with its two metrics rows still fits the window, Save included
            for (String name : new String[] {"metrics", "metrics-url", "save"}) {
                com.badlogic.gdx.scenes.scene2d.Actor a = g.find(name);
                com.badlogic.gdx.math.Vector2 p = a.localToStageCoordinates(new com.badlogic.gdx.math.Vector2(0, 0));
                assertTrue(p.y >= 0 && p.y + a.getHeight() <= g.stage().getHeight(), name + " is inside the window: y " + p.y);
            }
            // a URL that is not ws:// is one sentence naming the field, and nothing is saved
            chooseMetrics(g, "publish", "http://127.0.0.1:8765");
            assertEquals("Metrics server URL: 'http://127.0.0.1:8765': expected ws://host:port.", g.game.current().statusText());
            assertNull(g.prefs.get("metrics"));
            assertEquals("off", g.game.settings().metrics());
            chooseMetrics(g, "publish", " "); // blank: nothing to publish to
            assertEquals("Metrics server URL: type the server's ws://host:port to publish to (or choose off or serve).", g.game.current().statusText());

            // publish to a running server: a subscriber sees every step of the window
            String url = server.wsUri().toString();
            chooseMetrics(g, "publish", url);
            assertEquals("settings saved", g.game.current().statusText());
            assertEquals("publish", g.prefs.get("metrics"));
            assertEquals(url, g.prefs.get("metricsUrl"));
            WebSocketClient sub = new WebSocketClient(URI.create(url)) {
                @Override public void onOpen(ServerHandshake h) {}
                @Override public void onMessage(String m) { got.add(TrainingMetrics.fromJson(m)); }
                @Override public void onClose(int code, String reason, boolean remote) {}
                @Override public void onError(Exception e) {}
            };
            assertTrue(sub.connectBlocking(5, TimeUnit.SECONDS));
            trainOneWindow(g);
            assertEquals("metrics: publishing to " + url, ScreensHeadlessTest.text(g, "metrics"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (got.size() < 128 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(128, got.size(), "one message per micro-step");
            assertEquals(128, got.get(127).globalStep());
            sub.closeBlocking();

            // a server that accepts the connection but never answers: the frames go on while the job waits,
            // then metrics are off in one sentence and the window is trained all the same
            try (ServerSocket silent = new ServerSocket(0)) {
                String mute = "ws://127.0.0.1:" + silent.getLocalPort();
                chooseMetrics(g, "publish", mute);
                assertEquals(mute, g.prefs.get("metricsUrl"), g.game.current().statusText());
                g.click("nav-train");
                TrainScreen train = g.game.screen("train", TrainScreen.class);
                g.type("windows", "1");
                assertEquals("metrics: published to " + mute + " while training", ScreensHeadlessTest.text(g, "metrics"));
                g.click("start");
                // the job waits up to 2 s for the server's answer; the render thread goes on drawing frames meanwhile
                // (the count starts once "connecting" shows: the click may already have put it there, zero frames in)
                g.until("connecting", () -> ScreensHeadlessTest.text(g, "metrics").equals("metrics: connecting to " + mute + "..."));
                assertTrue(train.model().busy());
                long frames = g.game.frames();
                for (int i = 0; i < 5; i++) g.frame();
                assertEquals(frames + 5, g.game.frames(), "frames while connecting");
                assertTrue(train.model().busy(), "the five frames were drawn while the job still waited for the server");
                g.until("second window", () -> train.model().windows() == 2 && train.model().phase() == TrainModel.Phase.DONE);
                g.frame();
                assertEquals("metrics are off: no metrics server answers at " + mute + "; training goes on without them",
                        ScreensHeadlessTest.text(g, "metrics"));
                assertEquals(2, BeastStore.open(dir).head().windows());
            }

            // serve in this client: the Train screen shows the live page's URL
            chooseMetrics(g, "serve", " ");
            assertEquals("serve", g.prefs.get("metrics"));
            trainOneWindow(g);
            MetricsServer own = g.game.metrics().server();
            assertEquals("metrics: live page " + own.pageUri() + " (stream " + own.wsUri() + ")", ScreensHeadlessTest.text(g, "metrics"));
            // a browser opening the page now subscribes and gets the run so far: the third window's 128 steps
            got.clear();
            WebSocketClient late = new WebSocketClient(own.wsUri()) {
                @Override public void onOpen(ServerHandshake h) {}
                @Override public void onMessage(String m) { got.add(TrainingMetrics.fromJson(m)); }
                @Override public void onClose(int code, String reason, boolean remote) {}
                @Override public void onError(Exception e) {}
            };
            assertTrue(late.connectBlocking(5, TimeUnit.SECONDS));
            deadline = System.currentTimeMillis() + 20_000;
            while (got.size() < 128 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(128, got.size());
            assertEquals(2 * 128 + 1, got.get(0).globalStep());
            assertEquals(2, got.get(127).window());
            late.closeBlocking();
        }
    }
}
