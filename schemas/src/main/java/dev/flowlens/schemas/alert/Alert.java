package dev.flowlens.schemas.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * An anomaly a detector raised: what, how bad, when (event time), who (the tasks, their service and security groups),
 * with whom (the peer), the evidence, and what to do. One incident is one alert, emitted as {@link AlertStatus#OPEN},
 * then {@link AlertStatus#UPDATED} while it lasts, then {@link AlertStatus#CLOSED}, always under the same {@link #id}.
 * Documented field by field in {@code schemas/alert.md}; its JSON form is {@code AlertJson}. A Flink POJO.
 */
public class Alert {
    /** Stable across the records of one incident, unique across incidents. */
    public String id;
    public AlertKind kind;
    public AlertSeverity severity;
    public AlertStatus status;
    /** Event time, epoch seconds: the earliest capture-window start of the flows in evidence. */
    public long start;
    /** Event time, epoch seconds: the latest capture-window end of the flows in evidence. */
    public long end;
    public String accountId;
    public String region;
    /** ECS cluster name of the tasks. */
    public String cluster;
    /** ECS service of the tasks; {@code null} for standalone tasks and for addresses no task held. */
    public String service;
    /** The tasks the alert is about; empty when no task held the address (an unknown workload). */
    public List<AlertTask> tasks = new ArrayList<>();
    /** The other end; {@code null} when there is no single one (egress spread over many destinations). */
    public AlertPeer peer;
    public AlertEvidence evidence = new AlertEvidence();
    /** One sentence: what was seen and why it is unusual. */
    public String explanation;
    /** What a person could do about it, for this kind of task. Suggested, never executed. */
    public String suggestedResponse;

    public Alert() {}
}
