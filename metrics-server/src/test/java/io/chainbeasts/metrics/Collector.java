package io.chainbeasts.metrics;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A Java-WebSocket test client that records every text frame and how it was closed. */
final class Collector extends WebSocketClient {
    final List<String> messages = new ArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode = -1;
    volatile String closeReason;

    Collector(URI uri) {
        super(uri);
    }

    static Collector open(URI uri) throws InterruptedException {
        Collector c = new Collector(uri);
        if (!c.connectBlocking(5, TimeUnit.SECONDS)) throw new AssertionError("cannot connect to " + uri);
        return c;
    }

    @Override
    public void onOpen(ServerHandshake h) {}

    @Override
    public void onMessage(String message) {
        synchronized (messages) {
            messages.add(message);
            messages.notifyAll();
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}

    /** Waits until {@code n} messages arrived; returns a copy. */
    List<String> await(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (messages) {
            while (messages.size() < n) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("received " + messages.size() + " of " + n + " messages in " + timeoutMs + " ms");
                messages.wait(left);
            }
            return new ArrayList<>(messages);
        }
    }

    int awaitClose(long timeoutMs) throws InterruptedException {
        if (!closed.await(timeoutMs, TimeUnit.MILLISECONDS)) throw new AssertionError("connection not closed within " + timeoutMs + " ms");
        return closeCode;
    }
}
