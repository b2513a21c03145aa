package io.chainbeasts.metrics;

import java.util.concurrent.CountDownLatch;

/**
 * A metrics server in a JVM of its own for {@link MetricsLoadTest}: any free ports, the listening lines on
 * stdout (as `chainbeasts metrics serve` prints them), then it serves until the test destroys the process.
 */
final class ServeInOwnJvm {
    private ServeInOwnJvm() {}

    public static void main(String[] args) throws Exception {
        MetricsServer server = MetricsServer.start(MetricsConfig.defaults().withPort(0).withHttpPort(0));
        for (String line : server.listeningLines()) System.out.println(line);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
