package io.chainbeasts.datasets;

import io.chainbeasts.combat.Board;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.Demonstration;
import io.chainbeasts.curriculum.SampleDataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Random access to a packed private dataset for the trainer. The trainer computes
 * {@code sampleIdx = splitMix64(seed_core ^ fold(S_owner) ^ globalStep) mod size()} itself and
 * calls {@link #get} and {@link #demonstration}. Opening reads the stored bytes once, hashes them (the commitment),
 * checks them against an expected commitment when one is given, then decompresses and validates every board against
 * the season and every demonstration against its board, so a bad dataset fails at open, never in the middle of a
 * window. A version 1 file reads as boards at turn 0 without demonstrations.
 * It is the trainer's and the verifier's {@link SampleDataset} for private windows.
 */
public final class PrivateDataset implements SampleDataset {
    private final String name;
    private final byte[] stored;
    private final byte[] commitment;
    private final List<Sample> samples;

    private PrivateDataset(String name, byte[] stored, List<Sample> samples) {
        this.name = name;
        this.stored = stored;
        this.commitment = PackedDataset.commitment(stored);
        this.samples = List.copyOf(samples);
    }

    /** Opens a packed file without checking a commitment (see {@link #commitment()}). */
    public static PrivateDataset open(Path file, SeasonConstants season) {
        return fromStored(file.toString(), AtomicFiles.read(file), null, season);
    }

    /** Opens a packed file and checks {@code keccak256(stored bytes) == expectedCommitment} first. */
    public static PrivateDataset open(Path file, byte[] expectedCommitment, SeasonConstants season) {
        return fromStored(file.toString(), AtomicFiles.read(file), expectedCommitment, season);
    }

    /** From stored (compressed) bytes; {@code expectedCommitment} may be null. */
    public static PrivateDataset fromStored(String name, byte[] stored, byte[] expectedCommitment, SeasonConstants season) {
        byte[] copy = stored.clone();
        PackedDataset.checkStoredSize(name, copy.length);
        if (expectedCommitment != null) PackedDataset.verify(name, copy, expectedCommitment);
        return new PrivateDataset(name, copy, PackedDataset.unpackSamples(name, copy, season));
    }

    public String name() {
        return name;
    }

    /** DATASET_LEN: the number of samples (at least 1). */
    @Override
    public int size() {
        return samples.size();
    }

    /** The board of sample {@code index} (0 <= index < size()). Boards are immutable. */
    @Override
    public Board get(int index) {
        return sample(index).board();
    }

    /** The coach's demonstration on sample {@code index}, or {@link Demonstration#NONE}. */
    @Override
    public Demonstration demonstration(int index) {
        return sample(index).demonstration();
    }

    public Sample sample(int index) {
        if (index < 0 || index >= samples.size()) {
            throw new IndexOutOfBoundsException("sample " + index + " is outside 0.." + (samples.size() - 1) + " of " + name);
        }
        return samples.get(index);
    }

    /** Every sample, in order (an unmodifiable list). */
    public List<Sample> samples() {
        return samples;
    }

    public DemonstrationCounts demonstrationCounts() {
        return DemonstrationCounts.of(samples);
    }

    /** C_dataset = keccak256 of the stored bytes this dataset was read from. */
    @Override
    public byte[] commitment() {
        return commitment.clone();
    }

    public String commitmentHex() {
        return "0x" + Hex.of(commitment);
    }

    /**
     * R_dataset: the Merkle commitment over the samples (spec/datasets.md "Records commitment"), committed at hatch
     * beside C_dataset. A disputed private window reveals only the samples it drew, each with its path.
     */
    public io.chainbeasts.core.RecordsMerkle records() {
        return new io.chainbeasts.core.RecordsMerkle(io.chainbeasts.core.RecordsMerkle.DATASET_LEAF, io.chainbeasts.core.RecordsMerkle.DATASET_ROOT,
                samples.stream().map(PackedDataset::sampleBytes).toList());
    }

    public String recordsRootHex() {
        return "0x" + Hex.of(records().root());
    }

    /** The stored (compressed) bytes, exactly as read: what a reveal bundle carries. */
    public byte[] storedBytes() {
        return stored.clone();
    }
}
