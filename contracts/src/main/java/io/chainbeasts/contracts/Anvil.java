package io.chainbeasts.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local anvil node (npm {@code @foundry-rs/anvil-linux-amd64}) on 127.0.0.1 with a free port (--port 0).
 * Parses {@code Listening on 127.0.0.1:PORT} and the dev private keys from its banner; {@link #close}
 * stops it by PID.
 */
public final class Anvil implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
    private static final Pattern KEY = Pattern.compile("^\\((\\d+)\\) (0x[0-9a-fA-F]{64})\\s*$");

    private final Process process;
    private final String rpcUrl;
    private final List<String> privateKeys;

    private Anvil(Process process, String rpcUrl, List<String> privateKeys) {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.privateKeys = privateKeys;
    }

    /** Locates the anvil binary under contracts/node_modules, from any working directory inside the repo. */
    public static Path binary() {
        String env = System.getenv("CHAINBEASTS_ANVIL");
        if (env != null && !env.isEmpty()) return Path.of(env);
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            for (Path c : List.of(p.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"),
                    p.resolve("contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"))) {
                if (Files.isExecutable(c)) return c;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("anvil not found: run `npm ci` in contracts/ (or set CHAINBEASTS_ANVIL)");
    }

    /** The hardfork every local chain runs: prague (no EIP-7825 per-transaction gas cap). */
    public static final String HARDFORK = "prague";

    /** Starts anvil with {@code accounts} funded dev accounts on {@link #HARDFORK}. */
    public static Anvil start(int accounts) throws IOException {
        List<String> cmd = List.of(binary().toString(), "--host", "127.0.0.1", "--port", "0", "--accounts", Integer.toString(accounts),
                "--balance", "1000000", "--hardfork", HARDFORK, "--gas-limit", "60000000", "--order", "fifo");
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>();
        boolean inKeys = false;
        StringBuilder banner = new StringBuilder();
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    banner.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) return "http://" + m.group(1) + ":" + m.group(2);
                    Matcher k = KEY.matcher(line.trim());
                    if (line.contains("Private Keys")) keysStart(keys);
                    if (k.find() && banner.indexOf("Private Keys") >= 0) keys.add(k.group(2));
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String rpc;
        Exception waitFailure = null;
        try {
            rpc = url.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw (IOException) new java.io.InterruptedIOException("interrupted while waiting for anvil to listen").initCause(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            rpc = null;
            waitFailure = e;
        }
        if (rpc == null) {
            proc.destroyForcibly();
            throw new IOException("anvil did not report 'Listening on' within 30 s; output:\n" + banner, waitFailure);
        }
        // Keep draining its output so the pipe never fills.
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) { /* discard */ }
            } catch (IOException ignored) {
                // process ended
            }
        }, "anvil-drain");
        drain.setDaemon(true);
        drain.start();
        if (keys.size() < accounts) {
            proc.destroyForcibly();
            throw new IOException("anvil printed " + keys.size() + " private keys, expected " + accounts);
        }
        Anvil a = new Anvil(proc, rpc, List.copyOf(keys));
        Runtime.getRuntime().addShutdownHook(new Thread(a::close));
        return a;
    }

    private static void keysStart(List<String> keys) {
        keys.clear();
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> privateKeys() {
        return privateKeys;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops this anvil by its PID (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            h.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
        });
    }
}
