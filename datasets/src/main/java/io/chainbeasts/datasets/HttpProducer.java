package io.chainbeasts.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a dataset (any supported format) with an HTTP(S) GET. Only status 200 is accepted; the
 * body is limited to {@code maxBytes} (default 64 MiB) whether or not a Content-Length is sent, and
 * the whole fetch (connect, headers and body) to {@code timeout} (default 120 s): a server that sends
 * headers and then one byte a minute is cut off, not waited for.
 */
public final class HttpProducer implements SampleProducer {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final URI uri;
    private final Duration timeout;
    private final long maxBytes;

    public HttpProducer(URI uri) {
        this(uri, Duration.ofSeconds(120), DEFAULT_MAX_BYTES);
    }

    public HttpProducer(URI uri, Duration timeout, long maxBytes) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new DatasetException.Fetch(uri + ": only http and https URLs are supported");
        }
        this.uri = uri;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return uri.toString();
    }

    @Override
    public String sourceKey() {
        return "url:" + uri;
    }

    @Override
    public byte[] fetch() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = resp.body();
            // a blocked read cannot see a deadline: a watchdog closes the stream, which ends the read
            java.util.concurrent.atomic.AtomicBoolean cutOff = new java.util.concurrent.atomic.AtomicBoolean();
            Thread watchdog = new Thread(() -> {
                try {
                    long left = deadline - System.nanoTime();
                    if (left > 0) java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
                    cutOff.set(true);
                    body.close();
                } catch (InterruptedException | IOException done) {
                    // the fetch finished first
                }
            }, "http-producer-deadline");
            watchdog.setDaemon(true);
            watchdog.start();
            try (body) {
                if (resp.statusCode() != 200) {
                    throw new DatasetException.Fetch("GET " + uri + ": HTTP " + resp.statusCode());
                }
                long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new DatasetException.Fetch("GET " + uri + ": body of " + declared + " bytes is over the " + maxBytes + "-byte limit");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = body.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (out.size() > maxBytes) {
                        throw new DatasetException.Fetch("GET " + uri + ": body is over the " + maxBytes + "-byte limit");
                    }
                }
                if (declared >= 0 && out.size() != declared) {
                    throw new DatasetException.Fetch("GET " + uri + ": body ended after " + out.size() + " of " + declared + " bytes");
                }
                return out.toByteArray();
            } catch (IOException e) {
                if (cutOff.get()) throw new DatasetException.Fetch("GET " + uri + ": no complete body within " + timeout.toSeconds() + " s", e);
                throw e;
            } finally {
                watchdog.interrupt();
            }
        } catch (IOException e) {
            throw new DatasetException.Fetch("GET " + uri + ": " + AtomicFiles.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException.Fetch("GET " + uri + ": interrupted", e);
        }
    }
}
