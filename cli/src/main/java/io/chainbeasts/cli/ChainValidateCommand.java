package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.prover.Verifier;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One pass of a validator node. Run it periodically (each pass does what the clock allows):
 * stake up to minStake, replay the beasts' on-chain checkpoints, and for every open dispute commit the
 * replay's verdict (commit window), reveal it (reveal window), or resolve (after). The salt is
 * keccak256("chainbeasts/verdict-salt" || key || checkpointHash): secret, and re-derivable after a
 * restart, so a crash between commit and reveal loses nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validator pass: register with stake (up to minStake), replay each --beast's on-chain checkpoints with the prover's "
                + "Verifier and the on-chain season, and for open disputes commit, then (later pass) reveal the verdict, then resolve.")
final class ChainValidateCommand implements Callable<Integer> {
    static final int VALID = 1;
    static final int INVALID = 2;

    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast store(s) to watch (repeatable)")
    List<Path> beasts;

    @Option(names = "--stake", description = "ENERGY to stake when below minStake (default: exactly what reaches minStake)")
    String stake;

    @Override
    public Integer call() {
        try (ChainSession s = ChainSession.open("chain validate", chain, true)) {
            register(s);
            ChainBeast.Constants c = ChainBeast.constants(s);
            int bad = 0;
            for (Path dir : beasts) bad += watch(s, ChainBeast.open(s, dir), c);
            BigInteger owed = s.view(s.d.disputes.owed(s.address()), "DisputeManager.owed");
            if (owed.signum() > 0) System.out.println("owed to " + s.address() + ": " + ChainSession.energy(owed) + " (`chain withdraw`)");
            System.out.println(bad == 0 ? "result: no invalid checkpoint found" : "result: " + bad + " invalid checkpoint(s) on chain");
            return 0;
        }
    }

