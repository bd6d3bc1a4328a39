package dev.flowlens.ingest;

/**
 * What a reader saw, so that counts reconcile: {@code lines + objectFailures == records + deadLetters + headers}.
 * An object failure is a dead letter that stands for no single line (a gzip stream that broke between lines, an
 * unreadable Parquet file, a CloudWatch payload that is not JSON).
 */
public final class ReadStats {
    long lines;
    long headers;
    long records;
    long deadLetters;
    long objectFailures;
    long controlMessages;
    long normalizedTimestamps;

    /** Lines (text), log events (CloudWatch) or rows (Parquet) read. */
    public long lines() {
        return lines;
    }

    /** Header lines of S3 text objects, which name fields and are not records. */
    public long headers() {
        return headers;
    }

    public long records() {
        return records;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long objectFailures() {
        return objectFailures;
    }

    /** CloudWatch Logs {@code CONTROL_MESSAGE} payloads, which carry no records and are skipped by design. */
    public long controlMessages() {
        return controlMessages;
    }

    /** Timestamps written in milliseconds and normalised to seconds. */
    public long normalizedTimestamps() {
        return normalizedTimestamps;
    }

    /** Whether every input is accounted for. */
    public boolean isBalanced() {
        return lines + objectFailures == records + deadLetters + headers;
    }

    public void add(ReadStats other) {
        lines += other.lines;
        headers += other.headers;
        records += other.records;
        deadLetters += other.deadLetters;
        objectFailures += other.objectFailures;
        controlMessages += other.controlMessages;
        normalizedTimestamps += other.normalizedTimestamps;
    }

    @Override
    public String toString() {
        return "lines=" + lines + " headers=" + headers + " records=" + records + " deadLetters=" + deadLetters
                + " objectFailures=" + objectFailures + " controlMessages=" + controlMessages
                + " normalizedTimestamps=" + normalizedTimestamps;
    }
}
