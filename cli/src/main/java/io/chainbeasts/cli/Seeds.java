package io.chainbeasts.cli;

/**
 * Parses seeds given on the command line: an unsigned 64-bit integer, decimal or 0x-hex. A negative number
 * is refused (it would silently wrap to a large unsigned seed).
 */
final class Seeds {
    private Seeds() {}

    static long parse(String option, String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) return Long.parseUnsignedLong(text.substring(2), 16);
            if (text.startsWith("-")) {
                Long.parseLong(text); // garbage stays "not an integer"
                throw new UserError(option + ": '" + text + "' is negative; a seed is 0..18446744073709551615 (decimal or 0x-hex)");
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new UserError(option + ": '" + text + "' is not an unsigned 64-bit integer (decimal or 0x-hex)");
        }
    }
}
