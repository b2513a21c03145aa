package io.chainbeasts.combat;

import io.chainbeasts.core.SplitMix64;

/** The baseline policies by name, for the CLI and tests. */
public final class Policies {
    private Policies() {}

    public static final String[] NAMES = {"greedy", "random", "search", "teacher"};

    /** Builds a baseline policy; a random policy's seed derives from the battle seed and its side. */
    public static Policy byName(String name, long battleSeed, int side) {
        switch (name) {
            case "greedy": return new GreedyPolicy();
            case "search": return new SearchPolicy();
            case "teacher": return new SearchPolicy(Lookahead.TEACHER_DEPTH, "teacher");
            case "random": return new RandomPolicy(SplitMix64.hash(battleSeed ^ (0x504F4C4943590000L + side)));
            default: throw new IllegalArgumentException("unknown policy '" + name + "' (expected greedy, random, search or teacher)");
        }
    }
}
