package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.Hex;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** BeastNFT, Energy, SeasonRegistry and CheckpointLedger on anvil: happy paths and every revert. */
class LedgerTest extends ChainTestBase {
    @Override
    Map<String, BigInteger> seasonValues() {
        return syntheticSeason(1); // synthetic payloads burn 1..1000 units
    }


    @Test
    void hatchStoresImmutableMetadata() throws Exception {
        Credentials o = acct(1);
        BigInteger id = hatch(o, 0x1234_5678_9ABC_DEF0L, k("dataset"), k("secret-commit"));
        assertEquals(o.getAddress().toLowerCase(), d.beasts.ownerOf(id).send().toLowerCase());
        assertEquals(new BigInteger("123456789ABCDEF0", 16), d.beasts.seedCore(id).send());
        assertArrayEquals(k("dataset"), d.beasts.cDataset(id).send());
        assertArrayEquals(k("secret-commit"), d.beasts.ownerSecretCommitment(id).send());
        expectRevert("NoSuchBeast", () -> c.call(o.getAddress(), d.beasts, d.beasts.ownerOf(BigInteger.valueOf(999))));
        // transfer rules
        expectRevert("NotOwnerNorApproved", () -> c.tx(acct(2), d.beasts, d.beasts.transferFrom(o.getAddress(), acct(2).getAddress(), id)));
        expectRevert("WrongFrom", () -> c.tx(o, d.beasts, d.beasts.transferFrom(acct(2).getAddress(), acct(2).getAddress(), id)));
        c.tx(o, d.beasts, d.beasts.approve(acct(2).getAddress(), id));
        c.tx(acct(2), d.beasts, d.beasts.transferFrom(o.getAddress(), acct(2).getAddress(), id));
        assertEquals(acct(2).getAddress().toLowerCase(), d.beasts.ownerOf(id).send().toLowerCase());
        assertArrayEquals(k("dataset"), d.beasts.cDataset(id).send(), "metadata survives transfer");
    }

    @Test
    void energyErrors() {
        expectRevert("NotAdmin", () -> c.tx(acct(1), d.energy, d.energy.mint(acct(1).getAddress(), BigInteger.ONE)));
        expectRevert("InsufficientBalance", () -> c.tx(acct(3), d.energy, d.energy.transfer(acct(1).getAddress(), E)));
        expectRevert("InsufficientAllowance", () -> c.tx(acct(1), d.energy, d.energy.transferFrom(acct(3).getAddress(), acct(1).getAddress(), E)));
        expectRevert("InsufficientBalance", () -> c.tx(acct(3), d.energy, d.energy.burn(E)));
    }

    @Test
    void checkpointChainHappyPathAndFinalisationBurns() throws Exception {
        Credentials o = acct(4);
        fundTrainer(o, E.multiply(BigInteger.valueOf(10)));
        BigInteger id = hatch(o, 7, Z, Z);
        CheckpointPayload p0 = first(id, 1000);
        submit(o, p0);
        assertArrayEquals(p0.hash(), d.ledger.head(id).send());
        CheckpointPayload p1 = next(p0, 500);
        submit(o, p1);
        CheckpointPayload p2 = next(p1, 250);
        submit(o, p2);
        assertArrayEquals(p2.hash(), d.ledger.head(id).send(), "checkpoint_root = latest hash");
        BigInteger price = season("energyPrice");
        var rec = d.ledger.records(p1.hash()).send();
        assertEquals(price.multiply(BigInteger.valueOf(500)), rec.component1(), "locked = energyBurn x season price");
        assertEquals(BigInteger.ONE, rec.component5());
        expectRevert("ChallengeWindowOpen", () -> c.tx(o, d.ledger, d.ledger.finalize(p0.encode())));
        BigInteger burnedBefore = d.energy.totalBurned().send();
        c.increaseTime(3601);
        c.tx(acct(9), d.ledger, d.ledger.finalize(p0.encode()));
        assertEquals(burnedBefore.add(price.multiply(BigInteger.valueOf(1000))), d.energy.totalBurned().send());
        expectRevert("NotPending", () -> c.tx(o, d.ledger, d.ledger.finalize(p0.encode())));
        expectRevert("NotPending", () -> c.tx(o, d.ledger, d.ledger.finalize(k("nothing"))));
        // in chain order: window 2 waits for window 1
        expectRevert("ParentNotFinalized", () -> c.tx(o, d.ledger, d.ledger.finalize(p2.encode())));
        c.tx(acct(9), d.ledger, d.ledger.finalize(p1.encode()));
        c.tx(acct(9), d.ledger, d.ledger.finalize(p2.encode()));
        assertEquals(BigInteger.valueOf(3), d.ledger.records(p2.hash()).send().component5());
        // deposit withdrawal
        BigInteger dep = d.ledger.deposits(o.getAddress()).send();
        c.tx(o, d.ledger, d.ledger.withdraw(dep));
        expectRevert("InsufficientDeposit", () -> c.tx(o, d.ledger, d.ledger.withdraw(BigInteger.ONE)));
    }

