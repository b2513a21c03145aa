package io.chainbeasts.client.model;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.SecretFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A private beast from the client: hatched on a packed dataset with a new secret, trained with both, refused without. */
class PrivateBeastTest {
    @Test
    void hatchAndTrainOnAPrivateDataset(@TempDir Path tmp) throws Exception {
        Path zst = tmp.resolve("coach.zst");
        var packed = DatasetFiles.pack(Path.of("../../examples/battle_samples.csv"), zst, false, SeasonConstants.DEFAULT);
        Path secret = tmp.resolve("owner.secret");
        Path folder = tmp.resolve("beasts");
        Path dir = HatchModel.hatch(folder, "secretive", "0x5eed", zst, secret);
        assertTrue(Files.exists(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        BeastStore.Identity id = BeastStore.open(dir).identity();
        assertTrue(id.isPrivate());
        assertArrayEquals(packed.commitment(), id.datasetCommitment());
        assertArrayEquals(Keccak256.hash(SecretFile.read(secret)), id.secretCommitment());
        byte[] before = Files.readAllBytes(secret);
        HatchModel.hatch(folder, "twin", "0x5eed", zst, secret); // an existing secret is read, never replaced
        assertArrayEquals(before, Files.readAllBytes(secret));
        assertThrows(ClientError.class, () -> HatchModel.hatch(folder, "half", "1", zst, null));

        TrainModel t = TrainModel.open(dir);
        ClientError noData = assertThrows(ClientError.class, () -> t.train(1, "java"));
        assertTrue(noData.getMessage().contains("private dataset"), noData.getMessage());
        Path other = tmp.resolve("other.secret");
        SecretFile.create(other, new byte[32]);
        ClientError wrong = assertThrows(ClientError.class, () -> t.train(1, "java", zst, other));
        assertTrue(wrong.getMessage().contains("does not match"), wrong.getMessage());
        assertEquals(TrainModel.Phase.IDLE, t.phase());
        t.train(2, "java", zst, secret);
        assertEquals(TrainModel.Phase.DONE, t.phase(), t.message());
        assertEquals(2, BeastStore.open(dir).head().windows());
        Verification.Result lineage = Verification.verify(dir);
        assertTrue(lineage.ok() && !lineage.complete(), lineage.summary()); // nothing against it, but nothing replayed either
        assertTrue(lineage.summary().startsWith("verified 0/2; 2 private windows need the dataset and secret"), lineage.summary());
        Verification.Result replayed = Verification.verify(dir, t.curriculum(zst, new SecretSource.File(secret)));
        assertTrue(replayed.ok() && replayed.complete(), replayed.summary());
        assertEquals("verified 2/2", replayed.summary());
        assertThrows(ClientError.class, () -> t.curriculum(zst, new SecretSource.File(other)));
    }
}
