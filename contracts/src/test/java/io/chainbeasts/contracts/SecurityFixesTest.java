package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One test per finding of the contracts security review (spec/contracts.md "Security decisions"):
 * each replays the attack on anvil and checks that it is refused or no longer pays.
 */
class SecurityFixesTest extends ChainTestBase {
    static final int VALID = 1, INVALID = 2;
    Credentials[] vals;

    @Override
    int accounts() {
        return 40;
    }

    @BeforeAll
    void validators() throws Exception {
        vals = new Credentials[] {acct(10), acct(11), acct(12)};
        BigInteger min = season("minStake");
        for (Credentials v : vals) stakeValidator(v, min.multiply(BigInteger.TWO));
    }

    /** A pending window 0 of a fresh public beast (energyBurn {@code burn}). */
    CheckpointPayload pending(Credentials owner, long burn) throws Exception {
        fundTrainer(owner, E.multiply(BigInteger.valueOf(1000)));
        BigInteger id = hatch(owner, 99, Z, Z);
        CheckpointPayload p = first(id, burn);
        submit(owner, p);
        return p;
    }

    /** Submits {@code n} windows of 100,000 ENERGY on top of {@code from}, in order; returns them. */
    List<CheckpointPayload> extend(Credentials owner, CheckpointPayload from, int n) throws Exception {
        List<CheckpointPayload> out = new java.util.ArrayList<>();
        for (CheckpointPayload p = from; out.size() < n; ) {
            p = next(p, 100_000);
            submit(owner, p);
            out.add(p);
        }
        return out;
    }