    @Test
    void replaysAndBindingViolationsAreRejected() throws Exception {
        Credentials o = acct(5);
        fundTrainer(o, E.multiply(BigInteger.valueOf(10)));
        BigInteger id = hatch(o, 8, Z, Z);
        BigInteger other = hatch(o, 9, Z, Z);
        CheckpointPayload p0 = first(id, 10);
        byte[] L = ledgerAddress();
        // other chain id
        expectRevert("WrongChainId", () -> submit(o, new CheckpointPayload(1, 1, L, id, 0, Z, 128, 10, 1, 1, Z, Z, false)));
        // other contract
        byte[] otherLedger = Hex.parse(d.disputes.getContractAddress());
        expectRevert("WrongLedger", () -> submit(o, new CheckpointPayload(1, c.chainId(), otherLedger, id, 0, Z, 128, 10, 1, 1, Z, Z, false)));
        // payload for another beast submitted under this id
        expectRevert("WrongBeast", () -> c.tx(o, d.ledger, d.ledger.submitCheckpoint(other, p0.encode())));
        // not the owner
        expectRevert("NotBeastOwner", () -> submit(acct(6), p0));
        // window 0 must start with step > 0
        expectRevert("StaleGlobalStep", () -> submit(o, new CheckpointPayload(1, c.chainId(), L, id, 0, Z, 0, 10, 1, 1, Z, Z, false)));
        submit(o, p0);
        // duplicate submission
        expectRevert("DuplicateCheckpoint", () -> submit(o, p0));
        CheckpointPayload p1 = next(p0, 10);
        // skipped window
        expectRevert("WrongWindowIndex", () -> submit(o, next(p1, 10)));
        // wrong previous hash
        expectRevert("WrongPrevCheckpointHash", () -> submit(o, new CheckpointPayload(1, c.chainId(), L, id, 1, k("forged"), 256, 10, 1, 1, Z, Z, false)));
        // repeated and old globalStep
        expectRevert("StaleGlobalStep", () -> submit(o, p0.next(128, 10, 1, 1, Z, Z, false)));
        expectRevert("StaleGlobalStep", () -> submit(o, p0.next(64, 10, 1, 1, Z, Z, false)));
        expectRevert("StaleGlobalStep", () -> submit(o, p0.next(128 + 0x80000000L, 10, 1, 1, Z, Z, false)));
        // malformed payload through submit
        byte[] bad = p1.encode();
        bad[113] = 40;
        expectRevert("BadLrShift", () -> c.tx(o, d.ledger, d.ledger.submitCheckpoint(id, bad)));
        // not enough deposit
        expectRevert("InsufficientDeposit", () -> submit(o, next(p0, 1_000_000_000L)));
        // cost overflow (uint64 max x price does not fit 96 bits)
        expectRevert("CostOverflow", () -> submit(o, next(p0, -1L)));
        submit(o, p1);
        assertArrayEquals(p1.hash(), d.ledger.head(id).send());
    }

