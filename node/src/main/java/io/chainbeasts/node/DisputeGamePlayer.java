package io.chainbeasts.node;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.PrivateWitness;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The dispute game's state machine for a node (contracts/src/DisputeGame.sol): the challenger's side (file, wait for
 * the owner's digests, name the first step that departs from the honest replay, or the window-end check) and the
 * owner's side (answer with D_1..D_128, S_owner and the used records of a private window; open the named step).
 * Every move is printed with its gas. Both sides derive everything from the honest replay of the window from its
 * anchored pre-state under the chain's constants ({@link #replay}).
 */
public final class DisputeGamePlayer {
    public static final String[] STAGE = {"NONE", "AWAIT_DIGESTS", "AWAIT_STEP", "AWAIT_PROOF", "RESOLVED_VALID", "RESOLVED_INVALID"};
    public static final int AWAIT_DIGESTS = 1;
    public static final int AWAIT_STEP = 2;
    public static final int AWAIT_PROOF = 3;
    public static final int RESOLVED_VALID = 4;
    public static final int RESOLVED_INVALID = 5;

    private final ChainSession s;
    private final DisputeGame g;
    private final Consumer<String> out;
    private final java.util.function.LongFunction<String> when;
    /** Said after a game's next deadline when the player stops there: the CLI's commands are run again; a node goes on by itself. */
    private String onward = " (run again to go on)";

    /** {@code when} formats a chain timestamp for people (the CLI's local time and "in 23 min"). */
    public DisputeGamePlayer(ChainSession s, Consumer<String> out, java.util.function.LongFunction<String> when) {
        if (s.d.game == null) {
            throw new ChainError(s.command + ": --chain: this deployment has no DisputeGame (it was deployed without a step verifier)");
        }
        this.s = s;
        this.g = s.d.game;
        this.out = out;
        this.when = when;
    }

    /** For a player that comes back to its games by itself (the following node): no "run again" hint. */
    public DisputeGamePlayer goesOnByItself() {
        onward = "";
        return this;
    }

    /** One window as its honest replay sees it: every point k = 0..128 with the state bytes, and what anchors D_0. */
    public record Replay(long window, byte[] payload, byte[] prevPayload, byte[] prevContextHash, WindowInputs in,
                         List<StepDigest.Point> points, PrivateWitness.Records records, byte[] secret) {
        /** Whether this is a private window replayed with records this side can open (the owner's, or revealed ones). */
        public boolean holdsRecords() {
            return records != null;
        }

        public byte[] hash() {
            return Keccak256.hash(payload);
        }

        /** The honest D_1..D_128. */
        public List<byte[]> digests() {
            List<byte[]> l = new ArrayList<>();
            for (int k = 1; k <= Window.STEPS; k++) l.add(points.get(k).digest());
            return l;
        }
    }

    /**
     * The honest replay of window {@code i} of {@code b}: from its anchored pre-state (the hatch state for window 0,
     * else the one the previous payload's h128 commits to) under the protocol's context with the chain's constants.
     * A private window needs the dataset and S_owner (the owner's node has them).
     */
    public static Replay replay(ChainBeast b, long i, PrivateDataset dataset, byte[] secret) {
        return replay(b, i, dataset, dataset == null ? null : PrivateWitness.of(dataset), secret);
    }

    /**
     * A private window replayed by a challenger that holds no dataset: from S_owner and the records the owner revealed
     * with its digests (DigestsPosted), each checked against the beast's R_dataset on chain. A record that is missing
     * or fails its path leaves that step unreplayable: the replay stops there and the challenger names that step
     * (the owner must then open it with the true record, which it cannot do for a record it made up). The revealed
     * records with their paths also let the challenger open any step that drew one (the one-step proof's witness).
     */
    public Replay replayFromReveal(ChainBeast b, long i) {
        byte[] h = b.window(i).checkpointHash();
        DisputeGame.DigestsPostedEventResponse ev = postedEvent(h);
        if (ev == null) throw new ChainError(s.command + ": window " + i + ": the owner has posted no digests yet");
        byte[] root = s.view(s.d.beasts.recordsRoot(b.id.beastId()), "BeastNFT.recordsRoot");
        RevealedRecords ds = RevealedRecords.parse(ev.usedRecords, root, b.id.datasetCommitment(), out);
        return replay(b, i, ds, ds, ev.ownerSecret);
    }

    private static Replay replay(ChainBeast b, long i, io.chainbeasts.curriculum.SampleDataset dataset, PrivateWitness.Records forWitness,
                                 byte[] secret) {
        WindowRecord rec = b.window(i);
        BeastState pre = b.store.getState(rec.preStateHash());
        byte[] prevPayload = null;
        byte[] prevCtxHash = null;
        byte[] root = new byte[32];
        if (i == 0) {
            if (!Arrays.equals(pre.hash(), Hatchery.hatch(b.id.seedCore()).hash())) {
                throw new ChainError(b.s.command + ": window 0's stored pre-state is not the hatch state of seed_core 0x" + Long.toHexString(b.id.seedCore()));
            }
        } else {
            WindowRecord prev = b.window(i - 1);
            prevPayload = prev.payload();
            prevCtxHash = Keccak256.hash(prev.context());
            root = prev.checkpointHash();
            byte[] h128 = CheckpointPayload.decode(prevPayload).h128();
            if (!Arrays.equals(Window.h128(rec.preStateHash(), prevCtxHash), h128)) {
                throw new ChainError(b.s.command + ": window " + i + "'s stored pre-state is not the one window " + (i - 1) + "'s h128 commits to");
            }
        }
        // the constants in force when the window was submitted: the game checks the context against exactly those
        ChainBeast.Constants c = b.constantsAsSubmitted().getOrDefault(i, null);
        if (c == null) c = ChainBeast.constants(b.s);
        RealBattlePool pool = RealBattlePool.defaultPool(c.season());
        WindowContext ctx = TrainingPlan.context(pre, c.season(), c.training(), root, b.id.datasetCommitment(), pool);
        WindowInputs in = new WindowInputs(ctx, pool, dataset, dataset == null ? 0 : PrivateSampling.fold(secret));
        List<StepDigest.Point> pts = new ArrayList<>();
        try {
            StepDigest.replay(pre, in, true, pts::add);
        } catch (RevealedRecords.Unrevealed e) {
            // a revealed window stops at the first step whose record is missing or fails its path: D_k+1 stays unknown,
            // the points so far are the replay's (firstDisputed names that step)
        }
        return new Replay(i, rec.payload(), prevPayload, prevCtxHash, in, pts, forWitness, secret);
    }

    /** What a challenger without the private dataset files with: the payload alone (it replays after the reveal). */
    public static Replay unreplayed(ChainBeast b, long i) {
        return new Replay(i, b.window(i).payload(), null, null, null, List.of(), null, null);
    }

    public DisputeGame.Game game(byte[] h) {
        return s.view(g.getGame(h), "DisputeGame.getGame");
    }

    /**
     * Whether the party to move in game h let its clock run out (the other may claim the timeout), as a transaction sent
     * now would find it: by the next block's time, which on a quiet chain is later than the latest block's.
     */
    private boolean clockRanOut(byte[] h) {
        return s.nextBlockTime() > deadline(h);
    }

    /**
     * Whether game h, at {@code stage}, waits on a challenger whose clock to name a step ran out: its owner may claim the
     * timeout, which needs no replay (nor a private beast's dataset), and the checkpoint stands.
     */
    public boolean challengerWalkedAway(byte[] h, int stage) {
        return stage == AWAIT_STEP && clockRanOut(h);
    }

    /** Claims the timeout of game h; returns the stage it leaves the game in. */
    public int claimTimeout(byte[] h) {
        timeout(h);
        return game(h).stage.intValue();
    }

    public long deadline(byte[] h) {
        return s.view(g.deadline(h), "DisputeGame.deadline").longValueExact();
    }

    private TransactionReceipt move(String what, TransactionReceipt r, String detail) {
        out.accept(what + ": gas " + r.getGasUsed() + (detail.isEmpty() ? "" : "; " + detail));
        return r;
    }

    // ---- the challenger ----

    /** Files a dispute on the replayed window (approving the bond first when needed). */
    public TransactionReceipt file(Replay r) {
        byte[] h = r.hash();
        BigInteger locked = s.view(s.d.ledger.records(h), "CheckpointLedger.records").component1();
        BigInteger mult = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("bondMultiplier")), "SeasonRegistry.get(bondMultiplier)");
        BigInteger bond = locked.multiply(mult).max(BigInteger.ONE);
        String game = g.getContractAddress();
        if (s.view(s.d.energy.allowance(s.address(), game), "Energy.allowance").compareTo(bond) < 0) {
            move("approve bond " + ChainSession.energy(bond), s.tx(s.d.energy, s.d.energy.approve(game, bond), "Energy.approve"), "");
        }
        TransactionReceipt f = s.tx(g, g.fileDispute(r.payload()), "DisputeGame.fileDispute");
        return move("fileDispute on window " + r.window() + " (" + ChainSession.short32(h) + ")", f,
                "bond " + ChainSession.energy(bond) + "; the owner must post its step digests by " + when.apply(deadline(h)));
    }

    /** The digests the owner posted (read from its DigestsPosted event), or null when none is on chain yet. */
    public List<byte[]> posted(byte[] h) {
        DisputeGame.DigestsPostedEventResponse ev = postedEvent(h);
        return ev == null ? null : ev.digests;
    }

    /** The owner's last DigestsPosted event on h (a re-filed game's comes last), or null. */
    public DisputeGame.DigestsPostedEventResponse postedEvent(byte[] h) {
        try {
            EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, g.getContractAddress());
            f.addSingleTopic(EventEncoder.encode(DisputeGame.DIGESTSPOSTED_EVENT));
            f.addSingleTopic("0x" + Hex.of(h));
            EthLog logs = s.client.web3j().ethGetLogs(f).send();
            if (logs.hasError()) throw new ChainError(s.command + ": eth_getLogs: " + logs.getError().getMessage());
            DisputeGame.DigestsPostedEventResponse last = null;
            for (EthLog.LogResult<?> lr : logs.getLogs()) last = DisputeGame.getDigestsPostedEventFromLog((Log) lr.get());
            return last;
        } catch (java.io.IOException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        }
    }

    /** The honest challenger's choice: the first k whose posted D_k+1 is not the replay's; 128 when all agree. */
    public static int firstDisputed(List<byte[]> posted, Replay r) {
        for (int k = 0; k < Window.STEPS; k++) {
            // a replay from revealed records that stopped at step k (its record missing or false) disputes step k
            if (k + 1 >= r.points().size() || !Arrays.equals(posted.get(k), r.points().get(k + 1).digest())) return k;
        }
        return Window.STEPS;
    }

    public TransactionReceipt name(Replay r, int k) {
        byte[] h = r.hash();
        TransactionReceipt t = s.tx(g, g.nameStep(h, BigInteger.valueOf(k)), "DisputeGame.nameStep");
        return move("nameStep " + (k == Window.STEPS ? "128 (the window-end check)" : k + " (D_" + k + " -> D_" + (k + 1) + ")"), t,
                "the owner must open it by " + when.apply(deadline(h)));
    }

    public TransactionReceipt timeout(byte[] h) {
        return move("timeout", s.tx(g, g.timeout(h), "DisputeGame.timeout"), "");
    }

    // ---- the owner ----

    /** Posts the honest D_1..D_128 (and, for a private window, S_owner and the used records with their paths). */
    public TransactionReceipt post(Replay r) {
        byte[] secret = r.records() == null ? new byte[32] : r.secret();
        byte[] used = r.records() == null ? new byte[0] : usedRecords(r);
        TransactionReceipt t = s.tx(g, g.postDigests(r.hash(), r.digests(), secret, used), "DisputeGame.postDigests");
        return move("postDigests (128 step digests" + (used.length > 0 ? ", S_owner, " + used.length + " bytes of used records" : "") + ")", t,
                "the challenger must name a step by " + when.apply(deadline(r.hash())));
    }

    /** Opens step k (0..128) from the honest replay: whoever sends it, the computation decides. */
    public TransactionReceipt prove(Replay r, List<byte[]> posted, int k) {
        StepDigest.Point pt = r.points().get(k);
        // every window but window 0 names its previous payload (the window's start; at k = 0 also D_0's anchor)
        byte[] anchor = anchor(r.prevPayload(), r.prevContextHash());
        byte[] witness = k >= Window.STEPS ? new byte[0] : r.records() != null ? witness(r, k) : publicWitness(r, k);
        // step 0 of window 0: the game builds the hatch state itself (no ~53 kB of state calldata)
        byte[] state = r.prevPayload() == null && k == 0 ? new byte[0] : pt.state();
        DisputeGame.Proof pr = new DisputeGame.Proof(state, r.in().context().toBytes(), pt.lineage(), BigInteger.valueOf(pt.loss()),
                BigInteger.valueOf(pt.energy()), witness, anchor);
        TransactionReceipt t = s.tx(g, g.proveStep(r.payload(), posted, pr), "DisputeGame.proveStep");
        return move("proveStep " + k, t, "outcome " + STAGE[game(r.hash()).stage.intValue()]);
    }

    /** abi.encode(bytes prevPayload, bytes32 prevContextHash): where the window starts and what anchors D_0 (window 0 has none). */
    static byte[] anchor(byte[] prevPayload, byte[] prevCtxHash) {
        if (prevPayload == null) return new byte[0];
        int padded = (prevPayload.length + 31) / 32 * 32;
        byte[] a = new byte[96 + padded];
        a[31] = 0x40;
        System.arraycopy(prevCtxHash, 0, a, 32, 32);
        byte[] len = BigInteger.valueOf(prevPayload.length).toByteArray();
        System.arraycopy(len, 0, a, 96 - len.length, len.length);
        System.arraycopy(prevPayload, 0, a, 96, prevPayload.length);
        return a;
    }

    /** A public step's witness: what step k drew, when the verifier needs it (a real-battle board with its Merkle path). */
    static byte[] publicWitness(Replay r, int k) {
        return StepDigest.witness(r.points().get(k).state(), r.in().pool());
    }

    /** A private window's step witness: S_owner || R_dataset || the drawn record with its path, or the public witness. */
    static byte[] witness(Replay r, int k) {
        return PrivateWitness.step(r.secret(), r.records(), r.points().get(k), r.in().pool());
    }

    /** Per private step of the window: u8 k || u32 count || u32 index || u16 len || record || u8 depth || siblings. */
    static byte[] usedRecords(Replay r) {
        return PrivateWitness.used(r.secret(), r.records(), r.points());
    }

    /**
     * Whether this side can open step k (0..128) from its replay: the window-end check after a whole replay, or a step
     * the replay ran (so it holds whatever the step drew; a replay from revealed records stops before a step whose
     * record the owner did not reveal with a valid path).
     */
    static boolean canOpen(Replay r, int k) {
        return k == Window.STEPS ? r.points().size() == Window.STEPS + 1 : k + 1 < r.points().size();
    }

    // ---- whole games ----

    /** How long to wait between polls and at most in all (a node runs for as long as the game lasts). */
    public record Pace(long pollMillis, long maxMillis) {}

    /**
     * The challenger's whole game on window r: file (unless a game is open), wait for the digests, name the first
     * disputed step, claim a timeout whenever the owner's clock ran out. Returns the final stage.
     */
    public int challenge(ChainBeast beast, Replay r, Pace pace) {
        return challenge(beast.id.isPrivate(), beast, r, pace);
    }

    /**
     * As {@link #challenge(ChainBeast, Replay, Pace)} for a window judged from its replay alone, by a node holding no store:
     * a public window, or a private one replayed from the records its owner revealed.
     */
    public int challengeReplayed(Replay r, Pace pace) {
        return challenge(false, null, r, pace);
    }

    private int challenge(boolean priv, ChainBeast beast, Replay r, Pace pace) {
        byte[] h = r.hash();
        int st = game(h).stage.intValue();
        if (st == 0 || st >= RESOLVED_VALID) file(r);
        long until = System.currentTimeMillis() + pace.maxMillis();
        while (true) {
            DisputeGame.Game gm = game(h);
            st = gm.stage.intValue();
            if (st >= RESOLVED_VALID) {
                boolean ours = gm.challenger.equalsIgnoreCase(s.address());
                out.accept("dispute on window " + r.window() + ": " + STAGE[st] + (!ours ? "" : st == RESOLVED_VALID
                        ? ": the window stands (the owner answered every move, or our clock ran out), so the bond went to the owner"
                        : ": the window is invalidated; the bond comes back with the reward (`chain withdraw`)"));
                return st;
            }
            if (!gm.challenger.equalsIgnoreCase(s.address())) {
                out.accept("dispute on window " + r.window() + " is played by " + gm.challenger + " (" + STAGE[st] + ")");
                return st;
            }
            long dl = deadline(h);
            if (s.nextBlockTime() > dl) { // as the transaction will see it
                if (st != AWAIT_STEP) timeout(h); // the owner's clock ran out
                else throw new ChainError(s.command + ": our clock to name a step ran out at " + when.apply(dl));
                continue;
            }
            if (st == AWAIT_STEP) {
                List<byte[]> posted = posted(h);
                Replay mine = priv && !r.holdsRecords() ? replayFromReveal(beast, r.window()) : r;
                int k = firstDisputed(posted, mine);
                name(mine, k);
                // a step the challenger can open (public, a private step whose record the owner revealed, the window-end
                // check): prove it at once; else the owner must open it
                if (canOpen(mine, k)) prove(mine, posted, k);
                else out.accept("step " + k + " drew a record the owner did not reveal: the owner must open it by " + when.apply(deadline(h)));
                continue;
            }
            if (System.currentTimeMillis() > until) {
                out.accept("dispute on window " + r.window() + ": " + STAGE[st] + ", next deadline " + when.apply(dl) + onward);
                return st;
            }
            sleep(pace.pollMillis());
        }
    }

    /**
     * The owner's answer to a game on its window r: post the digests when asked, open the named step when asked, and
     * claim the timeout when the challenger let its clock to name a step run out (the checkpoint stands, the owner is
     * paid the bond). Returns the stage it leaves the game in.
     */
    public int answer(Replay r) {
        byte[] h = r.hash();
        DisputeGame.Game gm = game(h);
        int st = gm.stage.intValue();
        if (challengerWalkedAway(h, st)) return claimTimeout(h);
        if (st == AWAIT_DIGESTS) {
            post(r);
            st = game(h).stage.intValue();
        }
        if (st == AWAIT_PROOF) {
            int k = game(h).step.intValue();
            prove(r, posted(h), k);
            st = game(h).stage.intValue();
        }
        return st;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainError("interrupted");
        }
    }
}
