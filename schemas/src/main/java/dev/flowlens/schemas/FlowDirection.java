package dev.flowlens.schemas;

/** Direction of a flow relative to the tasks at its ends. */
public enum FlowDirection {
    /** A task sent to a non-task peer. */
    EGRESS("egress"),
    /** A non-task peer sent to a task. */
    INGRESS("ingress"),
    /** Task to task. */
    EAST_WEST("east-west"),
    /** Neither end is a known task. */
    UNKNOWN("unknown");

    private final String wireName;

    FlowDirection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
