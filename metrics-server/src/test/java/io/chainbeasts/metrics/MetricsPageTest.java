package io.chainbeasts.metrics;

import io.chainbeasts.core.Json;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live page in headless Chromium during a synthetic run, driven over the DevTools protocol:
 * the page's message counter must grow with the run, its step display must show a published
 * step, and the screenshot (target/metrics-page.png) must contain all three head colours in
 * both charts.
 */
class MetricsPageTest {

    @Test
    void pageShowsTheRunInHeadlessChromium() throws Exception {
        Path chromium = Tools.onPath("chromium", "chromium-browser", "google-chrome").orElse(null);
        io.chainbeasts.core.RequiredTools.require(chromium != null, "chromium is not on PATH; install it with `apt-get install -y chromium`");
        Path profile = Files.createTempDirectory("metrics-page-chromium");
        SyntheticRun run = new SyntheticRun();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger lastStep = new AtomicInteger();
        Process browser = null;
        try (MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(0))) {
            MetricsSink sink = server.sink();
            Thread trainer = new Thread(() -> {
                for (int s = 1; s <= 20_000 && !stop.get(); s++) {
                    TrainingMetrics m = run.step(s);
                    sink.publish(m);
                    // a second beast trained at the same time: the page must not flip between the two
                    sink.publish(new TrainingMetrics("0b", m.globalStep(), m.window(), m.lossQ16(), m.accPermille(), m.lrShift(),
                            m.activeMask(), m.energySpent(), m.h128()));
                    lastStep.set(s);
                    MetricsServerTest.sleepQuietly(4); // ~250 steps per second
                }
            }, "synthetic-trainer");
            trainer.setDaemon(true);
            trainer.start();

            browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,860", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String devtools = devtoolsUrl(browser);
            Cdp cdp = new Cdp(URI.create(devtools));
            assertTrue(cdp.connectBlocking(20, TimeUnit.SECONDS), "connect to Chromium DevTools at " + devtools);
            try {
                String target = (String) cdp.call("Target.createTarget", Map.of("url", server.pageUri().toString()), null).get("targetId");
                Map<String, Object> attachParams = new LinkedHashMap<>();
                attachParams.put("targetId", target);
                attachParams.put("flatten", true);
                String session = (String) cdp.call("Target.attachToTarget", attachParams, null).get("sessionId");

                // A new target answers Runtime.evaluate before its document has loaded (seen on a loaded
                // CI machine): wait for the page's own elements before reading them.
                long deadline = System.currentTimeMillis() + 90_000;
                String loaded = "";
                while (!loaded.equals("true")) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("page " + server.pageUri() + " did not load in 90 s: " + loaded);
                    Thread.sleep(200);
                    loaded = evalOrError(cdp, session, "document.readyState === 'complete' && document.getElementById('count') !== null");
                }
                int count = 0;
                while (count < 400) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("page counted only " + count + " messages in 90 s");
                    Thread.sleep(200);
                    count = Integer.parseInt(eval(cdp, session, "document.getElementById('count').getAttribute('data-count')"));
                }
                int before = count;
                Thread.sleep(1000);
                int after = Integer.parseInt(eval(cdp, session, "document.getElementById('count').getAttribute('data-count')"));
                assertTrue(after > before, "the page keeps receiving live messages (" + before + " then " + after + ")");
                long shownStep = Long.parseLong(eval(cdp, session, "document.getElementById('step').textContent"));
                assertTrue(shownStep > 0 && shownStep <= lastStep.get(), "page shows step " + shownStep + " of " + lastStep.get() + " published");
                assertEquals("live", eval(cdp, session, "document.getElementById('conn').textContent"));
                String first = "#" + new java.math.BigInteger(SyntheticRun.BEAST, 16);
                for (int i = 0; i < 5; i++) { // two beasts stream at once: the page stays on the first it heard
                    assertEquals(first, eval(cdp, session, "document.getElementById('beast').textContent"), "the beast as the CLI names it");
                    Thread.sleep(150);
                }
                assertEquals("2", eval(cdp, session, "String(document.getElementById('pick').options.length)"), "both beasts to pick from");
                eval(cdp, session, "(function(){var p=document.getElementById('pick'); p.value='0b'; p.dispatchEvent(new Event('change')); return 'ok';})()");
                Thread.sleep(400);
                assertEquals("#11", eval(cdp, session, "document.getElementById('beast').textContent"), "the picked beast is drawn");
                eval(cdp, session, "(function(){var p=document.getElementById('pick'); p.value='" + SyntheticRun.BEAST + "'; p.dispatchEvent(new Event('change')); return 'ok';})()");
                Thread.sleep(400);
                String h128 = eval(cdp, session, "document.getElementById('h128').textContent");
                Matcher hm = Pattern.compile("\\(window (\\d+), step (\\d+)\\): ([0-9a-f]{64})$").matcher(h128);
                assertTrue(hm.find(), "page shows the last window's h128: " + h128);
                assertEquals(run.step(Long.parseLong(hm.group(2))).h128(), hm.group(3), "h128 of step " + hm.group(2));

