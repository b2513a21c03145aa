package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.CheckpointSubmission;
import io.chainbeasts.node.ChainBeast;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.core.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
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
            CheckpointSubmission plan = CheckpointSubmission.plan(b);
            List<WindowRecord> todo = plan.todo;
            System.out.println("beast #" + b.id.beastId() + ": " + b.windows + " local window(s), " + plan.already + " already on chain, " + todo.size() + " to submit");
            if (todo.isEmpty()) {
                System.out.println("nothing to submit" + (plan.invalidated < 0 ? "" : "; window " + plan.invalidated
                        + " was proven invalid on chain: nothing trained after it can be submitted"));
                return 0;
            }
            BigInteger[] gasTotal = {BigInteger.ZERO};
            plan.send(System.out::println, w -> { // each line as its transaction is mined
                gasTotal[0] = gasTotal[0].add(w.gas());
                System.out.println(ChainSession.fmt("window %d: submitted 0x%s, gas %s, locked %s, challenge window until %s", w.record().index(),
                        Hex.of(w.record().checkpointHash()), w.gas(), ChainSession.energy(w.locked()), Times.at(w.deadline(), s.now())));
            });
            System.out.println("submitted " + todo.size() + " checkpoint(s), mean gas " + gasTotal[0].divide(BigInteger.valueOf(todo.size()))
                    + "; on-chain head 0x" + Hex.of(b.head()));
            return 0;
        }
    }

}
