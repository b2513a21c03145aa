package io.chainbeasts.cli;

import io.chainbeasts.metrics.MetricsConfig;
import io.chainbeasts.metrics.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "metrics", mixinStandardHelpOptions = true, description = "The training metrics server.",
        subcommands = {MetricsCommand.Serve.class})
final class MetricsCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Usage.needSubcommand(spec);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the WebSocket server and live page until interrupted (METRICS_PORT, default 8765).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", description = "WebSocket port (0 = any free port; default METRICS_PORT or 8765)")
        String port;

        @Option(names = "--http-port", description = "live page port (0 = any free port, 'off' = no page; default METRICS_HTTP_PORT or 8766)")
        String httpPort;

        @Override
        public Integer call() {
            MetricsConfig cfg;
            try {
                cfg = MetricsConfig.fromEnv(System.getenv());
                if (port != null) cfg = cfg.withPort(MetricsConfig.parsePort("--port", port));
                if (httpPort != null) cfg = cfg.withHttpPort(MetricsConfig.parseHttpPort("--http-port", httpPort));
                MetricsServing.serveUntilShutdown(cfg, System.out);
            } catch (IllegalArgumentException | IOException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }
    }
}
