package io.chainbeasts.core;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an external peer (OpenCL platform, node, chromium, h5dump, ...) call
 * {@link #require}: when the peer is missing the test is skipped with a message naming how to
 * install it, except under {@code CHAINBEASTS_REQUIRE_TOOLS=1} (set by .ci/run), where a missing peer
 * fails the test, so CI can never pass by skipping.
 */
public final class RequiredTools {
    private RequiredTools() {}

    public static boolean required() {
        return "1".equals(System.getenv("CHAINBEASTS_REQUIRE_TOOLS")) || Boolean.getBoolean("chainbeasts.requireTools");
    }

    /** Skips (or, in CI, fails) unless {@code available}; {@code what} says what is missing and how to get it. */
    public static void require(boolean available, String what) {
        if (available) return;
        if (required()) throw new AssertionError(what + " (CHAINBEASTS_REQUIRE_TOOLS=1: CI must run this test, not skip it)");
        Assumptions.assumeTrue(false, "SKIPPED: " + what);
    }
}
