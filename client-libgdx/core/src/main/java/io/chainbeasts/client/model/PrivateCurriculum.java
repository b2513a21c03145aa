package io.chainbeasts.client.model;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.PrivateDataset;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A private beast's curriculum, as the CLI's {@code hatch --dataset --secret|--new-secret} and {@code train
 * --dataset --secret} take it: a packed dataset (its C_dataset) and the owner secret file (its Keccak-256 is
 * the secret commitment; its fold orders the private draws).
 */
public record PrivateCurriculum(PrivateDataset dataset, byte[] secret) {
    /** For hatching: the dataset, and the secret file, created (mode 600, fresh random) when it does not exist yet. */
    public static PrivateCurriculum forHatch(Path dataset, Path secretFile) {
        return forHatch(dataset, new SecretSource.File(secretFile));
    }

    /** For hatching: the dataset, and S_owner from {@code secret} (created there when it does not exist yet). */
    public static PrivateCurriculum forHatch(Path dataset, SecretSource secret) {
        PrivateDataset d = open(dataset, null);
        return new PrivateCurriculum(d, secret.forHatch());
    }

    /** For training: the dataset must be the committed one and the secret must match the commitment. */
    public static PrivateCurriculum forTraining(Path dataset, Path secretFile, byte[] datasetCommitment, byte[] secretCommitment) {
        return forTraining(dataset, new SecretSource.File(secretFile), datasetCommitment, secretCommitment);
    }

    /** As above with S_owner from a file or the vault. */
    public static PrivateCurriculum forTraining(Path dataset, SecretSource secret, byte[] datasetCommitment, byte[] secretCommitment) {
        byte[] s = secret.read();
        if (!Arrays.equals(Keccak256.hash(s), secretCommitment)) {
            throw new ClientError("Secret: " + secret.describe() + " does not match the secret commitment the beast was hatched with");
        }
        return new PrivateCurriculum(open(dataset, datasetCommitment), s);
    }

    public byte[] secretCommitment() {
        return Keccak256.hash(secret);
    }

    public long fold() {
        return PrivateSampling.fold(secret);
    }

    private static PrivateDataset open(Path file, byte[] commitment) {
        try {
            return commitment == null ? PrivateDataset.open(file, SeasonConstants.DEFAULT)
                    : PrivateDataset.open(file, commitment, SeasonConstants.DEFAULT);
        } catch (DatasetException e) {
            throw new ClientError("Dataset: " + e.getMessage());
        }
    }
}
