package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.contracts.generated.ForcedErrors;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The protocol operator's side of forced errors (contracts/src/ForcedErrors.sol, spec/contracts.md "Forced errors"):
 * hatches protocol beasts (owned by the ForcedErrors contract), posts their windows, honest or deliberately wrong, each
 * with a commitment to which it is, plays the owner's side of every dispute game on them from its own trace (the
 * digests of the wrong trace; it opens whatever step is named, so a catch is a real one-step proof), and reveals each
 * commitment once its challenge window has passed.
 *
 * <p>Stateless: everything secret is derived from the keeper's key, like a validator's verdict salt. The salt of a
 * post is {@link #salt}; a wrong window's fault (one bit of one weight flipped right after one micro-step) sits at
 * {@link #faultPoint}. Honest windows live in the beast's store; a wrong one never enters it (it is rebuilt from the
 * store's previous window whenever a game needs it). So a caught forced error leaves the store at the chain's head
 * again, and a forced error that stood ends its beast (nobody could replay past it): the keeper hatches another.
 */
public final class ForcedErrorKeeper {
    /** The weight a wrong trace flips (its lowest bit): any weight does, the state hash changes either way. */
    static final int FAULT_WEIGHT = 7;

    private final ChainSession s;
    private final ForcedErrors fe;
    private final Consumer<String> out;
    private final LongFunction<String> when;

    public ForcedErrorKeeper(ChainSession s, Consumer<String> out, LongFunction<String> when) {
        if (s.d.forced == null || s.d.game == null) {
            throw new ChainError(s.command + ": --chain: this deployment has no ForcedErrors contract (it comes with the dispute game, which `chain up` deploys unless `--vote`)");
        }
        this.s = s;
        this.fe = s.d.forced;
        this.out = out;
        this.when = when;
    }

    // ---- what the key derives ----

    /** The salt of the post of checkpoint {@code h}: keccak256("chainbeasts/forced-salt" || key || h); secret until revealed. */
    public static byte[] salt(org.web3j.crypto.Credentials key, byte[] h) {
        return new Keccak256().update("chainbeasts/forced-salt".getBytes(StandardCharsets.US_ASCII)).update(privateKey(key)).update(h).digest();
    }

    /**
     * The point k (2..128) after which a wrong window of {@code beastId} at {@code window} flips its weight: D_k is the
     * first false digest, so micro-step k-1 (1..127) is the false transition (never step 0 of window 0, whose hatch
     * anchor the game cannot check yet). Derived from the key, so nobody else can predict it.
     */
    public static int faultPoint(org.web3j.crypto.Credentials key, BigInteger beastId, long window) {
        byte[] d = new Keccak256().update("chainbeasts/forced-fault".getBytes(StandardCharsets.US_ASCII)).update(privateKey(key))
                .update(new CanonicalWriter(40).bytes32(uint256(beastId)).i64(window).toByteArray()).digest();
        return 2 + new BigInteger(1, d).mod(BigInteger.valueOf(Window.STEPS - 1)).intValue();
    }

    /** c = keccak256(h || u8 forced || salt), as ForcedErrors.commitmentOf. */
    public static byte[] commitment(byte[] h, boolean forced, byte[] salt) {
        return new Keccak256().update(h).update(new byte[] {(byte) (forced ? 1 : 0)}).update(salt).digest();
    }

    private static byte[] privateKey(org.web3j.crypto.Credentials key) {
        return uint256(key.getEcKeyPair().getPrivateKey());
    }

    private static byte[] uint256(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    // ---- a protocol window's trace ----

    /** Window {@code i} of a protocol beast as its keeper built it: the record (payload) and every point of its trace. */
    public record Trace(WindowRecord record, DisputeGamePlayer.Replay replay, boolean forced, int faultPoint) {}

    /**
     * Window {@code i} on top of the store's window i-1 (the hatch state for i = 0) under constants {@code c}: honest, or
     * with the weight flipped after point {@code faultPoint} and training going on from there.
     */
    public static Trace trace(BeastStore store, long i, ChainBeast.Constants c, boolean forced, int faultPoint) {
        BeastStore.Identity id = store.identity();
        WindowRecord prev = i == 0 ? null : store.window(i - 1);
        BeastState pre = prev == null ? Hatchery.hatch(id.seedCore()) : store.getState(prev.postStateHash());
        RealBattlePool pool = RealBattlePool.defaultPool(c.season());
        WindowContext ctx = TrainingPlan.context(pre, c.season(), c.training(), prev == null ? new byte[32] : prev.checkpointHash(),
                id.datasetCommitment(), pool);
        WindowInputs in = WindowInputs.publicWindow(ctx, pool);
        List<StepDigest.Point> pts = new ArrayList<>();
        StepDigest.Fault fault = forced ? (k, live) -> {
            if (k == faultPoint) live.w2[FAULT_WEIGHT] ^= 1;
        } : null;
        WindowResult res = StepDigest.replay(pre, in, true, fault, pts::add);
        WindowRecord rec = Trainer.record(id, i, pre.hash(), ctx, res, prev == null ? null : prev.decodedPayload(), new byte[0]);
        DisputeGamePlayer.Replay r = new DisputeGamePlayer.Replay(i, rec.payload(), prev == null ? null : prev.payload(),
                prev == null ? null : Keccak256.hash(prev.context()), in, pts, null, null);
        return new Trace(rec, r, forced, forced ? faultPoint : -1);
    }

    // ---- the keeper's moves ----

    /** Hatches a protocol beast (ForcedErrors.hatch: the contract owns it) and its local store in {@code dir}. */
    public BeastStore hatch(long seedCore, Path dir) {
        keeperOnly();
        BeastStore.checkHatchable(dir); // before the mint: the contract's beast must have a folder to hatch in
        TransactionReceipt r = s.tx(fe, fe.hatch(new BigInteger(Long.toUnsignedString(seedCore))), "ForcedErrors.hatch");
        List<BeastNFT.HatchedEventResponse> ev = BeastNFT.getHatchedEvents(r);
        if (ev.isEmpty()) throw new ChainError(s.command + ": ForcedErrors.hatch: no Hatched event in transaction " + r.getTransactionHash());
        BeastStore.Identity id = new BeastStore.Identity(seedCore, s.client.chainId(), Hex.parse(s.d.ledger.getContractAddress()), ev.get(0).beastId,
                new byte[32], new byte[32]);
        BeastStore store = Trainer.hatch(dir, id);
        out.accept("protocol beast #" + id.beastId() + " hatched (seed_core 0x" + Long.toHexString(seedCore) + ", owner ForcedErrors "
                + fe.getContractAddress() + "): gas " + r.getGasUsed() + "; store " + dir);
        return store;
    }

    /** Funds the pool with {@code amount} wei of ENERGY from the key (approving first when needed). */
    public void fund(BigInteger amount) {
        String addr = fe.getContractAddress();
        BigInteger balance = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
        if (balance.compareTo(amount) < 0) { // said before the approve, which would cost gas for nothing
            throw new ChainError(s.command + ": --key: " + s.address() + " holds " + ChainSession.energy(balance) + ", less than the "
                    + ChainSession.energy(amount) + " to fund: get ENERGY first (`chain mint` on a local chain)");
        }
        if (s.view(s.d.energy.allowance(s.address(), addr), "Energy.allowance").compareTo(amount) < 0) {
            TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(addr, amount), "Energy.approve");
            out.accept("approve " + ChainSession.energy(amount) + " to ForcedErrors: gas " + a.getGasUsed());
        }
        TransactionReceipt f = s.tx(fe, fe.fund(amount), "ForcedErrors.fund");
        out.accept("fund " + ChainSession.energy(amount) + ": gas " + f.getGasUsed() + "; pool now "
                + ChainSession.energy(s.view(fe.pool(), "ForcedErrors.pool")));
    }

    /**
     * Posts the protocol beast's next window: honest (trained into its store, or the store's next window when already
     * trained) or, with {@code forced}, deliberately wrong (never stored). Returns the checkpoint hash.
     */
    public byte[] post(Path dir, boolean forced) {
        keeperOnly();
        ChainBeast b = protocolBeast(dir);
        byte[] head = b.head();
        long i = Arrays.equals(head, new byte[32]) ? 0 : s.view(s.d.ledger.records(head), "CheckpointLedger.records").component3().longValueExact() + 1;
        long stored = b.store.head().windows();
        if (i > stored || i > 0 && !Arrays.equals(b.window(i - 1).checkpointHash(), head)) {
            throw new ChainError(s.command + ": --beast: beast #" + b.id.beastId() + "'s head on chain (" + ChainSession.short32(head) + ", window " + (i - 1)
                    + ") is not in " + dir + ": a forced error that stood ends its beast (nobody can replay past it); hatch another with `chain forced-error hatch`");
        }
        ChainBeast.Constants c = ChainBeast.constants(s);
        WindowRecord rec;
        int fault = -1;
        if (forced) {
            fault = faultPoint(s.me, b.id.beastId(), i);
            rec = trace(b.store, i, c, true, fault).record();
        } else {
            if (stored == i) {
                new Trainer(b.store, c.season(), c.training(), RealBattlePool.defaultPool(c.season()), null, 0).train(1, new Trainer.Listener() { });
            }
            rec = b.store.window(i);
        }
        byte[] h = rec.checkpointHash();
        byte[] commitment = commitment(h, forced, salt(s.me, h));
        BigInteger version = s.view(s.d.season.season(), "SeasonRegistry.season");
        TransactionReceipt t;
        try {
            t = s.tx(fe, fe.post(b.id.beastId(), rec.payload(), version, commitment), "ForcedErrors.post(window " + i + ")");
        } catch (ChainError e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("PoolTooSmall\\((\\d+), (\\d+)\\)").matcher(e.getMessage());
            if (!m.find()) throw e;
            throw new ChainError(s.command + ": the forced-error pool has " + ChainSession.energy(new BigInteger(m.group(1))) + " free; posting window " + i
                    + " needs " + ChainSession.energy(new BigInteger(m.group(2))) + " (its ENERGY lock and the reward): `chain forced-error fund` first");
        }
        var r = s.view(s.d.ledger.records(h), "CheckpointLedger.records");
        out.accept("posted window " + i + " of protocol beast #" + b.id.beastId() + " (" + ChainSession.short32(h) + ", "
                + (forced ? "forced error: micro-step " + (fault - 1) + " is false" : "honest") + "): gas " + t.getGasUsed() + "; locks "
                + ChainSession.energy(r.component1()) + ", reserves " + ChainSession.energy(s.view(fe.getEntry(h), "ForcedErrors.getEntry").reward)
                + "; revealed after " + when.apply(r.component2().longValueExact()));
        return h;
    }

    /**
     * Plays the owner's side of every open game on the given protocol beasts' posts: posts the digests of the keeper's
     * own trace (the wrong one for a forced error) and opens the named step from it, whatever the result. Returns the
     * moves made.
     */
    public int answer(List<Path> dirs) {
        keeperOnly();
        int moves = 0;
        DisputeGamePlayer player = new DisputeGamePlayer(s, out, when);
        for (Path dir : dirs) {
            ChainBeast b = protocolBeast(dir);
            for (Post p : posts()) {
                if (!p.beastId().equals(b.id.beastId())) continue;
                DisputeGame.Game g = player.game(p.h());
                int st = g.stage.intValue();
                if (st != DisputeGamePlayer.AWAIT_DIGESTS && st != DisputeGamePlayer.AWAIT_PROOF) continue;
                Trace tr = traceOf(b, p);
                String tag = "protocol beast #" + b.id.beastId() + " window " + tr.replay().window();
                out.accept(tag + ": disputed by " + g.challenger + ", " + DisputeGamePlayer.STAGE[st] + ": answering from the keeper's "
                        + (tr.forced() ? "wrong" : "honest") + " trace");
                if (st == DisputeGamePlayer.AWAIT_DIGESTS) {
                    TransactionReceipt t = s.tx(fe, fe.postDigests(p.h(), tr.replay().digests()), "ForcedErrors.postDigests");
                    out.accept("postDigests (128 step digests, through ForcedErrors): gas " + t.getGasUsed() + "; the challenger must name a step by "
                            + when.apply(player.deadline(p.h())));
                } else {
                    player.prove(tr.replay(), player.posted(p.h()), g.step.intValue());
                }
                moves++;
            }
        }
        return moves;
    }

    /** Reveals every post whose challenge window has passed and on which no game is open. Returns the reveals made. */
    public int reveal() {
        int n = 0;
        long now = s.now();
        for (Post p : posts()) {
            ForcedErrors.Entry e = s.view(fe.getEntry(p.h()), "ForcedErrors.getEntry");
            if (e.outcome.intValue() != 0) continue;
            var rec = s.view(s.d.ledger.records(p.h()), "CheckpointLedger.records");
            long deadline = rec.component2().longValueExact();
            String tag = "beast #" + p.beastId() + " window " + rec.component3() + " (" + ChainSession.short32(p.h()) + ")";
            if (now <= deadline) {
                out.accept(tag + ": not yet (challenge window open until " + when.apply(deadline) + ")");
                continue;
            }
            if (CheckpointStatus.of(rec.component5().intValue()) == CheckpointStatus.DISPUTED) {
                out.accept(tag + ": not yet (a dispute game on it is still open)");
                continue;
            }
            byte[] salt = salt(s.me, p.h());
            Boolean forced = Arrays.equals(commitment(p.h(), true, salt), e.commitment) ? Boolean.TRUE
                    : Arrays.equals(commitment(p.h(), false, salt), e.commitment) ? Boolean.FALSE : null;
            if (forced == null) {
                out.accept(tag + ": posted under another keeper's key: its salt is not this key's, skipped");
                continue;
            }
            TransactionReceipt t = s.tx(fe, fe.reveal(p.h(), forced, salt), "ForcedErrors.reveal");
            ForcedErrors.RevealedEventResponse ev = ForcedErrors.getRevealedEvents(t).get(0);
            int outcome = ev.outcome.intValue();
            out.accept(tag + ": revealed " + (forced ? "forced error" : "honest window") + ", " + OUTCOME[outcome]
                    + (outcome == 1 ? " by " + ev.catcher + " (" + ChainSession.energy(ev.reward) + " to claim)"
                    : " (" + ChainSession.energy(ev.reward) + " back to the pool)") + ": gas " + t.getGasUsed());
            n++;
        }
        return n;
    }

    /** ForcedErrors' outcome names, by code (ContractConstantsTest holds them to the contract's). */
    public static final String[] OUTCOME = {"UNREVEALED", "CAUGHT", "MISSED", "DEFAULTED", "STOOD"};

    /** One ForcedErrors.post on chain. */
    public record Post(byte[] h, BigInteger beastId, Log log) {}

    /** Every post made through ForcedErrors, in chain order. */
    public List<Post> posts() {
        List<Post> l = new ArrayList<>();
        for (Log log : s.logs(fe.getContractAddress(), ForcedErrors.POSTED_EVENT, null)) {
            ForcedErrors.PostedEventResponse ev = ForcedErrors.getPostedEventFromLog(log);
            l.add(new Post(ev.checkpointHash, ev.beastId, log));
        }
        return l;
    }

    /** The keeper's trace of a post: forced or honest by its commitment, under the constants of its submission. */
    private Trace traceOf(ChainBeast b, Post p) {
        ForcedErrors.Entry e = s.view(fe.getEntry(p.h()), "ForcedErrors.getEntry");
        long i = s.view(s.d.ledger.records(p.h()), "CheckpointLedger.records").component3().longValueExact();
        boolean forced = Arrays.equals(commitment(p.h(), true, salt(s.me, p.h())), e.commitment);
        ChainBeast.Constants c = new SeasonEras(s).at(SeasonEras.Position.of(p.log()));
        Trace tr = trace(b.store, i, c, forced, faultPoint(s.me, b.id.beastId(), i));
        if (!Arrays.equals(tr.record().checkpointHash(), p.h())) {
            throw new ChainError(s.command + ": protocol beast #" + b.id.beastId() + " window " + i + ": the keeper's trace does not rebuild checkpoint "
                    + ChainSession.hex(p.h()) + " (another keeper's key, or a store that is not the one it was posted from)");
        }
        return tr;
    }

    private ChainBeast protocolBeast(Path dir) {
        ChainBeast b = ChainBeast.open(s, dir);
        String owner = b.owner();
        if (!owner.equalsIgnoreCase(fe.getContractAddress())) {
            throw new ChainError(s.command + ": --beast: " + dir + ": beast #" + b.id.beastId() + " is owned by " + owner
                    + ", not by ForcedErrors " + fe.getContractAddress() + " (hatch protocol beasts with `chain forced-error hatch`)");
        }
        return b;
    }

    private void keeperOnly() {
        String k = s.view(fe.keeper(), "ForcedErrors.keeper");
        if (!k.equalsIgnoreCase(s.address())) {
            throw new ChainError(s.command + ": --key: " + s.address() + " is not the forced-error keeper (" + k + ")");
        }
    }
}
