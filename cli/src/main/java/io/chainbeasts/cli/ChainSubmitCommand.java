package io.chainbeasts.cli;

import io.chainbeasts.node.CheckpointStatus;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit, in order, every stored window whose checkpoint is not on chain yet (deposits the ENERGY they lock first); "
                + "idempotent: a second run submits nothing. Prints the gas of every transaction.")
final class ChainSubmitCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--beast", required = true, description = "beast directory (hatched with `chain hatch`)")
    Path beast;

    @Override
    public Integer call() {
        try (ChainSession s = chain.session("chain submit", true)) {
            ChainBeast b = ChainBeast.open(s, beast);
            String owner = b.owner();
            if (!owner.equalsIgnoreCase(s.address())) {
                throw new UserError("chain submit: --key: " + s.address() + " does not own beast #" + b.id.beastId() + " (owner " + owner + ")");
            }
            BigInteger price = s.view(s.d.season.get(io.chainbeasts.contracts.Deployment.key("energyPrice")), "SeasonRegistry.get(energyPrice)");
            List<WindowRecord> todo = new ArrayList<>();
            long already = 0;
            BigInteger need = BigInteger.ZERO;
            for (long i = 0; i < b.windows; i++) {
                WindowRecord r = b.window(i);
                if (b.status(r.checkpointHash()) != CheckpointStatus.NONE) {
                    already++;
                    continue;
                }
                todo.add(r);
                need = need.add(BigInteger.valueOf(r.decodedPayload().energyBurn()).multiply(price));
            }
            // Validators judge a window under the constants in force when it is submitted: a window trained under
            // others would be slashed, so it is refused here, before any ENERGY is locked.
            // the season the pre-flight checks against: a governance change applied before inclusion reverts the submit
            // (SeasonChanged) instead of having the window judged under constants it was not trained under
            BigInteger seasonVersion = s.view(s.d.season.season(), "SeasonRegistry.season");
            ChainBeast.Constants now = ChainBeast.constants(s);
            for (WindowRecord r : todo) {
                io.chainbeasts.engine.WindowContext ctx;
                try {
                    ctx = io.chainbeasts.checkpoint.ContextCodec.decode(r.context());
                } catch (io.chainbeasts.core.DecodeException e) {
                    throw new UserError("chain submit: " + b.store.windowPath(r.index()) + ": field 'context': " + e.getMessage());
                }
                if (!ctx.season().equals(now.season()) || !ctx.training().equals(now.training())) {
                    throw new UserError("chain submit: window " + r.index() + " was trained under " + (ctx.season().equals(now.season()) ? "training" : "season")
                            + " constants that differ from SeasonRegistry's now, so validators would judge it invalid; it cannot be"
                            + " submitted under the current constants (`chain season` shows them; `train --chain` trains under them)");
                }
            }
            System.out.println("beast #" + b.id.beastId() + ": " + b.windows + " local window(s), " + already + " already on chain, " + todo.size() + " to submit");
            if (todo.isEmpty()) {
                System.out.println("nothing to submit");
                return 0;
            }
            String ledger = s.d.ledger.getContractAddress();
            BigInteger dep = s.view(s.d.ledger.deposits(s.address()), "CheckpointLedger.deposits");
            if (dep.compareTo(need) < 0) {
                BigInteger more = need.subtract(dep);
                BigInteger bal = s.view(s.d.energy.balanceOf(s.address()), "Energy.balanceOf");
                if (bal.compareTo(more) < 0) {
                    throw new UserError("chain submit: --key: " + s.address() + " holds " + ChainSession.energy(bal) + " but the " + todo.size()
                            + " window(s) lock " + ChainSession.energy(need) + " (deposit " + ChainSession.energy(dep) + "): get ENERGY first (`chain mint` on a local chain)");
                }
                BigInteger allowance = s.view(s.d.energy.allowance(s.address(), ledger), "Energy.allowance");
                if (allowance.compareTo(more) < 0) {
                    TransactionReceipt a = s.tx(s.d.energy, s.d.energy.approve(ledger, more), "Energy.approve");
                    System.out.println("approve " + ChainSession.energy(more) + " to CheckpointLedger: gas " + a.getGasUsed());
                }
                TransactionReceipt d = s.tx(s.d.ledger, s.d.ledger.deposit(more), "CheckpointLedger.deposit");
                System.out.println("deposit " + ChainSession.energy(more) + ": gas " + d.getGasUsed());
            }
            BigInteger gasTotal = BigInteger.ZERO;
            for (WindowRecord r : todo) {
                TransactionReceipt t = s.tx(s.d.ledger, s.d.ledger.submitCheckpointUnder(b.id.beastId(), r.payload(), seasonVersion),
                        "CheckpointLedger.submitCheckpointUnder(window " + r.index() + ", season " + seasonVersion + ")");
                gasTotal = gasTotal.add(t.getGasUsed());
                var rec = b.record(r.checkpointHash());
                System.out.println(ChainSession.fmt("window %d: submitted 0x%s, gas %s, locked %s, challenge window until %s", r.index(),
                        Hex.of(r.checkpointHash()), t.getGasUsed(), ChainSession.energy(rec.component1()), Times.at(rec.component2(), s.now())));
            }
            System.out.println("submitted " + todo.size() + " checkpoint(s), mean gas " + gasTotal.divide(BigInteger.valueOf(todo.size()))
                    + "; on-chain head 0x" + Hex.of(b.head()));
            return 0;
        }
    }

}
