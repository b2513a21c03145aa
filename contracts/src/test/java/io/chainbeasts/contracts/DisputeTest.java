package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.contracts.generated.ReentrantPayee;
import io.chainbeasts.core.Keccak256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Validators, disputes, dataset reveal, commit-reveal verdicts, slashing, pull payouts, forced errors. */
class DisputeTest extends ChainTestBase {
    @Override
    Map<String, BigInteger> seasonValues() {
        return syntheticSeason(1); // synthetic payloads burn 1..1000 units
    }

    static final int VALID = 1, INVALID = 2;
    Credentials[] vals;

    @BeforeAll
    void validators() throws Exception {
        vals = new Credentials[] {acct(10), acct(11), acct(12), acct(13), acct(14)};
        BigInteger min = season("minStake");
        for (Credentials v : vals) stakeValidator(v, min.multiply(BigInteger.TWO));
        assertEquals(BigInteger.valueOf(5), d.validators.activeCount().send());
    }

    byte[] salt(String s) {
        return k("salt-" + s);
    }

    /** A pending checkpoint of a fresh beast; returns the payload. */
    CheckpointPayload pending(Credentials owner, byte[] cDataset, byte[] secretCommit) throws Exception {
        fundTrainer(owner, E.multiply(BigInteger.TEN));
        BigInteger id = hatch(owner, 99, cDataset, secretCommit);
        CheckpointPayload p = first(id, 1000);
        submit(owner, p);
        return p;
    }

    @Test
    void publicDisputeOverturnedByCommitRevealSupermajority() throws Exception {
        Credentials owner = acct(1), ch = acct(2);
        CheckpointPayload p = pending(owner, Z, Z);
        byte[] h = file(ch, p);
        BigInteger locked = d.ledger.records(h).send().component1();
        assertEquals(locked.multiply(BigInteger.TWO), d.disputes.getDispute(h).send().bond, "bond = 2x window cost");
        expectRevert("DisputeExists", () -> file(ch, p));
        // commit phase: reveal too early, wrong sender, duplicate commit, non-validator
        commit(vals[0], h, INVALID, salt("0"));
        commit(vals[1], h, INVALID, salt("1"));
        commit(vals[2], h, INVALID, salt("2"));
        commit(vals[3], h, VALID, salt("3"));
        commit(vals[4], h, INVALID, salt("4")); // never reveals
        expectRevert("AlreadyCommitted", () -> commit(vals[0], h, INVALID, salt("0")));
        expectRevert("NotValidator", () -> commit(acct(3), h, INVALID, salt("x")));
        expectRevert("TooEarly", () -> reveal(vals[0], h, INVALID, salt("0")));
        c.increaseTime(1801);
        expectRevert("TooLate", () -> commit(vals[0], h, INVALID, salt("0")));
        expectRevert("CommitmentMismatch", () -> reveal(vals[0], h, INVALID, salt("wrong")));
        expectRevert("CommitmentMismatch", () -> reveal(vals[0], h, VALID, salt("0")));
        expectRevert("NotCommitted", () -> reveal(acct(3), h, INVALID, salt("0")));
        // a commitment copied by another validator does not verify for it (bound to sender)
        expectRevert("BadVerdict", () -> reveal(vals[0], h, 3, salt("0")));
        reveal(vals[0], h, INVALID, salt("0"));
        expectRevert("AlreadyVoted", () -> reveal(vals[0], h, INVALID, salt("0")));
        reveal(vals[1], h, INVALID, salt("1"));
        reveal(vals[2], h, INVALID, salt("2"));
        reveal(vals[3], h, VALID, salt("3"));
        expectRevert("TooEarly", () -> c.tx(ch, d.disputes, d.disputes.resolve(h)));
        c.increaseTime(1801);
        expectRevert("TooLate", () -> reveal(vals[4], h, INVALID, salt("4")));
        BigInteger stake3 = d.validators.stakeOf(vals[3].getAddress()).send();
        BigInteger stake4 = d.validators.stakeOf(vals[4].getAddress()).send();
        BigInteger v0Before = d.disputes.owed(vals[0].getAddress()).send();
        c.tx(acct(9), d.disputes, d.disputes.resolve(h));
        expectRevert("AlreadyResolved", () -> c.tx(acct(9), d.disputes, d.disputes.resolve(h)));
        assertEquals(BigInteger.valueOf(3), d.disputes.disputeStatus(h).send(), "RESOLVED_INVALID");
        assertEquals(BigInteger.valueOf(4), d.ledger.records(h).send().component5(), "ledger INVALIDATED");
        assertArrayEquals(Z, d.ledger.head(p.beastId()).send(), "head rolled back");
        BigInteger slash = season("slashAmount");
        assertEquals(stake3.subtract(slash), d.validators.stakeOf(vals[3].getAddress()).send(), "wrong voter slashed");
        assertEquals(stake4.subtract(slash), d.validators.stakeOf(vals[4].getAddress()).send(), "silent committer slashed");
        // payouts: slashBurnBps (50 %) of locked is burned; 3 correct validators share 30 % of the rest + 2 slashes;
        // the challenger gets its bond + what is left
        BigInteger pool = locked.subtract(locked.multiply(season("slashBurnBps")).divide(BigInteger.valueOf(10000)));
        assertEquals(locked.divide(BigInteger.TWO), pool);
        BigInteger share = pool.multiply(BigInteger.valueOf(3000)).divide(BigInteger.valueOf(10000)).add(slash.multiply(BigInteger.TWO));
        BigInteger each = share.divide(BigInteger.valueOf(3));
        assertEquals(v0Before.add(each), d.disputes.owed(vals[0].getAddress()).send());
        BigInteger bond = locked.multiply(BigInteger.TWO);
        assertEquals(bond.add(pool).add(slash.multiply(BigInteger.TWO)).subtract(each.multiply(BigInteger.valueOf(3))), d.disputes.owed(ch.getAddress()).send());
        BigInteger before = balance(ch.getAddress());
        c.tx(ch, d.disputes, d.disputes.withdraw());
        assertTrue(balance(ch.getAddress()).compareTo(before.add(bond)) > 0, "honest challenger gets more than its bond back");
        expectRevert("NothingToWithdraw", () -> c.tx(ch, d.disputes, d.disputes.withdraw()));
        // the owner can continue from the rolled-back head
        submit(owner, new CheckpointPayload(1, c.chainId(), ledgerAddress(), p.beastId(), 0, Z, 128, 10, 1, 1, k("honest"), Z, false));
    }

