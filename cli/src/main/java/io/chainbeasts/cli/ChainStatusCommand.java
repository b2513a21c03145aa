package io.chainbeasts.cli;

import io.chainbeasts.node.CheckpointStatus;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.DisputeStatus;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.node.DisputeGamePlayer;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Read-only: a beast's checkpoints on chain vs its local windows, its disputes (bond, votes, outcome), and the ENERGY "
                + "balances, ledger deposits, stakes and pull-payments owed of its owner, challengers, voters and (with --key) you.")
final class ChainStatusCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast directory")
    Path beast;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain status", false)) {
            ChainBeast b = ChainBeast.open(s, beast);
            String owner = b.owner();
            byte[] head = b.head();
            System.out.println("beast #" + b.id.beastId() + " on chain " + s.client.chainId() + " (ledger " + s.d.ledger.getContractAddress() + "), owner " + owner
                    + (b.id.isPrivate() ? ", private curriculum" : ", public curriculum") + "; chain time " + Times.local(s.now()));
            long now = s.now();
            Set<String> people = new LinkedHashSet<>();
            people.add(owner.toLowerCase());
            if (s.me != null) people.add(s.me.getAddress().toLowerCase());
            int onChain = 0, unsent = 0;
            long headIndex = -1;
            java.util.List<Row> rows = rows(b);
            Set<Long> liveOnChain = new java.util.HashSet<>();
            for (Row row : rows) if (row.status().isOpen()) liveOnChain.add(row.window());
            for (Row row : rows) {
                long i = row.window();
                byte[] h = row.checkpointHash();
                boolean inStore = row.inStore();
                var rec = row.record();
                CheckpointStatus st = row.status();
                if (st != CheckpointStatus.NONE) onChain++;
                else if (inStore && !liveOnChain.contains(i)) unsent++; // another checkpoint stands at this window: submitting this one fails
                if (java.util.Arrays.equals(h, head)) headIndex = i;
                StringBuilder line = new StringBuilder(ChainSession.fmt("window %4d  0x%s  %-11s", i, Hex.of(h).substring(0, 16), st));
                if (!inStore) line.append("  (on chain only, not in this store)");
                if (st != CheckpointStatus.NONE) line.append("  ").append(energyState(st, rec.component1()));
                if (st.isOpen()) line.append(", challenge window ").append(now > rec.component2().longValue() ? "ended " : "until ").append(Times.at(rec.component2(), now));
                DisputeManager.Dispute d = b.dispute(h);
                if (d.status.signum() != 0) {
                    line.append("\n             dispute ").append(DisputeStatus.of(d.status.intValue()).label()).append(": challenger ").append(d.challenger)
                            .append(", bond ").append(ChainSession.energy(d.bond)).append(", votes valid ").append(d.votesValid).append(" / invalid ")
                            .append(d.votesInvalid).append(", active validators at filing ").append(d.activeAtFiling)
                            .append(d.isPrivate ? (d.revealed ? ", dataset revealed" : ", dataset NOT revealed (deadline " + Times.at(d.datasetDeadline, now) + ")") : "")
                            .append(DisputeStatus.of(d.status.intValue()) == DisputeStatus.OPEN ? ", commit until " + Times.at(d.commitDeadline, now) + ", reveal until " + Times.at(d.revealDeadline, now) : "");
                    people.add(d.challenger.toLowerCase());
                    people.addAll(b.voters(h));
                }
                if (s.d.game != null) gameLine(s, h, now, line, people);
                System.out.println(line);
            }
            System.out.println("checkpoints: " + b.windows + " local, " + onChain + " on chain; on-chain head "
                    + (head.length == 32 && new BigInteger(1, head).signum() == 0 ? "none" : "0x" + Hex.of(head).substring(0, 16) + " = window " + headIndex)
                    + (unsent > 0 ? "; `chain submit` sends the " + unsent + " not on chain" : ""));
            System.out.println(ChainSession.fmt("%-44s %-22s %-22s %-22s %s", "account", "ENERGY", "ledger deposit", "validator stake", "owed (chain withdraw)"));
            for (String a : people) {
                System.out.println(ChainSession.fmt("%-44s %-22s %-22s %-22s %s", a,
                        ChainSession.energy(s.view(s.d.energy.balanceOf(a), "Energy.balanceOf")),
                        ChainSession.energy(s.view(s.d.ledger.deposits(a), "CheckpointLedger.deposits")),
                        ChainSession.energy(s.view(s.d.validators.stakeOf(a), "ValidatorRegistry.stakeOf")),
                        ChainSession.energy(s.view(s.d.disputes.owed(a), "DisputeManager.owed")
                                .add(s.d.game == null ? BigInteger.ZERO : s.view(s.d.game.owed(a), "DisputeGame.owed")))));
            }
            return 0;
        }
    }

    /** A checkpoint the status shows: its window, whether the local store holds its record, and the ledger's record of it. */
    record Row(long window, byte[] checkpointHash, boolean inStore,
               org.web3j.tuples.generated.Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> record) {
        CheckpointStatus status() {
            return CheckpointStatus.of(record.component5().intValue());
        }
    }

    /**
     * The local store's windows, then the checkpoints on chain it does not hold (a replaced submission, a protocol
     * beast's forced error): whatever this store is, every checkpoint on chain is shown.
     */
    static java.util.List<Row> rows(ChainBeast b) {
        java.util.List<Row> rows = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (long i = 0; i < b.windows; i++) {
            byte[] h = b.window(i).checkpointHash();
            seen.add(Hex.of(h));
            rows.add(new Row(i, h, true, b.record(h)));
        }
        for (var ev : b.submitted()) {
            if (seen.add(Hex.of(ev.checkpointHash))) rows.add(new Row(ev.windowIndex.longValueExact(), ev.checkpointHash, false, b.record(ev.checkpointHash)));
        }
        rows.sort(java.util.Comparator.comparingLong(Row::window)); // stable: at one window, the store's record first
        return rows;
    }

    /** The dispute game on checkpoint h, if any: its stage, the named step, and whose clock runs until when (local time). */
    static void gameLine(ChainSession s, byte[] h, long now, StringBuilder line, Set<String> people) {
        var g = s.view(s.d.game.getGame(h), "DisputeGame.getGame");
        int st = g.stage.intValue();
        if (st == 0) return;
        line.append("\n             dispute game ").append(DisputeGamePlayer.STAGE[st]).append(": challenger ").append(g.challenger)
                .append(", owner ").append(g.trainer).append(", bond ").append(ChainSession.energy(g.bond));
        if (st == DisputeGamePlayer.AWAIT_PROOF || st >= DisputeGamePlayer.RESOLVED_VALID && g.digestsRoot != null
                && new BigInteger(1, g.digestsRoot).signum() != 0) {
            line.append(", step ").append(g.step.intValue() == 128 ? "128 (window end)" : g.step.toString());
        }
        if (st < DisputeGamePlayer.RESOLVED_VALID) {
            long dl = s.view(s.d.game.deadline(h), "DisputeGame.deadline").longValueExact();
            String who = st == DisputeGamePlayer.AWAIT_STEP ? "the challenger must name a step" : st == DisputeGamePlayer.AWAIT_DIGESTS
                    ? "the owner must post its step digests" : "the owner must open the named step";
            line.append("; ").append(who).append(" by ").append(Times.at(dl, now))
                    .append(now > dl ? st == DisputeGamePlayer.AWAIT_STEP
                            ? " (clock ran out: the window stands; `chain answer` claims the timeout for the owner)"
                            : " (clock ran out: `chain dispute` claims the timeout for the challenger; the window is then invalidated,"
                            + " and `chain submit` may send it again)" : "");
        }
        people.add(g.challenger.toLowerCase());
    }

    /** What a checkpoint's ENERGY is now: locked while pending or disputed, burned once finalized, slashed when invalidated. */
    static String energyState(CheckpointStatus status, BigInteger amount) {
        return switch (status) {
            case FINALIZED -> "burned " + ChainSession.energy(amount);
            case INVALIDATED -> "slashed " + ChainSession.energy(amount);
            default -> "locked " + ChainSession.energy(amount);
        };
    }
}
