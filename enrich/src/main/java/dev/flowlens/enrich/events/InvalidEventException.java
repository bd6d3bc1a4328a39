package dev.flowlens.enrich.events;

/** An event that is not a usable ECS Task State Change; the message says what is wrong, in one line. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