    /** H1: a zero commitment neither occupies a voter slot nor lets one validator be counted many times. */
    @Test
    void h1OneValidatorIsOneVoter() throws Exception {
        Credentials owner = acct(1), ch = acct(2);
        CheckpointPayload p = pending(owner, 100_000);
        byte[] h = file(ch, p);
        // attack 1: commit bytes32(0) over and over to fill the 64 voter slots
        expectRevert("ZeroCommitment", () -> c.tx(vals[0], d.disputes, d.disputes.commitVerdict(h, Z)));
        expectRevert("ZeroCommitment", () -> c.tx(vals[0], d.disputes, d.disputes.commitVerdict(h, Z)));
        assertEquals(BigInteger.ZERO, d.disputes.voterCount(h).send(), "no slot taken by a zero commitment");
        // attack 2: zero commitments first, then a real one: the voter would be listed (and paid) many times
        commit(vals[0], h, INVALID, k("s0"));
        expectRevert("ZeroCommitment", () -> c.tx(vals[0], d.disputes, d.disputes.commitVerdict(h, Z)));
        expectRevert("AlreadyCommitted", () -> commit(vals[0], h, INVALID, k("s0")));
        assertEquals(BigInteger.ONE, d.disputes.voterCount(h).send(), "one validator, one voter");
        assertTrue(d.disputes.hasCommitted(h, vals[0].getAddress()).send());
        c.increaseTime(1801);
        reveal(vals[0], h, INVALID, k("s0"));
        c.increaseTime(1801);
        BigInteger before = d.disputes.owed(vals[0].getAddress()).send();
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(3), d.disputes.disputeStatus(h).send(), "RESOLVED_INVALID");
        BigInteger pool = d.disputes.owed(vals[0].getAddress()).send().subtract(before).add(d.disputes.owed(ch.getAddress()).send())
                .subtract(d.disputes.getDispute(h).send().bond);
        BigInteger share = pool.multiply(BigInteger.valueOf(3000)).divide(BigInteger.valueOf(10000));
        assertEquals(before.add(share), d.disputes.owed(vals[0].getAddress()).send(), "the validator is paid once");
    }

    /** Three validators commit and reveal {@code verdict}; the dispute is resolved. */
    void voteAndResolve(byte[] h, int verdict, Credentials resolver) throws Exception {
        for (int i = 0; i < vals.length; i++) commit(vals[i], h, verdict, k("v" + i + io.chainbeasts.core.Hex.of(h)));
        c.increaseTime(1801);
        for (int i = 0; i < vals.length; i++) reveal(vals[i], h, verdict, k("v" + i + io.chainbeasts.core.Hex.of(h)));
        c.increaseTime(1801);
        c.tx(resolver, d.disputes, d.disputes.resolve(h));
    }

    /** H2: an invalidated payload cannot be submitted again (it would be PENDING with its dispute slot used, so it would finalize). */
    @Test
    void h2InvalidatedPayloadCannotBeResubmitted() throws Exception {
        Credentials owner = acct(3), ch = acct(4);
        CheckpointPayload p = pending(owner, 100_000);
        byte[] h = file(ch, p);
        voteAndResolve(h, INVALID, ch);
        assertEquals(BigInteger.valueOf(4), d.ledger.records(h).send().component5(), "INVALIDATED");
        assertArrayEquals(Z, d.ledger.head(p.beastId()).send(), "head rolled back to genesis");
        ContractRevertException e = expectRevert("DuplicateCheckpoint", () -> submit(owner, p));
        assertEquals(BigInteger.valueOf(4), e.args().get(1), e.getMessage());
        assertEquals(BigInteger.valueOf(4), d.ledger.records(h).send().component5(), "still INVALIDATED");
        expectRevert("DisputeExists", () -> file(ch, p));
        // a different window 0 is accepted
        submit(owner, new CheckpointPayload(1, c.chainId(), ledgerAddress(), p.beastId(), 0, Z, 128, 100_000, 0xFF, 4, k("honest"), Z, false));
    }

    /** Low: a dataset commitment without a secret commitment (or the reverse) could never be revealed. */
    @Test
    void lowHatchNeedsBothPrivateCommitmentsOrNeither() throws Exception {
        Credentials o = acct(5);
        expectRevert("HalfPrivateCommitment", () -> hatch(o, 1, k("dataset"), Z));
        expectRevert("HalfPrivateCommitment", () -> hatch(o, 1, Z, k("secret")));
        BigInteger before = d.beasts.totalHatched().send();
        hatch(o, 1, Z, Z);
        hatch(o, 2, k("dataset"), k("secret"));
        assertEquals(before.add(BigInteger.TWO), d.beasts.totalHatched().send());
    }

    /** H4: energyBurn prices the lock (the cheater's slash); a declared burn below one honest window is refused. */
    @Test
    void h4EnergyBurnBelowTheFloorIsRefused() throws Exception {
        long floor = OnChainSeason.minWindowEnergy(io.chainbeasts.curriculum.TrainingConstants.DEFAULT);
        assertEquals(128L * io.chainbeasts.engine.Energy.stepCost(io.chainbeasts.engine.NetShape.HATCH_MASK,
                io.chainbeasts.curriculum.TrainingConstants.DEFAULT), floor);
        assertTrue(floor > 60_000 && floor <= 64_000, "one 128-step window at 4 of 8 slots: " + floor);
        assertEquals(BigInteger.valueOf(floor), season("minWindowEnergy"), "deployed default derived from the Java constants");
        Credentials o = acct(6);
        fundTrainer(o, E.multiply(BigInteger.valueOf(1000)));
        BigInteger id = hatch(o, 6, Z, Z);
        ContractRevertException e = expectRevert("EnergyBelowFloor", () -> submit(o, first(id, 0)));
        assertEquals(BigInteger.valueOf(floor), e.args().get(0));
        expectRevert("EnergyBelowFloor", () -> submit(o, first(id, floor - 1)));
        CheckpointPayload p = first(id, floor);
        submit(o, p);
        assertEquals(BigInteger.valueOf(floor).multiply(season("energyPrice")), d.ledger.records(p.hash()).send().component1(),
                "the smallest lock is one window's ENERGY");
        expectRevert("EnergyBelowFloor", () -> submit(o, next(p, floor - 1)));
    }

    /**
     * H3: a cheater submits bad window N and N+1 on top of it at once; N is invalidated, the head returns to N-1 and
     * N+1 (built on the cheated state) never finalizes. An honest chain still finalizes in order.
     */
    @Test
    void h3NothingDescendingFromAnInvalidatedCheckpointFinalizes() throws Exception {
        Credentials o = acct(7), ch = acct(8);
        CheckpointPayload p0 = pending(o, 100_000);
        BigInteger id = p0.beastId();
        List<CheckpointPayload> after = extend(o, p0, 2);
        CheckpointPayload bad = after.get(0), child = after.get(1);
        assertArrayEquals(child.hash(), d.ledger.head(id).send());
        byte[] h = file(ch, bad);
        voteAndResolve(h, INVALID, ch);
        assertArrayEquals(child.hash(), d.ledger.head(id).send(), "the head moves back only when the invalid window is the head (R4)");
        var rp = d.ledger.resumePoint(id).send();
        assertTrue(rp.component1());
        assertArrayEquals(p0.hash(), rp.component2(), "the owner may resubmit from the invalid window's parent");
        c.increaseTime(3601);
        ContractRevertException e = expectRevert("ParentNotFinalized", () -> c.tx(ch, d.ledger, d.ledger.finalize(child.encode())));
        assertEquals(BigInteger.valueOf(4), e.args().get(2), "parent INVALIDATED");
        c.tx(ch, d.ledger, d.ledger.finalize(p0.encode()));
        expectRevert("ParentNotFinalized", () -> c.tx(ch, d.ledger, d.ledger.finalize(child.encode()))); // forever
        assertEquals(BigInteger.ONE, d.ledger.records(child.hash()).send().component5(), "the descendant stays PENDING, never FINALIZED");
        // the owner continues honestly from window 0; in-order finalization works
        CheckpointPayload honest1 = p0.next(CheckpointPayload.globalStepOf(p0.globalStep() + 128), 100_000, 0xFF, 4, k("honest1"), k("l1"), false);
        submit(o, honest1);
        CheckpointPayload honest2 = next(honest1, 100_000);
        submit(o, honest2);
        c.increaseTime(3601);
        expectRevert("ParentNotFinalized", () -> c.tx(ch, d.ledger, d.ledger.finalize(honest2.encode())));
        c.tx(ch, d.ledger, d.ledger.finalize(honest1.encode()));
        c.tx(ch, d.ledger, d.ledger.finalize(honest2.encode()));
        assertEquals(BigInteger.valueOf(3), d.ledger.records(honest2.hash()).send().component5());
        // a payload that is not the record's is refused (its hash has no pending record)
        byte[] forged = honest2.encode();
        forged[150] ^= 1;
        expectRevert("NotPending", () -> c.tx(ch, d.ledger, d.ledger.finalize(forged)));
    }

    /** H3: invalidating an abandoned descendant (window > head's) leaves the head alone. */
    @Test
    void h3InvalidatingAnAbandonedDescendantKeepsTheHead() throws Exception {
        Credentials o = acct(13), ch = acct(14);
        CheckpointPayload p0 = pending(o, 100_000);
        BigInteger id = p0.beastId();
        List<CheckpointPayload> after = extend(o, p0, 2);
        CheckpointPayload bad = after.get(0), child = after.get(1);
        byte[] hb = file(ch, bad);
        byte[] hc = file(ch, child);
        for (byte[] x : new byte[][] {hb, hc}) for (int i = 0; i < vals.length; i++) commit(vals[i], x, INVALID, k("c" + i));
        c.increaseTime(1801);
        for (byte[] x : new byte[][] {hb, hc}) for (int i = 0; i < vals.length; i++) reveal(vals[i], x, INVALID, k("c" + i));
        c.increaseTime(1801);
        c.tx(ch, d.disputes, d.disputes.resolve(hb)); // head stays on child; resume point p0
        assertArrayEquals(child.hash(), d.ledger.head(id).send());
        assertArrayEquals(p0.hash(), d.ledger.resumePoint(id).send().component2());
        CheckpointPayload again = p0.next(CheckpointPayload.globalStepOf(p0.globalStep() + 128), 100_000, 0xFF, 4, k("again"), k("l1"), false);
        submit(o, again);
        CheckpointPayload again2 = next(again, 100_000);
        submit(o, again2); // the new branch reaches window 2, the abandoned child's index
        // the abandoned child (its parent is INVALIDATED) is invalidated: the head stays on the new branch
        c.tx(ch, d.disputes, d.disputes.resolve(hc));
        assertEquals(BigInteger.valueOf(4), d.ledger.records(hc).send().component5());
        assertArrayEquals(again2.hash(), d.ledger.head(id).send());
    }

    /** H5(a): a cheater that disputes its own public checkpoint (and wins) still loses slashBurnBps of its lock. */
    @Test
    void h5SelfDisputeStillCostsTheBurn() throws Exception {
        Credentials cheater = acct(15);
        CheckpointPayload p = pending(cheater, 100_000);
        BigInteger locked = d.ledger.records(p.hash()).send().component1();
        BigInteger burnedBefore = d.energy.totalBurned().send();
        BigInteger owedBefore = d.disputes.owed(cheater.getAddress()).send();
        byte[] h = file(cheater, p);
        BigInteger bond = d.disputes.getDispute(h).send().bond;
        voteAndResolve(h, INVALID, cheater);
        BigInteger burnt = locked.multiply(season("slashBurnBps")).divide(BigInteger.valueOf(10000));
        assertEquals(locked.divide(BigInteger.TWO), burnt, "default slashBurnBps 5000");
        assertEquals(burnedBefore.add(burnt), d.energy.totalBurned().send(), "half the lock burned");
        BigInteger pool = locked.subtract(burnt);
        BigInteger each = pool.multiply(BigInteger.valueOf(3000)).divide(BigInteger.valueOf(10000)).divide(BigInteger.valueOf(3));
        BigInteger back = d.disputes.owed(cheater.getAddress()).send().subtract(owedBefore);
        assertEquals(bond.add(pool).subtract(each.multiply(BigInteger.valueOf(3))), back);
        assertTrue(back.subtract(bond).compareTo(locked.divide(BigInteger.TWO)) < 0, "recovers less than half its lock (was 70 %)");
    }

    /** H5(a): a private cheater that files on its own checkpoint and never reveals (INVALID by default, no voters). */
    @Test
    void h5PrivateSelfDisputeByDefaultStillCostsTheBurn() throws Exception {
        Credentials cheater = acct(16);
        fundTrainer(cheater, E.multiply(BigInteger.valueOf(1000)));
        BigInteger id = hatch(cheater, 16, k("ds"), k("sc"));
        CheckpointPayload p = first(id, 100_000);
        submit(cheater, p);
        BigInteger locked = d.ledger.records(p.hash()).send().component1();
        BigInteger burnedBefore = d.energy.totalBurned().send();
        byte[] h = file(cheater, p);
        BigInteger bond = d.disputes.getDispute(h).send().bond;
        c.increaseTime(1801);
        c.tx(cheater, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(3), d.disputes.disputeStatus(h).send(), "INVALID by default");
        assertEquals(burnedBefore.add(locked.divide(BigInteger.TWO)), d.energy.totalBurned().send());
        assertEquals(bond.add(locked.divide(BigInteger.TWO)), d.disputes.owed(cheater.getAddress()).send(),
                "the whole pool came back before; now only the unburned half");
    }

    /**
     * H5(b): an inconclusive dispute (the cheater files on itself, nobody votes) used to make the checkpoint stand
     * for ever (DisputeExists for everyone else); now it is pending again with a fresh challenge window.
     */
    @Test
    void h5InconclusiveDisputeReopensTheCheckpoint() throws Exception {
        Credentials cheater = acct(17), honest = acct(18);
        CheckpointPayload p = pending(cheater, 100_000);
        byte[] h = file(cheater, p);
        commit(vals[0], h, VALID, k("x0")); // a vote that is never revealed: slashed, then forgotten
        c.increaseTime(3602);
        c.tx(cheater, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(4), d.disputes.disputeStatus(h).send(), "RESOLVED_INCONCLUSIVE");
        var rec = d.ledger.records(p.hash()).send();
        assertEquals(BigInteger.ONE, rec.component5(), "PENDING again");
        long now = c.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        assertEquals(now + 3600, rec.component2().longValueExact(), "fresh challenge deadline");
        assertEquals(BigInteger.ZERO, d.disputes.voterCount(h).send(), "votes cleared");
        assertFalse(d.disputes.hasCommitted(h, vals[0].getAddress()).send());
        expectRevert("ChallengeWindowOpen", () -> c.tx(honest, d.ledger, d.ledger.finalize(p.encode())));
        // an honest challenger files and wins
        file(honest, p);
        assertEquals(honest.getAddress().toLowerCase(), d.disputes.getDispute(h).send().challenger.toLowerCase());
        voteAndResolve(h, INVALID, honest);
        assertEquals(BigInteger.valueOf(4), d.ledger.records(h).send().component5(), "INVALIDATED");
        expectRevert("DisputeExists", () -> file(honest, p));
    }

    /** M1: only validators active before the dispute was filed may commit (no staking in reaction to a dispute). */
    @Test
    void m1ValidatorsJoiningAfterTheFilingCannotVote() throws Exception {
        Credentials owner = acct(19), ch = acct(20), late = acct(21);
        CheckpointPayload p = pending(owner, 100_000);
        byte[] h = file(ch, p);
        stakeValidator(late, season("minStake"));
        assertTrue(d.validators.isActive(late.getAddress()).send());
        ContractRevertException e = expectRevert("JoinedAfterFiling", () -> commit(late, h, INVALID, k("late")));
        assertEquals(d.disputes.getDispute(h).send().filedBlock, e.args().get(2));
        commit(vals[1], h, INVALID, k("early")); // active before the filing
        // a dispute filed after it joined is open to it
        CheckpointPayload p2 = pending(acct(22), 100_000);
        byte[] h2 = file(ch, p2);
        commit(late, h2, INVALID, k("late2"));
        assertEquals(BigInteger.ONE, d.disputes.voterCount(h2).send());
    }

    /** A pending window 0 of a fresh private beast whose dataset is {@code dataset} and S_owner {@code secret}. */
    CheckpointPayload pendingPrivate(Credentials owner, long seed, byte[] dataset, byte[] secret) throws Exception {
        fundTrainer(owner, E.multiply(BigInteger.valueOf(1000)));
        BigInteger id = hatch(owner, seed, io.chainbeasts.core.Keccak256.hash(dataset), io.chainbeasts.core.Keccak256.hash(secret));
        CheckpointPayload p = first(id, 100_000);
        submit(owner, p);
        return p;
    }

    int datasetRevealedEvents(byte[] h) throws Exception {
        var f = new org.web3j.protocol.core.methods.request.EthFilter(org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, d.disputes.getContractAddress());
        f.addSingleTopic(org.web3j.abi.EventEncoder.encode(io.chainbeasts.contracts.generated.DisputeManager.DATASETREVEALED_EVENT));
        f.addSingleTopic("0x" + io.chainbeasts.core.Hex.of(h));
        return c.web3j().ethGetLogs(f).send().getLogs().size();
    }

    /**
     * Reopen griefing (a): a private owner revealed in the first round; the round was inconclusive and the checkpoint
     * reopened. The re-filed dispute starts revealed (validators read the dataset from the first round's reveal
     * transaction), so the owner need not reveal again and the dispute does not default INVALID.
     */
    @Test
    void reopenKeepsThePrivateReveal() throws Exception {
        Credentials owner = acct(23), ch = acct(24);
        byte[] dataset = "the owner's dataset".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] secret = k("S_owner-23");
        CheckpointPayload p = pendingPrivate(owner, 23, dataset, secret);
        byte[] h = file(ch, p);
        c.tx(owner, d.disputes, d.disputes.revealDataset(h, dataset, secret));
        c.increaseTime(1800 + 3602); // nobody votes: inconclusive
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(4), d.disputes.disputeStatus(h).send(), "RESOLVED_INCONCLUSIVE");
        assertEquals(BigInteger.ONE, d.ledger.records(h).send().component5(), "reopened");
        file(ch, p);
        var again = d.disputes.getDispute(h).send();
        assertTrue(again.revealed, "the first round's reveal stands");
        assertEquals(BigInteger.TWO, again.round);
        expectRevert("AlreadyRevealed", () -> c.tx(owner, d.disputes, d.disputes.revealDataset(h, dataset, secret)));
        assertEquals(1, datasetRevealedEvents(h), "the first round's DatasetRevealed event is what validators read");
        c.increaseTime(1801); // past the dataset deadline: no default
        voteAndResolve(h, VALID, ch);
        assertEquals(BigInteger.TWO, d.disputes.disputeStatus(h).send(), "RESOLVED_VALID, not INVALID by default");
        assertEquals(BigInteger.ONE, d.ledger.records(h).send().component5(), "PENDING, finalisable");
    }

    /** Reopen griefing (b): a second inconclusive round upholds the checkpoint; no third dispute; it finalizes. */
    @Test
    void secondInconclusiveRoundUpholdsTheCheckpoint() throws Exception {
        Credentials owner = acct(25), griefer = acct(26);
        CheckpointPayload p = pending(owner, 100_000);
        BigInteger owedBefore = d.disputes.owed(griefer.getAddress()).send();
        byte[] h = file(griefer, p);
        BigInteger bond = d.disputes.getDispute(h).send().bond;
        c.increaseTime(3602);
        c.tx(griefer, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.ONE, d.ledger.records(h).send().component5(), "round 1 inconclusive: reopened");
        file(griefer, p);
        assertEquals(BigInteger.TWO, d.disputes.getDispute(h).send().round);
        c.increaseTime(3602);
        c.tx(griefer, d.disputes, d.disputes.resolve(h));
        assertEquals(BigInteger.valueOf(4), d.disputes.disputeStatus(h).send(), "round 2 inconclusive too");
        var rec = d.ledger.records(h).send();
        assertEquals(BigInteger.ONE, rec.component5(), "upheld: PENDING");
        assertEquals(owedBefore.add(bond.multiply(BigInteger.TWO)), d.disputes.owed(griefer.getAddress()).send(), "bonds refunded");
        expectRevert("DisputeExists", () -> file(griefer, p));
        long now = c.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        if (rec.component2().longValueExact() >= now) c.increaseTime(rec.component2().longValueExact() - now + 1);
        c.tx(griefer, d.ledger, d.ledger.finalize(p.encode()));
        assertEquals(BigInteger.valueOf(3), d.ledger.records(h).send().component5(), "FINALIZED");
    }

    /**
     * Votes leak on a re-filed dispute: the commitment is bound to the dispute's round, so the same (verdict, salt)
     * commits differently in round 2 and a round-1 commitment cannot be revealed in round 2.
     */
    @Test
    void reFiledDisputeNeedsFreshCommitments() throws Exception {
        Credentials owner = acct(27), ch = acct(28);
        CheckpointPayload p = pending(owner, 100_000);
        byte[] h = file(ch, p);
        byte[] salt = k("same salt");
        commit(vals[0], h, VALID, salt);
        byte[] first = d.disputes.commitments(h, vals[0].getAddress()).send();
        assertArrayEquals(verdictCommitment(c.chainId(), d.disputes.getContractAddress(), h, 1, vals[0].getAddress(), VALID, salt), first);
        c.increaseTime(3602); // never revealed: inconclusive
        c.tx(ch, d.disputes, d.disputes.resolve(h));
        file(ch, p);
        byte[] second = d.disputes.verdictCommitment(h, vals[0].getAddress(), BigInteger.valueOf(VALID), salt).send();
        assertFalse(java.util.Arrays.equals(first, second), "round 2 commitment differs from round 1's");
        assertArrayEquals(verdictCommitment(c.chainId(), d.disputes.getContractAddress(), h, 2, vals[0].getAddress(), VALID, salt), second);
        // replaying the round-1 commitment: its reveal does not open it in round 2
        c.tx(vals[0], d.disputes, d.disputes.commitVerdict(h, first));
        c.increaseTime(1801);
        expectRevert("CommitmentMismatch", () -> reveal(vals[0], h, VALID, salt));
    }

    /**
     * R4: p0 -> bad(1) -> c1(2) -> c2(3) of a private beast; bad is invalidated (the owner never reveals), the owner
     * resubmits windows 1-3 from p0; a griefer disputes the abandoned c2, the owner does not reveal, c2 is invalidated
     * by default. Before, the head jumped to c1 (a descendant of INVALIDATED bad), so nothing later could finalize.
     * Now the head stays on the new branch, which finalizes in order.
     */
    @Test
    void r4InvalidatingAnAbandonedCheckpointNeverMovesTheHeadToADeadBranch() throws Exception {
        Credentials o = acct(29), ch = acct(30), griefer = acct(31);
        CheckpointPayload p0 = pendingPrivate(o, 29, "ds-29".getBytes(java.nio.charset.StandardCharsets.UTF_8), k("S-29"));
        BigInteger id = p0.beastId();
        List<CheckpointPayload> after = extend(o, p0, 3);
        CheckpointPayload bad = after.get(0), c1 = after.get(1), c2 = after.get(2);
        byte[] hb = file(ch, bad);
        c.increaseTime(1801);
        c.tx(ch, d.disputes, d.disputes.resolve(hb));
        assertEquals(BigInteger.valueOf(4), d.ledger.records(hb).send().component5(), "bad INVALIDATED");
        assertArrayEquals(c2.hash(), d.ledger.head(id).send(), "not the head: the head stays");
        // the owner resubmits windows 1-3 from p0 (the resume point)
        CheckpointPayload n1 = p0.next(CheckpointPayload.globalStepOf(p0.globalStep() + 128), 100_000, 0xFF, 4, k("n1"), k("l1"), false);
        submit(o, n1);
        assertFalse(d.ledger.resumePoint(id).send().component1(), "used once");
        CheckpointPayload n2 = next(n1, 100_000);
        submit(o, n2);
        CheckpointPayload n3 = next(n2, 100_000);
        submit(o, n3);
        expectRevert("WrongWindowIndex", () -> submit(o, p0.next(CheckpointPayload.globalStepOf(p0.globalStep() + 128), 100_000, 0xFF, 4, k("n1b"), k("l1"), false))); // p0 is no longer a resume point
        // the griefer disputes the abandoned c2; the owner does not reveal: INVALID by default
        byte[] hc2 = file(griefer, c2);
        c.increaseTime(1801);
        c.tx(griefer, d.disputes, d.disputes.resolve(hc2));
        assertEquals(BigInteger.valueOf(4), d.ledger.records(hc2).send().component5(), "c2 INVALIDATED");
        assertArrayEquals(n3.hash(), d.ledger.head(id).send(), "the head stays on the live branch (was: c1, a dead one)");
        // the live branch finalizes in order; a window 4 on it is accepted
        CheckpointPayload n4 = next(n3, 100_000);
        submit(o, n4);
        c.increaseTime(3601);
        for (CheckpointPayload x : new CheckpointPayload[] {p0, n1, n2, n3, n4}) c.tx(ch, d.ledger, d.ledger.finalize(x.encode()));
        assertEquals(BigInteger.valueOf(3), d.ledger.records(n4.hash()).send().component5(), "n4 FINALIZED");
        expectRevert("ParentNotFinalized", () -> c.tx(ch, d.ledger, d.ledger.finalize(c1.encode())));
    }
}
