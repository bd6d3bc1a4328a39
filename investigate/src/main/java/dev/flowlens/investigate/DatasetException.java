package dev.flowlens.investigate;

/**
 * An investigation that cannot run or complete, in one sentence naming the cause and the fix. A usage error (a
 * dataset that is not there, a bad location, a cache too small) is the user's to fix; otherwise the run did not
 * complete (an unreadable file, a failed download).
 */
public final class DatasetException extends RuntimeException {
    private final boolean incomplete;

    public DatasetException(String message, boolean incomplete) {
        super(message);
        this.incomplete = incomplete;
    }

    public DatasetException(String message, boolean incomplete, Throwable cause) {
        super(message, cause);
        this.incomplete = incomplete;
    }

    /** {@code true}: the run did not complete (exit 3); {@code false}: a usage error (exit 2). */
    public boolean incomplete() {
        return incomplete;
    }
}
