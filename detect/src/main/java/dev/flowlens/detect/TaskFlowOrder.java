package dev.flowlens.detect;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A total order of {@link TaskFlow}s by their content: every field of the flow, its record, both ends and their tasks.
 * Two flows it ranks equal are equal in every field, so {@link Detection} cannot tell them apart; handing a service's
 * flows of one second to it in this order makes its output independent of the order they arrived in (a bounded run
 * sorts a key's flows by time only, and at parallelism above one they arrive interleaved from several subtasks).
 * Fields that usually differ are compared first, so most comparisons end early. Nulls sort first.
 */
public final class TaskFlowOrder implements Comparator<TaskFlow> {
    public static final TaskFlowOrder INSTANCE = new TaskFlowOrder();

    /** The record's fields, the cheap and discriminating ones first, then every other in AWS's order. */
    private static final List<FlowLogField> RECORD_FIELDS;

    static {
        List<FlowLogField> fields = new ArrayList<>(List.of(FlowLogField.END, FlowLogField.START,
                FlowLogField.SRCPORT, FlowLogField.DSTPORT, FlowLogField.BYTES, FlowLogField.PACKETS,
                FlowLogField.SRCADDR, FlowLogField.DSTADDR, FlowLogField.PROTOCOL, FlowLogField.INTERFACE_ID));
        for (FlowLogField field : FlowLogField.values()) {
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }
        RECORD_FIELDS = List.copyOf(fields);
    }

    private static final Comparator<TaskIdentity> TASK = Comparator.nullsFirst(
            Comparator.comparing((TaskIdentity t) -> t.taskArn, nullsFirst())
                    .thenComparing(t -> t.eniId, nullsFirst())
                    .thenComparing(t -> t.privateIpv4, nullsFirst())
                    .thenComparing(t -> t.accountId, nullsFirst())
                    .thenComparing(t -> t.region, nullsFirst())
                    .thenComparing(t -> t.clusterArn, nullsFirst())
                    .thenComparing(t -> t.clusterName, nullsFirst())
                    .thenComparing(t -> t.serviceName, nullsFirst())
                    .thenComparing(t -> t.group, nullsFirst())
                    .thenComparing(t -> t.taskId, nullsFirst())
                    .thenComparing(t -> t.taskDefinition, nullsFirst())
                    .thenComparing(t -> t.taskDefinitionArn, nullsFirst())
                    .thenComparing(t -> t.launchType, nullsFirst())
                    .thenComparing(t -> t.capacityProvider, nullsFirst())
                    .thenComparing(t -> t.containerInstanceArn, nullsFirst())
                    .thenComparing(t -> t.availabilityZone, nullsFirst())
                    .thenComparing(t -> t.subnetId, nullsFirst())
                    .thenComparing(t -> t.vpcId, nullsFirst())
                    .thenComparing(t -> t.macAddress, nullsFirst())
                    .thenComparing(t -> t.ipv6, nullsFirst())
                    .thenComparing(t -> t.securityGroups, TaskFlowOrder::compareLists)
                    .thenComparing(t -> t.interfaceType, nullsFirst())
                    .thenComparing(t -> t.createdAt, nullsFirst())
                    .thenComparing(t -> t.startedAt, nullsFirst())
                    .thenComparing(t -> t.stoppedAt, nullsFirst()));

    private static final Comparator<FlowEndpoint> END = Comparator.nullsFirst(
            Comparator.comparing((FlowEndpoint e) -> e.address, nullsFirst())
                    .thenComparing(e -> e.attribution, nullsFirst())
                    .thenComparing(e -> e.unattributedReason, nullsFirst())
                    .thenComparing(e -> e.peerClass, nullsFirst())
                    .thenComparing(e -> e.awsService, nullsFirst())
                    .thenComparing(e -> e.threatLists, TaskFlowOrder::compareLists)
                    .thenComparing(e -> e.task, TASK));

    private static final Comparator<EnrichedFlow> FLOW = Comparator.nullsFirst(
            Comparator.comparing((EnrichedFlow f) -> f.record, Comparator.nullsFirst(TaskFlowOrder::compareRecords))
                    .thenComparing(f -> f.src, END)
                    .thenComparing(f -> f.dst, END)
                    .thenComparing(f -> f.direction, nullsFirst())
                    .thenComparing(f -> f.sameAz, nullsFirst())
                    .thenComparing(f -> f.v7Mismatch));

    private TaskFlowOrder() {}

    @Override
    public int compare(TaskFlow a, TaskFlow b) {
        if (a == b) {
            return 0;
        }
        int order = Objects.compare(a.serviceKey, b.serviceKey, nullsFirst());
        if (order != 0) {
            return order;
        }
        order = Boolean.compare(a.taskIsSource, b.taskIsSource);
        return order != 0 ? order : FLOW.compare(a.flow, b.flow);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareRecords(FlowRecord a, FlowRecord b) {
        for (FlowLogField field : RECORD_FIELDS) {
            // every field's value is an Integer, a Long or a String, as its type says
            Comparable x = (Comparable) field.get(a);
            Comparable y = (Comparable) field.get(b);
            int order = x == y ? 0 : x == null ? -1 : y == null ? 1 : x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int compareLists(List<String> a, List<String> b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Objects.compare(a.get(i), b.get(i), nullsFirst());
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static <T extends Comparable<? super T>> Comparator<T> nullsFirst() {
        return Comparator.nullsFirst(Comparator.naturalOrder());
    }
}
