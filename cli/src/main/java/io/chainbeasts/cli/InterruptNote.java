package io.chainbeasts.cli;

/**
 * One line on Ctrl-C / SIGTERM for a command whose work is safe to cut anywhere (what it did is on chain, or nothing
 * is written until the end): what is kept and how to go on, instead of a silent exit 130. Closed when the command
 * ends normally, so an in-process run leaves no hook behind. Commands with local state to save use {@link StopSignal}.
 */
final class InterruptNote implements AutoCloseable {
    private final Thread hook;

    InterruptNote(String line) {
        hook = new Thread(() -> System.err.println(line), "interrupt-note");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the note is being printed
        }
    }
}
