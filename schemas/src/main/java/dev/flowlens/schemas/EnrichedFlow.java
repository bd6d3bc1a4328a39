package dev.flowlens.schemas;

/** A flow-log record with both ends attributed to tasks (or to peer classes, with the reason they are not tasks). */
public class EnrichedFlow {
    public FlowRecord record;
    public FlowEndpoint src;
    public FlowEndpoint dst;
    public FlowDirection direction;
    /** Both ends are tasks in the same availability zone ({@code null} unless both ends are tasks). */
    public Boolean sameAz;
    /** The record's own v7 ECS fields name a different task than the index does for the recording side. */
    public boolean v7Mismatch;

    public EnrichedFlow() {}
}
