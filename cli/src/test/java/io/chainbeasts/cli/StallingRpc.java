package io.chainbeasts.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JSON-RPC endpoint on 127.0.0.1 (port 0) in front of a real one (anvil) that can be made to hang, for the node's
 * hanging-RPC tests: {@link Mode#PASS} forwards every request and its answer; {@link Mode#STALL} reads each request
 * and never answers (the connection stays open); {@link Mode#STALL_MID_ANSWER_ON_SEND} forwards requests, and at the
 * first eth_sendRawTransaction (which the real endpoint then executes) sends the headers and half of the answer, then
 * stalls it and every request after it ({@link Mode#STALL}) until switched back.
 */
final class StallingRpc implements AutoCloseable {
    enum Mode { PASS, STALL, STALL_MID_ANSWER_ON_SEND }

    private final ServerSocket server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Connections left hanging: kept open (and reachable) until close. */
    private final List<Socket> held = new ArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private volatile int stalledSends;
    private final Thread acceptor;

    StallingRpc(String upstreamUrl) throws IOException {
        this.upstream = URI.create(upstreamUrl);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "stalling-rpc");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void mode(Mode m) {
        mode = m;
    }

    /** How many eth_sendRawTransaction requests reached the real endpoint and had their answer stalled. */
    int stalledSends() {
        return stalledSends;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "stalling-rpc-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) { // keep-alive: one request after another on this connection
                byte[] body = readRequest(in);
                if (body == null) break;
                if (mode == Mode.STALL) {
                    hold(s);
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] answer = r.body();
                OutputStream out = s.getOutputStream();
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                synchronized (this) {
                    if (mode == Mode.STALL_MID_ANSWER_ON_SEND && text.contains("eth_sendRawTransaction")) {
                        mode = Mode.STALL;
                        stalledSends++;
                        out.write(answer, 0, answer.length / 2);
                        out.flush();
                        hold(s);
                        return;
                    }
                }
                out.write(answer);
                out.flush();
            }
            s.close();
        } catch (IOException e) {
            closeQuietly(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(s);
        }
    }

    private void hold(Socket s) {
        synchronized (held) {
            held.add(s);
        }
    }

    /** One HTTP/1.1 request's body (by Content-Length), or null at the end of the connection. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return in.readNBytes(length);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            held.forEach(StallingRpc::closeQuietly);
        }
    }
}
