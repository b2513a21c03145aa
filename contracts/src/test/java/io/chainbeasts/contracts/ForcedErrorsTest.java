package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.contracts.generated.ForcedErrors;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.RealBattlePool;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.BeastState;
import io.chainbeasts.engine.Hatchery;
import io.chainbeasts.engine.TrainingPlan;
import io.chainbeasts.engine.Window;
import io.chainbeasts.engine.WindowContext;
import io.chainbeasts.engine.WindowInputs;
import io.chainbeasts.engine.WindowResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.chainbeasts.contracts.ChainTestBase.expectRevert;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Forced errors (ForcedErrors.sol, issue 14 item 5) on anvil with the real contracts and the real Solidity one-step
 * verifier: the keeper posts protocol windows made by the Java kernel (honest, or with one weight flipped after a
 * micro-step, training going on from there), plays the owner's side of the game from its own trace, and reveals after
 * the challenge window. A challenger that names the false step gets the game's payout, and the forced-error reward
 * after the reveal; a forced error nobody disputes returns its reward to the pool; a blind challenger of an honest
 * window loses its bond into the pool; the keeper's own timeout pays no reward. Every bad move reverts by name. The gas
 * of every move is printed as a table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForcedErrorsTest {
    static final BigInteger E = BigInteger.TEN.pow(18);
    static final SeasonConstants SEASON = SeasonConstants.DEFAULT;
    static final TrainingConstants TC = TrainingConstants.DEFAULT;

    @TempDir
    Path tmp;
    Anvil anvil;
    ChainClient c;
    Deployment d;
    Credentials keeper;
    ForcedErrors fe;
    DisputeGame game;
    RealBattlePool pool;
    long challengeWindow;
    final Map<String, BigInteger> gas = new LinkedHashMap<>();

    @BeforeAll
    void up() throws Exception {
        anvil = Anvil.start(6);
        c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
        keeper = c.account(0);
        d = Deployment.deploy(c, keeper, 3600, Deployment.defaultSeason(), Deployment.deployStepVerifier(c, keeper));
        fe = d.forced;
        game = d.game;
        pool = RealBattlePool.defaultPool(SEASON);
        gas.put("deploy ForcedErrors", d.deployGas.get("ForcedErrors"));
        challengeWindow = d.season.get(Deployment.key("challengeWindow")).send().longValueExact();
        BigInteger amount = E.multiply(BigInteger.valueOf(2000));
        c.tx(keeper, d.energy, d.energy.mint(keeper.getAddress(), amount));
        c.tx(keeper, d.energy, d.energy.approve(fe.getContractAddress(), amount));
        move("fund", c.tx(keeper, fe, fe.fund(amount)));
    }

    @AfterAll
    void down() {
        System.out.println("forced-error gas (anvil, ForcedErrorsTest, real StepVerifier):");
        gas.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-52s %,12d%n", k, v));
        if (c != null) c.close();
        if (anvil != null) anvil.close();
    }

    // ---- the keeper's side, written out here (node's ForcedErrorKeeper is the product's) ----

    /** A protocol window: its record and every point of the keeper's trace (the wrong one for a forced error). */
    record Win(WindowRecord rec, List<StepDigest.Point> trace, WindowInputs in, WindowRecord prev) {
        byte[] h() {
            return rec.checkpointHash();
        }

        List<byte[]> digests() {
            List<byte[]> l = new ArrayList<>();
            for (int k = 1; k <= Window.STEPS; k++) l.add(trace.get(k).digest());
            return l;
        }
    }

    BeastStore hatch(long seed) throws Exception {
        TransactionReceipt r = move("hatch (protocol beast)", c.tx(keeper, fe, fe.hatch(BigInteger.valueOf(seed))));
        BigInteger id = BeastNFT.getHatchedEvents(r).get(0).beastId;
        assertEquals(fe.getContractAddress().toLowerCase(Locale.ROOT), d.beasts.ownerOf(id).send().toLowerCase(Locale.ROOT), "ForcedErrors owns it");
        return Trainer.hatch(tmp.resolve("protocol" + id), new BeastStore.Identity(seed, c.chainId(), Hex.parse(d.ledger.getContractAddress()), id,
                new byte[32], new byte[32]));
    }

    /** Window i on top of the store's window i-1; with {@code faultPoint} > 0 a weight flipped right after micro-step faultPoint-1. */
    Win window(BeastStore store, long i, int faultPoint) {
        WindowRecord prev = i == 0 ? null : store.window(i - 1);
        BeastState pre = prev == null ? Hatchery.hatch(store.identity().seedCore()) : store.getState(prev.postStateHash());
        WindowContext ctx = TrainingPlan.context(pre, SEASON, TC, prev == null ? new byte[32] : prev.checkpointHash(), new byte[32], pool);
        WindowInputs in = WindowInputs.publicWindow(ctx, pool);
        List<StepDigest.Point> pts = new ArrayList<>();
        WindowResult res = StepDigest.replay(pre, in, true, faultPoint <= 0 ? null : (k, live) -> {
            if (k == faultPoint) live.w2[7] ^= 1;
        }, pts::add);
        WindowRecord rec = Trainer.record(store.identity(), i, pre.hash(), ctx, res, prev == null ? null : prev.decodedPayload(), new byte[0]);
        return new Win(rec, pts, in, prev);
    }

    static byte[] salt(byte[] h) {
        return Keccak256.hash(("salt-" + Hex.of(h)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** keccak256(abi.encodePacked(h, forced, salt)), computed here, not by the contract. */
    static byte[] commitment(byte[] h, boolean forced, byte[] salt) {
        return new Keccak256().update(h).update(new byte[] {(byte) (forced ? 1 : 0)}).update(salt).digest();
    }

    TransactionReceipt post(BeastStore store, Win w, boolean forced) throws Exception {
        return move(forced ? "post (forced)" : "post (honest)", c.tx(keeper, fe, fe.post(store.identity().beastId(), w.rec().payload(),
                d.season.season().send(), commitment(w.h(), forced, salt(w.h())))));
    }

    TransactionReceipt file(Credentials ch, Win w) throws Exception {
        BigInteger bond = d.ledger.records(w.h()).send().component1().multiply(d.season.get(Deployment.key("bondMultiplier")).send());
        c.tx(keeper, d.energy, d.energy.mint(ch.getAddress(), bond));
        c.tx(ch, d.energy, d.energy.approve(game.getContractAddress(), bond));
        return move("fileDispute (a protocol window)", c.tx(ch, game, game.fileDispute(w.rec().payload())));
    }

    /** The proof of step k from the keeper's trace (the keeper opens whatever is named, as an honest owner must). */
    DisputeGame.Proof proof(Win w, int k) {
        StepDigest.Point pt = w.trace().get(k);
        byte[] witness = k >= Window.STEPS ? new byte[0] : StepDigest.witness(pt.state(), pool);
        // every window but window 0 carries the previous payload (the context's epoch seed and growth slot come from it)
        byte[] anchor = w.prev() != null ? anchor(w.prev().payload(), Keccak256.hash(w.prev().context())) : new byte[0];
        return new DisputeGame.Proof(pt.state(), w.in().context().toBytes(), pt.lineage(), BigInteger.valueOf(pt.loss()),
                BigInteger.valueOf(pt.energy()), witness, anchor);
    }

    static byte[] anchor(byte[] prevPayload, byte[] prevCtxHash) {
        return DisputeGameTest.anchor(prevPayload, prevCtxHash);
    }

    /** The honest challenger's step: the first k whose posted D_k+1 is not the honest replay's (the node's firstDisputed). */
    static int firstDisputed(List<byte[]> posted, List<StepDigest.Point> honest) {
        for (int k = 0; k < Window.STEPS; k++) if (!Arrays.equals(posted.get(k), honest.get(k + 1).digest())) return k;
        return Window.STEPS;
    }

    void warpPast(byte[] h) throws Exception {
        long deadline = d.ledger.records(h).send().component2().longValueExact();
        c.increaseTime(deadline - c.now() + 1);
    }

    int stage(byte[] h) throws Exception {
        return game.getGame(h).send().stage.intValue();
    }

    BigInteger bal(Credentials a) throws Exception {
        return d.energy.balanceOf(a.getAddress()).send();
    }

    TransactionReceipt move(String label, TransactionReceipt r) {
        assertTrue(r.getGasUsed().compareTo(BigInteger.ONE.shiftLeft(24)) < 0, label + " used " + r.getGasUsed() + " gas, over 2^24");
        gas.merge(label, r.getGasUsed(), BigInteger::max);
        return r;
    }

    // ---- the cases ----

    @Test
    void aForcedErrorProvenWrongThroughTheGamePaysItsCatcherAfterTheReveal() throws Exception {
        BeastStore store = hatch(0xF0_01);
        new Trainer(store, SEASON, TC, pool, null, 0).train(1, new Trainer.Listener() { });
        Win honest0 = window(store, 0, 0);
        assertArrayEquals(store.window(0).checkpointHash(), honest0.h(), "the keeper's honest trace is the trainer's window");
        post(store, honest0, false);
        int faultPoint = 38; // micro-step 37 is false
        Win wrong1 = window(store, 1, faultPoint);
        Win true1 = window(store, 1, 0);
        assertFalse(Arrays.equals(wrong1.h(), true1.h()), "the forced window's payload is not the honest one");
        BigInteger poolBefore = fe.pool().send();
        TransactionReceipt posted = post(store, wrong1, true);
        BigInteger lock = d.ledger.records(wrong1.h()).send().component1();
        assertEquals(poolBefore.subtract(lock).subtract(Deployment.FORCED_ERROR_REWARD), fe.pool().send(), "the lock and the reward leave the pool");
        assertEquals(Deployment.FORCED_ERROR_REWARD, ForcedErrors.getPostedEvents(posted).get(0).reward);

        Credentials ch = c.account(2);
        BigInteger before = bal(ch);
        file(ch, wrong1);
        BigInteger bond = game.getGame(wrong1.h()).send().bond;
        move("postDigests (keeper, through ForcedErrors)", c.tx(keeper, fe, fe.postDigests(wrong1.h(), wrong1.digests())));
        int k = firstDisputed(wrong1.digests(), true1.trace());
        assertEquals(faultPoint - 1, k, "the challenger's replay departs at the flipped step");
        move("nameStep", c.tx(ch, game, game.nameStep(wrong1.h(), BigInteger.valueOf(k))));
        // the keeper opens the named step from its own trace: the real verifier re-executes micro-step 37 and disagrees
        move("proveStep by the keeper (real verifier)", c.tx(keeper, game, game.proveStep(wrong1.rec().payload(), wrong1.digests(), proof(wrong1, k))));
        assertEquals(DisputeGamePlayerStages.RESOLVED_INVALID, stage(wrong1.h()));
        assertFalse(d.ledger.resubmittable(wrong1.h()).send(), "invalidated by proof, not by a clock");

        expectRevert("RevealTooEarly", () -> c.tx(keeper, fe, fe.reveal(wrong1.h(), true, salt(wrong1.h()))));
        warpPast(wrong1.h());
        expectRevert("RevealMismatch", () -> c.tx(keeper, fe, fe.reveal(wrong1.h(), false, salt(wrong1.h()))));
        TransactionReceipt rv = move("reveal (CAUGHT)", c.tx(keeper, fe, fe.reveal(wrong1.h(), true, salt(wrong1.h()))));
        ForcedErrors.RevealedEventResponse ev = ForcedErrors.getRevealedEvents(rv).get(0);
        assertEquals(1, ev.outcome.intValue(), "CAUGHT");
        assertTrue(ev.forced);
        assertEquals(ch.getAddress().toLowerCase(Locale.ROOT), ev.catcher.toLowerCase(Locale.ROOT));
        assertEquals(BigInteger.ONE, fe.caughtBy(ch.getAddress()).send());
        assertEquals(Deployment.FORCED_ERROR_REWARD, fe.earnedBy(ch.getAddress()).send());
        expectRevert("AlreadyRevealed", () -> c.tx(keeper, fe, fe.reveal(wrong1.h(), true, salt(wrong1.h()))));

        // the usual payout (bond back + the lock less its burned share) from the game, the forced-error reward from the pool
        BigInteger burn = lock.multiply(d.season.get(Deployment.key("slashBurnBps")).send()).divide(BigInteger.valueOf(10_000));
        assertEquals(bond.add(lock).subtract(burn), game.owed(ch.getAddress()).send());
        c.tx(ch, game, game.withdraw());
        move("claim", c.tx(c.account(3), fe, fe.claim(wrong1.h()))); // anyone may send it: the catcher is paid
        // (the bond was minted to the challenger for the filing, so it counts once more here)
        assertEquals(before.add(bond).add(lock).subtract(burn).add(Deployment.FORCED_ERROR_REWARD), bal(ch),
                "catcher: its bond back + the lock's unburned half + the reward");
        expectRevert("AlreadyClaimed", () -> c.tx(ch, fe, fe.claim(wrong1.h())));

        // the honest window beside it stands: its reward goes back to the pool
        BigInteger poolMid = fe.pool().send();
        ForcedErrors.RevealedEventResponse honestEv = ForcedErrors.getRevealedEvents(
                move("reveal (STOOD)", c.tx(keeper, fe, fe.reveal(honest0.h(), false, salt(honest0.h()))))).get(0);
        assertEquals(4, honestEv.outcome.intValue(), "STOOD");
        assertEquals(poolMid.add(Deployment.FORCED_ERROR_REWARD), fe.pool().send());
        expectRevert("NotCaught", () -> c.tx(ch, fe, fe.claim(honest0.h())));

        // the chain head went back to window 0: the keeper's next honest window 1 builds on it
        new Trainer(store, SEASON, TC, pool, null, 0).train(1, new Trainer.Listener() { });
        post(store, window(store, 1, 0), false);
        assertEquals(1, d.ledger.records(store.window(1).checkpointHash()).send().component5().intValue(), "PENDING");
    }

    @Test
    void aForcedErrorNobodyDisputesReturnsItsRewardToThePool() throws Exception {
        BeastStore store = hatch(0xF0_02);
        Win wrong0 = window(store, 0, 2);
        BigInteger poolBefore = fe.pool().send();
        BigInteger reservedBefore = fe.reserved().send();
        post(store, wrong0, true);
        BigInteger lock = d.ledger.records(wrong0.h()).send().component1();
        warpPast(wrong0.h());
        ForcedErrors.RevealedEventResponse ev = ForcedErrors.getRevealedEvents(
                move("reveal (MISSED)", c.tx(c.account(4), fe, fe.reveal(wrong0.h(), true, salt(wrong0.h()))))).get(0); // anyone with the salt
        assertEquals(2, ev.outcome.intValue(), "MISSED");
        assertEquals(poolBefore.subtract(lock), fe.pool().send(), "only the lock left the pool; the reward is back");
        assertEquals(reservedBefore, fe.reserved().send());
        ContractRevertException notCaught = expectRevert("NotCaught", () -> c.tx(c.account(2), fe, fe.claim(wrong0.h())));
        assertTrue(notCaught.getMessage().contains(", 2)"), "names the outcome MISSED: " + notCaught.getMessage());
        assertTrue(fe.revealedForced().send().compareTo(fe.caughtForced().send()) > 0, "a missed forced error is counted");
        // it stood: anyone finalizes it, burning its lock like any checkpoint's
        c.tx(keeper, d.ledger, d.ledger.finalize(wrong0.rec().payload()));
        assertEquals(3, d.ledger.records(wrong0.h()).send().component5().intValue(), "FINALIZED");
    }

    @Test
    void aCatchIsPaidEvenWhenTheKeeperNeverReveals() throws Exception {
        BeastStore store = hatch(0xF0_05);
        Win wrong0 = window(store, 0, 100);
        Win true0 = window(store, 0, 0);
        post(store, wrong0, true);
        Credentials ch = c.account(4);
        file(ch, wrong0);
        c.tx(keeper, fe, fe.postDigests(wrong0.h(), wrong0.digests()));
        int k = firstDisputed(wrong0.digests(), true0.trace());
        assertEquals(99, k);
        c.tx(ch, game, game.nameStep(wrong0.h(), BigInteger.valueOf(k)));
        // this time the challenger proves it itself, from its honest replay (anyone may; the result decides)
        move("proveStep by the challenger (real verifier)", c.tx(ch, game, game.proveStep(wrong0.rec().payload(), wrong0.digests(), proof(true0, k))));
        assertEquals(DisputeGamePlayerStages.RESOLVED_INVALID, stage(wrong0.h()));
        warpPast(wrong0.h());
        expectRevert("NotRevealedYet", () -> c.tx(ch, fe, fe.claim(wrong0.h())));
        c.increaseTime(fe.REVEAL_GRACE().send().longValueExact());
        BigInteger before = bal(ch);
        move("claim (unrevealed, after REVEAL_GRACE)", c.tx(ch, fe, fe.claim(wrong0.h())));
        assertEquals(before.add(Deployment.FORCED_ERROR_REWARD), bal(ch), "the catch is paid without the keeper");
        assertEquals(1, fe.getEntry(wrong0.h()).send().outcome.intValue(), "CAUGHT");
        expectRevert("AlreadyRevealed", () -> c.tx(keeper, fe, fe.reveal(wrong0.h(), true, salt(wrong0.h()))));
        expectRevert("AlreadyClaimed", () -> c.tx(ch, fe, fe.claim(wrong0.h())));
    }

    @Test
    void aBlindChallengerOfAnHonestWindowFundsThePoolAndAKeeperTimeoutPaysNoReward() throws Exception {
        BeastStore store = hatch(0xF0_03);
        new Trainer(store, SEASON, TC, pool, null, 0).train(2, new Trainer.Listener() { });
        Win w0 = window(store, 0, 0);
        post(store, w0, false);
        Credentials blind = c.account(5);
        file(blind, w0);
        move("postDigests (keeper, through ForcedErrors)", c.tx(keeper, fe, fe.postDigests(w0.h(), w0.digests())));
        c.tx(blind, game, game.nameStep(w0.h(), BigInteger.valueOf(5))); // a guess: the window is honest
        move("proveStep by the keeper (real verifier)", c.tx(keeper, game, game.proveStep(w0.rec().payload(), w0.digests(), proof(w0, 5))));
        assertEquals(DisputeGamePlayerStages.RESOLVED_VALID, stage(w0.h()));
        BigInteger owed = game.owed(fe.getContractAddress()).send();
        assertTrue(owed.signum() > 0, "the blind challenger's bond is owed to ForcedErrors, the owner");
        BigInteger poolBefore = fe.pool().send();
        move("collect", c.tx(c.account(3), fe, fe.collect()));
        assertEquals(poolBefore.add(owed), fe.pool().send(), "the lost bond is in the pool");
        expectRevert("NothingToWithdraw", () -> c.tx(keeper, fe, fe.collect()));

        // window 1 disputed and the keeper never answers: invalid by its own timeout, which is no proof
        Win w1 = window(store, 1, 0);
        post(store, w1, false);
        file(c.account(1), w1);
        expectRevert("NotKeeper", () -> c.tx(c.account(1), fe, fe.postDigests(w1.h(), w1.digests())));
        warpPast(w1.h());
        expectRevert("GameInProgress", () -> c.tx(keeper, fe, fe.reveal(w1.h(), false, salt(w1.h()))));
        c.increaseTime(game.getGame(w1.h()).send().trainerClock.longValueExact() + 1); // the owner's clock (hours) runs out
        c.tx(c.account(1), game, game.timeout(w1.h()));
        assertTrue(d.ledger.resubmittable(w1.h()).send(), "invalidated by default");
        ForcedErrors.RevealedEventResponse ev = ForcedErrors.getRevealedEvents(c.tx(keeper, fe, fe.reveal(w1.h(), false, salt(w1.h())))).get(0);
        assertEquals(3, ev.outcome.intValue(), "DEFAULTED");
        expectRevert("NotCaught", () -> c.tx(c.account(1), fe, fe.claim(w1.h())));
    }

    @Test
    void badMovesRevertWithNamedErrors() throws Exception {
        BeastStore store = hatch(0xF0_04);
        Win w0 = window(store, 0, 0);
        BigInteger version = d.season.season().send();
        byte[] cm = commitment(w0.h(), false, salt(w0.h()));
        BigInteger id = store.identity().beastId();
        expectRevert("NotKeeper", () -> c.tx(c.account(1), fe, fe.post(id, w0.rec().payload(), version, cm)));
        expectRevert("NotKeeper", () -> c.tx(c.account(1), fe, fe.hatch(BigInteger.ONE)));
        expectRevert("NotKeeper", () -> c.tx(c.account(1), fe, fe.setReward(BigInteger.ONE)));
        expectRevert("ZeroCommitment", () -> c.tx(keeper, fe, fe.post(id, w0.rec().payload(), version, new byte[32])));
        expectRevert("NotPosted", () -> c.tx(keeper, fe, fe.reveal(w0.h(), false, salt(w0.h()))));
        expectRevert("NotPosted", () -> c.tx(keeper, fe, fe.claim(w0.h())));
        c.tx(keeper, fe, fe.setReward(E.multiply(BigInteger.TEN.pow(9))));
        expectRevert("PoolTooSmall", () -> c.tx(keeper, fe, fe.post(id, w0.rec().payload(), version, cm)));
        c.tx(keeper, fe, fe.setReward(Deployment.FORCED_ERROR_REWARD));
        post(store, w0, false);
        expectRevert("AlreadyPosted", () -> c.tx(keeper, fe, fe.post(id, w0.rec().payload(), version, cm)));
        // a player's beast cannot be posted through ForcedErrors: the ledger refuses (ForcedErrors does not own it)
        Credentials player = c.account(1);
        c.tx(player, d.beasts, d.beasts.hatch(BigInteger.valueOf(77), new byte[32], new byte[32]));
        BigInteger playerBeast = d.beasts.totalHatched().send();
        CheckpointPayload p = new CheckpointPayload(1, c.chainId(), Hex.parse(d.ledger.getContractAddress()), playerBeast, 0, new byte[32], 128,
                64_000, 0xFF, 4, Keccak256.hash(new byte[] {1}), Keccak256.hash(new byte[] {2}), false);
        expectRevert("NotBeastOwner", () -> c.tx(keeper, fe, fe.post(playerBeast, p.encode(), version, cm)));
    }

    /** The game's stage codes (DisputeGamePlayer's live in node; ContractConstantsTest holds them to the contract). */
    static final class DisputeGamePlayerStages {
        static final int RESOLVED_VALID = 4;
        static final int RESOLVED_INVALID = 5;
    }
}
