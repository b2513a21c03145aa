package io.chainbeasts.node;

import io.chainbeasts.contracts.Anvil;
import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.core.Keccak256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** BeastMint on anvil: a public beast by BeastNFT.hatch, a private one by hatchPrivate with its R_dataset on chain. */
class BeastMintTest {
    @TempDir
    Path dir;

    @Test
    void publicAndPrivateBeastsAreMintedWithTheirCommitments() throws Exception {
        try (Anvil anvil = Anvil.start(2); ChainClient c = new ChainClient(anvil.rpcUrl(), anvil.privateKeys())) {
            Deployment d = Deployment.deploy(c, c.account(0), 3600, Deployment.defaultSeason());
            Path chainFile = dir.resolve("chain.json");
            d.writeJson(chainFile, anvil.rpcUrl());
            try (ChainSession s = ChainSession.open("mint test", chainFile, null, "anvil:1", true)) {
                BeastMint.Minted pub = BeastMint.mint(s, 0x1234, new byte[32], new byte[32], new byte[32]);
                assertEquals(BigInteger.ONE, pub.identity().beastId());
                assertEquals(s.client.chainId(), pub.identity().chainId());
                byte[] cDataset = Keccak256.hash(new byte[] {1});
                byte[] root = Keccak256.hash(new byte[] {2});
                byte[] secret = Keccak256.hash(new byte[] {3});
                BeastMint.Minted priv = BeastMint.mint(s, 0x5678, cDataset, root, secret);
                BigInteger id = priv.identity().beastId();
                assertEquals(BigInteger.TWO, id);
                assertArrayEquals(cDataset, s.view(s.d.beasts.cDataset(id), "BeastNFT.cDataset"));
                assertArrayEquals(root, s.view(s.d.beasts.recordsRoot(id), "BeastNFT.recordsRoot"), "a private beast commits R_dataset");
                assertArrayEquals(secret, s.view(s.d.beasts.ownerSecretCommitment(id), "BeastNFT.ownerSecretCommitment"));
                assertEquals(s.address().toLowerCase(), s.view(s.d.beasts.ownerOf(id), "BeastNFT.ownerOf").toLowerCase());
            }
        }
    }
}
