package dev.flowlens.jobs.detect.operators;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertStatus;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The detector's metrics, per subtask: {@code alerts} by kind and severity (new incidents), {@code alertRecords} (all
 * records: open, updated, closed), {@code openAlerts} and {@code servicesTracked} (keys with state).
 */
final class DetectionMetrics {
    private final MetricGroup group;
    private final Map<String, Counter> alerts = new HashMap<>();
    private final Counter records;
    private long open;
    private long services;

    DetectionMetrics(MetricGroup group) {
        this.group = group;
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
            alerts.computeIfAbsent(kind + "/" + severity,
                    key -> group.addGroup("kind", kind).addGroup("severity", severity).counter("alerts")).inc();
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
