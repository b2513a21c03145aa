package io.chainbeasts.cli.bench;

import io.chainbeasts.core.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay node at scale ({@code chainbeasts bench --node-scale}): the {@link NodeScale} scenario with a node that
 * starts empty (no stores, no cache) and follows the chain while the checkpoints arrive block by block, disputing
 * every FAILURE with the operator's key; then the disputes are played to the end (the owners never answer: the clock
 * is moved past their deadline and the node claims each timeout). Then two fresh nodes judge the whole chain in one
 * pass each, on the Java and on the OpenCL backend, for the replay throughput and to compare their verdicts. Every
 * node runs in its own JVM with a small heap; the table shows windows per second, peak RSS and blocks behind.
 */
public final class NodeBench {
    private NodeBench() {}

    private static final Pattern SUMMARY = Pattern.compile("node: (\\d+) beast\\(s\\) tracked, (\\d+) replay\\(s\\) in (\\d+) ms = ([0-9.]+) replays/s");
    private static final Pattern WINDOW = Pattern.compile("^beast #(\\d+) window (\\d+): ");

    /** The heap every node JVM gets: the state cache is on disk, so this is all it needs. */
    public static final String HEAP = "256m";

    /** One node run: what it replayed, how fast (its own measurement), its peak RSS and, following, how far behind it fell. */
    public record Run(String name, String backend, long windows, long replayMillis, String windowsPerSecond, long wallMillis, long peakRssKb,
                      int maxBlocksBehind, double withinTwoBlocks) {}

    /** What {@link #follow} saw: the run, the node's lines and data folder. */
    public record Followed(Run run, List<String> lines, Path data) {}

    /** The arguments of a node that follows the scenario's chain with the operator's key and a bond budget. */
    public static List<String> followArgs(NodeScale s, Path data, String backend) {
        return List.of("--chain", s.chainFile.toString(), "--data", data.toString(), "--backend", backend, "--confirmations", "0", "--follow",
                "--interval", "1", "--health-port", "0", "--key", s.operatorKey(), "--dispute-budget", "1000000000");
    }

