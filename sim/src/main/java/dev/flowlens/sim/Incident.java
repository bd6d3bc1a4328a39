package dev.flowlens.sim;

import dev.flowlens.schemas.alert.AlertKind;

/**
 * An injected incident: what happened (the kind of alert that should report it), from which task, when (epoch
 * seconds, {@code [start, end)}), and to whom.
 *
 * @param kind the alert kind a detector should raise for it
 * @param taskId the task involved (the victim for a reject storm and for an unknown workload's traffic)
 * @param peer the external address or the target, as text
 */
public record Incident(AlertKind kind, String taskId, long start, long end, String peer) {}
