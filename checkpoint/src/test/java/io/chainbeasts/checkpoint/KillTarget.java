package io.chainbeasts.checkpoint;

import java.nio.file.Path;

/**
 * Child process of {@link KillNineTest}: hatches (or opens) a beast and trains it to a target number
 * of windows. Args: DIR SEED public|private WINDOWS. Prints "ready" once it runs, "done N" at the end.
 */
public final class KillTarget {
    private KillTarget() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        boolean priv = args[2].equals("private");
        long windows = Long.parseLong(args[3]);
        System.out.println("ready");
        System.out.flush();
        BeastStore store = StoreFixtures.trainTo(dir, priv ? StoreFixtures.privateId(seed) : StoreFixtures.publicId(seed), windows);
        System.out.println("done " + store.head().windows());
        System.out.flush();
    }
}
