package dev.flowlens.ingest;

/** A flow-log format (configured, or an object's header line) that names a field AWS does not define. */
public final class InvalidFormatException extends IllegalArgumentException {
    public InvalidFormatException(String message) {
        super(message);
    }
}
