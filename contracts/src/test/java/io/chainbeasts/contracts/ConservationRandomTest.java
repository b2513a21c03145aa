package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random sequences of actions by owners, validators and challengers (several seeds, >= 500 actions
 * each, each on a fresh deployment). After every action: ENERGY is conserved (sum of all holders +
 * burned = minted), every contract holds exactly what it owes, and no honest challenger or owner
 * has lost a bond. Every revert must be one of the custom errors its action can meet by honest
 * timing or balances ({@link #EXPECTED}); any other (a panic, a require string, a payload or
 * invariant error) fails the run, naming the action and the error.
 */
class ConservationRandomTest {
    static final BigInteger E = BigInteger.TEN.pow(18);
    static final int ACTIONS = 500;

    /** Per action, the refusals a random but well-formed sequence can meet: timing, balances, state already moved on. */
    static final Map<String, java.util.Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("submit", java.util.Set.of("EnergyBelowFloor", "InsufficientDeposit")),
            Map.entry("finalize", java.util.Set.of("ChallengeWindowOpen", "NotPending", "ParentNotFinalized")),
            Map.entry("dispute", java.util.Set.of("DisputeExists", "ChallengeWindowClosed", "NotPending", "InsufficientBalance")),
            Map.entry("commit", java.util.Set.of("DatasetNotRevealed", "AlreadyCommitted", "TooLate", "AlreadyResolved", "JoinedAfterFiling", "NotValidator")),
            Map.entry("reveal", java.util.Set.of("TooEarly", "TooLate", "AlreadyVoted", "AlreadyResolved")),
            Map.entry("resolve", java.util.Set.of("TooEarly", "AlreadyResolved")),
            Map.entry("revealDataset", java.util.Set.of("AlreadyRevealed", "DatasetWindowClosed", "AlreadyResolved")),
            Map.entry("withdraw", java.util.Set.of("NothingToWithdraw")),
            Map.entry("requestUnbond", java.util.Set.of("InsufficientStake")),
            Map.entry("withdrawUnbonded", java.util.Set.of("NothingUnbonded", "StillUnbonding")),
            Map.entry("deposit", java.util.Set.of("InsufficientBalance")));

    @Test
    void seed1() throws Exception {
        run(1);
    }

    @Test
    void seed2() throws Exception {
        run(2);
    }

    @Test
    void seed3() throws Exception {
        run(3);
    }

    static final class Cp {
        CheckpointPayload p;
        boolean bad;
        Credentials owner;
    }

    void run(long seed) throws Exception {
        // floor 500 units: about a quarter of the random submissions (1..2000 units) are refused EnergyBelowFloor
        try (LocalChain lc = LocalChain.upWithVote(14, ChainTestBase.syntheticSeason(500), 3600)) {
            new Run(lc, seed).go();
        }
    }

    static final class Run extends ChainTestBase {
        final SplitMix64 r;
        final List<Credentials> owners = new ArrayList<>(), validators = new ArrayList<>(), challengers = new ArrayList<>(), all = new ArrayList<>();
        final Map<Integer, CheckpointPayload> heads = new TreeMap<>();
        final Map<Integer, BigInteger> beastOf = new TreeMap<>();
        final Map<Integer, byte[]> datasets = new TreeMap<>();
        final List<Cp> checkpoints = new ArrayList<>();
        final Map<String, Cp> disputed = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> committed = new LinkedHashMap<>();
        final Map<String, Credentials> challengerOf = new LinkedHashMap<>();
        int ok, reverted, filed, resolved;
        /** The action being tried, named as in {@link #EXPECTED}. */
        String action;
        final Map<String, Integer> refusals = new TreeMap<>();
        final List<String> unexpected = new ArrayList<>();

        Run(LocalChain lc, long seed) {
            this.lc = lc;
            this.c = lc.client;
            this.d = lc.deployment;
            this.gov = c.account(0);
            this.r = new SplitMix64(seed);
        }

        void go() throws Exception {
            for (int i = 1; i <= 4; i++) owners.add(acct(i));
            for (int i = 5; i <= 9; i++) validators.add(acct(i));
            for (int i = 10; i <= 13; i++) challengers.add(acct(i));
            all.add(gov);
            all.addAll(owners);
            all.addAll(validators);
            all.addAll(challengers);
            for (int i = 0; i < owners.size(); i++) {
                fundTrainer(owners.get(i), E.multiply(BigInteger.valueOf(50)));
                byte[] ds = ("dataset-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                boolean priv = i % 2 == 1;
                if (priv) datasets.put(i, ds);
                beastOf.put(i, hatch(owners.get(i), i, priv ? Keccak256.hash(ds) : Z, priv ? Keccak256.hash(secret(i)) : Z));
            }
            for (Credentials v : validators) stakeValidator(v, season("minStake").multiply(BigInteger.valueOf(3)));
            for (Credentials ch : challengers) mint(ch, E.multiply(BigInteger.valueOf(100)));
            check();
            for (int a = 0; a < ACTIONS; a++) {
                action = null;
                try {
                    step(a);
                    ok++;
                } catch (ContractRevertException e) {
                    reverted++;
                    if (action == null || !EXPECTED.get(action).contains(e.error())) {
                        unexpected.add("action " + a + " (" + action + ") reverted with " + e.error() + ", not one of its expected refusals "
                                + (action == null ? "[]" : EXPECTED.get(action)) + ": " + e.getMessage());
                    }
                    refusals.merge(action + ":" + e.error(), 1, Integer::sum);
                }
                check();
            }
            System.out.println("conservation seed run: " + ok + " actions succeeded, " + reverted + " reverted (expected refusals), "
                    + checkpoints.size() + " checkpoints, " + filed + " disputes filed, " + resolved + " resolved; refusals " + refusals);
            assertEquals(List.of(), unexpected, "reverts that are not expected refusals");
            assertTrue(resolved > 0, "the run must exercise dispute resolution");
            assertTrue(ok > ACTIONS / 3, "most actions should succeed: " + ok);
        }

        static byte[] secret(int i) {
            return k("secret-" + i);
        }

        <T> T pick(List<T> l) {
            return l.get(r.nextInt(l.size()));
        }

        void step(int a) throws Exception {
            int kind = r.nextInt(12);
            switch (kind) {
                case 0, 1, 2 -> { // an owner submits the next window; 1 in 4 is a cheat
                    int i = r.nextInt(owners.size());
                    action = "submit";
                    CheckpointPayload head = heads.get(i);
                    boolean bad = r.nextInt(4) == 0;
                    byte[] h128 = bad ? k("cheat-" + a) : k("honest-" + a);
                    BigInteger id = beastOf.get(i);
                    CheckpointPayload p;
                    byte[] onChainHead = d.ledger.head(id).send();
                    if (head == null || !java.util.Arrays.equals(onChainHead, head.hash())) {
                        // after an invalidation the head rolled back: restart from what the chain says
                        CheckpointPayload base = findByHash(onChainHead);
                        head = base;
                    }
                    if (head == null) p = new CheckpointPayload(1, c.chainId(), ledgerAddress(), id, 0, Z, 128, 1 + r.nextInt(2000), 0xFF, 4, h128, Z, false);
                    else p = head.next(CheckpointPayload.globalStepOf(head.globalStep() + 128), 1 + r.nextInt(2000), 0xFF, 4, h128, Z, false);
                    submit(owners.get(i), p);
                    heads.put(i, p);
                    Cp cp = new Cp();
                    cp.p = p;
                    cp.bad = bad;
                    cp.owner = owners.get(i);
                    checkpoints.add(cp);
                }
                case 3 -> { // finalize something
                    if (checkpoints.isEmpty()) return;
                    action = "finalize";
                    c.tx(pick(challengers), d.ledger, d.ledger.finalize(pick(checkpoints).p.encode()));
                }
                case 4 -> { // dispute: honest challengers mostly pick bad checkpoints, sometimes a good one
                    if (checkpoints.isEmpty()) return;
                    Cp cp = pick(checkpoints);
                    Credentials ch = pick(challengers);
                    approve(ch, d.disputes.getContractAddress(), E.multiply(BigInteger.valueOf(100)));
                    action = "dispute";
                    c.tx(ch, d.disputes, d.disputes.fileDispute(cp.p.encode()));
                    String h = io.chainbeasts.core.Hex.of(cp.p.hash());
                    disputed.put(h, cp);
                    challengerOf.put(h, ch);
                    committed.put(h, new LinkedHashMap<>());
                    filed++;
                }
                case 5, 6 -> { // a validator commits its honest verdict
                    if (disputed.isEmpty()) return;
                    String h = pick(new ArrayList<>(disputed.keySet()));
                    Credentials v = pick(validators);
                    int verdict = disputed.get(h).bad ? 2 : 1;
                    action = "commit";
                    commit(v, io.chainbeasts.core.Hex.parse(h), verdict, k("salt" + h + v.getAddress()));
                    committed.get(h).put(v.getAddress(), verdict);
                }
                case 7 -> { // reveal (some validators forget: they are slashed)
                    if (disputed.isEmpty()) return;
                    String h = pick(new ArrayList<>(disputed.keySet()));
                    if (committed.get(h).isEmpty()) return;
                    String va = pick(new ArrayList<>(committed.get(h).keySet()));
                    Credentials v = validators.stream().filter(x -> x.getAddress().equals(va)).findFirst().orElseThrow();
                    action = "reveal";
                    reveal(v, io.chainbeasts.core.Hex.parse(h), committed.get(h).get(va), k("salt" + h + va));
                }
                case 8 -> { // resolve; an honest challenger (bad checkpoint) never ends below its bond
                    if (disputed.isEmpty()) return;
                    String h = pick(new ArrayList<>(disputed.keySet()));
                    Credentials ch = challengerOf.get(h);
                    BigInteger owedBefore = d.disputes.owed(ch.getAddress()).send();
                    var dispute = d.disputes.getDispute(io.chainbeasts.core.Hex.parse(h)).send();
                    BigInteger bond = dispute.bond;
                    boolean defaultable = dispute.isPrivate && !dispute.revealed; // owner never revealed: loses by default
                    BigInteger burnedBefore = d.energy.totalBurned().send();
                    action = "resolve";
                    c.tx(pick(all), d.disputes, d.disputes.resolve(io.chainbeasts.core.Hex.parse(h)));
                    BigInteger status = d.disputes.disputeStatus(io.chainbeasts.core.Hex.parse(h)).send();
                    BigInteger recStatus = d.ledger.records(io.chainbeasts.core.Hex.parse(h)).send().component5();
                    if (status.intValue() == 3) {
                        // slashBurnBps of the invalidated lock is burned before anyone is paid (plus slashes nobody earned)
                        BigInteger mustBurn = dispute.locked.multiply(season("slashBurnBps")).divide(BigInteger.valueOf(10000));
                        assertTrue(d.energy.totalBurned().send().subtract(burnedBefore).compareTo(mustBurn) >= 0, "the slash burn happened");
                        assertEquals(4, recStatus.intValue(), "ledger INVALIDATED");
                    } else if (status.intValue() == 4) {
                        assertEquals(1, recStatus.intValue(), "inconclusive: the checkpoint is pending again, open to another challenger");
                    }
                    if (disputed.get(h).bad) {
                        assertTrue(d.disputes.owed(ch.getAddress()).send().subtract(owedBefore).compareTo(bond) >= 0, "honest challenger lost its bond");
                        assertNotEquals(BigInteger.TWO, status, "a bad checkpoint was upheld by honest validators");
                    } else if (!defaultable) {
                        assertNotEquals(BigInteger.valueOf(3), status, "an honest checkpoint was overturned by honest validators");
                    }
                    disputed.remove(h);
                    resolved++;
                }
                case 9 -> { // private dataset reveal by the owner
                    if (disputed.isEmpty()) return;
                    String h = pick(new ArrayList<>(disputed.keySet()));
                    int i = owners.indexOf(disputed.get(h).owner);
                    if (!datasets.containsKey(i)) return;
                    action = "revealDataset";
                    c.tx(owners.get(i), d.disputes, d.disputes.revealDataset(io.chainbeasts.core.Hex.parse(h), datasets.get(i), secret(i)));
                }
                case 10 -> { // money moves: withdraw owed, unbond, withdraw unbonded, deposit more
                    Credentials x = pick(all);
                    switch (r.nextInt(4)) {
                        case 0 -> {
                            action = "withdraw";
                            c.tx(x, d.disputes, d.disputes.withdraw());
                        }
                        case 1 -> {
                            action = "requestUnbond";
                            c.tx(x, d.validators, d.validators.requestUnbond(E.multiply(BigInteger.valueOf(1 + r.nextInt(50)))));
                        }
                        case 2 -> {
                            action = "withdrawUnbonded";
                            c.tx(x, d.validators, d.validators.withdrawUnbonded());
                        }
                        default -> {
                            action = "deposit";
                            if (owners.contains(x)) fundTrainer(x, E.multiply(BigInteger.valueOf(1 + r.nextInt(5))));
                            else stakeValidator(x, E.multiply(BigInteger.valueOf(1 + r.nextInt(50))));
                        }
                    }
                }
                default -> c.increaseTime(200 + r.nextInt(2400));
            }
        }

        CheckpointPayload findByHash(byte[] h) {
            if (java.util.Arrays.equals(h, Z)) return null;
            for (Cp cp : checkpoints) if (java.util.Arrays.equals(cp.p.hash(), h)) return cp.p;
            throw new IllegalStateException("unknown head");
        }

        void check() throws Exception {
            BigInteger sum = BigInteger.ZERO;
            for (Credentials x : all) sum = sum.add(balance(x.getAddress()));
            BigInteger ledgerBal = balance(d.ledger.getContractAddress());
            BigInteger valBal = balance(d.validators.getContractAddress());
            BigInteger dmBal = balance(d.disputes.getContractAddress());
            sum = sum.add(ledgerBal).add(valBal).add(dmBal);
            BigInteger minted = d.energy.totalMinted().send();
            BigInteger burned = d.energy.totalBurned().send();
            assertEquals(minted, sum.add(burned), "balances + stakes + bonds + burned = minted");
            assertEquals(d.energy.totalSupply().send(), sum, "all holders accounted for");
            // each contract holds exactly what it owes
            BigInteger deposits = BigInteger.ZERO;
            for (Credentials o : owners) deposits = deposits.add(d.ledger.deposits(o.getAddress()).send());
            BigInteger locked = BigInteger.ZERO;
            for (Cp cp : checkpoints) {
                var rec = d.ledger.records(cp.p.hash()).send();
                int st = rec.component5().intValue();
                if (st == 1 || st == 2) locked = locked.add(rec.component1());
            }
            assertEquals(ledgerBal, deposits.add(locked), "ledger = deposits + locked");
            BigInteger stakes = BigInteger.ZERO;
            for (Credentials x : all) stakes = stakes.add(d.validators.stakeOf(x.getAddress()).send()).add(d.validators.unbondingOf(x.getAddress()).send());
            assertEquals(valBal, stakes, "validator registry = stakes + unbonding");
            assertEquals(dmBal, d.disputes.totalBonds().send().add(d.disputes.totalOwed().send()).add(d.disputes.totalForced().send()), "dispute manager = bonds + owed + forced rewards");
        }
    }
}