    @Test
    void upheldCheckpointPaysTheOwnerAndCorrectValidatorsFromTheBond() throws Exception {
        Credentials owner = acct(4), ch = acct(5);
        CheckpointPayload p = pending(owner, Z, Z);
        byte[] h = file(ch, p);
        BigInteger bond = d.disputes.getDispute(h).send().bond;
        for (int i = 0; i < 3; i++) commit(vals[i], h, VALID, salt("u" + i));
        c.increaseTime(1801);
        for (int i = 0; i < 3; i++) reveal(vals[i], h, VALID, salt("u" + i));
        c.increaseTime(1801);
        BigInteger v0Before = d.disputes.owed(vals[0].getAddress()).send();
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(2), d.disputes.disputeStatus(h).send());
        assertEquals(BigInteger.ONE, d.ledger.records(h).send().component5(), "pending again");
        BigInteger each = bond.multiply(BigInteger.valueOf(3000)).divide(BigInteger.valueOf(10000)).divide(BigInteger.valueOf(3));
        assertEquals(v0Before.add(each), d.disputes.owed(vals[0].getAddress()).send());
        assertEquals(bond.subtract(each.multiply(BigInteger.valueOf(3))), d.disputes.owed(owner.getAddress()).send());
        assertEquals(BigInteger.ZERO, d.disputes.owed(ch.getAddress()).send());
        // the checkpoint can be finalised after its challenge window
        c.increaseTime(3600);
        c.tx(owner, d.ledger, d.ledger.finalize(p.encode()));
        expectRevert("DisputeExists", () -> file(ch, p)); // a checkpoint is disputed at most once
    }

    @Test
    void noQuorumIsInconclusiveAndRefundsTheBond() throws Exception {
        Credentials owner = acct(6), ch = acct(7);
        CheckpointPayload p = pending(owner, Z, Z);
        byte[] h = file(ch, p);
        BigInteger bond = d.disputes.getDispute(h).send().bond;
        c.increaseTime(3602);
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(4), d.disputes.disputeStatus(h).send());
        assertEquals(bond, d.disputes.owed(ch.getAddress()).send(), "honest challenger keeps its bond");
    }

    @Test
    void privateWindowRequiresDatasetAndSecretReveal() throws Exception {
        Credentials owner = acct(8), ch = acct(15);
        byte[] dataset = new byte[4096];
        for (int i = 0; i < dataset.length; i++) dataset[i] = (byte) (i * 31);
        byte[] secret = k("S_owner");
        CheckpointPayload p = pending(owner, Keccak256.hash(dataset), Keccak256.hash(secret));
        byte[] h = file(ch, p);
        expectRevert("DatasetNotRevealed", () -> commit(vals[0], h, INVALID, salt("p0")));
        byte[] tampered = dataset.clone();
        tampered[7] ^= 1;
        expectRevert("DatasetMismatch", () -> c.tx(ch, d.disputes, d.disputes.revealDataset(h, tampered, secret)));
        expectRevert("SecretMismatch", () -> c.tx(ch, d.disputes, d.disputes.revealDataset(h, dataset, k("guess"))));
        c.tx(owner, d.disputes, d.disputes.revealDataset(h, dataset, secret));
        expectRevert("AlreadyRevealed", () -> c.tx(ch, d.disputes, d.disputes.revealDataset(h, dataset, secret)));
        commit(vals[0], h, VALID, salt("p0"));
        // public disputes need no reveal
        CheckpointPayload pub = pending(acct(16), Z, Z);
        byte[] hp = file(ch, pub);
        expectRevert("NotPrivate", () -> c.tx(ch, d.disputes, d.disputes.revealDataset(hp, dataset, secret)));
    }

    @Test
    void unrevealedPrivateDatasetLosesByDefault() throws Exception {
        Credentials owner = acct(17), ch = acct(18);
        byte[] dataset = "samples".getBytes(StandardCharsets.UTF_8);
        CheckpointPayload p = pending(owner, Keccak256.hash(dataset), k("c"));
        byte[] h = file(ch, p);
        expectRevert("TooEarly", () -> c.tx(ch, d.disputes, d.disputes.resolve(h)));
        c.increaseTime(1801);
        expectRevert("DatasetWindowClosed", () -> c.tx(owner, d.disputes, d.disputes.revealDataset(h, dataset, k("x"))));
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(3), d.disputes.disputeStatus(h).send());
    }

    @Test
    void unbondingDoesNotEscapeASlash() throws Exception {
        Credentials v = acct(19);
        BigInteger min = season("minStake");
        stakeValidator(v, min);
        Credentials owner = acct(20), ch = acct(21);
        CheckpointPayload p = pending(owner, Z, Z);
        byte[] h = file(ch, p);
        commit(v, h, VALID, salt("v")); // will vote wrongly
        for (int i = 0; i < 3; i++) commit(vals[i], h, INVALID, salt("e" + i));
        // leave right after committing: everything goes to the unbonding queue
        c.tx(v, d.validators, d.validators.requestUnbond(min));
        assertFalse(d.validators.isActive(v.getAddress()).send());
        expectRevert("StillUnbonding", () -> c.tx(v, d.validators, d.validators.withdrawUnbonded()));
        c.increaseTime(1801);
        reveal(v, h, VALID, salt("v"));
        for (int i = 0; i < 3; i++) reveal(vals[i], h, INVALID, salt("e" + i));
        c.increaseTime(1801);
        expectRevert("StillUnbonding", () -> c.tx(v, d.validators, d.validators.withdrawUnbonded()));
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(min.subtract(season("slashAmount")), d.validators.unbondingOf(v.getAddress()).send(), "slashed out of the unbonding queue");
        c.increaseTime(4 * 3600);
        BigInteger before = balance(v.getAddress());
        c.tx(v, d.validators, d.validators.withdrawUnbonded());
        assertEquals(before.add(min.subtract(season("slashAmount"))), balance(v.getAddress()));
        expectRevert("NothingUnbonded", () -> c.tx(v, d.validators, d.validators.withdrawUnbonded()));
        expectRevert("InsufficientStake", () -> c.tx(v, d.validators, d.validators.requestUnbond(BigInteger.ONE)));
    }

    @Test
    void reenteringPayeeIsPaidExactlyOnce() throws Exception {
        Credentials op = acct(22);
        ReentrantPayee payee = ReentrantPayee.load(
                c.deploy(op, ReentrantPayee.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(d.energy.getContractAddress()))), "ReentrantPayee").getContractAddress(),
                c.web3j(), op, new org.web3j.tx.gas.DefaultGasProvider());
        CheckpointPayload p = pending(acct(23), Z, Z);
        BigInteger bond = d.ledger.records(p.hash()).send().component1().multiply(BigInteger.TWO);
        mint(gov, bond);
        c.tx(gov, d.energy, d.energy.transfer(payee.getContractAddress(), bond));
        c.tx(op, payee, payee.exec(d.energy.getContractAddress(), org.web3j.utils.Numeric.hexStringToByteArray(d.energy.approve(d.disputes.getContractAddress(), bond).encodeFunctionCall())));
        c.tx(op, payee, payee.exec(d.disputes.getContractAddress(), org.web3j.utils.Numeric.hexStringToByteArray(d.disputes.fileDispute(p.encode()).encodeFunctionCall())));
        byte[] h = p.hash();
        c.increaseTime(3602); // no votes: inconclusive, bond refunded to the payee
        c.tx(acct(9), d.disputes, d.disputes.resolve(h));
        assertEquals(bond, d.disputes.owed(payee.getContractAddress()).send());
        byte[] withdraw = org.web3j.utils.Numeric.hexStringToByteArray(d.disputes.withdraw().encodeFunctionCall());
        c.tx(op, payee, payee.arm(d.disputes.getContractAddress(), withdraw));
        BigInteger dmBefore = balance(d.disputes.getContractAddress());
        c.tx(op, payee, payee.exec(d.disputes.getContractAddress(), withdraw));
        assertEquals(BigInteger.ONE, payee.attempts().send(), "the hook re-entered");
        assertEquals(BigInteger.ZERO, payee.successes().send(), "the re-entry failed");
        assertEquals(ContractErrors.selector("Reentrancy()"), io.chainbeasts.core.Hex.of(payee.lastRevert().send()).substring(0, 8));
        assertEquals(bond, balance(payee.getContractAddress()));
        assertEquals(dmBefore.subtract(bond), balance(d.disputes.getContractAddress()));
    }

    @Test
    void forcedErrorPaysWhoeverCatchesIt() throws Exception {
        // the protocol's own beast submits a deliberately wrong checkpoint, indistinguishable from others
        CheckpointPayload p = pending(gov, Z, Z);
        byte[] fsalt = k("forced-salt");
        byte[] commitment = Keccak256.hash(concat(p.hash(), fsalt));
        BigInteger reward = E.multiply(BigInteger.valueOf(5));
        expectRevert("NotGovernor", () -> c.tx(acct(1), d.disputes, d.disputes.fundForcedError(commitment, reward)));
        mint(gov, reward);
        approve(gov, d.disputes.getContractAddress(), reward);
        c.tx(gov, d.disputes, d.disputes.fundForcedError(commitment, reward));
        Credentials ch = acct(3);
        byte[] h = file(ch, p);
        expectRevert("ForcedErrorNotCaught", () -> c.tx(gov, d.disputes, d.disputes.claimForcedError(h, fsalt)));
        for (int i = 0; i < 3; i++) commit(vals[i], h, INVALID, salt("f" + i));
        c.increaseTime(1801);
        for (int i = 0; i < 3; i++) reveal(vals[i], h, INVALID, salt("f" + i));
        c.increaseTime(1801);
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        BigInteger owedBefore = d.disputes.owed(ch.getAddress()).send();
        expectRevert("UnknownForcedError", () -> c.tx(gov, d.disputes, d.disputes.claimForcedError(h, k("bad-salt"))));
        c.tx(acct(9), d.disputes, d.disputes.claimForcedError(h, fsalt));
        assertEquals(owedBefore.add(reward), d.disputes.owed(ch.getAddress()).send());
        expectRevert("UnknownForcedError", () -> c.tx(gov, d.disputes, d.disputes.claimForcedError(h, fsalt)));
    }

    @Test
    void missedForcedErrorIsReclaimedAfterFinalisation() throws Exception {
        CheckpointPayload p = pending(gov, Z, Z);
        byte[] fsalt = k("missed");
        byte[] commitment = Keccak256.hash(concat(p.hash(), fsalt));
        mint(gov, E);
        approve(gov, d.disputes.getContractAddress(), E);
        c.tx(gov, d.disputes, d.disputes.fundForcedError(commitment, E));
        expectRevert("ForcedErrorNotMissed", () -> c.tx(gov, d.disputes, d.disputes.reclaimForcedError(p.hash(), fsalt)));
        c.increaseTime(3601);
        expectRevert("ChallengeWindowClosed", () -> file(acct(3), p));
        c.tx(gov, d.ledger, d.ledger.finalize(p.encode()));
        expectRevert("NotGovernor", () -> c.tx(acct(1), d.disputes, d.disputes.reclaimForcedError(p.hash(), fsalt)));
        c.tx(gov, d.disputes, d.disputes.reclaimForcedError(p.hash(), fsalt));
        assertEquals(E, d.disputes.owed(gov.getAddress()).send());
    }

    @Test
    void disputeOfUnknownCheckpointFails() {
        CheckpointPayload ghost = new CheckpointPayload(1, c.chainId(), ledgerAddress(), BigInteger.valueOf(777), 0, Z, 128, 1, 1, 1, Z, Z, false);
        expectRevert("UnknownCheckpoint", () -> c.tx(acct(2), d.disputes, d.disputes.fileDispute(ghost.encode())));
        expectRevert("NoSuchDispute", () -> c.tx(acct(2), d.disputes, d.disputes.resolve(ghost.hash())));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
