package dev.flowlens.schemas.usage;

/**
 * Which way traffic went, seen from the service a usage row is about (not {@code FlowDirection}, which is relative to
 * the tasks at both ends of a flow).
 */
public enum UsageDirection {
    /** Received by the service's tasks. */
    IN("in"),
    /** Sent by the service's tasks. */
    OUT("out");

    private final String wireName;

    UsageDirection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