                Map<String, Object> shotParams = Map.of("format", "png");
                byte[] png = Base64.getDecoder().decode((String) cdp.call("Page.captureScreenshot", shotParams, session).get("data"));
                Path shot = Tools.targetDir().resolve("metrics-page.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, png);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                // loss chart then accuracy chart: both must show all three head colours
                int[] lossBox = box(cdp, session, "loss");
                int[] accBox = box(cdp, session, "acc");
                for (int[] b : new int[][] {lossBox, accBox}) {
                    for (int rgb : new int[] {0x4fc3f7, 0xffb74d, 0x81c784}) {
                        int n = countColour(img, b, rgb);
                        assertTrue(n >= 100, String.format("colour #%06x drawn in canvas at %s: %d pixels (screenshot %s)",
                                rgb, java.util.Arrays.toString(b), n, shot));
                    }
                }
                System.out.println("metrics page: " + after + " messages on the page, step " + shownStep + ", screenshot " + shot);
            } finally {
                cdp.closeBlocking();
            }
        } finally {
            stop.set(true);
            if (browser != null) Tools.stop(browser.toHandle());
            deleteTree(profile);
        }
    }

    /**
     * A page opened late, on a run shaped like the real trainer's: the move head has no label on every third
     * step (null loss) and the running accuracy restarts each window (0 % then 100 % on its first two steps).
     * The page must draw the whole run (from the first window, not only the last historySize steps), the
     * current window step by step, each head's loss as one line, no accuracy spike at window boundaries,
     * and, once the server stops, keep the curves and say the stream ended.
     */
    @Test
    void lateJoinerSeesTheWholeRunAsLinesAndTheEndOfTheStream() throws Exception {
        Path chromium = Tools.onPath("chromium", "chromium-browser", "google-chrome").orElse(null);
        io.chainbeasts.core.RequiredTools.require(chromium != null, "chromium is not on PATH; install it with `apt-get install -y chromium`");
        Path profile = Files.createTempDirectory("metrics-page-chromium");
        SyntheticRun run = new SyntheticRun();
        int steps = 4000;
        Process browser = null;
        MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(0));
        try {
            MetricsSink sink = server.sink();
            for (int s = 1; s <= steps; s++) {
                TrainingMetrics m = run.step(s);
                long inWindow = (s - 1) % 128;
                Integer move = s % 3 == 0 ? null : m.lossQ16().move();
                int acc = inWindow == 0 ? 0 : inWindow == 1 ? 1000 : 700;
                sink.publish(new TrainingMetrics(m.beastId(), m.globalStep(), m.window(), new TrainingMetrics.Heads(move, m.lossQ16().power(),
                        m.lossQ16().block()), new TrainingMetrics.Heads(acc, m.accPermille().power(), m.accPermille().block()), m.lrShift(),
                        m.activeMask(), m.energySpent(), m.h128()));
                if (s % 500 == 0) MetricsServerTest.sleepQuietly(20); // let the dispatcher keep up with the inbound queue
            }
            MetricsServerTest.sleepQuietly(1000);
            browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,860", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Cdp cdp = new Cdp(URI.create(devtoolsUrl(browser)));
            assertTrue(cdp.connectBlocking(20, TimeUnit.SECONDS));
            try {
                String target = (String) cdp.call("Target.createTarget", Map.of("url", server.pageUri().toString()), null).get("targetId");
                Map<String, Object> attachParams = new LinkedHashMap<>();
                attachParams.put("targetId", target);
                attachParams.put("flatten", true);
                String session = (String) cdp.call("Target.attachToTarget", attachParams, null).get("sessionId");
                long deadline = System.currentTimeMillis() + 90_000;
                String last = "";
                while (!last.equals(String.valueOf(steps))) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("the page never drew step " + steps + ": " + last);
                    Thread.sleep(200);
                    last = evalOrError(cdp, session, "document.getElementById('loss').getAttribute('data-last-step')");
                }
                Thread.sleep(300);
                long first = Long.parseLong(eval(cdp, session, "document.getElementById('loss').getAttribute('data-first-step')"));
                assertTrue(first <= 128, "the whole run is drawn from its first window, not only the last 512 steps: first step " + first);
                Map<String, Object> lossSegments = Json.obj(Json.parse(eval(cdp, session, "document.getElementById('loss').getAttribute('data-segments')")), "segments");
                Map<String, Object> winSegments = Json.obj(Json.parse(eval(cdp, session, "document.getElementById('win').getAttribute('data-segments')")), "segments");
                Map<String, Object> winPoints = Json.obj(Json.parse(eval(cdp, session, "document.getElementById('win').getAttribute('data-points')")), "points");
                assertEquals(1L, ((Number) lossSegments.get("move")).longValue(), "move loss over the run is one line, not dashes");
                assertEquals(1L, ((Number) winSegments.get("move")).longValue(), "move loss in the window is one line");
                long winFirst = Long.parseLong(eval(cdp, session, "document.getElementById('win').getAttribute('data-first-step')"));
                long windowStart = (steps - 1) / 128 * 128 + 1;
                assertEquals(windowStart, winFirst, "the current window is drawn step by step from its first step");
                assertEquals(steps - windowStart + 1, ((Number) winPoints.get("power")).longValue(), "every step of the window: " + winPoints);
                String accMove = eval(cdp, session, "JSON.parse(document.getElementById('acc').getAttribute('data-range')).move.join(',')");
                assertEquals("70,70", accMove, "the move accuracy drawn stays at 70 %: no 0 % drop or 100 % spike at window starts");
                assertTrue(eval(cdp, session, "document.getElementById('energy').textContent").endsWith(" ENERGY"));

                server.close(); // training over: the stream ends
                String state = "";
                while (!state.equals("ended")) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("the page did not say the stream ended: " + state);
                    Thread.sleep(200);
                    state = eval(cdp, session, "document.getElementById('conn').getAttribute('data-state')");
                }
                assertTrue(eval(cdp, session, "document.getElementById('conn').textContent").contains("ended at step " + steps));
                Thread.sleep(500);
                byte[] png = Base64.getDecoder().decode((String) cdp.call("Page.captureScreenshot", Map.of("format", "png"), session).get("data"));
                Path shot = Tools.targetDir().resolve("metrics-page-ended.png");
                Files.write(shot, png);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                for (String canvas : new String[] {"loss", "win", "acc"}) {
                    int n = countColour(img, box(cdp, session, canvas), 0x4fc3f7);
                    assertTrue(n >= 100, canvas + " still shows the move curve after the stream ended: " + n + " pixels (" + shot + ")");
                }
            } finally {
                cdp.closeBlocking();
            }
        } finally {
            server.close();
            if (browser != null) Tools.stop(browser.toHandle());
            deleteTree(profile);
        }
    }

    /** The expression's value as a string; a script exception fails the test with its description. */
    private static String eval(Cdp cdp, String session, String expression) throws Exception {
        String v = evalOrError(cdp, session, expression);
        if (v.startsWith(SCRIPT_ERROR)) throw new AssertionError("page script `" + expression + "` threw: " + v);
        return v;
    }

    private static final String SCRIPT_ERROR = "script error: ";

    /** The expression's value as a string, or {@code "script error: ..."} when it threw (a page still loading). */
    private static String evalOrError(Cdp cdp, String session, String expression) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("expression", "String(" + expression + ")");
        p.put("returnByValue", true);
        Map<String, Object> response = cdp.call("Runtime.evaluate", p, session);
        Map<String, Object> r = Json.obj(response.get("result"), "result");
        if (response.containsKey("exceptionDetails") || !(r.get("value") instanceof String)) {
            return SCRIPT_ERROR + (r.get("description") != null ? r.get("description") : Json.write(response));
        }
        return (String) r.get("value");
    }

    /** The canvas's box in screenshot pixels: x, y, width, height. */
    private static int[] box(Cdp cdp, String session, String id) throws Exception {
        String s = eval(cdp, session, "(function(){var r=document.getElementById('" + id + "').getBoundingClientRect();"
                + "return [Math.round(r.left),Math.round(r.top),Math.round(r.width),Math.round(r.height)].join(',');})()");
        String[] p = s.split(",");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3])};
    }

    private static int countColour(BufferedImage img, int[] b, int rgb) {
        int n = 0;
        for (int y = Math.max(0, b[1]); y < Math.min(img.getHeight(), b[1] + b[3]); y++) {
            for (int x = Math.max(0, b[0]); x < Math.min(img.getWidth(), b[0] + b[2]); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) < 24 && Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < 24
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) < 24) n++;
            }
        }
        return n;
    }

    private static String devtoolsUrl(Process browser) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        Pattern p = Pattern.compile("DevTools listening on (ws://\\S+)");
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) { /* keep chromium's stderr pipe flowing */ }
                    } catch (IOException ignored) {
                        // chromium exited
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            if (seen.length() < 4000) seen.append(line).append('\n');
        }
        throw new AssertionError("chromium exited without a DevTools URL; its stderr:\n" + seen);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A minimal Chrome DevTools Protocol client: request/response by id; events are ignored. */
    static final class Cdp extends WebSocketClient {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
        private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

        Cdp(URI uri) {
            super(uri);
        }

        Map<String, Object> call(String method, Map<String, Object> params, String session) throws Exception {
            long id = ids.incrementAndGet();
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("id", id);
            if (session != null) msg.put("sessionId", session);
            msg.put("method", method);
            msg.put("params", params);
            CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
            pending.put(id, f);
            send(Json.write(msg));
            Map<String, Object> r = f.get(30, TimeUnit.SECONDS);
            if (r.containsKey("error")) throw new AssertionError(method + " failed: " + Json.write(r.get("error")));
            return Json.obj(r.get("result"), method + " result");
        }

        @Override
        public void onMessage(String message) {
            Matcher m = ID.matcher(message);
            if (!m.find()) return; // an event
            CompletableFuture<Map<String, Object>> f = pending.remove(Long.parseLong(m.group(1)));
            if (f == null) return;
            try {
                f.complete(Json.obj(Json.parse(message), "response"));
            } catch (IllegalArgumentException e) {
                f.completeExceptionally(new AssertionError("unreadable DevTools response: " + e.getMessage()));
            }
        }

        @Override
        public void onOpen(ServerHandshake h) {}

        @Override
        public void onClose(int code, String reason, boolean remote) {
            pending.values().forEach(f -> f.completeExceptionally(new AssertionError("DevTools closed: " + code + " " + reason)));
        }

        @Override
        public void onError(Exception ex) {}
    }
}
