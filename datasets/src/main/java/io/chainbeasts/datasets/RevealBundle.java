package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What a dispute needs from the owner: {@code {dataset bytes, S_owner}} (spec/datasets.md "Reveal
 * bundle"). The dataset bytes are the stored (zstd) bytes exactly as committed.
 *
 * <pre>
 * "CBRV" u8 version=1, u16 idLen + UTF-8 beast id, 32 B S_owner, u32 n, n B stored dataset
 * </pre>
 */
public record RevealBundle(String beastId, byte[] secret, byte[] datasetBytes) {
    public static final byte[] MAGIC = {'C', 'B', 'R', 'V'};
    public static final int VERSION = 1;

    public RevealBundle {
        OwnerVault.checkBeastId(beastId);
        if (secret.length != OwnerVault.SECRET_BYTES) throw new IllegalArgumentException("S_owner must be 32 bytes");
        secret = secret.clone();
        datasetBytes = datasetBytes.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public byte[] datasetBytes() {
        return datasetBytes.clone();
    }

    public byte[] encode() {
        byte[] id = beastId.getBytes(StandardCharsets.UTF_8);
        CanonicalWriter w = new CanonicalWriter(48 + id.length + datasetBytes.length);
        w.bytes(MAGIC).u8(VERSION).u16(id.length).bytes(id).bytes32(secret).i32(datasetBytes.length).bytes(datasetBytes);
        return w.toByteArray();
    }

    public static RevealBundle decode(String name, byte[] data) {
        try {
            CanonicalReader r = new CanonicalReader(data);
            if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DatasetException.Corrupt(name + ": not a reveal bundle (bad magic)");
            int v = r.u8("version");
            if (v != VERSION) throw new DatasetException.Corrupt(name + ": reveal bundle version " + v + " is not supported");
            String id = new String(r.bytes(r.u16("idLen"), "beastId"), StandardCharsets.UTF_8);
            byte[] secret = r.bytes(32, "S_owner");
            int n = r.i32("datasetLength");
            if (n < 0 || n > PackedDataset.MAX_STORED_BYTES) {
                throw new DatasetException.TooLarge(name + ": dataset of " + Integer.toUnsignedString(n) + " bytes is over the "
                        + PackedDataset.MAX_STORED_BYTES + "-byte limit");
            }
            byte[] ds = r.bytes(n, "dataset");
            r.end("reveal bundle");
            return new RevealBundle(id, secret, ds);
        } catch (DecodeException e) {
            throw new DatasetException.Corrupt(name + ": " + e.getMessage());
        }
    }

    public static RevealBundle read(Path file) {
        return decode(file.toString(), AtomicFiles.read(file));
    }

    public void write(Path file) {
        write(file, true);
    }

    /** As above; with {@code replace} false an existing {@code file} is refused. */
    public void write(Path file, boolean replace) {
        AtomicFiles.output(file, encode(), replace);
    }

    /**
     * The dispute check: {@code keccak256(dataset bytes) == C_dataset} and
     * {@code keccak256(S_owner) == secretCommitment}, then the dataset must decode under the
     * season. Returns the dataset for the replay; throws {@link DatasetException.CommitmentMismatch}
     * naming which commitment failed.
     */
    public PrivateDataset verify(byte[] datasetCommitment, byte[] secretCommitment, SeasonConstants season) {
        String name = "reveal bundle for " + beastId;
        PackedDataset.verify(name, datasetBytes, datasetCommitment);
        byte[] sc = OwnerVault.secretCommitment(secret);
        if (!MessageDigest.isEqual(sc, secretCommitment)) {
            throw new DatasetException.CommitmentMismatch(name + ": S_owner commitment mismatch: keccak256(S_owner) is 0x"
                    + Hex.of(sc) + ", expected 0x" + Hex.of(secretCommitment));
        }
        return PrivateDataset.fromStored(name, datasetBytes, datasetCommitment, season);
    }
}
