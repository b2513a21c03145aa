package io.chainbeasts.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chainbeasts node ...} in its own JVM (this JVM's classpath, a heap cap such as {@code -Xmx256m}), as an
 * operator runs it: its output lines are collected as they come, its peak resident memory (VmHWM) is sampled from
 * /proc, its /metrics read over HTTP, and it can be stopped with SIGTERM or killed with SIGKILL.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern METRICS = Pattern.compile("metrics http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final Process p;
    private final List<String> lines = new ArrayList<>();
    private volatile int metricsPort = -1;
    private volatile long peakRssKb;
    private final Thread reader;
    private final Thread sampler;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private NodeProcess(Process p) {
        this.p = p;
        this.reader = new Thread(this::read, "node-output");
        this.reader.setDaemon(true);
        this.reader.start();
        this.sampler = new Thread(this::sample, "node-rss");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /** Starts {@code chainbeasts node <args>} with the heap capped at {@code xmx} (e.g. "256m"). */
    public static NodeProcess start(String xmx, List<String> args) throws IOException {
        return start(xmx, List.of(), args);
    }

    /** JVM flags for a node that is started often and killed soon: C1 only starts about 3x faster (and replays slower). */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    /** As {@link #start(String, List)} with more JVM flags (e.g. {@link #QUICK_START}). */
    public static NodeProcess start(String xmx, List<String> jvmFlags, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:+UseSerialGC", "-ea:io.chainbeasts..."));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), io.chainbeasts.cli.Main.class.getName(), "node"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // PoCL's SIGFPE handler must not take Java's division by zero (SPEC.md, the launcher does the same)
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        if (Files.exists(jsig)) pb.environment().put("LD_PRELOAD", jsig.toString());
        return new NodeProcess(pb.start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = METRICS.matcher(line);
                if (m.find()) metricsPort = Integer.parseInt(m.group(1));
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    private void sample() {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        while (p.isAlive()) {
            try {
                for (String l : Files.readAllLines(status)) {
                    if (l.startsWith("VmHWM:")) peakRssKb = Math.max(peakRssKb, Long.parseLong(l.replaceAll("[^0-9]", "")));
                }
                Thread.sleep(50);
            } catch (IOException | RuntimeException e) {
                return; // no /proc here, or the process ended between the check and the read
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every line so far. */
    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** The first line containing {@code text} within {@code millis}, or null (the process ended or the time ran out). */
    public String await(String text, long millis) throws InterruptedException {
        return await(0, l -> l.contains(text), millis);
    }

    /** The first line from line {@code from} on that {@code matches} within {@code millis}, or null. */
    public String await(int from, java.util.function.Predicate<String> matches, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        int seen = from;
        while (System.currentTimeMillis() < until) {
            List<String> now = lines();
            for (; seen < now.size(); seen++) if (matches.test(now.get(seen))) return now.get(seen);
            if (!p.isAlive() && !reader.isAlive()) return null;
            Thread.sleep(20);
        }
        return null;
    }

    /** The node's /metrics as name to value (empty until its health server is up or when it does not answer). */
    public Map<String, String> metrics() {
        Map<String, String> out = new HashMap<>();
        if (metricsPort < 0) return out;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            for (String l : r.body().split("\n")) {
                if (l.isEmpty() || l.startsWith("#")) continue;
                int sp = l.indexOf(' ');
                if (sp > 0) out.put(l.substring(0, sp), l.substring(sp + 1).trim());
            }
        } catch (IOException e) {
            // between passes or killed: no sample this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    public long pid() {
        return p.pid();
    }

    public boolean isAlive() {
        return p.isAlive();
    }

    /** Peak resident set size seen, in KiB (VmHWM from /proc; 0 where there is no /proc). */
    public long peakRssKb() {
        return peakRssKb;
    }

    /** SIGKILL; returns the exit code (137 when the kill landed). */
    public int kill() throws InterruptedException {
        p.toHandle().destroyForcibly(); // through the handle: Process.destroy* would also close our end of its output
        return finish();
    }

    /** SIGTERM (a clean stop); returns the exit code. */
    public int stop() throws InterruptedException {
        p.toHandle().destroy();
        return finish();
    }

    /** Waits for the process to end by itself (up to {@code millis}); returns its exit code, or -1 if it still runs. */
    public int waitFor(long millis) throws InterruptedException {
        if (!p.waitFor(millis, TimeUnit.MILLISECONDS)) return -1;
        return finish();
    }

    private int finish() throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("node process " + p.pid() + " did not end");
        reader.join(10_000);
        sampler.join(10_000);
        return p.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (p.isAlive()) kill();
    }
}
