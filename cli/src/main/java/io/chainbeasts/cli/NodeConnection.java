package io.chainbeasts.cli;

import io.chainbeasts.engine.TrainingBackend;
import io.chainbeasts.node.ChainSession;
import io.chainbeasts.node.ForcedErrorWatch;
import io.chainbeasts.node.ReplayNode;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A node's session with the chain and what hangs off it (the replay node, the forced-error watch). `chain up` restores a
 * stopped local chain on a new port and writes it into the chain file, so a following node looks there before each pass
 * ({@link #reopenIfMoved}) and, when the endpoint changed, reopens everything on it; the replay node reloads its
 * judgements from its data folder, saved after every wave, so nothing judged is judged twice.
 */
final class NodeConnection implements AutoCloseable {
    private final ChainOptions chain;
    private final boolean needKey;
    private final java.time.Duration rpcTimeout;
    private final Path dir;
    private final TrainingBackend backend;
    private final int confirmations;
    private final Consumer<ReplayNode> setUp;

    private volatile ChainSession session;
    private volatile ReplayNode node;
    private volatile ForcedErrorWatch forced;

    /** Opens the session; {@code setUp} configures each replay node made (the dispute budget). */
    NodeConnection(ChainOptions chain, boolean needKey, java.time.Duration rpcTimeout, Path dir, TrainingBackend backend, int confirmations,
                   Consumer<ReplayNode> setUp) {
        this.chain = chain;
        this.needKey = needKey;
        this.rpcTimeout = rpcTimeout;
        this.dir = dir;
        this.backend = backend;
        this.confirmations = confirmations;
        this.setUp = setUp;
        open();
    }

    private void open() {
        ChainSession s = chain.session(NodeCommand.CMD, needKey, rpcTimeout);
        try {
            // deadlines as the chain commands print them: local time and the time left by the chain's clock
            ReplayNode n = new ReplayNode(s, dir, backend, confirmations).timesAs(t -> deadline(s, t));
            setUp.accept(n);
            forced = ForcedErrorWatch.of(s);
            node = n;
            session = s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A deadline for a line: local time and the time left, or the local time alone when the chain's clock cannot be read. */
    private static String deadline(ChainSession s, long t) {
        try {
            return Times.at(t, s.now());
        } catch (io.chainbeasts.node.ChainError e) {
            return Times.local(t);
        }
    }

    ChainSession session() {
        return session;
    }

    ReplayNode node() {
        return node;
    }

    /** Null when the chain has no forced-error contract. */
    ForcedErrorWatch forced() {
        return forced;
    }

    /**
     * Before a pass: when the endpoint was not given by --rpc and the chain file now names another one, reopens on
     * it and returns the new endpoint; else null.
     */
    String reopenIfMoved() {
        if (chain.rpc != null) return null;
        String now = ChainUpCommand.rpcOf(chain.chainFile);
        if (now == null || now.equals(session.rpcUrl)) return null;
        ChainSession old = session;
        open();
        old.close();
        return now;
    }

    @Override
    public void close() {
        session.close();
    }
}
