package io.chainbeasts.client.model;

import java.security.SecureRandom;

/** Seeds as the player types them (decimal or 0x-hex, as on the command line) and random ones. */
public final class Seeds {
    private Seeds() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    public static long parse(String field, String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.startsWith("-")) return Long.parseLong(t);
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new ClientError(field + ": '" + t + "' is not a 64-bit number (decimal or 0x-hex)");
        }
    }

    public static long random() {
        return RANDOM.nextLong();
    }

    public static String hex(long seed) {
        return String.format("0x%016x", seed);
    }
}
