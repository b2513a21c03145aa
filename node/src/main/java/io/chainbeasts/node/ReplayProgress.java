package io.chainbeasts.node;

/**
 * Where a long replay reports how far it got: the CLI draws a progress bar, the client a label, tests
 * nothing ({@link #NONE}). One {@link Pass} per replay of a beast.
 */
public interface ReplayProgress {
    ReplayProgress NONE = (what, windows) -> new Pass() {
        @Override
        public void update(long windowsDone) { }

        @Override
        public void close() { }
    };

    /** Starts a replay of {@code windows} windows, described by {@code what} (e.g. "chain validate: replaying beast #3"). */
    Pass begin(String what, long windows);

    /** One replay in progress. */
    interface Pass extends AutoCloseable {
        void update(long windowsDone);

        @Override
        void close();
    }
}
