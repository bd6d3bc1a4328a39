package dev.flowlens.schemas;

/** How one end of a flow was attributed to a task. */
public enum AttributionMethod {
    /** The record's own v7 ECS fields name the task, and the index agrees. */
    V7_FIELDS("v7-fields"),
    /** The record's {@code interface-id} is the task's ENI. */
    ENI("eni"),
    /** The address, at the flow's time, belonged to the task (the general case, and trunked tasks). */
    IP_TIME("ip-time"),
    /** Not attributed; {@link UnattributedReason} says why. */
    UNATTRIBUTED("unattributed");

    private final String wireName;

    AttributionMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in outputs and metrics. */
    public String wireName() {
        return wireName;
    }
}
