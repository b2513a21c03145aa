package io.chainbeasts.cli;

import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;

import java.io.IOException;
import java.io.PrintStream;

/** The metrics server as the CLI runs it: in-process beside `train`/`demo`, or alone for `metrics serve`. */
final class MetricsServing {
    private MetricsServing() {}

    /** Starts a server and prints where it listens; returns at once. The caller closes it. */
    static MetricsServer start(MetricsConfig config, PrintStream out) throws IOException {
        MetricsServer s = MetricsServer.start(config);
        for (String line : s.listeningLines()) out.println(line);
        out.flush();
        return s;
    }

    /** `metrics serve`: starts a server, prints where it listens, and serves until interrupted or the JVM shuts down. */
    static void serveUntilShutdown(MetricsConfig config, PrintStream out) throws IOException {
        MetricsServer server = start(config, out);
        try (StopSignal stop = new StopSignal("metrics-shutdown")) {
            try {
                while (!stop.await(3600)) {
                    // serving: the server's own threads do the work
                }
            } finally {
                server.close(); // before the signal is released, so the JVM exits with the ports freed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
