package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link Alert} as an OCSF 1.1 <em>Detection Finding</em> (class 2004, category 2 Findings), so alerts drop into
 * Amazon Security Lake or a SIEM that reads OCSF; documented in {@code schemas/alert.md} ("OCSF form"). Write only:
 * Flowlens reads its own form ({@link AlertJson}).
 *
 * <p>Attributes and ids as the OCSF schema defines them (schema.ocsf.io, class {@code detection_finding}; objects
 * {@code finding_info}, {@code analytic}, {@code cloud}, {@code account}, {@code resource_details},
 * {@code evidences}, {@code network_endpoint}, {@code remediation}; also docs.tenzir.com/reference/ocsf/1-5-0 and
 * lmodel.github.io/ocsf): {@code type_uid} = {@code class_uid} × 100 + {@code activity_id}; activity 1 Create, 2
 * Update, 3 Close; severity 0 Unknown, 2 Low, 3 Medium, 4 High, 5 Critical; finding status 1 New, 99 Other;
 * analytic type 1 Rule, 2 Behavioral, 3 Statistical; account type 10 AWS Account; times in epoch milliseconds.
 * Everything OCSF has no attribute for goes under {@code unmapped}, under the names of the Flowlens form.
 */
public final class OcsfDetectionFindingJson {
    /** The OCSF version written: the one Amazon Security Lake's custom sources take. */
    public static final String OCSF_VERSION = "1.1.0";
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;
    public static final String PRODUCT = "Flowlens";

    private OcsfDetectionFindingJson() {}

    /** The alert as one line of OCSF JSON. */
    public static String toJson(Alert alert) {
        return JsonText.of(alert, OcsfDetectionFindingJson::write);
    }

    /** OCSF's activity of a finding record: 1 Create, 2 Update, 3 Close (0 Unknown without a status). */
    public static int activityId(AlertStatus status) {
        if (status == null) {
            return 0;
        }
        return switch (status) {
            case OPEN -> 1;
            case UPDATED -> 2;
            case CLOSED -> 3;
        };
    }

