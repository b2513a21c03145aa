package io.chainbeasts.cli;

/** Parses seeds given on the command line: decimal (signed or unsigned 64-bit) or 0x-hex. */
final class Seeds {
    private Seeds() {}

    static long parse(String option, String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) return Long.parseUnsignedLong(text.substring(2), 16);
            if (text.startsWith("-")) return Long.parseLong(text);
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new UserError(option + ": '" + text + "' is not a 64-bit integer (decimal or 0x-hex)");
        }
    }
}
