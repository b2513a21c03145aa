package io.chainbeasts.metrics;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes to a metrics server in another process ({@code train --metrics ws://host:port}).
 *
 * <p>{@link #publish} offers to a bounded queue and returns; a background thread sends each
 * message as one text frame to {@code ws://host:port/publish}. When the queue is full, when the
 * server is unreachable or when it does not keep up, messages are dropped and counted. After a
 * lost connection the sender reconnects with a back-off (0.25 s doubling to 5 s); messages that
 * arrive meanwhile wait in the queue up to its capacity.
 */
public final class RemoteMetricsSink extends CountingSink {
    /** Messages waiting for the sender thread. */
    public static final int DEFAULT_QUEUE_CAP = 4096;
    /** Frames allowed in the WebSocket client's own send queue before the sender waits. */
    static final int SOCKET_QUEUE_CAP = 1024;

    private final URI uri;
    private final BlockingQueue<TrainingMetrics> queue;
    private final LongAdder sent = new LongAdder();
    private final Thread sender;
    private volatile Client client;

    private RemoteMetricsSink(URI uri, int queueCap) {
        this.uri = uri;
        this.queue = new ArrayBlockingQueue<>(queueCap);
        this.sender = new Thread(this::sendLoop, "metrics-remote-sink");
        sender.setDaemon(true);
    }

    /**
     * Connects to a metrics server and returns a running sink. The first connection must
     * succeed within {@code timeout} (so a wrong address fails the command at once, in one line
     * naming the URI); later losses are survived by reconnecting.
     *
     * @param uri {@code ws://host:port} (the path {@code /publish} is added), or {@code ws://host:port/publish}
     */
    public static RemoteMetricsSink connect(String uri, Duration timeout) throws IOException {
        return connect(uri, timeout, DEFAULT_QUEUE_CAP);
    }

    public static RemoteMetricsSink connect(String uri, Duration timeout, int queueCap) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (queueCap < 1) throw new IllegalArgumentException("queueCap: " + queueCap + " must be at least 1");
        URI target = publishUri(uri);
        RemoteMetricsSink sink = new RemoteMetricsSink(target, queueCap);
        Client c = sink.newClient();
        boolean ok;
        try {
            ok = c.connectBlocking(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok) {
            c.close();
            String why = c.failure != null ? c.failure : "no answer within " + timeout.toMillis() + " ms";
            throw new IOException("metrics " + uri + ": cannot connect: " + why);
        }
        sink.client = c;
        sink.sender.start();
        return sink;
    }

    /** Validates {@code ws://host[:port][/publish]} and returns the publish URI; errors name the argument. */
    public static URI publishUri(String text) {
        Objects.requireNonNull(text, "metrics URI");
        URI u;
        try {
            u = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("metrics URI '" + text + "': " + e.getReason());
        }
        if (!"ws".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("metrics URI '" + text + "': expected ws://host:port");
        }
        if (u.getHost() == null) throw new IllegalArgumentException("metrics URI '" + text + "': missing host");
        int port = u.getPort() == -1 ? MetricsConfig.DEFAULT_PORT : u.getPort();
        if (port == 0) throw new IllegalArgumentException("metrics URI '" + text + "': port 0 is not a server port");
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (!path.isEmpty() && !path.equals("/") && !path.equals(MetricsServer.PUBLISH_PATH)) {
            throw new IllegalArgumentException("metrics URI '" + text + "': path must be empty or " + MetricsServer.PUBLISH_PATH);
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("metrics URI '" + text + "': no query or fragment allowed");
        }
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        return URI.create("ws://" + host + ":" + port + MetricsServer.PUBLISH_PATH);
    }

    @Override
    protected boolean accept(TrainingMetrics metrics) {
        return queue.offer(metrics);
    }

    /** Messages written to the connection so far. */
    public long sent() {
        return sent.sum();
    }

    /** True while the connection to the server is open. */
    public boolean isConnected() {
        Client c = client;
        return c != null && c.isOpen();
    }

    public URI uri() {
        return uri;
    }

    /**
     * Waits up to {@code timeout} for the queue to be written out, then stops. Whatever is still
     * queued afterwards is dropped and counted. Never throws.
     */
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() && isConnected() && System.nanoTime() < deadline) sleep(5);
        Client c = client;
        while (c != null && c.isOpen() && queued(c) > 0 && System.nanoTime() < deadline) sleep(5);
        markClosed();
        sender.interrupt();
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        countDropped(left);
        if (c != null) {
            try {
                c.closeBlocking();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    private void sendLoop() {
        long backoffMs = 250;
        while (!isClosed()) {
            TrainingMetrics m;
            try {
                m = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Client c = client;
            while (!isClosed() && (c == null || !c.isOpen())) {
                c = reconnect();
                if (c == null) {
                    sleep(backoffMs);
                    backoffMs = Math.min(5000, backoffMs * 2);
                }
            }
            if (isClosed()) return;
            backoffMs = 250;
            // Back-pressure from the socket: wait (the trainer never does; the queue absorbs or drops).
            while (!isClosed() && c.isOpen() && queued(c) >= SOCKET_QUEUE_CAP) sleep(1);
            try {
                c.send(m.toJson());
                sent.increment();
            } catch (RuntimeException e) { // not connected any more
                countDropped(1);
            }
        }
    }

    private Client reconnect() {
        Client c = newClient();
        try {
            if (c.connectBlocking(2, TimeUnit.SECONDS)) {
                client = c;
                return c;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markClosed();
        }
        c.close();
        return null;
    }

    private static int queued(WebSocketClient c) {
        WebSocket conn = c.getConnection();
        return conn instanceof WebSocketImpl ? ((WebSocketImpl) conn).outQueue.size() : 0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Client newClient() {
        Client c = new Client(uri);
        c.setTcpNoDelay(true);
        c.setConnectionLostTimeout(30);
        return c;
    }

    private static final class Client extends WebSocketClient {
        volatile String failure;

        Client(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {}

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (failure == null && code != 1000) failure = "closed with " + code + (reason.isEmpty() ? "" : " (" + reason + ")");
        }

        @Override
        public void onError(Exception ex) {
            failure = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
    }
}