    /** OCSF's severity: 2 Low, 3 Medium, 4 High, 5 Critical (0 Unknown); 1 Informational and 6 Fatal are unused. */
    public static int severityId(AlertSeverity severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    /**
     * OCSF's finding status, which the consumer sets as it reviews: an open or updated alert is 1 New (not yet
     * reviewed). A closed one went quiet; nobody resolved it, so it is 99 Other, {@code status} "Closed", rather than
     * 4 Resolved.
     */
    public static int statusId(AlertStatus status) {
        if (status == null) {
            return 0;
        }
        return status == AlertStatus.CLOSED ? 99 : 1;
    }

    /**
     * OCSF's analytic type of the detector: thresholds and list look-ups are rules (1), departures from a service's
     * learned baseline are behavioural (2), robust statistics over volumes and intervals are statistical (3).
     */
    public static int analyticTypeId(AlertKind kind) {
        if (kind == null) {
            return 0;
        }
        return switch (kind) {
            case PORT_SCAN, NETWORK_SWEEP, REJECT_STORM, THREAT_LIST_MATCH, UNKNOWN_WORKLOAD -> 1;
            case NEW_EXTERNAL_DESTINATION, UNUSUAL_PORT -> 2;
            case EXFILTRATION, BEACONING -> 3;
        };
    }

    public static void write(JsonGenerator json, Alert alert) throws IOException {
        int activity = activityId(alert.status);
        String kind = alert.kind == null ? null : alert.kind.wireName();
        json.writeStartObject();
        json.writeNumberField("class_uid", CLASS_UID);
        json.writeStringField("class_name", "Detection Finding");
        json.writeNumberField("category_uid", CATEGORY_UID);
        json.writeStringField("category_name", "Findings");
        json.writeNumberField("activity_id", activity);
        json.writeStringField("activity_name", ACTIVITIES[activity]);
        json.writeNumberField("type_uid", CLASS_UID * 100L + activity);
        json.writeStringField("type_name", "Detection Finding: " + ACTIVITIES[activity]);
        int severity = severityId(alert.severity);
        json.writeNumberField("severity_id", severity);
        json.writeStringField("severity", SEVERITIES[severity]);
        int status = statusId(alert.status);
        json.writeNumberField("status_id", status);
        json.writeStringField("status", status == 99 ? "Closed" : status == 1 ? "New" : "Unknown");
        // the event's time is the newest flow in evidence (event time, not when the detector ran)
        json.writeNumberField("time", alert.end * 1000);
        json.writeNumberField("start_time", alert.start * 1000);
        json.writeNumberField("end_time", alert.end * 1000);
        json.writeStringField("message", alert.explanation);

        json.writeObjectFieldStart("metadata");
        json.writeStringField("version", OCSF_VERSION);
        json.writeArrayFieldStart("profiles");
        json.writeString("cloud");
        json.writeEndArray();
        json.writeObjectFieldStart("product");
        json.writeStringField("name", PRODUCT);
        json.writeStringField("vendor_name", PRODUCT);
        json.writeEndObject();
        json.writeStringField("event_code", kind);
        json.writeEndObject();

        json.writeObjectFieldStart("finding_info");
        json.writeStringField("uid", alert.id);
        json.writeStringField("title", title(alert));
        json.writeStringField("desc", alert.explanation);
        json.writeArrayFieldStart("types");
        if (kind != null) {
            json.writeString(kind);
        }
        json.writeEndArray();
        json.writeNumberField("first_seen_time", alert.start * 1000);
        json.writeNumberField("last_seen_time", alert.end * 1000);
        json.writeObjectFieldStart("analytic");
        int analytic = analyticTypeId(alert.kind);
        json.writeStringField("name", kind);
        json.writeStringField("uid", kind);
        json.writeNumberField("type_id", analytic);
        json.writeStringField("type", ANALYTIC_TYPES[analytic]);
        json.writeStringField("desc", alert.kind == null ? null : alert.kind.meaning());
        json.writeEndObject();
        json.writeEndObject();

        json.writeObjectFieldStart("cloud");
        json.writeStringField("provider", "AWS");
        json.writeStringField("region", alert.region);
        json.writeObjectFieldStart("account");
        json.writeStringField("uid", alert.accountId);
        json.writeNumberField("type_id", 10);
        json.writeStringField("type", "AWS Account");
        json.writeEndObject();
        json.writeEndObject();

        List<AlertTask> tasks = alert.tasks == null ? List.of() : alert.tasks;
        resources(json, alert, tasks);
        evidences(json, alert.peer, tasks);
        if (alert.suggestedResponse != null) {
            json.writeObjectFieldStart("remediation");
            json.writeStringField("desc", alert.suggestedResponse);
            json.writeEndObject();
        }
        unmapped(json, alert, kind);
        json.writeEndObject();
    }

    private static final String[] ACTIVITIES = {"Unknown", "Create", "Update", "Close"};
    private static final String[] SEVERITIES = {"Unknown", "Informational", "Low", "Medium", "High", "Critical"};
    private static final String[] ANALYTIC_TYPES = {"Unknown", "Rule", "Behavioral", "Statistical"};

    /** "port-scan by service checkout in cluster prod": what and whom, for a SIEM's list of findings. */
    private static String title(Alert alert) {
        StringBuilder title = new StringBuilder(alert.kind == null ? "alert" : alert.kind.wireName());
        if (alert.service != null) {
            title.append(" by service ").append(alert.service);
        } else if (alert.tasks != null && alert.tasks.size() == 1 && alert.tasks.get(0).taskId != null) {
            title.append(" by task ").append(alert.tasks.get(0).taskId);
        }
        if (alert.cluster != null) {
            title.append(" in cluster ").append(alert.cluster);
        }
        return title.toString();
    }

    /** The tasks, then their ENIs, then their security groups (each once): what a responder acts on. */
    private static void resources(JsonGenerator json, Alert alert, List<AlertTask> tasks) throws IOException {
        json.writeArrayFieldStart("resources");
        Set<String> enis = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (AlertTask task : tasks) {
            json.writeStartObject();
            json.writeStringField("uid", task.taskArn);
            json.writeStringField("name", task.taskId);
            json.writeStringField("type", "AWS::ECS::Task");
            json.writeStringField("region", alert.region);
            if (alert.service != null) {
                json.writeObjectFieldStart("group");
                json.writeStringField("name", alert.service);
                json.writeEndObject();
            }
            json.writeObjectFieldStart("data");
            json.writeStringField("cluster", alert.cluster);
            json.writeStringField("service", alert.service);
            json.writeStringField("task-definition", task.taskDefinition);
            json.writeStringField("eni-id", task.eniId);
            json.writeStringField("address", task.address);
            JsonLists.stringsOrUnknown(json, "security-groups", task.securityGroups);
            json.writeEndObject();
            json.writeEndObject();
            if (task.eniId != null) {
                enis.add(task.eniId);
            }
            if (task.securityGroups != null) {
                groups.addAll(task.securityGroups);
            }
        }
        for (String eni : enis) {
            resource(json, eni, "AWS::EC2::NetworkInterface", alert.region);
        }
        for (String group : groups) {
            resource(json, group, "AWS::EC2::SecurityGroup", alert.region);
        }
        json.writeEndArray();
    }

    private static void resource(JsonGenerator json, String uid, String type, String region) throws IOException {
        json.writeStartObject();
        json.writeStringField("uid", uid);
        json.writeStringField("type", type);
        json.writeStringField("region", region);
        json.writeEndObject();
    }

    /**
     * One evidence per task: the task's end as {@code src_endpoint}, the peer as {@code dst_endpoint} (an alert
     * names no direction; for most kinds the task is the flows' source). Without tasks (an unknown workload), the
     * peer alone.
     */
    private static void evidences(JsonGenerator json, AlertPeer peer, List<AlertTask> tasks) throws IOException {
        json.writeArrayFieldStart("evidences");
        if (tasks.isEmpty() && peer != null) {
            json.writeStartObject();
            peerEndpoint(json, peer);
            json.writeEndObject();
        }
        for (AlertTask task : tasks) {
            json.writeStartObject();
            json.writeObjectFieldStart("src_endpoint");
            json.writeStringField("ip", task.address);
            json.writeStringField("interface_uid", task.eniId);
            json.writeStringField("uid", task.taskArn);
            json.writeEndObject();
            if (peer != null) {
                peerEndpoint(json, peer);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The peer's endpoint, and its protocol as {@code connection_info}; a CIDR (a sweep) is no {@code ip}. */
    private static void peerEndpoint(JsonGenerator json, AlertPeer peer) throws IOException {
        json.writeObjectFieldStart("dst_endpoint");
        if (peer.address != null && !peer.address.contains("/")) {
            json.writeStringField("ip", peer.address);
        }
        if (peer.port != null) {
            json.writeNumberField("port", peer.port);
        }
        json.writeEndObject();
        if (peer.protocol != null) {
            json.writeObjectFieldStart("connection_info");
            json.writeNumberField("protocol_num", peer.protocol);
            json.writeEndObject();
        }
    }

    /** What OCSF has no attribute for, under the Flowlens form's names. */
    private static void unmapped(JsonGenerator json, Alert alert, String kind) throws IOException {
        json.writeObjectFieldStart("unmapped");
        json.writeStringField("kind", kind);
        json.writeStringField("status", alert.status == null ? null : alert.status.wireName());
        json.writeStringField("cluster", alert.cluster);
        json.writeStringField("service", alert.service);
        if (alert.peer != null) {
            json.writeStringField("peer-address", alert.peer.address);
            json.writeStringField("peer-class", alert.peer.peerClass == null ? null : alert.peer.peerClass.wireName());
            JsonLists.strings(json, "threat-lists", alert.peer.threatLists);
        }
        AlertEvidence evidence = alert.evidence == null ? new AlertEvidence() : alert.evidence;
        json.writeObjectFieldStart("evidence");
        json.writeNumberField("flows", evidence.flows);
        json.writeNumberField("packets", evidence.packets);
        json.writeNumberField("bytes", evidence.bytes);
        json.writeNumberField("rejected", evidence.rejected);
        json.writeNumberField("distinct-ports", evidence.distinctPorts);
        json.writeNumberField("distinct-hosts", evidence.distinctHosts);
        JsonLists.strings(json, "samples", evidence.samples);
        json.writeEndObject();
        json.writeEndObject();
    }
}
