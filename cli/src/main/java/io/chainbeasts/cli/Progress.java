package io.chainbeasts.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work with an ETA. On a terminal: one bar redrawn in place ({@code \r}), which other output
 * lines pass through ({@link #println}); elsewhere (a pipe, a log, a test): a plain line at every tenth of the
 * work once it has run 5 s, so logs stay readable.
 */
final class Progress {
    private static final int WIDTH = 24;
    private final String what;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean plainLines;
    private final long t0 = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastTenth;
    private boolean drawn;

    Progress(String what, String unit, long total, PrintStream out, boolean terminal) {
        this(what, unit, total, out, terminal, true);
    }

    private Progress(String what, String unit, long total, PrintStream out, boolean terminal, boolean plainLines) {
        this.plainLines = plainLines;
        this.what = what;
        this.unit = unit;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on an interactive terminal, plain lines otherwise ({@code TERM=dumb} counts as not a terminal). */
    static Progress of(String what, String unit, long total, PrintStream out) {
        return new Progress(what, unit, total, out, isTerminal());
    }

    /** A bar on a terminal, nothing otherwise: for work inside commands whose output is one line per event (validate). */
    /** Replays of the node module drawn as bars, one per beast (see {@link #barOnly}). */
    static io.chainbeasts.node.ReplayProgress replayBars() {
        return (what, windows) -> {
            Progress bar = barOnly(what, "windows", windows, System.out);
            return new io.chainbeasts.node.ReplayProgress.Pass() {
                @Override
                public void update(long windowsDone) {
                    bar.update(windowsDone);
                }

                @Override
                public void close() {
                    bar.finish();
                }
            };
        };
    }

    static Progress barOnly(String what, String unit, long total, PrintStream out) {
        return new Progress(what, unit, total, out, isTerminal(), false);
    }

    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    synchronized void update(long done) {
        this.done = Math.min(done, total);
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDraw > 100_000_000L || this.done == total) {
                lastDraw = now;
                out.print("\r\033[K" + bar());
                out.flush();
                drawn = true;
            }
        } else if (plainLines) {
            int tenth = (int) (this.done * 10 / total);
            // quick work needs no progress lines: only after 5 s, at each tenth
            if (tenth > lastTenth && this.done < total && now - t0 > 5_000_000_000L) {
                lastTenth = tenth;
                out.println(what + ": " + status());
            }
        }
    }

    /** Prints a line above the bar. */
    synchronized void println(String line) {
        if (terminal && drawn) out.print("\r\033[K");
        out.println(line);
        if (terminal && drawn) {
            out.print(bar());
            out.flush();
        }
    }

    /** Removes the bar (the work's own summary follows). */
    synchronized void finish() {
        if (terminal && drawn) {
            out.print("\r\033[K");
            out.flush();
        }
        drawn = false;
    }

    String bar() {
        int filled = (int) (done * WIDTH / total);
        return what + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + status();
    }

    String status() {
        return String.format(Locale.ROOT, "%d/%d %s (%d%%), %s", done, total, unit, done * 100 / total, eta());
    }

    /** "ETA 1 min", from the mean rate so far; "ETA -" before the first unit is done. */
    String eta() {
        if (done == 0) return "ETA -";
        if (done >= total) return "done in " + io.chainbeasts.core.Durations.of((System.nanoTime() - t0) / 1_000_000_000L);
        long elapsed = System.nanoTime() - t0;
        long left = (long) ((double) elapsed / done * (total - done) / 1e9);
        return "ETA " + io.chainbeasts.core.Durations.of(left);
    }
}
