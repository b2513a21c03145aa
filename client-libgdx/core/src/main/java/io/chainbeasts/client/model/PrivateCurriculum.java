package io.chainbeasts.client.model;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.datasets.SecretFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A private beast's curriculum, as the CLI's {@code hatch --dataset --secret|--new-secret} and {@code train
 * --dataset --secret} take it: a packed dataset (its C_dataset) and the owner secret file (its Keccak-256 is
 * the secret commitment; its fold orders the private draws).
 */
public record PrivateCurriculum(PrivateDataset dataset, byte[] secret) {
    /** For hatching: the dataset, and the secret file, created (mode 600, fresh random) when it does not exist yet. */
    public static PrivateCurriculum forHatch(Path dataset, Path secretFile) {
        PrivateDataset d = open(dataset, null);
        if (Files.exists(secretFile)) return new PrivateCurriculum(d, read(secretFile));
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        try {
            SecretFile.create(secretFile, s);
        } catch (DatasetException e) {
            throw new ClientError("Secret: " + e.getMessage());
        }
        return new PrivateCurriculum(d, s);
    }

    /** For training: the dataset must be the committed one and the secret must match the commitment. */
    public static PrivateCurriculum forTraining(Path dataset, Path secretFile, byte[] datasetCommitment, byte[] secretCommitment) {
        byte[] s = read(secretFile);
        if (!Arrays.equals(Keccak256.hash(s), secretCommitment)) {
            throw new ClientError("Secret: " + secretFile + " does not match the secret commitment the beast was hatched with");
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

    private static byte[] read(Path file) {
        try {
            return SecretFile.read(file);
        } catch (DatasetException e) {
            throw new ClientError("Secret: " + e.getMessage());
        }
    }
}
