package io.chainbeasts.cli;

import io.chainbeasts.core.Durations;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Chain times for people: a block timestamp as a local date-time plus how far it is from the chain's now
 * ("2026-12-06 03:12:05 CET (in 23 min)"). Relative to the chain's clock, not the wall clock, because a local
 * chain's clock moves with `chain warp`.
 */
final class Times {
    private Times() {}

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    static String at(long unixSeconds, long chainNow) {
        return at(unixSeconds, chainNow, ZoneId.systemDefault());
    }

    static String at(long unixSeconds, long chainNow, ZoneId zone) {
        return local(unixSeconds, zone) + " (" + relative(unixSeconds - chainNow) + ")";
    }

    /** "2026-12-06 03:21:11 UTC": a chain time in the local zone, without the time left. */
    static String local(long unixSeconds) {
        return local(unixSeconds, ZoneId.systemDefault());
    }

    static String local(long unixSeconds, ZoneId zone) {
        return LOCAL.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
    }

    static String at(java.math.BigInteger unixSeconds, long chainNow) {
        return at(unixSeconds.longValueExact(), chainNow);
    }

    /** "in 23 min", "45 s ago", "now". */
    static String relative(long seconds) {
        if (seconds == 0) return "now";
        String d = Durations.of(Math.abs(seconds));
        return seconds > 0 ? "in " + d : d + " ago";
    }
}
