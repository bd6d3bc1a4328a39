package dev.flowlens.schemas.dataset;

import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The alert dataset's columns, in order: the contract between the alerts' Parquet writer (in {@code jobs}) and what
 * queries alerts beside the flows (DuckDB, Athena). Documented column by column in {@code schemas/alert.md}.
 *
 * <p>One row per alert record (an incident's {@code open}, {@code updated} and {@code closed} records are three rows
 * under one {@code id}). The tasks are flattened into index-aligned lists ({@code task_ids[i]} is the task of
 * {@code task_arns[i]}), so {@code list_contains(task_ids, '...')} finds a task's alerts without unnesting; the peer
 * and the evidence are flattened into columns. Names, types and the null conventions are the enriched flows': lists
 * of strings are three-level Parquet lists, unknown security groups are null, no threat list is null.
 */
public final class AlertColumns {
    /** The Parquet message name. */
    public static final String DATASET = "alert";

    /** Every column, in order. */
    public static final List<AlertColumn> ALL = List.copyOf(columns());

    private AlertColumns() {}

    /** Column names in order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ALL.size());
        for (AlertColumn column : ALL) {
            names.add(column.name());
        }
        return names;
    }

    private static List<AlertColumn> columns() {
        List<AlertColumn> columns = new ArrayList<>();
        string(columns, "id", "stable across the records of one incident, unique across incidents", a -> a.id);
        string(columns, "kind", "what happened: new-external-destination, exfiltration, port-scan, network-sweep,"
                + " reject-storm, threat-list-match, unusual-port, beaconing or unknown-workload",
                a -> a.kind == null ? null : a.kind.wireName());
        string(columns, "severity", "low, medium, high or critical",
                a -> a.severity == null ? null : a.severity.wireName());
        string(columns, "status", "open, updated or closed", a -> a.status == null ? null : a.status.wireName());
        count(columns, "start", "window start, epoch seconds: the earliest capture-window start of the flows in"
                + " evidence", a -> a.start);
        count(columns, "end", "window end, epoch seconds: the latest capture-window end of the flows in evidence",
                a -> a.end);
        string(columns, "account_id", "AWS account of the tasks", a -> a.accountId);
        string(columns, "region", "AWS Region of the tasks", a -> a.region);
        string(columns, "cluster", "ECS cluster name of the tasks", a -> a.cluster);
        string(columns, "service", "ECS service of the tasks; null for standalone tasks and for addresses no task"
                + " held", a -> a.service);
        list(columns, "task_ids", "IDs of the tasks the alert is about; empty when no task held the address",
                a -> tasks(a, t -> t.taskId));
        list(columns, "task_arns", "their ARNs (what StopTask takes), aligned with task_ids",
                a -> tasks(a, t -> t.taskArn));
        list(columns, "task_definitions", "their task definitions, family:revision, aligned with task_ids",
                a -> tasks(a, t -> t.taskDefinition));
        list(columns, "eni_ids", "their ENIs (branch ENIs on trunked instances), aligned with task_ids",
                a -> tasks(a, t -> t.eniId));
        list(columns, "task_addresses", "their addresses in the flows in evidence, aligned with task_ids",
                a -> tasks(a, t -> t.address));
        list(columns, "security_groups", "security groups of the tasks' ENIs, each once; null when no source knows"
                + " any task's groups, empty when they have none", AlertColumns::securityGroups);
        string(columns, "peer_address", "the other end: an address, or a CIDR for a sweep; null when there is no"
                + " single one", a -> peer(a, p -> p.address));
        columns.add(new AlertColumn("peer_port", ColumnType.INT32, true,
                "the peer's port; null when there are many (a port scan)", a -> peer(a, p -> p.port)));
        columns.add(new AlertColumn("peer_protocol", ColumnType.INT32, true,
                "IANA protocol number (6 TCP, 17 UDP); null when mixed", a -> peer(a, p -> p.protocol)));
        string(columns, "peer_class", "task, same-vpc, aws-service, internet or none, as in the enriched flows",
                a -> peer(a, p -> p.peerClass == null ? null : p.peerClass.wireName()));
        list(columns, "peer_threat_lists", "deny or threat lists the peer is on; null for none",
                a -> peer(a, p -> p.threatLists == null || p.threatLists.isEmpty() ? null
                        : new ArrayList<>(p.threatLists)));
        count(columns, "flows", "flow-log records in evidence", a -> evidence(a).flows);
        count(columns, "packets", "packets in them", a -> evidence(a).packets);
        count(columns, "bytes", "bytes in them", a -> evidence(a).bytes);
        count(columns, "rejected", "of the flows, those REJECTed", a -> evidence(a).rejected);
        count(columns, "distinct_ports", "distinct peer ports seen (a port scan's measure)",
                a -> evidence(a).distinctPorts);
        count(columns, "distinct_hosts", "distinct peer addresses seen (a sweep's measure)",
                a -> evidence(a).distinctHosts);
        list(columns, "samples", "at most 5 flows, each start srcaddr:srcport > dstaddr:dstport protocol action"
                + " packets bytes", a -> evidence(a).samples == null ? List.of() : new ArrayList<>(evidence(a).samples));
        string(columns, "explanation", "one sentence: what was seen and why it is unusual", a -> a.explanation);
        string(columns, "suggested_response", "what a person could do about it, for this kind of task; suggested,"
                + " never executed", a -> a.suggestedResponse);
        return columns;
    }

    private static void string(List<AlertColumn> columns, String name, String meaning, Function<Alert, Object> value) {
        columns.add(new AlertColumn(name, ColumnType.STRING, true, meaning, value));
    }

    /** A required INT64: the window and the evidence's totals are numbers in every alert (0 when none). */
    private static void count(List<AlertColumn> columns, String name, String meaning, Function<Alert, Object> value) {
        columns.add(new AlertColumn(name, ColumnType.INT64, false, meaning, value));
    }

    private static void list(List<AlertColumn> columns, String name, String meaning, Function<Alert, Object> value) {
        columns.add(new AlertColumn(name, ColumnType.STRING_LIST, true, meaning, value));
    }

    private static List<String> tasks(Alert alert, Function<AlertTask, String> field) {
        List<String> values = new ArrayList<>();
        if (alert.tasks != null) {
            for (AlertTask task : alert.tasks) {
                values.add(field.apply(task)); // null stays, so the lists stay aligned
            }
        }
        return values;
    }

    private static List<String> securityGroups(Alert alert) {
        Set<String> groups = new LinkedHashSet<>();
        boolean known = false;
        if (alert.tasks != null) {
            for (AlertTask task : alert.tasks) {
                if (task.securityGroups != null) {
                    known = true;
                    groups.addAll(task.securityGroups);
                }
            }
        }
        return known ? new ArrayList<>(groups) : null;
    }

    private static Object peer(Alert alert, Function<AlertPeer, Object> field) {
        return alert.peer == null ? null : field.apply(alert.peer);
    }

    private static AlertEvidence evidence(Alert alert) {
        return alert.evidence == null ? new AlertEvidence() : alert.evidence;
    }
}
