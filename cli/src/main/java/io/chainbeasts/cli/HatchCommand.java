package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.Trainer;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.PrivateDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "hatch", mixinStandardHelpOptions = true,
        description = "Hatch a beast: seed_core gives its initial weights; the directory becomes its store.")
final class HatchCommand implements Callable<Integer> {
    @Option(names = "--seed-core", required = true, description = "64-bit seed_core (0x-hex or decimal)")
    String seedCore;

    @Option(names = "--out", required = true, description = "new beast directory")
    Path out;

    @Option(names = "--dataset", description = "packed private dataset (.zst) to commit to (C_dataset); needs --secret or --new-secret")
    Path dataset;

    @Option(names = "--secret", description = "existing owner secret file (64 hex digits)")
    Path secret;

    @Option(names = "--new-secret", description = "create a fresh random owner secret in this file")
    Path newSecret;

    @Option(names = "--chain-id", defaultValue = "31337", description = "chain id the checkpoints bind to (default ${DEFAULT-VALUE}, anvil)")
    long chainId;

    @Option(names = "--ledger", defaultValue = "0x0000000000000000000000000000000000000000",
            description = "CheckpointLedger address the checkpoints bind to (default: the zero address, local only)")
    String ledger;

    @Option(names = "--beast-id", description = "token id of the beast (default: seed_core as an unsigned integer)")
    String beastId;

    @Override
    public Integer call() {
        long seed = Seeds.parse("--seed-core", seedCore);
        byte[] ledgerBytes;
        try {
            ledgerBytes = Hex.parse(ledger);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ledger: " + e.getMessage());
        }
        if (ledgerBytes.length != 20) throw new UserError("--ledger: an address has 20 bytes, got " + ledgerBytes.length);
        BigInteger id;
        try {
            id = beastId == null ? new BigInteger(Long.toUnsignedString(seed)) : new BigInteger(beastId);
        } catch (NumberFormatException e) {
            throw new UserError("--beast-id: '" + beastId + "' is not a decimal integer");
        }
        if (id.signum() < 0 || id.bitLength() > 256) throw new UserError("--beast-id: must be a uint256");
        Hatchable.check("hatch", out); // before --new-secret writes its file
        byte[] cDataset = new byte[32];
        byte[] secretCommitment = new byte[32];
        if (dataset != null) {
            if ((secret == null) == (newSecret == null)) throw new UserError("--dataset needs exactly one of --secret or --new-secret");
            PrivateDataset d = Beasts.dataset(dataset, null);
            byte[] s = secret != null ? Secrets.read(secret) : Secrets.create(newSecret);
            cDataset = d.commitment();
            secretCommitment = Keccak256.hash(s);
        } else if (secret != null || newSecret != null) {
            throw new UserError("--secret/--new-secret only make sense with --dataset");
        }
        BeastStore store;
        try {
            store = Trainer.hatch(out, new BeastStore.Identity(seed, chainId, ledgerBytes, id, cDataset, secretCommitment));
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
        System.out.println("hatched beast " + id + " (seed_core 0x" + Long.toHexString(seed) + ") in " + out);
        System.out.println("  initial state hash 0x" + Hex.of(store.head().stateHash()));
        if (dataset != null) {
            System.out.println("  private curriculum: C_dataset 0x" + Hex.of(cDataset) + ", secret commitment 0x" + Hex.of(secretCommitment));
        }
        return 0;
    }
}
