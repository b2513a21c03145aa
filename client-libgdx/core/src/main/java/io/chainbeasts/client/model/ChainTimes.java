package io.chainbeasts.client.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Chain times for the player: a block timestamp in local time and how far it is from the chain's clock
 * ("2026-12-06 05:12 CET, in 23 min"). Relative to the chain's now, because a local chain's clock moves
 * with `chain warp`. (The CLI's {@code Times} says the same in its own words.)
 */
public final class ChainTimes {
    private ChainTimes() {}

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    public static String at(long unixSeconds, long chainNow, ZoneId zone) {
        return LOCAL.format(Instant.ofEpochSecond(unixSeconds).atZone(zone)) + " (" + relative(unixSeconds - chainNow) + ")";
    }

    public static String at(long unixSeconds, long chainNow) {
        return at(unixSeconds, chainNow, ZoneId.systemDefault());
    }

    /** "in 23 min", "45 s ago", "now". */
    public static String relative(long seconds) {
        if (seconds == 0) return "now";
        long s = Math.abs(seconds);
        String d = s < 90 ? s + " s" : s < 90 * 60 ? (s + 30) / 60 + " min"
                : s < 48 * 3600 ? s / 3600 + " h " + (s % 3600 + 30) / 60 % 60 + " min" : (s + 43_200) / 86_400 + " days";
        return seconds > 0 ? "in " + d : d + " ago";
    }
}
