package io.chainbeasts.core;

/** A span of seconds for people: "45 s", "23 min", "5 h 59 min", "3 days" (the CLI's times and ETAs, the chain's waits). */
public final class Durations {
    private Durations() {}

    public static String of(long s) {
        if (s < 90) return s + " s";
        if (s < 90 * 60) return (s + 30) / 60 + " min";
        if (s < 48 * 3600) {
            long minutes = (s + 30) / 60; // rounded first, so 5 h 59 min 40 s is 6 h 0 min, not 5 h 0 min
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return (s + 43_200) / 86_400 + " days";
    }
}
