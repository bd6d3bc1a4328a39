package dev.flowlens.jobs.detect.operators;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertStatus;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The detector's metrics, per subtask, in group {@code flowlens}: new incidents counted by {@code kind} and by
 * {@code severity} ({@code alerts}), {@code alertRecords} (all records: open, updated, closed), {@code openAlerts}
 * and {@code servicesTracked} (keys with state).
 */
final class DetectionMetrics {
    private final MetricGroup group;
    private final Map<String, Counter> byKind = new HashMap<>();
    private final Map<String, Counter> bySeverity = new HashMap<>();
    private final Counter records;
    private long open;
    private long services;

    DetectionMetrics(MetricGroup operator) {
        this.group = operator.addGroup("flowlens");
        this.records = group.counter("alertRecords");
        group.gauge("openAlerts", () -> open);
        group.gauge("servicesTracked", () -> services);
    }

    void emitted(Alert alert) {
        records.inc();
        if (alert.status == AlertStatus.OPEN) {
            open++;
            String kind = alert.kind.wireName();
            String severity = alert.severity == null ? "unknown" : alert.severity.wireName();
            byKind.computeIfAbsent(kind, key -> group.addGroup("kind", key).counter("alerts")).inc();
            bySeverity.computeIfAbsent(severity, key -> group.addGroup("severity", key).counter("alerts")).inc();
        } else if (alert.status == AlertStatus.CLOSED) {
            open--;
        }
    }

    void serviceAdded() {
        services++;
    }

    void serviceRemoved() {
        services--;
    }
}
