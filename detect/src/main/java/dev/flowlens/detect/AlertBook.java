package dev.flowlens.detect;

import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes one incident one alert: a detector {@linkplain #report reports} evidence for a kind and subject; the book
 * emits the alert as {@code open} at once, as {@code updated} at most once per update interval while evidence grows,
 * and as {@code closed} when event time has passed its quiet period, always under the same id.
 */
public final class AlertBook {
    /** An alert names at most this many tasks (exfiltration spread over a service's tasks). */
    static final int MAX_TASKS = 20;

    private final long updateIntervalSeconds;

    public AlertBook(long updateIntervalSeconds) {
        this.updateIntervalSeconds = updateIntervalSeconds;
    }

    /** The open incident of this kind and subject, or {@code null}. */
    public OpenAlert open(AlertBookState state, AlertKind kind, String subject) {
        return state.open.get(kind.wireName() + "|" + subject);
    }

    /**
     * The open incident of this kind and subject, opened now from {@code flow} if there is none, with {@code flow}
     * added to its evidence. The caller sets the kind-specific evidence (distinct counts, peer) and the sentences.
     */
    public OpenAlert report(AlertBookState state, AlertKind kind, String subject, AlertSeverity severity,
            long quietSeconds, TaskFlow flow) {
        OpenAlert alert = state.open.computeIfAbsent(kind.wireName() + "|" + subject,
                key -> create(kind, subject, flow));
        if (alert.severity == null || severity.ordinal() > alert.severity.ordinal()) {
            alert.severity = severity;
        }
        alert.quietSeconds = quietSeconds;
        add(alert, flow);
        return alert;
    }

    /** Adds a flow to an open incident's evidence: window, totals, tasks and at most five samples. */
    public void add(OpenAlert alert, TaskFlow flow) {
        FlowRecord record = flow.record();
        alert.start = Math.min(alert.start, flow.startTime());
        alert.end = Math.max(alert.end, flow.time());
        alert.lastEvidenceAt = Math.max(alert.lastEvidenceAt, flow.time());
        AlertEvidence evidence = alert.evidence;
        evidence.flows++;
        evidence.packets += flow.packets();
        evidence.bytes += flow.bytes();
        evidence.rejected += flow.rejected() ? 1 : 0;
        evidence.addSample(record);
        TaskIdentity task = flow.task();
        if (task != null && alert.tasks.size() < MAX_TASKS && !names(alert, task.taskId)) {
            alert.tasks.add(AlertTask.of(task, flow.local().address));
        }
        alert.changed = true;
    }

    /**
     * Emits what is due at event time {@code now}: new incidents as {@code open}, grown ones as {@code updated}
     * (once per update interval), and, when {@code closeQuiet}, those quiet since {@code now} as {@code closed}.
     */
    public void emit(AlertBookState state, long now, boolean closeQuiet, Consumer<Alert> out) {
        Iterator<OpenAlert> alerts = state.open.values().iterator();
        while (alerts.hasNext()) {
            OpenAlert alert = alerts.next();
            if (alert.emittedAt < 0) {
                out.accept(toAlert(alert, AlertStatus.OPEN));
                alert.emittedAt = now;
                alert.changed = false;
            } else if (alert.changed && now - alert.emittedAt >= updateIntervalSeconds) {
                out.accept(toAlert(alert, AlertStatus.UPDATED));
                alert.emittedAt = now;
                alert.changed = false;
            }
            if (closeQuiet && now >= alert.lastEvidenceAt + alert.quietSeconds) {
                out.accept(toAlert(alert, AlertStatus.CLOSED));
                alerts.remove();
            }
        }
    }

    private static OpenAlert create(AlertKind kind, String subject, TaskFlow flow) {
        OpenAlert alert = new OpenAlert();
        alert.kind = kind;
        alert.subject = subject;
        alert.start = flow.startTime();
        alert.end = flow.time();
        alert.id = kind.wireName() + "/" + flow.serviceKey + "/" + subject + "/" + flow.startTime();
        TaskIdentity task = flow.task();
        if (task != null) {
            alert.accountId = task.accountId;
            alert.region = task.region;
            alert.cluster = task.clusterName;
            alert.service = task.serviceName;
        }
        return alert;
    }

    private static boolean names(OpenAlert alert, String taskId) {
        for (AlertTask task : alert.tasks) {
            if (Objects.equals(task.taskId, taskId)) {
                return true;
            }
        }
        return false;
    }

    static Alert toAlert(OpenAlert open, AlertStatus status) {
        Alert alert = new Alert();
        alert.id = open.id;
        alert.kind = open.kind;
        alert.severity = open.severity;
        alert.status = status;
        alert.start = open.start;
        alert.end = open.end;
        alert.accountId = open.accountId;
        alert.region = open.region;
        alert.cluster = open.cluster;
        alert.service = open.service;
        alert.tasks = new ArrayList<>(open.tasks);
        alert.peer = open.peer;
        AlertEvidence evidence = new AlertEvidence();
        evidence.flows = open.evidence.flows;
        evidence.packets = open.evidence.packets;
        evidence.bytes = open.evidence.bytes;
        evidence.rejected = open.evidence.rejected;
        evidence.distinctPorts = open.evidence.distinctPorts;
        evidence.distinctHosts = open.evidence.distinctHosts;
        evidence.samples = new ArrayList<>(open.evidence.samples);
        alert.evidence = evidence;
        alert.explanation = open.explanation;
        alert.suggestedResponse = open.suggestedResponse;
        return alert;
    }

    /** Whether any incident is open. */
    static boolean isEmpty(AlertBookState state) {
        return state.open.isEmpty();
    }
}
