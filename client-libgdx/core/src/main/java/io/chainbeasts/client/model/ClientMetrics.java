package io.chainbeasts.client.model;

import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import io.chainbeasts.metrics.MetricsSink;
import io.chainbeasts.metrics.RemoteMetricsSink;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The metrics setting at work, what {@code train --metrics URL} and {@code --serve-metrics} do for the CLI: for each
 * training run {@link #open} hands out the sink the run publishes its {@code TrainingMetrics} to, and
 * {@link #status} is the one sentence the Train screen shows (where the live page is, where metrics go, or why they
 * are off). Serving starts a {@link MetricsServer} with its live page on the first run and keeps it for the next
 * runs (the page keeps the history) until a run with another setting or {@link #close}. Metrics are a view on
 * training, never a reason to stop it: an unreachable server or a busy port turns them off for that run, saying so.
 */
public final class ClientMetrics implements AutoCloseable {
    /** How long the first connection to a metrics server may take (what {@code train --metrics} allows). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<MetricsConfig> serveConfig;
    private MetricsServer server; // guarded by this
    /** The setting the last {@link #open} was for, and what came of it (or what it is doing); one reference, read without the lock. */
    private volatile Outcome last = new Outcome("", "");

    private record Outcome(String setting, String sentence) {}

    /** @param serveConfig the in-process server's ports (the game: {@code METRICS_PORT}, {@code METRICS_HTTP_PORT}) */
    public ClientMetrics(Supplier<MetricsConfig> serveConfig) {
        this.serveConfig = serveConfig;
    }

    /**
     * The sink for one training run under the setting {@code mode} (one of {@link Settings#METRICS}) and {@code url};
     * the caller closes it when the run ends (a remote sink then sends what it still holds). Blocks up to
     * {@link #CONNECT_TIMEOUT} to connect: call it on a job, never on the render thread. Never throws.
     */
    public synchronized MetricsSink open(String mode, String url) {
        String setting = mode + " " + url;
        if (!mode.equals("serve")) stopServing();
        switch (mode) {
            case "publish":
                last = new Outcome(setting, "metrics: connecting to " + url + "...");
                try {
                    MetricsSink sink = RemoteMetricsSink.connect(url, CONNECT_TIMEOUT);
                    last = new Outcome(setting, "metrics: publishing to " + url);
                    return sink;
                } catch (IllegalArgumentException e) { // Settings checks the URL; a hand-edited preference may still be wrong
                    last = new Outcome(setting, "metrics are off: " + e.getMessage() + "; training goes on without them");
                    return MetricsSink.noop();
                } catch (java.io.IOException e) {
                    last = new Outcome(setting, "metrics are off: no metrics server answers at " + url + "; training goes on without them");
                    return MetricsSink.noop();
                }
            case "serve":
                try {
                    if (server == null) server = MetricsServer.start(serveConfig.get());
                    last = new Outcome(setting, "metrics: live page " + (server.pageUri() != null ? server.pageUri() + " (stream " + server.wsUri() + ")" : "off; stream " + server.wsUri()));
                    return server.sink();
                } catch (java.io.IOException | RuntimeException e) {
                    last = new Outcome(setting, "metrics are off: cannot serve them here (" + ClientError.sentence(e).replaceAll("\\.$", "") + "); training goes on without them");
                    return MetricsSink.noop();
                }
            default:
                last = new Outcome(setting, "metrics: off (Settings)");
                return MetricsSink.noop();
        }
    }

    /** One sentence for the Train screen: what the last run under this setting got, or what a run will do. */
    public String status(String mode, String url) {
        Outcome o = last;
        if (o.setting().equals(mode + " " + url)) return o.sentence();
        switch (mode) {
            case "publish": return "metrics: published to " + url + " while training";
            case "serve": return "metrics: served by this client (live page) once training starts";
            default: return "metrics: off (Settings)";
        }
    }

    /** The in-process server while serving, else null. */
    public synchronized MetricsServer server() {
        return server;
    }

    private void stopServing() {
        if (server != null) server.close();
        server = null;
    }

    @Override
    public synchronized void close() {
        stopServing();
    }
}
