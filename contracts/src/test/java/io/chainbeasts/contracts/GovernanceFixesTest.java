package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Security-review findings that need governance changes (spec/contracts.md "Security decisions"); the
 * tests share one deployment and run in order because each changes the season.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceFixesTest extends ChainTestBase {

    /** Proposes, waits out the timelock and applies; returns the proposal id. */
    BigInteger govern(String key, BigInteger value) throws Exception {
        BigInteger id = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key(key), value));
        c.increaseTime(3601);
        c.tx(acct(9), d.season, d.season.applyProposal(id));
        assertEquals(value, season(key));
        return id;
    }

    int active() throws Exception {
        return d.validators.activeCount().send().intValue();
    }

    /** M2: raising minStake, then topping up a validator counted under the old minStake, does not count it twice. */
    @Test
    @Order(1)
    void m2RaisedMinStakeDoesNotDoubleCount() throws Exception {
        Credentials a = acct(10), b = acct(11);
        BigInteger min = season("minStake");
        stakeValidator(a, min);
        assertEquals(1, active());
        govern("minStake", min.multiply(BigInteger.TWO));
        assertFalse(d.validators.isActive(a.getAddress()).send(), "below the new minStake");
        assertTrue(d.validators.counted(a.getAddress()).send(), "still counted until it acts or is synced");
        stakeValidator(a, min); // before the fix: was = inactive (new minStake), now active -> activeCount 2
        assertEquals(1, active(), "a is one validator");
        stakeValidator(b, min.multiply(BigInteger.TWO));
        assertEquals(2, active());
        c.tx(a, d.validators, d.validators.requestUnbond(min.multiply(BigInteger.TWO)));
        c.tx(b, d.validators, d.validators.requestUnbond(min.multiply(BigInteger.TWO)));
        assertEquals(0, active(), "both left");
    }

    /**
     * M2: after minStake is lowered, a validator that was never counted becomes active; slashing it used to
     * decrement activeCount below zero inside resolve, so the dispute could never resolve.
     */
    @Test
    @Order(2)
    void m2LoweredMinStakeDoesNotUnderflowInSlash() throws Exception {
        Credentials w = acct(12), x = acct(13), owner = acct(1), ch = acct(2);
        BigInteger min = season("minStake");
        BigInteger half = min.divide(BigInteger.valueOf(4));
        stakeValidator(w, half);
        stakeValidator(x, half);
        assertEquals(0, active());
        govern("minStake", half);
        assertTrue(d.validators.isActive(w.getAddress()).send());
        assertFalse(d.validators.counted(w.getAddress()).send());
        // anyone can re-count a validator against the current minStake
        c.tx(acct(9), d.validators, d.validators.sync(x.getAddress()));
        assertTrue(d.validators.counted(x.getAddress()).send());
        assertEquals(1, active());
        c.tx(x, d.validators, d.validators.requestUnbond(half));
        assertEquals(0, active());
        // w (active, never counted) commits and stays silent: resolve slashes it
        fundTrainer(owner, E.multiply(BigInteger.valueOf(1000)));
        BigInteger id = hatch(owner, 5, Z, Z);
        CheckpointPayload p = first(id, 100_000);
        submit(owner, p);
        BigInteger bond = d.ledger.records(p.hash()).send().component1().multiply(BigInteger.TWO);
        mint(ch, bond);
        approve(ch, d.disputes.getContractAddress(), bond);
        c.tx(ch, d.disputes, d.disputes.fileDispute(p.encode()));
        commit(w, p.hash(), 2, k("w"));
        c.increaseTime(3602);
        c.tx(ch, d.disputes, d.disputes.resolve(p.hash())); // before the fix: Panic (underflow) on every try
        assertEquals(half.subtract(season("slashAmount")), d.validators.stakeOf(w.getAddress()).send(), "silent committer slashed");
        assertEquals(0, active());
        assertFalse(d.validators.counted(w.getAddress()).send());
    }

    /** Low: windows and delays are cast to uint64 after adding block.timestamp: a huge value is refused, naming its key. */
    @Test
    @Order(3)
    void lowDurationsAreBoundedAndNamed() throws Exception {
        BigInteger huge = BigInteger.TWO.pow(64);
        for (String key : java.util.List.of("challengeWindow", "datasetRevealWindow", "commitWindow", "revealWindow", "unbondingDelay")) {
            BigInteger id = d.season.proposalCount().send();
            c.tx(gov, d.season, d.season.propose(Deployment.key(key), huge));
            c.increaseTime(3601);
            ContractRevertException e = expectRevert("InvariantViolated", () -> c.tx(acct(9), d.season, d.season.applyProposal(id)));
            assertEquals("0x" + io.chainbeasts.core.Hex.of(Deployment.key(key)), e.args().get(0), key + ": " + e.getMessage());
            assertEquals(huge, e.args().get(1));
        }
        // the bound itself is accepted for the delay (2^32 - 1 s)
        govern("unbondingDelay", d.season.MAX_DURATION().send());
    }

    /** M3: proposals expire after the grace period, and only the newest proposal of a key can be applied. */
    @Test
    @Order(4)
    void m3OnlyTheNewestUnexpiredProposalApplies() throws Exception {
        byte[] price = Deployment.key("energyPrice");
        BigInteger a = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(price, BigInteger.valueOf(5)));
        c.tx(gov, d.season, d.season.propose(price, BigInteger.TEN));
        BigInteger b = a.add(BigInteger.ONE);
        c.increaseTime(3601);
        // before the fix: apply 10 then 5 left the older decision (5) in force
        c.tx(acct(9), d.season, d.season.applyProposal(b));
        ContractRevertException e = expectRevert("SupersededProposal", () -> c.tx(acct(9), d.season, d.season.applyProposal(a)));
        assertEquals(b, e.args().get(1));
        assertEquals(BigInteger.TEN, season("energyPrice"));
        // a proposal not applied within the grace period expires
        BigInteger x = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key("blockCap"), BigInteger.valueOf(50)));
        c.increaseTime(3600 + d.season.GRACE_PERIOD().send().longValueExact() + 2);
        expectRevert("ProposalExpired", () -> c.tx(acct(9), d.season, d.season.applyProposal(x)));
        assertNotEquals(BigInteger.valueOf(50), season("blockCap"));
        govern("blockCap", BigInteger.valueOf(50)); // a fresh proposal applies
    }

    /**
     * The energy floor follows the governed step cost: baseStepCost 800 makes an honest hatch-mask window burn
     * 128 x 400 = 51,200 < the 64,000 floor, so every honest submit would revert. Such a proposal is refused by name;
     * the floor is lowered first (to what Java derives for 800), then the step cost applies; a floor above it is refused.
     */
    @Test
    @Order(5)
    void energyFloorFollowsTheGovernedStepCost() throws Exception {
        io.chainbeasts.curriculum.TrainingConstants t = io.chainbeasts.curriculum.TrainingConstants.DEFAULT;
        assertEquals(BigInteger.valueOf(OnChainSeason.minWindowEnergy(t)), d.season.hatchWindowEnergy().send(), "contract = Java at the defaults");
        BigInteger id = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key("baseStepCost"), BigInteger.valueOf(800)));
        c.increaseTime(3601);
        ContractRevertException e = expectRevert("InvariantViolated", () -> c.tx(acct(9), d.season, d.season.applyProposal(id)));
        assertEquals("0x" + io.chainbeasts.core.Hex.of(Deployment.key("baseStepCost")), e.args().get(0), e.getMessage());
        assertEquals(BigInteger.valueOf(800), e.args().get(1));
        assertEquals(BigInteger.valueOf(1000), season("baseStepCost"), "not applied");

        io.chainbeasts.curriculum.TrainingConstants t800 = new io.chainbeasts.curriculum.TrainingConstants(t.stepsPerEpoch(), t.lrShiftByEpoch(),
                t.powerEpoch(), t.blockEpoch(), 800, t.growthSlotCost());
        long floor800 = OnChainSeason.minWindowEnergy(t800);
        assertEquals(51_200, floor800);
        govern("minWindowEnergy", BigInteger.valueOf(floor800));
        govern("baseStepCost", BigInteger.valueOf(800));
        assertEquals(BigInteger.valueOf(floor800), d.season.hatchWindowEnergy().send(), "contract = Java under baseStepCost 800");
        BigInteger id2 = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key("minWindowEnergy"), BigInteger.valueOf(floor800 + 1)));
        c.increaseTime(3601);
        ContractRevertException e2 = expectRevert("InvariantViolated", () -> c.tx(acct(9), d.season, d.season.applyProposal(id2)));
        assertEquals("0x" + io.chainbeasts.core.Hex.of(Deployment.key("minWindowEnergy")), e2.args().get(0), e2.getMessage());
        // an honest hatch-mask window under 800 submits
        Credentials o = acct(12);
        fundTrainer(o, E.multiply(BigInteger.valueOf(1000)));
        BigInteger beast = hatch(o, 12, Z, Z);
        submit(o, first(beast, floor800));
    }

    /** The net-shape numbers SeasonRegistry mirrors are the Java ones. */
    @Test
    @Order(6)
    void seasonRegistryNetShapeConstantsAreJavas() throws Exception {
        assertEquals(io.chainbeasts.engine.Window.STEPS, d.season.WINDOW_STEPS().send().intValueExact());
        assertEquals(io.chainbeasts.engine.NetShape.activeParams(io.chainbeasts.engine.NetShape.HATCH_MASK), d.season.HATCH_ACTIVE_PARAMS().send().intValueExact());
        assertEquals(io.chainbeasts.engine.NetShape.SLAB_PARAMS, d.season.SLAB_PARAMS().send().intValueExact());
    }
}
