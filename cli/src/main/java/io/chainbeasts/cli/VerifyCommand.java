package io.chainbeasts.cli;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay every window of a beast and print a verdict per window; on divergence name the first bad window "
                + "and micro-step. Exit 0: every window verified (or lineage-only); 1: a failed window, or an unverifiable window, HEAD or record "
                + "beyond HEAD; 2: bad input; "
                + "3: the replay backend failed, no verdict.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the beast's directory")
    Path beast;

    @Mixin
    PrivateDataOptions data;

    @Option(names = "--backend", defaultValue = "auto",
            description = "auto|java|opencl: where the windows are replayed, 64 per batch (default ${DEFAULT-VALUE})")
    String backend;

    @Override
    public Integer call() {
        try (io.chainbeasts.engine.TrainingBackend b = BackendChoice.open(backend)) {
            Progress[] bar = {null};
            long[] done = {0};
            try {
                return VerifyRun.run(beast, data.dataset, data.secret, SeasonConstants.DEFAULT, TrainingConstants.DEFAULT, b, System.out,
                        m -> System.err.println("chainbeasts: verify: " + m), new VerifyRun.WindowLines() {
                            @Override
                            public void start(long windows) {
                                bar[0] = Progress.of("verify", "windows", windows, System.out);
                            }

                            @Override
                            public void window(String line) {
                                bar[0].println(line);
                                bar[0].update(++done[0]);
                            }
                        });
            } finally {
                if (bar[0] != null) bar[0].finish();
            }
        }
    }
}