    @Test
    void globalStepMayWrapAt2Pow32() throws Exception {
        Credentials o = acct(7);
        fundTrainer(o, E);
        BigInteger id = hatch(o, 10, Z, Z);
        byte[] L = ledgerAddress();
        // each window may advance globalStep by 1 .. 2^31-1 (serial arithmetic), so a chain crosses 2^32 and wraps
        CheckpointPayload p0 = new CheckpointPayload(1, c.chainId(), L, id, 0, Z, 0x7FFFFF00L, 1, 1, 1, Z, Z, false);
        expectRevert("StaleGlobalStep", () -> submit(o, new CheckpointPayload(1, c.chainId(), L, id, 0, Z, 0x80000000L, 1, 1, 1, Z, Z, false)));
        submit(o, p0);
        CheckpointPayload p1 = p0.next(0xFFFFFE00L, 1, 1, 1, Z, Z, false);
        submit(o, p1);
        CheckpointPayload p2 = p1.next(CheckpointPayload.globalStepOf(0xFFFFFE00L + 0x240), 1, 1, 1, Z, Z, false);
        assertEquals(0x40, p2.globalStep());
        submit(o, p2);
        assertArrayEquals(p2.hash(), d.ledger.head(id).send());
        expectRevert("StaleGlobalStep", () -> submit(o, p2.next(0xFFFFFF00L, 1, 1, 1, Z, Z, false)));
    }

    @Test
    void disputeHooksAreOnlyForTheDisputeManager() {
        expectRevert("NotDisputeManager", () -> c.tx(acct(1), d.ledger, d.ledger.markDisputed(Z)));
        expectRevert("NotDisputeManager", () -> c.tx(acct(1), d.ledger, d.ledger.invalidate(Z, BigInteger.ONE, Z)));
        expectRevert("NotDisputeManager", () -> c.tx(acct(1), d.validators, d.validators.slash(acct(1).getAddress(), E)));
        expectRevert("AlreadyWired", () -> c.tx(gov, d.ledger, d.ledger.setDisputeManager(acct(1).getAddress())));
    }

    @Test
    void seasonTimelockGovernance() throws Exception {
        byte[] key = Deployment.key("blockCap");
        expectRevert("NotGovernor", () -> c.tx(acct(1), d.season, d.season.propose(key, BigInteger.TEN)));
        BigInteger id = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(key, BigInteger.TEN));
        expectRevert("TimelockNotExpired", () -> c.tx(acct(1), d.season, d.season.applyProposal(id)));
        BigInteger seasonBefore = d.season.season().send();
        c.increaseTime(3601);
        c.tx(acct(1), d.season, d.season.applyProposal(id));
        assertEquals(BigInteger.TEN, d.season.get(key).send());
        assertEquals(seasonBefore.add(BigInteger.ONE), d.season.season().send());
        expectRevert("AlreadyDone", () -> c.tx(acct(1), d.season, d.season.applyProposal(id)));
        expectRevert("NoSuchProposal", () -> c.tx(acct(1), d.season, d.season.applyProposal(BigInteger.valueOf(99))));
        // cancel
        BigInteger id2 = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(key, BigInteger.TWO));
        expectRevert("NotGovernor", () -> c.tx(acct(1), d.season, d.season.cancel(id2)));
        c.tx(gov, d.season, d.season.cancel(id2));
        c.increaseTime(3601);
        expectRevert("AlreadyDone", () -> c.tx(acct(1), d.season, d.season.applyProposal(id2)));
        // unbonding delay must stay above the dispute phases
        BigInteger id3 = d.season.proposalCount().send();
        c.tx(gov, d.season, d.season.propose(Deployment.key("unbondingDelay"), BigInteger.valueOf(3600)));
        c.increaseTime(3601);
        expectRevert("InvariantViolated", () -> c.tx(acct(1), d.season, d.season.applyProposal(id3)));
    }
}
