package dev.flowlens.detect;

import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertTask;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident a detector is reporting: what will become the next {@link dev.flowlens.schemas.alert.Alert} record of
 * it, and when it was last seen and last emitted. Kept in {@link AlertBookState}; a plain Flink POJO.
 */
public class OpenAlert {
    public String id;
    public AlertKind kind;
    /** What the incident is about within its service (a task, a task and a peer, an address...). */
    public String subject;
    public AlertSeverity severity;
    /** Window start: the earliest capture-window start of the flows in evidence, epoch seconds. */
    public long start;
    /** Window end: the latest capture-window end of the flows in evidence. */
    public long end;
    /** The event time of the latest evidence; the alert closes {@link #quietSeconds} after it. */
    public long lastEvidenceAt;
    public long quietSeconds;
    /** The event time of the last record emitted for it, or {@code -1} before the first. */
    public long emittedAt = -1;
    /** Evidence grew since the last record was emitted. */
    public boolean changed;
    public String accountId;
    public String region;
    public String cluster;
    public String service;
    public List<AlertTask> tasks = new ArrayList<>();
    public AlertPeer peer;
    public AlertEvidence evidence = new AlertEvidence();
    public String explanation;
    public String suggestedResponse;

    public OpenAlert() {}
}