    private void register(ChainSession s) {
        BigInteger min = s.view(s.d.validators.minStake(), "ValidatorRegistry.minStake");
        BigInteger have = s.view(s.d.validators.stakeOf(s.address()), "ValidatorRegistry.stakeOf");
        if (have.compareTo(min) >= 0) {
            System.out.println("validator " + s.address() + ": staked " + ChainSession.energy(have) + " (minStake " + ChainSession.energy(min) + ")");
            return;
        }
        BigInteger add = min.subtract(have);
        if (stake != null) add = add.max(ChainSession.parseEnergy("--stake", stake));
        BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
        if (bal.compareTo(add) < 0) {
            throw new UserError("chain validate: --key: " + s.address() + " holds " + ChainSession.energy(bal) + ", staking needs " + ChainSession.energy(add));
        }
        String vr = s.d.validators.getContractAddress();
        TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(vr, add), "Energy.approve");
        TransactionReceipt t = s.tx(s.d.validators, s.d.validators.stake(add), "ValidatorRegistry.stake");
        System.out.println("validator " + s.address() + ": staked " + ChainSession.energy(add) + " (approve gas " + a.getGasUsed() + ", stake gas "
                + t.getGasUsed() + "); active " + s.view(s.d.validators.isActive(s.address()), "ValidatorRegistry.isActive"));
    }

    /** Returns how many of the beast's on-chain checkpoints replay invalid. */
    private int watch(ChainSession s, ChainBeast b, ChainBeast.Constants c) {
        Verifier.Report report = b.verify(c, null, null);
        int onChain = 0, invalid = 0;
        for (long i = 0; i < b.windows; i++) {
            WindowRecord r = b.window(i);
            int st = b.status(r.checkpointHash());
            if (st == 0) continue;
            onChain++;
            Verifier.WindowVerdict v = ChainBeast.verdictOf(report, i);
            boolean failed = v == null || v.verdict() == Verifier.Verdict.FAILURE;
            if (failed) invalid++;
            if (failed || st != 1) {
                System.out.println("beast #" + b.id.beastId() + " " + (v == null ? "window " + i + ": no verdict" : v.line()) + " [on chain: " + ChainSession.STATUS[st] + "]");
            }
            DisputeManager.Dispute d = b.dispute(r.checkpointHash());
            if (d.status.signum() != 0) dispute(s, b, c, r, d, report);
        }
        long lineage = report.count(Verifier.Verdict.LINEAGE_ONLY);
        System.out.println("beast #" + b.id.beastId() + ": " + onChain + " checkpoint(s) on chain, " + (onChain - invalid) + " pass"
                + (lineage > 0 ? " (" + lineage + " of the local windows private, checked lineage-only until a dispute reveals the dataset)" : " the replay")
                + ", " + invalid + " invalid");
        return invalid;
    }

    private void dispute(ChainSession s, ChainBeast b, ChainBeast.Constants c, WindowRecord r, DisputeManager.Dispute d, Verifier.Report publicReport) {
        byte[] h = r.checkpointHash();
        String tag = "dispute on beast #" + b.id.beastId() + " window " + r.index();
        int status = d.status.intValue();
        if (status != 1) {
            System.out.println(tag + ": " + ChainSession.DISPUTE[status] + " (valid " + d.votesValid + ", invalid " + d.votesInvalid + ")");
            return;
        }
        long now = s.now();
        String me = s.address();
        byte[] committed = s.view(s.d.disputes.commitments(h, me), "DisputeManager.commitments");
        boolean haveCommitted = !Arrays.equals(committed, new byte[32]);
        if (d.isPrivate && !d.revealed) {
            if (now > d.datasetDeadline.longValue()) {
                resolve(s, tag, h, d);
            } else {
                System.out.println(tag + ": waiting for the dataset reveal (until " + d.datasetDeadline + ", now " + now + ")");
            }
            return;
        }
        if (now <= d.commitDeadline.longValue()) {
            if (haveCommitted) {
                System.out.println(tag + ": verdict committed; reveal after " + d.commitDeadline + " (now " + now + ")");
                return;
            }
            Verifier.WindowVerdict v = publicReport == null ? null : ChainBeast.verdictOf(publicReport, r.index());
            if (d.isPrivate) {
                ChainBeast.Reveal rv = b.revealFromChain(h, c.season());
                if (rv == null) {
                    System.out.println(tag + ": the dataset was revealed but not by a direct revealDataset call; cannot replay, not voting");
                    return;
                }
                v = ChainBeast.verdictOf(b.verify(c, rv.opened(), rv.secret()), r.index());
            }
            int verdict = v != null && v.verdict() == Verifier.Verdict.VERIFIED ? VALID : INVALID;
            System.out.println(tag + ": replay " + (v == null ? "impossible (record missing)" : v.line()));
            byte[] commitment = s.view(s.d.disputes.verdictCommitment(h, me, BigInteger.valueOf(verdict), salt(s, h)), "DisputeManager.verdictCommitment");
            TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.commitVerdict(h, commitment), "DisputeManager.commitVerdict");
            System.out.println(tag + ": committed verdict " + (verdict == VALID ? "VALID" : "INVALID") + " (gas " + t.getGasUsed() + "); reveal after "
                    + d.commitDeadline);
            return;
        }
        if (now <= d.revealDeadline.longValue()) {
            if (!haveCommitted) {
                System.out.println(tag + ": commit window closed without a verdict from " + me + "; resolvable after " + d.revealDeadline);
                return;
            }
            BigInteger voted = s.view(s.d.disputes.verdicts(h, me), "DisputeManager.verdicts");
            if (voted.signum() != 0) {
                System.out.println(tag + ": verdict revealed; resolvable after " + d.revealDeadline + " (now " + now + ")");
                return;
            }
            byte[] salt = salt(s, h);
            int verdict = 0;
            for (int cand : new int[] {VALID, INVALID}) {
                byte[] x = s.view(s.d.disputes.verdictCommitment(h, me, BigInteger.valueOf(cand), salt), "DisputeManager.verdictCommitment");
                if (Arrays.equals(x, committed)) verdict = cand;
            }
            if (verdict == 0) throw new UserError("chain validate: " + tag + ": the commitment on chain was not made with this key's salt");
            TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.revealVerdict(h, BigInteger.valueOf(verdict), salt), "DisputeManager.revealVerdict");
            System.out.println(tag + ": revealed verdict " + (verdict == VALID ? "VALID" : "INVALID") + " (gas " + t.getGasUsed() + ")");
            return;
        }
        resolve(s, tag, h, d);
    }

    private static void resolve(ChainSession s, String tag, byte[] h, DisputeManager.Dispute d) {
        TransactionReceipt t = s.tx(s.d.disputes, s.d.disputes.resolve(h), "DisputeManager.resolve");
        DisputeManager.Dispute after = s.view(s.d.disputes.getDispute(h), "DisputeManager.getDispute");
        System.out.println(tag + ": resolved " + ChainSession.DISPUTE[after.status.intValue()] + " (valid " + after.votesValid + ", invalid "
                + after.votesInvalid + ", gas " + t.getGasUsed() + ")");
    }

    /** keccak256("chainbeasts/verdict-salt" || private key || h). */
    static byte[] salt(ChainSession s, byte[] h) {
        byte[] tag = "chainbeasts/verdict-salt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] key = Hex.parse(String.format("%064x", s.me.getEcKeyPair().getPrivateKey()));
        byte[] all = new byte[tag.length + key.length + h.length];
        System.arraycopy(tag, 0, all, 0, tag.length);
        System.arraycopy(key, 0, all, tag.length, key.length);
        System.arraycopy(h, 0, all, tag.length + key.length, h.length);
        return Keccak256.hash(all);
    }
}
