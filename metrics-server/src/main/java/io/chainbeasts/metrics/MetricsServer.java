package io.chainbeasts.metrics;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics server: a WebSocket endpoint that fans {@link TrainingMetrics} out to every
 * subscriber, plus (optionally) an HTTP server with the live page.
 *
 * <p>WebSocket paths on {@link #port()}:
 * <ul>
 *   <li>{@code /} (or {@code /stream}): subscribe. The server first sends the
 *       window-closing messages of the run before that (downsampled, so the whole run can be drawn), then the
 *       {@link MetricsConfig#historySize} most recent messages, then every new one, one text frame per
 *       message, in the order the server accepted them.</li>
 *   <li>{@code /publish}: a remote trainer sends text frames, one {@link TrainingMetrics} JSON each
 *       ({@link RemoteMetricsSink} does this). Invalid messages close the connection with 1007.</li>
 * </ul>
 * Any incoming frame or message over {@link MetricsConfig#maxMessageBytes} closes the connection with
 * 1009. A subscriber whose outgoing queue reaches {@link MetricsConfig#clientQueueCap} frames (it stopped
 * reading) is disconnected; others are unaffected. Memory is bounded by
 * {@code maxClients x clientQueueCap x MAX_JSON_BYTES} for queues plus the history and the
 * inbound queue.
 *
 * <p>Threads: one dispatcher thread serializes and fans out; publishers (the trainer through
 * {@link #sink()}, or remote publishers) only offer to a bounded inbound queue and never block.
 */
public final class MetricsServer implements AutoCloseable {

    public static final String PUBLISH_PATH = "/publish";
    /** Publishers (remote trainers) at once; later ones are closed with 1013, so connections stay bounded. */
    public static final int MAX_PUBLISHERS = 64;

    /** Counters, for {@code /stats} and tests. */
    public record Stats(int subscribers, int publishers, long accepted, long droppedInbound, long delivered,
                        long slowClientsDropped, long rejected, int historySize, long heapUsedBytes) {
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", 1);
            m.put("subscribers", subscribers);
            m.put("publishers", publishers);
            m.put("accepted", accepted);
            m.put("droppedInbound", droppedInbound);
            m.put("delivered", delivered);
            m.put("slowClientsDropped", slowClientsDropped);
            m.put("rejected", rejected);
            m.put("historySize", historySize);
            m.put("heapUsedBytes", heapUsedBytes);
            return io.chainbeasts.core.Json.write(m);
        }
    }

    private enum Role { SUBSCRIBER, PUBLISHER }

    private final MetricsConfig config;
    private final Endpoint endpoint;
    private final PageServer page;
    private final BlockingQueue<TrainingMetrics> inbound;
    private final Thread dispatcher;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private final Object lock = new Object();
    private final ArrayDeque<String> history = new ArrayDeque<>();          // guarded by lock
    /**
     * The whole run, downsampled, for late joiners: the window-closing messages (those with an h128) published
     * before the oldest one in {@link #history}, thinned to every other one whenever they exceed
     * {@link #summaryCap()}, so a page opened late still draws the run from its first window.
     */
    private final java.util.ArrayList<String> summary = new java.util.ArrayList<>();  // guarded by lock
    private long summaryCloses;  // window closes that left the history (guarded by lock)
    private long summaryStride = 1;  // keep every stride-th of them (guarded by lock)
    private final ArrayDeque<Boolean> historyClosesWindow = new ArrayDeque<>();       // guarded by lock, parallel to history
    private final Set<WebSocket> subscribers = new LinkedHashSet<>();       // guarded by lock
    private final Set<WebSocket> publishers = Collections.synchronizedSet(new LinkedHashSet<>());

    private final LongAdder accepted = new LongAdder();
    private final LongAdder droppedInbound = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder slowDropped = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private MetricsServer(MetricsConfig config) throws IOException {
        this.config = config;
        this.inbound = new ArrayBlockingQueue<>(config.inboundQueueCap());
        this.endpoint = new Endpoint(new InetSocketAddress(config.host(), config.port()), config.maxMessageBytes());
        endpoint.startAndWait();
        PageServer p = null;
        if (config.httpPort() >= 0) {
            try {
                p = PageServer.start(config.host(), config.httpPort(), endpoint.getPort(), this::stats);
            } catch (IOException | RuntimeException e) {
                endpoint.shutdown();
                throw e;
            }
        }
        this.page = p;
        this.dispatcher = new Thread(this::dispatchLoop, "metrics-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Starts a server; returns once both ports are bound. A busy port is a one-line {@link IOException}. */
    public static MetricsServer start(MetricsConfig config) throws IOException {
        return new MetricsServer(Objects.requireNonNull(config, "config"));
    }

    public MetricsConfig config() {
        return config;
    }

    /** The bound WebSocket port (the real one when configured with 0). */
    public int port() {
        return endpoint.getPort();
    }

    /** The bound HTTP port of the page, or -1 when the page is off. */
    public int httpPort() {
        return page == null ? -1 : page.port();
    }

    /** {@code ws://host:port}: what {@code train --metrics} takes and subscribers connect to. */
    public URI wsUri() {
        return URI.create("ws://" + hostForUri() + ":" + port());
    }

    /** {@code http://host:port/}: the live page, or null when the page is off. */
    public URI pageUri() {
        return page == null ? null : URI.create("http://" + hostForUri() + ":" + httpPort() + "/");
    }

    /** What a front end prints once the server listens: the stream's address, and the page's when it has one. */
    public List<String> listeningLines() {
        List<String> lines = new ArrayList<>();
        lines.add("metrics: " + wsUri() + " (subscribe at /, publish at " + PUBLISH_PATH + ")");
        if (pageUri() != null) lines.add("metrics: live page " + pageUri());
        return lines;
    }

    /** The origins the live page is served from (none when the page is off). */
    Set<String> pageOrigins() {
        PageServer p = page;
        if (p == null) return Set.of();
        Set<String> o = new LinkedHashSet<>();
        for (String h : List.of(hostForUri(), "127.0.0.1", "localhost", "[::1]")) o.add("http://" + h + ":" + p.port());
        return o;
    }

    private String hostForUri() {
        String h = config.host();
        if (h.equals("0.0.0.0")) return "127.0.0.1";
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** A new in-process sink feeding this server; {@link MetricsSink#publish} never blocks. */
    public MetricsSink sink() {
        return new ServerSink();
    }

    public Stats stats() {
        int subs;
        int hist;
        synchronized (lock) {
            subs = subscribers.size();
            hist = history.size();
        }
        Runtime rt = Runtime.getRuntime();
        return new Stats(subs, publishers.size(), accepted.sum(), droppedInbound.sum(), delivered.sum(),
                slowDropped.sum(), rejected.sum(), hist, rt.totalMemory() - rt.freeMemory());
    }

    /** Stops both servers and the dispatcher; messages still queued are discarded. */
    @Override
    public void close() {
        if (!running.getAndSet(false)) return;
        dispatcher.interrupt();
        try {
            dispatcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (page != null) page.stop();
        endpoint.shutdown();
        inbound.clear();
        synchronized (lock) {
            history.clear();
            historyClosesWindow.clear();
            summary.clear();
            summaryCloses = 0;
            summaryStride = 1;
            subscribers.clear();
        }
    }

    /** Summary entries kept at most: a late joiner's summary plus history must fit its send queue. */
    int summaryCap() {
        return Math.max(2, (config.clientQueueCap() - config.historySize()) / 2);
    }

    /**
     * Keeps every {@code summaryStride}-th window close; when the summary outgrows its cap, every other entry goes and the
     * stride doubles, so the whole run stays evenly sampled (halving alone left its oldest part exponentially sparse).
     */
    private void keepInSummary(String json) {
        if (summaryCloses++ % summaryStride != 0) return;
        summary.add(json);
        if (summary.size() > summaryCap()) {
            java.util.ArrayList<String> every2nd = new java.util.ArrayList<>();
            for (int i = 0; i < summary.size(); i += 2) every2nd.add(summary.get(i));
            summary.clear();
            summary.addAll(every2nd);
            summaryStride *= 2;
        }
    }

    boolean offer(TrainingMetrics m) {
        if (running.get() && inbound.offer(m)) return true;
        droppedInbound.increment();
        return false;
    }

    private void dispatchLoop() {
        List<WebSocket> ready = new ArrayList<>();
        List<WebSocket> tooSlow = new ArrayList<>();
        while (running.get()) {
            TrainingMetrics m;
            try {
                m = inbound.take();
            } catch (InterruptedException e) {
                return;
            }
            String json = m.toJson();
            ready.clear();
            tooSlow.clear();
            synchronized (lock) {
                history.addLast(json);
                historyClosesWindow.addLast(m.h128() != null);
                while (history.size() > config.historySize()) {
                    String old = history.removeFirst();
                    if (historyClosesWindow.removeFirst()) keepInSummary(old);
                }
                for (WebSocket c : subscribers) {
                    if (queued(c) >= config.clientQueueCap()) tooSlow.add(c);
                    else ready.add(c);
                }
                subscribers.removeAll(tooSlow);
                if (!ready.isEmpty()) endpoint.broadcast(json, ready);
            }
            accepted.increment();
            delivered.add(ready.size());
            for (WebSocket c : tooSlow) {
                slowDropped.increment();
                // A stalled peer would never read a close frame: drop the TCP connection at once,
                // which also frees its queued frames.
                c.closeConnection(CloseFrame.POLICY_VALIDATION,
                        "client too slow: " + config.clientQueueCap() + " frames queued");
            }
        }
    }

    private static int queued(WebSocket c) {
        return c instanceof WebSocketImpl ? ((WebSocketImpl) c).outQueue.size() : 0;
    }

    private final class ServerSink extends CountingSink {
        @Override
        protected boolean accept(TrainingMetrics metrics) {
            return offer(metrics);
        }

        @Override
        public void close() {
            markClosed();
        }
    }

    private final class Endpoint extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);
        private final AtomicReference<Exception> startError = new AtomicReference<>();
        private final InetSocketAddress bind;

        Endpoint(InetSocketAddress bind, int maxMessageBytes) {
            super(bind, 2, List.<Draft>of(new Draft_6455(Collections.emptyList(), maxMessageBytes)));
            this.bind = bind;
            setReuseAddr(true);
            setTcpNoDelay(true);
            setDaemon(true);
            setConnectionLostTimeout(30);
        }

        void startAndWait() throws IOException {
            start();
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    shutdown();
                    throw new IOException("metrics server: did not start on " + describe() + " within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("metrics server: interrupted while starting");
            }
            Exception e = startError.get();
            if (e != null) {
                shutdown();
                String why = e instanceof BindException ? "port in use or address not available" : String.valueOf(e.getMessage());
                throw new IOException("metrics server: cannot listen on " + describe() + ": " + why, e);
            }
        }

        private String describe() {
            return bind.getHostString() + ":" + bind.getPort() + " (METRICS_PORT)";
        }

        void shutdown() {
            try {
                stop(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Caps kernel-side buffering for this connection (Linux then stops auto-growing it). */
        private void limitSendBuffer(WebSocket conn) {
            if (config.socketSendBuffer() > 0 && conn instanceof WebSocketImpl
                    && ((WebSocketImpl) conn).getChannel() instanceof SocketChannel) {
                try {
                    ((SocketChannel) ((WebSocketImpl) conn).getChannel())
                            .setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBuffer());
                } catch (IOException | RuntimeException ignored) {
                    // the OS default stays; the frame cap still bounds the heap
                }
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        /** Refuses what {@link OriginPolicy} refuses (a web page publishing, or subscribing from another origin). */
        @Override
        public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                ClientHandshake request) throws org.java_websocket.exceptions.InvalidDataException {
            org.java_websocket.handshake.ServerHandshakeBuilder b = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            String refusal = OriginPolicy.refusal(request.getFieldValue("Origin"), request.getResourceDescriptor(), pageOrigins());
            if (refusal != null) throw new org.java_websocket.exceptions.InvalidDataException(CloseFrame.POLICY_VALIDATION, refusal);
            return b;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String path = handshake.getResourceDescriptor();
            int q = path.indexOf('?');
            if (q >= 0) path = path.substring(0, q);
            if (path.equals(PUBLISH_PATH)) {
                boolean room;
                synchronized (publishers) {
                    room = publishers.size() < MAX_PUBLISHERS && publishers.add(conn);
                }
                if (!room) {
                    conn.close(CloseFrame.TRY_AGAIN_LATER, "server full: " + MAX_PUBLISHERS + " publishers");
                    return;
                }
                conn.setAttachment(Role.PUBLISHER);
                return;
            }
            if (!path.equals("/") && !path.equals("/stream")) {
                conn.close(CloseFrame.POLICY_VALIDATION, "unknown path " + truncate(path, 60) + " (use / or " + PUBLISH_PATH + ")");
                return;
            }
            conn.setAttachment(Role.SUBSCRIBER);
            limitSendBuffer(conn);
            boolean full;
            synchronized (lock) {
                full = subscribers.size() >= config.maxClients();
                if (!full) {
                    for (String h : summary) conn.send(h);
                    for (String h : history) conn.send(h);
                    subscribers.add(conn);
                }
            }
            if (full) conn.close(CloseFrame.TRY_AGAIN_LATER, "server full: " + config.maxClients() + " subscribers");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            publishers.remove(conn);
            synchronized (lock) {
                subscribers.remove(conn);
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            if (conn.getAttachment() != Role.PUBLISHER) return; // subscribers' text is ignored
            TrainingMetrics m;
            try {
                m = TrainingMetrics.fromJson(message);
            } catch (IllegalArgumentException e) {
                rejected.increment();
                conn.close(CloseFrame.NO_UTF8, truncate("invalid training-metrics message: " + e.getMessage(), 120));
                return;
            }
            offer(m);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            conn.close(CloseFrame.REFUSE, "binary messages are not accepted");
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null && started.getCount() > 0) {
                startError.set(ex);
                started.countDown();
            }
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
