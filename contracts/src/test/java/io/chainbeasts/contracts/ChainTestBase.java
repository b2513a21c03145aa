package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Starts its own anvil (free port) + a fresh deployment per test class; stops anvil by PID afterwards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChainTestBase {
    static final BigInteger E = BigInteger.TEN.pow(18);
    static final byte[] Z = new byte[32];
    LocalChain lc;
    ChainClient c;
    Deployment d;
    Credentials gov;

    @BeforeAll
    void up() throws Exception {
        lc = start();
        c = lc.client;
        d = lc.deployment;
        gov = c.account(0);
    }

    @AfterAll
    void down() {
        long pid = lc.anvil.pid();
        lc.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "anvil " + pid + " still running");
    }

    /**
     * The chain the class runs on: by default the vote's deployment (`chain up --vote`), which the vote's tests need;
     * DisputeGameTest deploys its own game on it; DefaultDeploymentGameTest runs on the default deployment instead.
     */
    LocalChain start() throws java.io.IOException {
        return LocalChain.upWithVote(accounts(), seasonValues(), 3600);
    }

    /** How many funded anvil accounts the class uses. */
    int accounts() {
        return 24;
    }

    /** The season this class deploys with: the deployment defaults unless a test class overrides it. */
    Map<String, BigInteger> seasonValues() {
        return Deployment.defaultSeason();
    }

    /**
     * The defaults with {@code minWindowEnergy} lowered to {@code floor}: for tests whose synthetic payloads burn a few
     * units of ENERGY (the default floor is one real window, 64,000 units).
     */
    static Map<String, BigInteger> syntheticSeason(long floor) {
        Map<String, BigInteger> s = Deployment.defaultSeason();
        s.put("minWindowEnergy", BigInteger.valueOf(floor));
        return s;
    }

    Credentials acct(int i) {
        return c.account(i);
    }

    static byte[] k(String s) {
        return Keccak256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Files a dispute on pending checkpoint {@code p} for {@code challenger}, minting and approving the bond; returns its hash. */
    byte[] file(Credentials challenger, CheckpointPayload p) throws Exception {
        BigInteger bond = d.ledger.records(p.hash()).send().component1().multiply(season("bondMultiplier"));
        mint(challenger, bond);
        approve(challenger, d.disputes.getContractAddress(), bond);
        c.tx(challenger, d.disputes, d.disputes.fileDispute(p.encode()));
        return p.hash();
    }

    BigInteger season(String name) throws Exception {
        return d.season.get(Deployment.key(name)).send();
    }

    void mint(Credentials to, BigInteger amount) {
        c.tx(gov, d.energy, d.energy.mint(to.getAddress(), amount));
    }

    void approve(Credentials who, String spender, BigInteger amount) {
        c.tx(who, d.energy, d.energy.approve(spender, amount));
    }

    BigInteger balance(String addr) throws Exception {
        return d.energy.balanceOf(addr).send();
    }

    /** Mints, approves and deposits ENERGY into the ledger for a trainer. */
    void fundTrainer(Credentials t, BigInteger amount) {
        mint(t, amount);
        approve(t, d.ledger.getContractAddress(), amount);
        c.tx(t, d.ledger, d.ledger.deposit(amount));
    }

    BigInteger hatch(Credentials owner, long seed, byte[] cDataset, byte[] secretCommitment) throws Exception {
        c.tx(owner, d.beasts, d.beasts.hatch(BigInteger.valueOf(seed), cDataset, secretCommitment));
        return d.beasts.totalHatched().send();
    }

    void stakeValidator(Credentials v, BigInteger amount) {
        mint(v, amount);
        approve(v, d.validators.getContractAddress(), amount);
        c.tx(v, d.validators, d.validators.stake(amount));
    }

    byte[] ledgerAddress() {
        return Hex.parse(d.ledger.getContractAddress());
    }

    CheckpointPayload first(BigInteger beastId, long burn) {
        return new CheckpointPayload(1, c.chainId(), ledgerAddress(), beastId, 0, Z, 128, burn, 0xFF, 4, k("h0-" + beastId), k("l0"), false);
    }

    CheckpointPayload next(CheckpointPayload p, long burn) {
        long w = p.windowIndex() + 1;
        return p.next(CheckpointPayload.globalStepOf(p.globalStep() + 128), burn, 0xFF, 4, k("h" + w + "-" + p.beastId()), k("l" + w), w % 2 == 0);
    }

    TransactionReceipt submit(Credentials owner, CheckpointPayload p) {
        return c.tx(owner, d.ledger, d.ledger.submitCheckpoint(p.beastId(), p.encode()));
    }

    static ContractRevertException expectRevert(String error, Executable e) {
        ContractRevertException ex = assertThrows(ContractRevertException.class, e);
        assertEquals(error, ex.error(), ex.getMessage());
        return ex;
    }

    /** abi.encode(chainid, dm, h, round, validator, verdict, salt) hashed: computed independently of the contract. */
    static byte[] verdictCommitment(long chainId, String dm, byte[] h, int round, String validator, int verdict, byte[] salt) {
        byte[] buf = new byte[7 * 32];
        byte[] cid = BigInteger.valueOf(chainId).toByteArray();
        System.arraycopy(cid, 0, buf, 32 - cid.length, cid.length);
        System.arraycopy(Hex.parse(dm), 0, buf, 32 + 12, 20);
        System.arraycopy(h, 0, buf, 64, 32);
        buf[3 * 32 + 31] = (byte) round;
        System.arraycopy(Hex.parse(validator), 0, buf, 128 + 12, 20);
        buf[5 * 32 + 31] = (byte) verdict;
        System.arraycopy(salt, 0, buf, 192, 32);
        return Keccak256.hash(buf);
    }

    /** The commitment for the dispute on h in its current round (read from the chain). */
    byte[] verdictCommitment(byte[] h, String validator, int verdict, byte[] salt) throws Exception {
        int round = d.disputes.getDispute(h).send().round.intValueExact();
        return verdictCommitment(c.chainId(), d.disputes.getContractAddress(), h, round, validator, verdict, salt);
    }

    void commit(Credentials v, byte[] h, int verdict, byte[] salt) throws Exception {
        c.tx(v, d.disputes, d.disputes.commitVerdict(h, verdictCommitment(h, v.getAddress(), verdict, salt)));
    }

    void reveal(Credentials v, byte[] h, int verdict, byte[] salt) {
        c.tx(v, d.disputes, d.disputes.revealVerdict(h, BigInteger.valueOf(verdict), salt));
    }
}
