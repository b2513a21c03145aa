package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Minting a beast's token, the one sequence of `chain hatch` and the client's Hatch screen: a public beast with
 * BeastNFT.hatch, a private one with hatchPrivate, which commits R_dataset (the per-record Merkle root) beside C_dataset
 * so that a disputed window reveals only the records it drew. Returns the identity the local store is bound to.
 */
public final class BeastMint {
    private BeastMint() {}

    /** The minted token's identity (chain id, ledger, token id, commitments), the transaction and its gas. */
    public record Minted(BeastStore.Identity identity, String txHash, BigInteger gas) {}

    /** {@code datasetCommitment} all zero: a public beast ({@code recordsRoot} is then ignored). */
    public static Minted mint(ChainSession s, long seedCore, byte[] datasetCommitment, byte[] recordsRoot, byte[] secretCommitment) {
        BigInteger seed = new BigInteger(Long.toUnsignedString(seedCore));
        boolean isPrivate = !Arrays.equals(datasetCommitment, new byte[32]);
        TransactionReceipt r = isPrivate
                ? s.tx(s.d.beasts, s.d.beasts.hatchPrivate(seed, datasetCommitment, recordsRoot, secretCommitment), "BeastNFT.hatchPrivate")
                : s.tx(s.d.beasts, s.d.beasts.hatch(seed, datasetCommitment, secretCommitment), "BeastNFT.hatch");
        List<BeastNFT.HatchedEventResponse> ev = BeastNFT.getHatchedEvents(r);
        if (ev.isEmpty()) throw new ChainError(s.command + ": BeastNFT.hatch: no Hatched event in transaction " + r.getTransactionHash());
        BeastStore.Identity id = new BeastStore.Identity(seedCore, s.client.chainId(), Hex.parse(s.d.ledger.getContractAddress()), ev.get(0).beastId,
                datasetCommitment, secretCommitment);
        return new Minted(id, r.getTransactionHash(), r.getGasUsed());
    }
}
