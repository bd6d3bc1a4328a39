package dev.flowlens.ingest;

import dev.flowlens.schemas.DeadLetterReason;

/**
 * A line or row that cannot become a record. Carries a reason code and a one-line message; it has no stack trace
 * because it is routine on hostile input and must stay cheap.
 */
public final class MalformedRecordException extends Exception {
    private final DeadLetterReason reason;

    public MalformedRecordException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
