package io.chainbeasts.cli;

import io.chainbeasts.node.BeastMint;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.PrivateDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Mint first, then hatch locally bound to the minted token: the checkpoints' binding (chain id,
 * CheckpointLedger address, beast id) is only known once the NFT exists, so one command does both.
 */
@Command(name = "hatch", mixinStandardHelpOptions = true,
        description = "Mint the beast's NFT (seed_core, C_dataset, keccak256(S_owner)), then hatch its local store in --out bound to "
                + "(chain id, CheckpointLedger, token id), exactly what CheckpointLedger.submitCheckpoint checks.")
final class ChainHatchCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--seed-core", required = true, description = "64-bit seed_core (0x-hex or decimal)")
    String seedCore;

    @Option(names = "--out", required = true, description = "new beast directory")
    Path out;

    @Option(names = "--dataset", description = "packed private dataset (.zst): its C_dataset goes on chain; needs --secret or --new-secret")
    Path dataset;

    @Option(names = "--secret", description = "existing owner secret file (64 hex digits)")
    Path secret;

    @Option(names = "--new-secret", description = "create a fresh random owner secret in this file")
    Path newSecret;

    @Override
    public Integer call() {
        long seed = Seeds.parse("--seed-core", seedCore);
        Hatchable.check("chain hatch", out); // before the mint: a minted beast must have a folder to hatch in
        if (dataset == null && (secret != null || newSecret != null)) throw new UserError("--secret/--new-secret only make sense with --dataset");
        if (dataset != null && (secret == null) == (newSecret == null)) throw new UserError("--dataset needs exactly one of --secret or --new-secret");
        try (ChainSession s = chain.session("chain hatch", true)) {
            byte[] cDataset = new byte[32];
            byte[] secretCommitment = new byte[32];
            byte[] recordsRoot = new byte[32];
            if (dataset != null) {
                PrivateDataset d = Beasts.dataset(dataset, null);
                byte[] sec = secret != null ? Secrets.read(secret) : Secrets.create(newSecret);
                cDataset = d.commitment();
                secretCommitment = Keccak256.hash(sec);
                recordsRoot = d.records().root();
            }
            // a private beast commits R_dataset beside C_dataset: a disputed window then reveals only the records it drew
            BeastMint.Minted m = BeastMint.mint(s, seed, cDataset, recordsRoot, secretCommitment);
            BigInteger id = m.identity().beastId();
            long chainId = s.client.chainId();
            String ledger = s.d.ledger.getContractAddress();
            System.out.println("minted beast #" + id + " to " + s.address() + " (tx " + m.txHash() + ", gas " + m.gas() + ")");
            try {
                BeastStore store = Trainer.hatch(out, m.identity());
                System.out.println("hatched beast " + id + " (seed_core 0x" + Long.toHexString(seed) + ") in " + out + ", bound to chain " + chainId
                        + ", ledger " + ledger);
                System.out.println("  initial state hash 0x" + Hex.of(store.head().stateHash()));
            } catch (StoreException | UserError e) {
                throw new UserError("chain hatch: beast #" + id + " is minted but the local hatch failed (" + e.getMessage() + "); finish it with: chainbeasts hatch --seed-core "
                        + seedCore + " --out " + out + " --chain-id " + chainId + " --ledger " + ledger + " --beast-id " + id
                        + (dataset != null ? " --dataset " + dataset + " --secret " + (secret != null ? secret : newSecret) : ""));
            }
            if (dataset != null) {
                System.out.println("  private curriculum: C_dataset 0x" + Hex.of(cDataset) + ", R_dataset 0x" + Hex.of(recordsRoot)
                        + ", secret commitment 0x" + Hex.of(secretCommitment));
            }
            return 0;
        }
    }
}
