package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ChecksummedJson;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code chain cheat-demo}: a cheating window caught and slashed, end to end, on a throwaway local chain. Every step
 * is a real `chainbeasts` command run by this process and printed as a user would type it; only the lie itself (an
 * owner editing its own record) has no command, because no honest command writes one.
 */
@Command(name = "cheat-demo", mixinStandardHelpOptions = true,
        description = {"See a cheat caught: on a fresh local anvil, an owner trains 3 windows, edits the last one to claim half the ENERGY "
                + "it burned, and submits; a validator's replay sees the lie, a challenger files a dispute game with a bond, the owner's node "
                + "posts its 128 step digests, the challenger names the window-end check and proves it on chain, the cheater's locked ENERGY "
                + "is slashed and the challenger is paid. No vote decides anything.",
            "Every step is printed as the command a user would type (it takes seconds). The chain is stopped at the end."})
final class ChainCheatDemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "a new or empty directory for the chain file and the beast (default: a fresh temporary directory)")
    Path dir;

    private String chainFile;

    @Override
    public Integer call() throws Exception {
        if (dir == null) dir = Files.createTempDirectory("chainbeasts-cheat-demo");
        else if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new UserError("--dir: " + dir + " is not empty; give a new or empty directory");
            }
        } else if (Files.exists(dir)) {
            throw new UserError("--dir: " + dir + " is a file; give a new or empty directory");
        } else {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserError("--dir: cannot create " + dir + ": " + io.chainbeasts.core.IoErrors.describe(e));
            }
        }
        LocalChain lc;
        try {
            lc = LocalChain.up(6, Deployment.defaultSeason(), ChainUpCommand.TIMELOCK_SECONDS);
        } catch (IllegalStateException | IOException e) {
            throw new UserError("chain cheat-demo: " + e.getMessage());
        }
        try (lc) {
            Path cf = dir.resolve("chain.json");
            lc.deployment.writeJson(cf, lc.anvil.rpcUrl());
            chainFile = cf.toString();
            say("A fresh local chain (anvil " + lc.anvil.rpcUrl() + ", pid " + lc.anvil.pid() + "), every contract deployed; addresses in " + cf);
            say("Accounts: anvil:1 the cheating owner, anvil:3 a challenger, anvil:4 a validator replaying what is on chain.");
            for (int i = 1; i <= 5; i++) chain("mint", "--key", "anvil:0", "--to", "anvil:" + i, "--amount", "10000");

            Path beast = dir.resolve("cheater");
            say("\n1. The owner hatches a beast on chain and trains it for 3 windows.");
            chain("hatch", "--key", "anvil:1", "--seed-core", "0xbad", "--out", beast.toString());
            run("train", "--beast", beast.toString(), "--windows", "3");

            say("\n2. The lie: the owner edits window 2's checkpoint to claim half the ENERGY it burned, and redoes the record's and HEAD's");
            say("   checksums, so the store looks whole; only a replay of the window can tell.");
            CheckpointPayload lie = halveLastEnergyBurn(BeastStore.open(beast));
            say("   window 2 now claims energyBurn " + lie.energyBurn() + " (it burned " + lie.energyBurn() * 2 + ")");
            chain("submit", "--key", "anvil:1", "--beast", beast.toString());

            say("\n3. A validator replays every checkpoint on chain and finds the lie.");
            chain("validate", "--key", "anvil:4", "--beast", beast.toString());

            say("\n4. A challenger replays window 2 itself and files a dispute game with a bond (2x the window's locked ENERGY).");
            chain("dispute", "--key", "anvil:3", "--beast", beast.toString(), "--window", "2");

            say("\n5. The owner's node answers with the window's 128 step digests (an owner that never answers loses on its clock).");
            chain("answer", "--key", "anvil:1", "--beast", beast.toString());

            say("\n6. The challenger's replay agrees with every digest, so it names the window-end check, and the chain itself checks the");
            say("   128th state against the payload: the claimed energyBurn is not what the window burned.");
            chain("dispute", "--key", "anvil:3", "--beast", beast.toString(), "--window", "2");

            say("\n7. The outcome: window 2 INVALIDATED, its locked ENERGY slashed; the challenger collects its bond and the unburnt half.");
            String status = chain("status", "--beast", beast.toString());
            chain("withdraw", "--key", "anvil:3");
            boolean caught = status.contains("INVALIDATED") && status.contains("RESOLVED_INVALID");
            say("\nresult: " + (caught ? "the cheat was caught and slashed (window 2 INVALIDATED, dispute RESOLVED_INVALID)"
                    : "the cheat was NOT caught: this is a bug, please report it with the output above"));
            say("The chain stops now; the beast and chain.json stay in " + dir + ".");
            return caught ? 0 : 1;
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private String chain(String... args) {
        List<String> all = new ArrayList<>(List.of("chain"));
        all.addAll(List.of(args));
        all.addAll(List.of("--chain", chainFile));
        return run(all.toArray(String[]::new));
    }

    /** Runs one real command in this process, printed as typed; the demo stops at the first that fails. */
    private static String run(String... args) {
        System.out.println("$ chainbeasts " + String.join(" ", args));
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream tee = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
                buf.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                buf.write(b, off, len);
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(tee);
            code = Main.run(args);
        } finally {
            System.setOut(out);
        }
        if (code != 0) throw new UserError("chain cheat-demo: `chainbeasts " + String.join(" ", args) + "` failed (exit " + code + ")");
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The lie: the last window claims half its energyBurn; its record and HEAD are rewritten with valid checksums (the
     * record as a loose file, which readers take before a segment's copy).
     */
    static CheckpointPayload halveLastEnergyBurn(BeastStore store) {
        long last = store.head().windows() - 1;
        WindowRecord r = store.window(last);
        CheckpointPayload p = r.decodedPayload();
        CheckpointPayload lie = new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn() / 2, p.activeMask(), p.lrShift(), p.h128(), p.lineageHash(), p.lossDrop());
        ChecksummedJson.write(store.windowPath(last), new WindowRecord(last, r.preStateHash(), r.postStateHash(), r.context(), lie.encode(),
                lie.hash(), r.stepDigests(), r.metrics()).toJson());
        ChecksummedJson.write(store.headFile(), new BeastStore.Head(last + 1, lie.hash(), r.postStateHash()).toJson());
        return lie;
    }
}