    /**
     * Follows: a node started empty while the miner ({@link NodeScale#startMining}) mines the submissions block after
     * block; samples the blocks between the head and the last block the node judged every 100 ms; waits until every
     * window is judged and every cheat disputed; stops the node with SIGTERM and the miner. The disputes are then
     * still open ({@link #endgame} plays them to the end).
     */
    public static Followed follow(NodeScale s, Path data, String backend, long budgetMillis, PrintStream log) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        long until = t0 + budgetMillis;
        try (NodeProcess node = NodeProcess.start(HEAP, followArgs(s, data, backend))) {
            if (node.await("metrics http://", 120_000) == null) throw new IllegalStateException("the node did not start:\n" + String.join("\n", node.lines()));
            List<Integer> behind = new ArrayList<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Map<String, String> m = node.metrics();
                        BigInteger head = s.head();
                        if (m.containsKey("chainbeasts_node_head_block") && !m.get("chainbeasts_node_passes_total").equals("0")) {
                            BigInteger judged = new BigInteger(m.get("chainbeasts_node_head_block")).subtract(new BigInteger(m.get("chainbeasts_node_blocks_behind")));
                            synchronized (behind) {
                                behind.add(head.subtract(judged).max(BigInteger.ZERO).intValueExact());
                            }
                        }
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException | RuntimeException e) {
                        // a sample lost; the next one counts
                    }
                }
            }, "lag-sampler");
            sampler.setDaemon(true);
            sampler.start();
            s.startMining();
            while (!s.allSubmitted()) {
                check(until, "submitting", node, s);
                Thread.sleep(50);
            }
            long blocks = s.blocksMined();
            log.println("all " + s.plan.total() + " checkpoints submitted in " + blocks + " blocks; waiting for the node");
            while (judged(node.lines()) < s.plan.total()) {
                check(until, "judging (" + judged(node.lines()) + " of " + s.plan.total() + " windows)", node, s);
                Thread.sleep(50);
            }
            long judgedAt = System.currentTimeMillis();
            sampler.interrupt();
            sampler.join();
            while (s.disputes().filedPerCheckpoint().values().stream().anyMatch(n -> n == 0)) {
                check(until, "waiting for the node to dispute every cheat " + s.disputes().filedPerCheckpoint(), node, s);
                Thread.sleep(200);
            }
            while (s.gameWaitingOnTheNode()) {
                check(until, "waiting for the node's last transaction", node, s);
                Thread.sleep(200);
            }
            stopCleanly(node);
            s.stopMining();
            List<Integer> lags;
            synchronized (behind) {
                lags = new ArrayList<>(behind);
            }
            int max = lags.stream().mapToInt(Integer::intValue).max().orElse(-1);
            double within = lags.isEmpty() ? 0 : lags.stream().filter(v -> v <= 2).count() / (double) lags.size();
            Run run = run("follow (submitted over " + blocks + " blocks)", backend, node.lines(), judgedAt - t0, node.peakRssKb(), max, within);
            return new Followed(run, node.lines(), data);
        }
    }

    /**
     * The disputes played to the end by the follower restarted on its data folder (the miner running again): the owners
     * of {@code answering} answer, the others stay silent ({@link #playDisputesToTheEnd}); returns the node's lines.
     */
    public static List<String> endgame(NodeScale s, Path data, List<NodeScale.Cheat> answering, long budgetMillis, PrintStream log)
            throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + budgetMillis;
        try (NodeProcess node = NodeProcess.start(HEAP, followArgs(s, data, "java"))) {
            if (node.await("node on chain", 120_000) == null) throw new IllegalStateException("the node did not start:\n" + String.join("\n", node.lines()));
            playDisputesToTheEnd(s, node, until, answering, log);
            while (NodeScale.ledgerWindows(data) != s.liveTotal()) { // its next pass takes the proven cheats out of its ledger
                check(until, "waiting for the node's ledger to drop the invalidated windows", node, s);
                Thread.sleep(200);
            }
            s.stopMining();
            stopCleanly(node);
            return node.lines();
        }
    }

    /** Waits until the node has finished a pass (its /metrics count one), so that it acted on the chain as it is now. */
    public static void awaitPass(NodeProcess node, long until) throws InterruptedException {
        while (node.metrics().getOrDefault("chainbeasts_node_passes_total", "0").equals("0")) {
            if (!node.isAlive() || System.currentTimeMillis() > until) throw new IllegalStateException("no pass finished:\n" + tail(node.lines()));
            Thread.sleep(100);
        }
    }

    /**
     * SIGTERM: the node finishes its pass, saves, prints its summary and "node stopped", and the JVM exits (143, the
     * JVM's code for a SIGTERM it handled, or 0).
     */
    public static void stopCleanly(NodeProcess node) throws InterruptedException {
        int code = node.stop();
        if ((code != 143 && code != 0) || node.lines().stream().noneMatch(l -> l.contains("node stopped; its judgements are saved"))) {
            throw new IllegalStateException("the node did not stop cleanly on SIGTERM (exit " + code + "):\n" + tail(node.lines()));
        }
    }

    /**
     * Plays every dispute to the end (the miner running): waits for a dispute on every cheat; the owners of the cheats
     * in {@code answering} answer with their own (nudged) step digests, so the node must name the step where they
     * depart and prove it with the on-chain one-step verifier before its clock runs out; the others stay silent, and
     * once no game waits on the node the clock moves past their deadline and the node claims each timeout. Returns
     * when every game is RESOLVED_INVALID.
     */
    public static void playDisputesToTheEnd(NodeScale s, NodeProcess node, long until, List<NodeScale.Cheat> answering, PrintStream log)
            throws IOException, InterruptedException {
        if (s.cheats.isEmpty()) return;
        s.startMining();
        while (s.disputes().filedPerCheckpoint().values().stream().anyMatch(n -> n == 0)) {
            check(until, "waiting for the node to dispute every cheat " + s.disputes().filedPerCheckpoint(), node, s);
            Thread.sleep(200);
        }
        for (NodeScale.Cheat c : answering) s.answer(c, log::println);
        waitUntilNoGameWaitsOnTheNode(s, node, until);
        warpPastTheOwnersDeadlines(s, log);
        while (s.disputes().resolvedInvalid() < s.cheats.size()) {
            check(until, "waiting for the node to win every game " + s.disputes().stage(), node, s);
            Thread.sleep(200);
        }
    }

    /**
     * Until no game waits on the node (AWAIT_STEP: its clock; AWAIT_PROOF: the step it named, which it proves at once) and
     * none of its transactions is in flight: moving the clock before would make it miss a deadline.
     */
    public static void waitUntilNoGameWaitsOnTheNode(NodeScale s, NodeProcess node, long until) throws IOException, InterruptedException {
        while (s.gameWaitingOnTheNode()) {
            check(until, "waiting for the node to name a step " + s.disputes().stage(), node, s);
            Thread.sleep(200);
        }
    }

    /** Moves the chain's clock past the deadline of every game still waiting on an owner (the next block carries it). */
    public static void warpPastTheOwnersDeadlines(NodeScale s, PrintStream log) throws IOException {
        long last = 0;
        for (Map.Entry<String, Integer> e : s.disputes().stage().entrySet()) {
            if (e.getValue() >= io.chainbeasts.node.DisputeGamePlayer.RESOLVED_VALID) continue;
            last = Math.max(last, s.d.game.deadline(io.chainbeasts.core.Hex.parse(e.getKey())).sendAsync().join().longValueExact());
        }
        if (last == 0) return;
        long warp = Math.max(1, last - s.now() + 1);
        log.println("the silent owners' clocks: moved " + warp + " s past their deadline");
        s.warp(warp);
    }

    private static void check(long until, String doing, NodeProcess node, NodeScale s) {
        s.checkMining();
        if (node != null && !node.isAlive()) throw new IllegalStateException("the node died while " + doing + ":\n" + tail(node.lines()));
        if (System.currentTimeMillis() > until) throw new IllegalStateException("time ran out while " + doing + (node == null ? "" : ":\n" + tail(node.lines())));
    }

    static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Windows the output names (each distinct beast and window once). */
    static int judged(List<String> lines) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : lines) {
            Matcher m = WINDOW.matcher(l);
            if (m.find()) seen.add(m.group(1) + "/" + m.group(2));
        }
        return seen.size();
    }

    /** A fresh node (empty data folder) judging the whole chain in one pass on {@code backend}. */
    public static Run catchUp(NodeScale s, Path data, String backend) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        try (NodeProcess node = NodeProcess.start(HEAP, List.of("--chain", s.chainFile.toString(), "--data", data.toString(), "--backend", backend,
                "--confirmations", "0"))) {
            int code = node.waitFor(590_000);
            if (code != 1 && code != 0) throw new IllegalStateException("the " + backend + " node exited " + code + ":\n" + tail(node.lines()));
            return run("catch-up, one pass from empty", backend, node.lines(), System.currentTimeMillis() - t0, node.peakRssKb(), -1, -1);
        }
    }

    private static Run run(String name, String backend, List<String> lines, long wall, long rss, int maxBehind, double within) {
        for (String l : lines) {
            Matcher m = SUMMARY.matcher(l);
            if (m.find()) return new Run(name, backend, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), m.group(4), wall, rss, maxBehind, within);
        }
        throw new IllegalStateException("the node printed no summary line:\n" + tail(lines));
    }

    /** Whether two nodes' ledgers hold the same verdict (outcome, detail, replayed post-state) for every window. */
    public static boolean sameVerdicts(Path a, Path b) throws IOException {
        return verdicts(a).equals(verdicts(b));
    }

    static Map<String, String> verdicts(Path data) throws IOException {
        Map<String, Object> beasts = Json.obj(Json.obj(Json.parse(Files.readString(data.resolve("judgements.json"))), "judgements").get("beasts"), "beasts");
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> e : beasts.entrySet()) {
            for (Object o : Json.arr(e.getValue(), "beast")) {
                Map<String, Object> j = Json.obj(o, "judgement");
                out.put(e.getKey() + "/" + Json.num(j, "window"), Json.str(j, "outcome") + " " + Json.str(j, "detail") + " " + Json.str(j, "postState"));
            }
        }
        return out;
    }

    /**
     * The whole benchmark: set up, follow (Java backend), catch up on Java and, when {@code opencl}, on OpenCL; prints
     * the table, writes JSON to {@code json}; returns the JSON document.
     */
    public static Map<String, Object> run(PrintStream out, Path json, NodeScale.Plan plan, Path work, boolean opencl, java.util.function.Consumer<byte[]> write)
            throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        List<Run> runs = new ArrayList<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        try (NodeScale s = NodeScale.setUp(plan, work, out::println)) {
            Followed f = follow(s, work.resolve("node-follow"), "java", 3_600_000, out);
            runs.add(f.run());
            NodeScale.Check check = s.check(f.lines(), f.data(), true);
            int flagged = flagged(s, f.data());
            Run java = catchUp(s, work.resolve("node-java"), "java");
            runs.add(java);
            boolean javaSame = sameVerdicts(f.data(), work.resolve("node-java"));
            Boolean openclSame = null;
            if (opencl) {
                runs.add(catchUp(s, work.resolve("node-opencl"), "opencl"));
                openclSame = sameVerdicts(work.resolve("node-java"), work.resolve("node-opencl"));
            }
            List<NodeScale.Cheat> cheats = new ArrayList<>(s.cheats.values());
            List<NodeScale.Cheat> answering = cheats.subList(0, (cheats.size() + 1) / 2);
            out.println("playing the disputes to the end: " + answering.size() + " owner(s) answer with their own step digests, the others stay silent");
            List<String> endLines = endgame(s, f.data(), answering, 3_600_000, out);
            NodeScale.Disputes disputes = s.disputes();
            List<String> twice = s.movesSentTwice();
            long proofs = endLines.stream().filter(l -> isMove(l, "proveStep ") && l.contains("outcome RESOLVED_INVALID")).count();
            long timeouts = endLines.stream().filter(l -> isMove(l, "timeout: gas")).count();
            out.printf(Locale.ROOT, "%nreplay node, %d public beasts x %d windows on anvil, %d planted cheats (seed %d), %d submissions a block every %d ms;"
                    + " every node in its own JVM with -Xmx%s%n", plan.beasts(), plan.windows(), plan.cheats(), plan.seed(), plan.perBlock(), plan.blockMillis(), HEAP);
            out.printf(Locale.ROOT, "%-44s %-7s %8s %10s %12s %10s %10s %14s%n", "run", "backend", "windows", "replay ms", "windows/s", "wall s",
                    "peak RSS", "blocks behind");
            out.println("-".repeat(124));
            for (Run r : runs) {
                out.printf(Locale.ROOT, "%-44s %-7s %8d %10d %12s %10.1f %7d MiB %14s%n", r.name(), r.backend(), r.windows(), r.replayMillis(),
                        r.windowsPerSecond(), r.wallMillis() / 1000.0, r.peakRssKb() / 1024, r.maxBlocksBehind() < 0 ? "-"
                                : String.format(Locale.ROOT, "max %d (%.0f%% <= 2)", r.maxBlocksBehind(), 100 * r.withinTwoBlocks()));
            }
            out.printf(Locale.ROOT, "judged %d of %d windows, printed exactly once: %d, twice: %d, wrong: %d; cheats flagged FAILURE at their window: %d of %d%n",
                    check.windows() - check.missingInLedger(), check.windows(), check.printedOnce(), check.printedTwice(), check.wrong(),
                    flagged, plan.cheats());
            out.printf(Locale.ROOT, "disputes: filed on %d of %d cheats, RESOLVED_INVALID %d (%d by a step proven with the on-chain verifier, %d by the"
                            + " owner's timeout), moves sent twice %d%n",
                    disputes.filedPerCheckpoint().values().stream().filter(n -> n > 0).count(), plan.cheats(), disputes.resolvedInvalid(), proofs, timeouts,
                    twice.size());
            out.println("verdicts identical: follow vs catch-up (java) " + javaSame + (openclSame == null ? "; OpenCL not available" : ", java vs opencl " + openclSame));
            for (String p : check.problems()) out.println("PROBLEM " + p);
            for (String p : disputes.problems()) out.println("PROBLEM " + p);
            for (String p : twice) out.println("PROBLEM " + p);
            doc.put("java", System.getProperty("java.version"));
            doc.put("cores", Runtime.getRuntime().availableProcessors());
            doc.put("beasts", plan.beasts());
            doc.put("windows", plan.windows());
            doc.put("cheats", plan.cheats());
            doc.put("seed", plan.seed());
            doc.put("perBlock", plan.perBlock());
            doc.put("blockMillis", plan.blockMillis());
            doc.put("heap", HEAP);
            List<Object> rs = new ArrayList<>();
            for (Run r : runs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("backend", r.backend());
                m.put("windowsReplayed", r.windows());
                m.put("replayMillis", r.replayMillis());
                m.put("windowsPerSecond", r.windowsPerSecond());
                m.put("wallMillis", r.wallMillis());
                m.put("peakRssKb", r.peakRssKb());
                if (r.maxBlocksBehind() >= 0) {
                    m.put("maxBlocksBehind", (long) r.maxBlocksBehind());
                    m.put("samplesWithinTwoBlocksPercent", Math.round(100 * r.withinTwoBlocks()));
                }
                rs.add(m);
            }
            doc.put("runs", rs);
            doc.put("windowsJudged", (long) (check.windows() - check.missingInLedger()));
            doc.put("printedTwice", (long) check.printedTwice());
            doc.put("wrongVerdicts", (long) check.wrong());
            doc.put("cheatsFlagged", (long) flagged);
            doc.put("disputesWonByProof", proofs);
            doc.put("disputesWonByTimeout", timeouts);
            doc.put("disputesFiled", disputes.filedPerCheckpoint().values().stream().filter(n -> n > 0).count());
            doc.put("disputesResolvedInvalid", disputes.resolvedInvalid());
            doc.put("movesSentTwice", (long) twice.size());
            doc.put("verdictsIdenticalJavaOpencl", openclSame == null ? "no OpenCL" : openclSame.toString());
            doc.put("problems", new ArrayList<Object>(check.problems()));
            doc.put("totalSeconds", (System.currentTimeMillis() - t0) / 1000);
        }
        write.accept((Json.pretty(doc) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.println("wrote " + json);
        return doc;
    }

    /** Cheats whose window the node's ledger holds as FAILURE. */
    static int flagged(NodeScale s, Path data) throws IOException {
        Map<String, String> v = verdicts(data);
        int n = 0;
        for (NodeScale.Cheat c : s.cheats.values()) {
            String got = v.get(c.beastId() + "/" + c.window());
            if (got != null && got.startsWith("FAILURE")) n++;
        }
        return n;
    }

    /** Whether a node's line is its dispute move {@code move} ("proveStep ", ...), which it prints after the beast's name. */
    public static boolean isMove(String line, String move) {
        return line.replaceFirst("^beast #\\d+: ", "").startsWith(move);
    }
}
