package io.chainbeasts.cli;

/** Base of the chain end-to-end tests: the running {@link ChainScript} and short names for its steps. */
abstract class ChainScenario {
    ChainScript script;

    CliTest.Result ok(String... args) {
        return script.ok(args);
    }

    CliTest.Result fails(String mustContain, String... args) {
        return script.fails(mustContain, args);
    }

    static String[] cat(String[] x, String... y) {
        return ChainScript.cat(x, y);
    }
}
