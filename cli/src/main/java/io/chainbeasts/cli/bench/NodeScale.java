package io.chainbeasts.cli.bench;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.JavaBackend;
import io.chainbeasts.engine.MicroStep;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import io.chainbeasts.node.BeastMint;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.DisputeGamePlayer;
import io.chainbeasts.checkpoint.StepDigest;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay node's scale scenario on a real anvil, shared by {@code bench node} and the tests: public beasts are
 * hatched, trained by their owners (some of them cheating: the owner's training perturbed after micro-step k of
 * window w and continued, so every payload from w on is internally consistent but wrong), and their checkpoints
 * submitted over time, {@link Plan#perBlock} submissions in each block, a block every {@link Plan#blockMillis}
 * (anvil's automine off; the scenario mines). A node (a {@link NodeProcess}) follows; {@link #check} says whether it
 * judged every window exactly once and flagged every cheat, and {@link #disputes} what became of its disputes.
 */
public final class NodeScale implements AutoCloseable {
    /** Owners of the beasts (anvil accounts 1..OWNERS); the node's operator key is the next account. */
    public static final int OWNERS = 4;
    public static final int OPERATOR = OWNERS + 1;
    private static final BigInteger GAS = BigInteger.valueOf(1_500_000);
    private static final BigInteger MAX_FEE = BigInteger.valueOf(20_000_000_000L);
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    /** The scenario's size: beasts x windows, planted cheats, the seed that places them, and the block pace. */
    public record Plan(int beasts, int windows, int cheats, long seed, int perBlock, long blockMillis) {
        public Plan {
            if (beasts < 1 || windows < 1) throw new IllegalArgumentException("beasts and windows must be at least 1");
            if (cheats < 0 || cheats > beasts) throw new IllegalArgumentException("cheats must be 0.." + beasts);
            if (perBlock < 1 || blockMillis < 1) throw new IllegalArgumentException("perBlock and blockMillis must be at least 1");
        }

        public int total() {
            return beasts * windows;
        }
    }

    /** A planted cheat: beast (token id) trained with a perturbation after micro-step {@code step} of window {@code window}. */
    public record Cheat(BigInteger beastId, int window, int step) {}

    public final Plan plan;
    public final Anvil anvil;
    public final ChainClient client;
    public final Deployment d;
    public final Path chainFile;
    /** Token id to the payloads its owner submits (window order). */
    public final Map<BigInteger, List<byte[]>> payloads = new TreeMap<>();
    /** Token id to its cheat. */
    public final Map<BigInteger, Cheat> cheats = new TreeMap<>();
    private final Map<BigInteger, Integer> ownerOf = new TreeMap<>();
    private final HttpService rpc;
    private final BigInteger seasonVersion;
    /** Owners answering a dispute right now (their transactions go through ChainClient, which takes the pending nonce). */
    private final java.util.Set<Integer> answering = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<BigInteger> order = new ArrayList<>();
    private int sent;
    private long blocksMined;
    /** Submissions sent and not yet seen in a block. */
    private final List<String> unmined = new ArrayList<>();

    private NodeScale(Plan plan, Anvil anvil, ChainClient client, Deployment d, Path chainFile) {
        this.plan = plan;
        this.anvil = anvil;
        this.client = client;
        this.d = d;
        this.chainFile = chainFile;
        this.rpc = new HttpService(anvil.rpcUrl());
        this.seasonVersion = view(() -> d.season.season().send());
    }

    /**
     * Starts anvil with every contract (and the dispute game with its one-step verifier), hatches the beasts, trains
     * them (cheats planted where {@code plan.seed} says), funds the owners' deposits and the operator, and turns
     * automine off: the chain then moves only when {@link #tick} mines.
     */
    public static NodeScale setUp(Plan plan, Path dir, Consumer<String> log) throws IOException {
        Anvil anvil = Anvil.start(OPERATOR + 1);
        try {
            ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
            Deployment d = Deployment.deploy(c, c.account(0), 3600, Deployment.defaultSeason(), Deployment.deployStepVerifier(c, c.account(0)));
            Path chainFile = dir.resolve("chain.json");
            d.writeJson(chainFile, anvil.rpcUrl());
            NodeScale s = new NodeScale(plan, anvil, c, d, chainFile);
            s.hatchAndTrain(log);
            s.fund();
            s.rpc("evm_setAutomine", false);
            // room in each block for many moves: ChainClient asks 29M gas for each transaction it sends
            s.rpc("evm_setBlockGasLimit", "0x" + Long.toHexString(1_000_000_000L));
            return s;
        } catch (IOException | RuntimeException e) {
            anvil.close();
            throw e;
        }
    }

    private void hatchAndTrain(Consumer<String> log) {
        SplittableRandom rnd = new SplittableRandom(plan.seed());
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < plan.beasts(); i++) picks.add(i);
        for (int i = picks.size() - 1; i > 0; i--) java.util.Collections.swap(picks, i, rnd.nextInt(i + 1));
        List<BeastStore.Identity> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int o = 1; o <= OWNERS; o++) {
            try (ChainSession owner = ChainSession.open("bench node", chainFile, null, "anvil:" + o, true)) {
                for (int i = o - 1; i < plan.beasts(); i += OWNERS) {
                    BeastStore.Identity id = BeastMint.mint(owner, 0x5CA1E000L + i, new byte[32], new byte[32], new byte[32]).identity();
                    ids.add(id);
                    ownerOf.put(id.beastId(), o);
                }
            }
        }
        ids.sort(java.util.Comparator.comparing(BeastStore.Identity::beastId));
        for (BeastStore.Identity id : ids) order.add(id.beastId());
        for (int c = 0; c < plan.cheats(); c++) {
            BigInteger beast = ids.get(picks.get(c)).beastId();
            cheats.put(beast, new Cheat(beast, rnd.nextInt(plan.windows()), rnd.nextInt(Window.STEPS)));
        }
        log.accept(String.format(java.util.Locale.ROOT, "hatched %d beasts in %.1f s; cheats (seed %d): %s", ids.size(), (System.nanoTime() - t0) / 1e9,
                plan.seed(), cheats.values()));
        ChainBeast.Constants k;
        try (ChainSession s = ChainSession.open("bench node", chainFile, null, null, false)) {
            k = ChainBeast.constants(s);
        }
        RealBattlePool pool = RealBattlePool.defaultPool(k.season());
        int n = ids.size();
        BeastState[] states = new BeastState[n];
        CheckpointPayload[] prev = new CheckpointPayload[n];
        WindowContext[] prevCtx = new WindowContext[n];
        for (int i = 0; i < n; i++) {
            states[i] = Hatchery.hatch(ids.get(i).seedCore());
            payloads.put(ids.get(i).beastId(), new ArrayList<>());
        }
        t0 = System.nanoTime();
        try (JavaBackend backend = new JavaBackend(Runtime.getRuntime().availableProcessors())) {
            for (int w = 0; w < plan.windows(); w++) {
                List<Integer> honest = new ArrayList<>();
                List<BeastState> hs = new ArrayList<>();
                List<WindowInputs> hin = new ArrayList<>();
                WindowContext[] ctx = new WindowContext[n];
                byte[][] pre = new byte[n][];
                WindowResult[] res = new WindowResult[n];
                for (int i = 0; i < n; i++) {
                    pre[i] = states[i].hash();
                    ctx[i] = TrainingPlan.context(states[i], k.season(), k.training(), prev[i] == null ? new byte[32] : prev[i].hash(),
                            ids.get(i).datasetCommitment(), pool);
                    Cheat cheat = cheats.get(ids.get(i).beastId());
                    if (cheat != null && cheat.window() == w) {
                        WindowInputs in = WindowInputs.publicWindow(ctx[i], pool);
                        Cheated ch = cheatedWindow(states[i], in, cheat.step());
                        cheatWindows.put(cheat.beastId(), new CheatWindow(states[i].copy(), in, ch.nudge(), prev[i] == null ? null : prev[i].encode(),
                                prevCtx[i] == null ? null : prevCtx[i].hash()));
                        states[i] = ch.state();
                        res[i] = ch.result();
                    } else {
                        honest.add(i);
                        hs.add(states[i]);
                        hin.add(WindowInputs.publicWindow(ctx[i], pool));
                    }
                }
                List<WindowResult> rs = backend.runWindows(hs, hin);
                for (int j = 0; j < honest.size(); j++) res[honest.get(j)] = rs.get(j);
                for (int i = 0; i < n; i++) {
                    WindowRecord rec = Trainer.record(ids.get(i), w, pre[i], ctx[i], res[i], prev[i], new byte[0]);
                    prev[i] = rec.decodedPayload();
                    prevCtx[i] = ctx[i];
                    payloads.get(ids.get(i).beastId()).add(rec.payload());
                }
            }
        }
        log.accept(String.format(java.util.Locale.ROOT, "owners trained %d windows in %.1f s", plan.total(), (System.nanoTime() - t0) / 1e9));
    }

    /** The cheater's window: its state after it, the result its payload commits to, and which nudge it took. */
    public record Cheated(BeastState state, WindowResult result, int nudge) {}

    /**
     * The cheat: the window runs as usual, but right after micro-step {@code k} a weight of the live state is nudged
     * (one bias's lowest bit, or failing that, which the training can wash out, one input weight's), and training
     * goes on from there; the payload then commits to the wrong state and is consistent with it. Tries another nudge
     * when one left no trace (the replay would verify it). {@code s} is not modified: the cheater's state is returned.
     */
    public static Cheated cheatedWindow(BeastState s, WindowInputs in, int k) {
        byte[] want = Window.run(s.copy(), in).h128();
        for (int nudge = 0; nudge < 8; nudge++) {
            BeastState t = s.copy();
            WindowResult r = cheatRun(t, in, k, nudge);
            if (!Arrays.equals(r.h128(), want)) return new Cheated(t, r, nudge);
        }
        throw new IllegalStateException("no nudge after micro-step " + k + " changed the window's outcome");
    }

    /**
     * The cheater's run of a window on {@code t} (modified): as {@link Window#run}, but right after micro-step {@code k}
     * a weight of the live state is nudged ({@link #nudge}), and training goes on from there.
     */
    static WindowResult cheatRun(BeastState t, WindowInputs in, int k, int nudge) {
        long[] i = {0};
        return Window.run(t, in, new MicroStep.Scratch(), rec -> {
            if (i[0]++ == k) nudge(t, nudge);
        });
    }

    /** {@code nudge} even: one output bias's lowest bit; odd: an input weight, for when training washed the first out. */
    static void nudge(BeastState live, int nudge) {
        if (nudge % 2 == 0) live.b2[nudge / 2 % live.b2.length] ^= 1;
        else live.w1[(nudge * 7919) % live.w1.length] ^= 1 << 8;
    }

    /** What a cheater keeps of its cheated window to answer a dispute: the pre-state, inputs, its nudge, the previous payload and context hash. */
    private record CheatWindow(BeastState pre, WindowInputs in, int nudge, byte[] prevPayload, byte[] prevContextHash) {}

    private final Map<BigInteger, CheatWindow> cheatWindows = new TreeMap<>();

    /**
     * The cheating owner answers the dispute on its window: it posts its own step digests (those of its nudged run), as a
     * cheater who wants its payload to stand must; the honest challenger then names the step k where they depart and
     * proves it with the on-chain one-step verifier.
     */
    public void answer(Cheat c, Consumer<String> log) {
        CheatWindow cw = cheatWindows.get(c.beastId());
        List<StepDigest.Point> points = new ArrayList<>();
        // its own D_0..D_128, derived as every replay derives them, with its nudge after micro-step k as the fault
        StepDigest.replay(cw.pre(), cw.in(), false, (k, live) -> {
            if (k == c.step() + 1) nudge(live, cw.nudge());
        }, points::add);
        DisputeGamePlayer.Replay mine = new DisputeGamePlayer.Replay(c.window(), payloads.get(c.beastId()).get(c.window()), cw.prevPayload(),
                cw.prevContextHash(), cw.in(), points, null, null);
        int o = ownerOf.get(c.beastId());
        synchronized (this) {
            answering.add(o); // under tick's lock: no submission of this owner is half sent
        }
        try (ChainSession owner = ChainSession.open("bench node", chainFile, null, "anvil:" + o, true)) {
            new DisputeGamePlayer(owner, l -> log.accept("owner of beast #" + c.beastId() + ": " + l), t -> Long.toString(t)).answer(mine);
        } finally {
            answering.remove(o);
        }
    }

    private void fund() {
        BigInteger price = view(() -> d.season.get(Deployment.key("energyPrice")).send());
        Map<Integer, BigInteger> need = new TreeMap<>();
        BigInteger all = BigInteger.ZERO;
        for (Map.Entry<BigInteger, List<byte[]>> e : payloads.entrySet()) {
            for (byte[] p : e.getValue()) {
                BigInteger lock = BigInteger.valueOf(CheckpointPayload.decode(p).energyBurn()).multiply(price);
                need.merge(ownerOf.get(e.getKey()), lock, BigInteger::add);
                all = all.add(lock);
            }
        }
        String ledger = d.ledger.getContractAddress();
        for (Map.Entry<Integer, BigInteger> e : need.entrySet()) {
            Credentials o = client.account(e.getKey());
            client.tx(client.account(0), d.energy, d.energy.mint(o.getAddress(), e.getValue()));
            client.tx(o, d.energy, d.energy.approve(ledger, e.getValue()));
            client.tx(o, d.ledger, d.ledger.deposit(e.getValue()));
        }
        // the operator can bond every window (bond = lock x bondMultiplier, 2 by default) several times over
        client.tx(client.account(0), d.energy, d.energy.mint(client.account(OPERATOR).getAddress(), all.multiply(BigInteger.TEN)));
    }

    /** The operator's key as the node takes it. */
    public String operatorKey() {
        return "anvil:" + OPERATOR;
    }

    public String operatorAddress() {
        return client.account(OPERATOR).getAddress();
    }

    /** Submissions sent so far. */
    public int submitted() {
        return sent;
    }

    public synchronized boolean allSubmitted() {
        return sent >= plan.total() && unmined.isEmpty();
    }

    /**
     * One block: the next {@link Plan#perBlock} submissions (window-major: every beast's window w before any window
     * w+1), sent without waiting, then mined, then each receipt checked. With everything submitted it mines an
     * empty block (the node's own transactions ride in it). Returns the new head.
     */
    public synchronized BigInteger tick() throws IOException {
        List<String> hashes = new ArrayList<>();
        Map<Integer, BigInteger> nonces = new TreeMap<>(); // read afresh each block: an owner answering a dispute sends too
        for (int j = 0; j < plan.perBlock() && sent < plan.total(); j++, sent++) {
            int w = sent / plan.beasts();
            BigInteger beast = order.get(sent % plan.beasts());
            int o = ownerOf.get(beast);
            if (answering.contains(o)) break; // its answer is on its way: the submissions wait a block
            if (!nonces.containsKey(o)) nonces.put(o, pendingNonce(client.account(o).getAddress()));
            String data = d.ledger.submitCheckpointUnder(beast, payloads.get(beast).get(w), seasonVersion).encodeFunctionCall();
            hashes.add(sendRaw(client.account(o), nonces.merge(o, BigInteger.ONE, BigInteger::add).subtract(BigInteger.ONE), d.ledger.getContractAddress(), data));
        }
        rpc("evm_mine");
        blocksMined++;
        unmined.addAll(hashes);
        for (java.util.Iterator<String> it = unmined.iterator(); it.hasNext(); ) {
            String h = it.next();
            var r = client.web3j().ethGetTransactionReceipt(h).send().getTransactionReceipt();
            if (r.isEmpty()) continue; // the block was full (the node's and the owners' moves ask for 29M gas each): the next one takes it
            if (!r.get().isStatusOK()) throw new IllegalStateException("submission " + h + " reverted (gas used " + r.get().getGasUsed() + ")");
            it.remove();
        }
        return head();
    }

    private Thread miner;
    private volatile Throwable minerFailure;

    /** Mines (with the next submissions) every {@link Plan#blockMillis} on a thread of its own until {@link #stopMining}. */
    public synchronized void startMining() {
        if (miner != null) return;
        miner = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    tick();
                    Thread.sleep(plan.blockMillis());
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (IOException | RuntimeException e) {
                minerFailure = e;
            }
        }, "block-miner");
        miner.setDaemon(true);
        miner.start();
    }

    public void stopMining() throws InterruptedException {
        Thread m;
        synchronized (this) {
            m = miner;
            miner = null;
        }
        if (m == null) return;
        m.interrupt();
        m.join(30_000);
    }

    /** Throws what stopped the miner, if anything did. */
    public void checkMining() {
        if (minerFailure != null) throw new IllegalStateException("mining stopped: " + minerFailure.getMessage(), minerFailure);
    }

    public long blocksMined() {
        return blocksMined;
    }

    public BigInteger head() throws IOException {
        return client.web3j().ethBlockNumber().send().getBlockNumber();
    }

    private BigInteger pendingNonce(String address) throws IOException {
        return client.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private String sendRaw(Credentials from, BigInteger nonce, String to, String data) throws IOException {
        RawTransaction raw = RawTransaction.createTransaction(client.chainId(), nonce, GAS, to, BigInteger.ZERO, data, TIP, MAX_FEE);
        EthSendTransaction sent = client.web3j().ethSendRawTransaction("0x" + Hex.of(TransactionEncoder.signMessage(raw, client.chainId(), from))).send();
        if (sent.hasError()) throw new IllegalStateException("eth_sendRawTransaction: " + sent.getError().getMessage());
        return sent.getTransactionHash();
    }

    /** Moves the chain's clock forward by {@code seconds} (the next block carries it). */
    public void warp(long seconds) throws IOException {
        rpc("evm_increaseTime", seconds);
    }

    public long now() {
        return client.now();
    }

    private void rpc(String method, Object... params) throws IOException {
        VoidResponse r = new Request<>(method, List.of(params), rpc, VoidResponse.class).send();
        if (r.hasError()) throw new IOException(method + ": " + r.getError().getMessage());
    }

    private interface Call<T> {
        T send() throws Exception;
    }

    private static <T> T view(Call<T> c) {
        try {
            return c.send();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ---- what the node did ----

    private static final Pattern JUDGED = Pattern.compile("^beast #(\\d+) window (\\d+): ([A-Z_]+)");

    /** What the node reported and kept: per window, how many times each source named it, and what it said. */
    public record Check(int windows, int printedOnce, int printedTwice, int missingInLedger, int wrong, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The outcome each window must get: FAILURE at a cheat, NOT_JUDGED after it, VERIFIED otherwise. */
    public String expected(BigInteger beast, int w) {
        Cheat c = cheats.get(beast);
        if (c == null || w < c.window()) return "VERIFIED";
        return w == c.window() ? "FAILURE" : "NOT_JUDGED";
    }

    /**
     * Checks the node's output lines and its ledger (judgements.json in {@code data}): every window in the ledger
     * exactly once with the outcome it must have; in the output at most once ({@code exactlyOnce}: exactly once, for a
     * node that was never killed between saving a wave and printing it).
     */
    public Check check(List<String> output, Path data, boolean exactlyOnce) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> printed = new LinkedHashMap<>();
        for (String l : output) {
            Matcher m = JUDGED.matcher(l);
            if (m.find()) printed.computeIfAbsent(m.group(1) + "/" + m.group(2), x -> new ArrayList<>()).add(m.group(3));
        }
        Map<String, Object> ledger = Json.obj(Json.obj(Json.parse(Files.readString(data.resolve("judgements.json"))), "judgements").get("beasts"), "beasts");
        int once = 0, twice = 0, missing = 0, wrong = 0;
        for (Map.Entry<BigInteger, List<byte[]>> e : payloads.entrySet()) {
            BigInteger beast = e.getKey();
            List<Object> kept = ledger.containsKey(beast.toString()) ? Json.arr(ledger.get(beast.toString()), "beast") : List.of();
            int live = liveWindows(beast);
            if (kept.size() != live) problems.add("beast #" + beast + ": the ledger holds " + kept.size() + " windows, the live chain " + live);
            for (int w = 0; w < e.getValue().size(); w++) {
                String want = expected(beast, w);
                List<String> said = printed.getOrDefault(beast + "/" + w, List.of());
                if (said.size() == 1) once++;
                if (said.size() > 1) {
                    twice++;
                    problems.add("beast #" + beast + " window " + w + ": printed " + said.size() + " times " + said);
                }
                if (exactlyOnce && said.isEmpty()) problems.add("beast #" + beast + " window " + w + ": never printed");
                if (!said.isEmpty() && !said.get(said.size() - 1).equals(want)) {
                    wrong++;
                    problems.add("beast #" + beast + " window " + w + ": printed " + said + ", must be " + want);
                }
                if (w >= kept.size()) {
                    if (w < live) missing++;
                    continue;
                }
                Map<String, Object> j = Json.obj(kept.get(w), "judgement");
                if (Json.num(j, "window") != w) problems.add("beast #" + beast + ": ledger entry " + w + " is window " + Json.num(j, "window"));
                if (!Json.str(j, "outcome").equals(want)) {
                    wrong++;
                    problems.add("beast #" + beast + " window " + w + ": ledger says " + Json.str(j, "outcome") + ", must be " + want);
                }
            }
        }
        return new Check(plan.total(), once, twice, missing, wrong, problems);
    }

    /** Whether a game is in AWAIT_STEP or AWAIT_PROOF (the node's moves) or a transaction of the operator is not mined yet. */
    public boolean gameWaitingOnTheNode() throws IOException {
        if (operatorTransactionPending()) return true;
        return disputes().stage().values().stream().anyMatch(st -> st == DisputeGamePlayer.AWAIT_STEP || st == DisputeGamePlayer.AWAIT_PROOF);
    }

    /** Whether a transaction the operator (the node) sent is in the pool, not mined yet: a dispute move in flight. */
    public boolean operatorTransactionPending() throws IOException {
        var w = client.web3j();
        String me = operatorAddress();
        return w.ethGetTransactionCount(me, DefaultBlockParameterName.PENDING).send().getTransactionCount()
                .compareTo(w.ethGetTransactionCount(me, DefaultBlockParameterName.LATEST).send().getTransactionCount()) > 0;
    }

    /** Windows the node's ledger (judgements.json in {@code data}) holds; 0 while it has none or it cannot be read. */
    public static int ledgerWindows(Path data) {
        try {
            Map<String, Object> beasts = Json.obj(Json.obj(Json.parse(Files.readString(data.resolve("judgements.json"))), "judgements").get("beasts"), "beasts");
            int n = 0;
            for (Object v : beasts.values()) n += Json.arr(v, "beast").size();
            return n;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The windows of the beast's live chain: all of them, unless its cheat was proven on chain (INVALIDATED), which
     * takes the cheated window and every one resting on it out of the chain (and out of a node's ledger).
     */
    public int liveWindows(BigInteger beast) {
        Cheat c = cheats.get(beast);
        if (c == null) return plan.windows();
        byte[] h = io.chainbeasts.core.Keccak256.hash(payloads.get(beast).get(c.window()));
        int status = view(() -> d.ledger.records(h).send()).component5().intValue();
        return io.chainbeasts.node.CheckpointStatus.of(status) == io.chainbeasts.node.CheckpointStatus.INVALIDATED ? c.window() : plan.windows();
    }

    /** The windows of every beast's live chain ({@link #liveWindows}). */
    public int liveTotal() {
        int n = 0;
        for (BigInteger b : payloads.keySet()) n += liveWindows(b);
        return n;
    }

    /** The dispute games on the cheats' checkpoints: filed (DisputeFiled events) and their stage now. */
    public record Disputes(int cheats, Map<String, Integer> filedPerCheckpoint, Map<String, Integer> stage, List<String> problems) {
        public long resolvedInvalid() {
            return stage.values().stream().filter(v -> v == io.chainbeasts.node.DisputeGamePlayer.RESOLVED_INVALID).count();
        }
    }

    /** The cheated checkpoints (the payload at each cheat's window), by hash hex. */
    public List<String> cheatedCheckpoints() {
        List<String> out = new ArrayList<>();
        for (Cheat c : cheats.values()) out.add(Hex.of(io.chainbeasts.core.Keccak256.hash(payloads.get(c.beastId()).get(c.window()))));
        return out;
    }

    /** The DisputeFiled events per cheated checkpoint (a problem when more than one) and each game's stage. */
    public Disputes disputes() throws IOException {
        Map<String, Integer> filed = new TreeMap<>();
        Map<String, Integer> stage = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String h : cheatedCheckpoints()) {
            filed.put(h, 0);
            stage.put(h, view(() -> d.game.getGame(Hex.parse(h)).send()).stage.intValue());
        }
        var f = new org.web3j.protocol.core.methods.request.EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                d.game.getContractAddress());
        f.addSingleTopic(org.web3j.abi.EventEncoder.encode(DisputeGame.DISPUTEFILED_EVENT));
        for (var lr : client.web3j().ethGetLogs(f).send().getLogs()) {
            var ev = DisputeGame.getDisputeFiledEventFromLog((org.web3j.protocol.core.methods.response.Log) lr.get());
            filed.merge(Hex.of(ev.checkpointHash), 1, Integer::sum);
        }
        filed.forEach((h, n) -> {
            if (n > 1) problems.add("checkpoint 0x" + h.substring(0, 16) + ": filed " + n + " times");
        });
        return new Disputes(cheats.size(), filed, stage, problems);
    }

    /**
     * The operator's moves sent twice: every transaction it sent to the dispute game, from the first block (one RPC per
     * block: for the end of a run), where a repeated calldata is a move repeated; none when the node never repeated one.
     */
    public List<String> movesSentTwice() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        String me = operatorAddress();
        BigInteger head = head();
        for (long b = 1; b <= head.longValueExact(); b++) {
            var block = client.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(b)), true).send().getBlock();
            for (var tr : block.getTransactions()) {
                var tx = (org.web3j.protocol.core.methods.response.Transaction) tr.get();
                if (!me.equalsIgnoreCase(tx.getFrom()) || !d.game.getContractAddress().equalsIgnoreCase(tx.getTo())) continue;
                if (seen.merge(tx.getInput(), 1, Integer::sum) > 1) {
                    problems.add("block " + b + ": the operator sent the same move twice (" + tx.getInput().substring(0, 10) + ")");
                }
            }
        }
        return problems;
    }

    @Override
    public void close() {
        try {
            stopMining();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        anvil.close();
    }
}
