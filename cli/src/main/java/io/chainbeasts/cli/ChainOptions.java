package io.chainbeasts.cli;

import io.chainbeasts.node.ChainSession;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every on-chain command takes (a picocli mixin). */
final class ChainOptions {
    @Option(names = "--chain", defaultValue = ".chainbeasts/chain.json",
            description = "addresses file written by `chain up` (default ${DEFAULT-VALUE}); gives the contracts and, unless --rpc, the endpoint")
    Path chainFile;

    @Option(names = "--rpc", description = "JSON-RPC URL (overrides the one in --chain; the chain id must match the file's)")
    String rpc;

    @Option(names = "--key", description = "private key (64 hex digits) that signs; or anvil:N for anvil's dev account N (chain 31337 only); "
            + "default: the CHAINBEASTS_KEY environment variable")
    String key;

    /** Opens the chain these options name, for {@code command} (errors name the option at fault). */
    ChainSession session(String command, boolean needKey) {
        return ChainSession.open(command, chainFile, rpc, key, needKey);
    }

    /** As {@link #session(String, boolean)}, each JSON-RPC request bounded by {@code rpcTimeout}. */
    ChainSession session(String command, boolean needKey, java.time.Duration rpcTimeout) {
        return ChainSession.open(command, chainFile, rpc, key, needKey, rpcTimeout);
    }
}
