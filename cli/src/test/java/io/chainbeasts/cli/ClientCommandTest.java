package io.chainbeasts.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `chainbeasts client` refuses bad arguments in one line before it opens a window. */
class ClientCommandTest {
    @Test
    void badArgumentsAreOneLineExitTwo() {
        String[][] bad = {
            {"client", "--screen", "casino"},
            {"client", "--screenshot", "/tmp/x.png"},
            {"client", "--exit-after-frames", "0"},
            {"client", "--screenshot", "/no/such/dir/x.png", "--exit-after-frames", "3"},
        };
        for (String[] args : bad) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("chainbeasts client: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
