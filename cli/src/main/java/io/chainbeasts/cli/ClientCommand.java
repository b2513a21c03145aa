package io.chainbeasts.cli;

import io.chainbeasts.client.desktop.DesktopLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Open the desktop client (libGDX): hatch, train with live curves, battle and watch replays.")
final class ClientCommand implements Callable<Integer> {
    @Option(names = "--beasts", paramLabel = "DIR", description = "beasts directory for this run (default: the one in the client's settings)")
    Path beasts;

    @Option(names = "--screen", description = "first screen: roster, hatch, train, battle, coach, inspect, chain, settings or loading (default: loading, then roster)")
    String screen;

    @Option(names = "--screenshot", description = "save the frame as this PNG after --exit-after-frames frames (never overwrites)")
    Path screenshot;

    @Option(names = "--exit-after-frames", description = "render this many frames, then exit (tests, CI)")
    Long exitAfterFrames;

    @Override
    public Integer call() {
        if (beasts != null) {
            java.nio.file.Path parent = beasts.toAbsolutePath().getParent();
            if (java.nio.file.Files.exists(beasts) && !java.nio.file.Files.isDirectory(beasts)) {
                throw new UserError("--beasts: " + beasts + " is a file, not a beasts directory");
            }
            if (!java.nio.file.Files.exists(beasts) && (parent == null || !java.nio.file.Files.isDirectory(parent))) {
                throw new UserError("--beasts: cannot create " + beasts + ": " + (parent != null && java.nio.file.Files.exists(parent)
                        ? parent + " is a file, not a directory" : "its parent directory does not exist"));
            }
        }
        List<String> args = new ArrayList<>();
        if (beasts != null) args.addAll(List.of("--beasts", beasts.toString()));
        if (screen != null) args.addAll(List.of("--screen", screen));
        if (screenshot != null) args.addAll(List.of("--screenshot", screenshot.toString()));
        if (exitAfterFrames != null) args.addAll(List.of("--exit-after-frames", exitAfterFrames.toString()));
        return DesktopLauncher.run(System.err, args.toArray(new String[0]));
    }
}
