package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.checkpoint.ChecksummedJson;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.contracts.LocalChain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted CLI session against a real local chain: starts anvil with every contract deployed,
 * writes the addresses file the chain commands read, runs commands (keeping a transcript in
 * target/), and on close stops anvil and checks that its process is gone. Shared by the chain
 * end-to-end tests.
 */
final class ChainScript implements AutoCloseable {
    final LocalChain chain;
    final Deployment deployment;
    final Path chainFile;
    final List<String> keys;
    private final long pid;
    private final Path transcriptFile;
    private final StringBuilder transcript = new StringBuilder();

    private ChainScript(LocalChain chain, Path chainFile, Path transcriptFile) {
        this.chain = chain;
        this.deployment = chain.deployment;
        this.chainFile = chainFile;
        this.keys = chain.anvil.privateKeys();
        this.pid = chain.anvil.pid();
        this.transcriptFile = transcriptFile;
    }

    static ChainScript start(int accounts, Path dir, String transcriptName) throws IOException {
        LocalChain lc = LocalChain.upWithVote(accounts, Deployment.defaultSeason(), 3600); // these scenarios play the vote (`chain up --vote`)
        Path cf = dir.resolve("chain.json");
        lc.deployment.writeJson(cf, lc.anvil.rpcUrl());
        return new ChainScript(lc, cf, Path.of("target", transcriptName));
    }

    /** {@code chain <args> --chain FILE}. */
    String[] chainCmd(String... args) {
        return cat(cat(new String[] {"chain"}, args), "--chain", chainFile.toString());
    }

    /** Runs a command that must succeed; it goes into the transcript with private keys masked. */
    CliTest.Result ok(String... args) {
        CliTest.Result r = CliTest.run(args);
        transcript.append("$ chainbeasts ").append(String.join(" ", args).replaceAll("0x[0-9a-f]{64}|[0-9a-f]{64}", "KEY"))
                .append('\n').append(r.out()).append(r.err());
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    /** Runs a command that must fail as a user error: exit 2, one line containing {@code mustContain}, no trace. */
    CliTest.Result fails(String mustContain, String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertTrue(r.err().contains(mustContain), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        return r;
    }

    static String[] cat(String[] x, String... y) {
        String[] r = new String[x.length + y.length];
        System.arraycopy(x, 0, r, 0, x.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    /**
     * The cheat both scenarios use: the beast's last window claims half the ENERGY it burned. The
     * record and HEAD are rewritten with valid checksums, so only a replay can tell. Returns the lie.
     */
    static CheckpointPayload halveLastEnergyBurn(BeastStore store) {
        CheckpointPayload p = store.window(store.head().windows() - 1).decodedPayload();
        return rewriteLast(store, new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn() / 2, p.activeMask(), p.lrShift(), p.h128(), p.lineageHash(), p.lossDrop()));
    }

    /** Another cheat: the last window claims a different net (h128 with one bit flipped), with its true energyBurn. */
    static CheckpointPayload forgeLastH128(BeastStore store, CheckpointPayload p) {
        byte[] h128 = p.h128().clone();
        h128[0] ^= 1;
        return rewriteLast(store, new CheckpointPayload(p.version(), p.chainId(), p.ledger(), p.beastId(), p.windowIndex(), p.prevCheckpointHash(),
                p.globalStep(), p.energyBurn(), p.activeMask(), p.lrShift(), h128, p.lineageHash(), p.lossDrop()));
    }

    /** Rewrites the last window's record (payload, checkpoint hash) and HEAD with valid checksums. */
    static CheckpointPayload rewriteLast(BeastStore store, CheckpointPayload lie) {
        long last = store.head().windows() - 1;
        WindowRecord r = store.window(last);
        ChecksummedJson.write(store.windowPath(last), new WindowRecord(last, r.preStateHash(), r.postStateHash(), r.context(), lie.encode(),
                lie.hash(), r.stepDigests(), r.metrics()).toJson());
        ChecksummedJson.write(store.headFile(), new BeastStore.Head(last + 1, lie.hash(), r.postStateHash()).toJson());
        return lie;
    }

    @Override
    public void close() throws IOException {
        Files.createDirectories(transcriptFile.getParent());
        Files.writeString(transcriptFile, transcript.toString());
        chain.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "anvil " + pid + " still running");
    }
}
