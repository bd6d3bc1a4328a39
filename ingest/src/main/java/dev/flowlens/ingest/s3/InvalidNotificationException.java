package dev.flowlens.ingest.s3;

/** A message that claims to be an S3 event notification but is not a readable one. */
public final class InvalidNotificationException extends Exception {
    public InvalidNotificationException(String message) {
        super(message);
    }
}
