package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.SampleDataset;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --dataset} and {@code --secret}: what replays a private beast's windows (a picocli mixin of train, verify and repair). */
final class PrivateDataOptions {
    @Option(names = "--dataset", paramLabel = "D.zst", description = "a private beast's packed dataset, the one it committed to at hatch (with --secret)")
    Path dataset;

    @Option(names = "--secret", paramLabel = "FILE", description = "a private beast's owner secret file, 64 hex digits (with --dataset)")
    Path secret;

    /** The dataset and the folded owner secret a private window samples with. */
    record Opened(SampleDataset samples, long fold) {}

    /** As {@link #open(Path, Path, BeastStore, String, SeasonConstants)} with these options. */
    Opened open(BeastStore store, String publicHint, SeasonConstants season) {
        return open(dataset, secret, store, publicHint, season);
    }

    /**
     * Opens {@code dataset} with {@code secret} for {@code store}'s beast: null when neither is given; otherwise both
     * must be, the beast must be private ({@code publicHint} says what to do instead), the secret must be the one it
     * committed to ({@link Secrets#checked}) and the dataset its C_dataset. Every refusal is one line.
     */
    static Opened open(Path dataset, Path secret, BeastStore store, String publicHint, SeasonConstants season) {
        if (dataset == null && secret == null) return null;
        if (dataset == null || secret == null) throw new UserError("--dataset and --secret go together");
        BeastStore.Identity id = store.identity();
        if (!id.isPrivate()) throw new UserError("--dataset/--secret: " + store.dir() + " is a public beast; " + publicHint);
        byte[] s = Secrets.checked(secret, id, store.dir());
        return new Opened(Beasts.dataset(dataset, id.datasetCommitment(), season), PrivateSampling.fold(s));
    }
}
