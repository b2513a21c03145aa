package io.chainbeasts.contracts;

import io.chainbeasts.contracts.generated.ProgrammedStepVerifier;
import io.chainbeasts.curriculum.RealBattlePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.io.IOException;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12's attacks against the default deployment ({@link Deployment#deploy}, what `chain up` deploys): the dispute
 * game over the real Solidity StepVerifier is the ledger's dispute contract, and DisputeManager's vote can decide
 * nothing (the ledger answers it NotDisputeManager). Every DisputeGameTest case runs again here on that deployment,
 * plus the attacks that counted on validators: more than 320 of them, idle or lying, change no outcome.
 */
class DefaultDeploymentGameTest extends DisputeGameRealVerifierTest {
    /** More than 320 active validators: the vote's voter cap was 64 while its quorum counted everyone active. */
    static final int VALIDATORS = 321;
    static final int FIRST_VALIDATOR = 40;

    @Override
    int accounts() {
        return FIRST_VALIDATOR + VALIDATORS;
    }

    @Override
    LocalChain start() throws IOException {
        return LocalChain.up(accounts(), seasonValues(), 3600);
    }

    /** The deployment's own ledger and game; the programmed verifier is deployed only because proof() programs it. */
    @Override
    @BeforeAll
    void deployGame() {
        pool = RealBattlePool.defaultPool(SEASON);
        assertNotNull(d.game, "the default deployment has a dispute game");
        String pvAddr = c.deploy(gov, ProgrammedStepVerifier.BINARY, "", "ProgrammedStepVerifier").getContractAddress();
        var ro = new ReadonlyTransactionManager(c.web3j(), gov.getAddress());
        pv = ProgrammedStepVerifier.load(pvAddr, c.web3j(), ro, new DefaultGasProvider());
        gl = d.ledger;
        game = d.game;
    }

    @Override
    String verifierName() {
        return "default deployment";
    }

    private boolean staked;

    /** Stakes minStake for every validator account once (the attacks' validators: idle, or lying). */
    void stakeValidators() throws Exception {
        if (staked) return;
        BigInteger min = d.validators.minStake().send();
        for (int i = 0; i < VALIDATORS; i++) {
            Credentials v = acct(FIRST_VALIDATOR + i);
            mint(v, min);
            approve(v, d.validators.getContractAddress(), min);
            c.tx(v, d.validators, d.validators.stake(min));
        }
        assertEquals(BigInteger.valueOf(VALIDATORS), d.validators.activeCount().send(), "active validators");
        staked = true;
    }

    @Test
    void theLedgerTakesNoDisputeFromTheVote() throws Exception {
        assertEquals(game.getContractAddress().toLowerCase(), gl.disputeManager().send().toLowerCase(), "the game is the ledger's dispute contract");
        Beast b = beast(32, 1400, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Credentials ch = acct(33);
        BigInteger bond = gl.records(w0.payload().hash()).send().component1().multiply(season("bondMultiplier"));
        mint(ch, bond);
        approve(ch, d.disputes.getContractAddress(), bond);
        expectRevert("NotDisputeManager", () -> c.tx(ch, d.disputes, d.disputes.fileDispute(w0.payload().encode())));
    }

    /**
     * Before: more than 320 active validators made 64 unanimous INVALID reveals INCONCLUSIVE, and 10 idle validators
     * against 2 honest ones let a bad window finalize. Now 321 validators stake and stay idle, none can vote (there is
     * nothing to vote on), and one challenger's proof invalidates the bad window.
     */
    @Test
    void moreThan320IdleValidatorsCannotSaveABadWindow() throws Exception {
        stakeValidators();
        Beast b = beast(34, 1500, 1);
        Win w0 = b.windows().get(0);
        submitTo(b.owner(), w0.payload());
        Win lie = cheatWindow(b, w0, 37);
        submitTo(b.owner(), lie.payload());
        Credentials ch = acct(35);
        fileOn(ch, lie.payload());
        // a validator has no vote to cast on it: DisputeManager holds no dispute (the ledger refuses it one)
        expectRevert("NoSuchDispute", () -> c.tx(acct(FIRST_VALIDATOR), d.disputes, d.disputes.commitVerdict(lie.payload().hash(), k("INVALID"))));
        post(b, lie);
        name(ch, lie, firstDisputed(lie));
        prove(ch, lie, proof(lie, w0, 37), "proveStep 0<k<128");
        assertEquals(5, stage(lie.payload()), "RESOLVED_INVALID: one honest challenger against 321 idle validators");
        assertEquals(4, ledgerStatus(lie.payload()), "INVALIDATED");
        c.increaseTime(season("challengeWindow").longValueExact() + 1);
        expectRevert("NotPending", () -> c.tx(gov, gl, gl.finalize(lie.payload().encode())));
    }

    /**
     * Before: a lying 34 % of the revealed votes resolved an honest window's dispute VALID... or a lying majority
     * INVALID, slashing honest voters. Now validators vote on nothing: liars among them (here 3 of the 321, then as
     * many as care to) can only file games, and each pays its bond to the honest owner; no validator is slashed.
     */
    @Test
    void lyingValidatorsOfAnyShareCannotInvalidateAnHonestWindow() throws Exception {
        stakeValidators();
        Beast b = beast(36, 1600, 2);
        Win w0 = b.windows().get(0), w1 = b.windows().get(1);
        submitTo(b.owner(), w0.payload());
        submitTo(b.owner(), w1.payload());
        BigInteger min = d.validators.minStake().send();
        BigInteger ownerBefore = owed(b.owner());
        BigInteger bond = gl.records(w1.payload().hash()).send().component1().multiply(season("bondMultiplier"));
        int[] named = {0, 64, 128};
        for (int i = 0; i < named.length; i++) {
            Credentials liar = acct(FIRST_VALIDATOR + i);
            fileOn(liar, w1.payload());
            post(b, w1);
            name(liar, w1, named[i]);
            prove(b.owner(), w1, proof(w1, w0, named[i]), named[i] == 128 ? "proveStep k=128 (window-end check)"
                    : named[i] == 0 ? "proveStep k=0 (anchored D_0)" : "proveStep 0<k<128");
            assertEquals(4, stage(w1.payload()), "RESOLVED_VALID against liar " + i);
            assertEquals(BigInteger.ZERO, owed(liar), "the liar gets nothing back");
        }
        assertEquals(ownerBefore.add(bond.multiply(BigInteger.valueOf(named.length))), owed(b.owner()), "the owner holds every liar's bond");
        for (int i = 0; i < VALIDATORS; i++) {
            assertEquals(min, d.validators.stakeOf(acct(FIRST_VALIDATOR + i).getAddress()).send(), "validator " + i + " is never slashed");
        }
        assertEquals(1, ledgerStatus(w1.payload()), "PENDING: it finalizes after its challenge window");
    }
}
