package dev.flowlens.jobs.detect;

import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.util.ArrayList;
import java.util.List;

/** Alerts for the sink tests: incidents of every kind, each as its open, updated and closed records. */
final class TestAlerts {
    /** 2024-05-06T09:12:00Z: incidents start here, one an hour apart, so they fall in several partitions. */
    static final long FIRST_START = 1_714_986_720L;

    private TestAlerts() {}

    /** {@code incidents} incidents, each three records (open, updated, closed) under one id: 3 × incidents. */
    static List<Alert> incidents(int incidents) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            for (AlertStatus status : AlertStatus.values()) {
                alerts.add(alert(i, status));
            }
        }
        return alerts;
    }

    static Alert alert(int incident, AlertStatus status) {
        AlertKind kind = AlertKind.values()[incident % AlertKind.values().length];
        String taskId = String.format("%016x", 0xabc000L + incident);
        Alert alert = new Alert();
        alert.kind = kind;
        alert.start = FIRST_START + incident * 3600L;
        alert.end = alert.start + 60L * (status.ordinal() + 1);
        alert.id = kind.wireName() + "/checkout/" + taskId + "/" + alert.start;
        alert.severity = AlertSeverity.values()[incident % AlertSeverity.values().length];
        alert.status = status;
        alert.accountId = "123456789012";
        alert.region = "us-east-1";
        alert.cluster = "prod";
        alert.service = incident % 4 == 3 ? null : "checkout";
        if (kind != AlertKind.UNKNOWN_WORKLOAD) {
            AlertTask task = new AlertTask();
            task.taskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + taskId;
            task.taskId = taskId;
            task.taskDefinition = "checkout:7";
            task.eniId = "eni-0a1b2c3d4e5f6" + String.format("%04d", incident);
            task.address = "10.0.1." + (5 + incident);
            task.securityGroups = incident % 5 == 4 ? null : new ArrayList<>(List.of("sg-0123456789abcdef0"));
            alert.tasks.add(task);
        }
        AlertPeer peer = new AlertPeer();
        peer.address = "198.51.100." + (incident + 1);
        peer.port = kind == AlertKind.PORT_SCAN ? null : 443;
        peer.protocol = 6;
        peer.peerClass = PeerClass.INTERNET;
        if (kind == AlertKind.THREAT_LIST_MATCH) {
            peer.threatLists.add("feodo");
        }
        alert.peer = peer;
        alert.evidence.flows = 10L * (status.ordinal() + 1);
        alert.evidence.packets = 20L * (status.ordinal() + 1);
        alert.evidence.bytes = 4_000L * (status.ordinal() + 1);
        alert.evidence.rejected = incident;
        alert.evidence.distinctPorts = 1;
        alert.evidence.distinctHosts = 1;
        alert.evidence.samples.add(alert.start + " 10.0.1." + (5 + incident) + ":49152 > " + peer.address
                + ":443 6 ACCEPT 2 400");
        alert.explanation = "Incident " + incident + " seen " + status.wireName() + ".";
        alert.suggestedResponse = "Stop the task (aws ecs stop-task --cluster prod --task " + taskId + ").";
        return alert;
    }
}
