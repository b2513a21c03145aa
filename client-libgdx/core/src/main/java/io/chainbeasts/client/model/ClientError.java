package io.chainbeasts.client.model;

/** Something the player asked for cannot be done: its message is the one sentence the UI shows. */
public final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientError(String message) {
        super(message);
    }

    /**
     * The one sentence to show for {@code t}: the message of an error caused by the player's input or data
     * (bad file, unreadable store, undecodable bytes), else a generic sentence naming the failure's kind;
     * never a stack trace.
     */
    public static String sentence(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.io.UncheckedIOException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof java.nio.file.NoSuchFileException f) return f.getFile() + ": no such file or directory.";
        if (c instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " already exists; choose another name.";
        if (c instanceof java.nio.file.AccessDeniedException f) return f.getFile() + ": permission denied.";
        String m = c.getMessage();
        if (m == null || m.isBlank()) m = "unexpected " + c.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        m = m.strip();
        return m.endsWith(".") ? m : m + ".";
    }
}
