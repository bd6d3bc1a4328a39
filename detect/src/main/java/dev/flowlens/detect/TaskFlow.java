package dev.flowlens.detect;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import java.util.ArrayList;
import java.util.List;

/**
 * One enriched flow as detection sees it: from the side of one task end, keyed by that task's service. A flow with a
 * task at both ends is seen twice, once from each. A plain Flink POJO, as it crosses the job's keyed shuffle.
 */
public class TaskFlow {
    /** {@link ServiceKeys#of(TaskIdentity)} of the task at {@link #taskIsSource}'s end. */
    public String serviceKey;
    public EnrichedFlow flow;
    /** Whether the task is the record's source ({@code srcaddr}); otherwise its destination. */
    public boolean taskIsSource;

    public TaskFlow() {}

    public TaskFlow(String serviceKey, EnrichedFlow flow, boolean taskIsSource) {
        this.serviceKey = serviceKey;
        this.flow = flow;
        this.taskIsSource = taskIsSource;
    }

    /** The flow seen from each end that is a task; none when neither end is. */
    public static List<TaskFlow> sides(EnrichedFlow flow) {
        List<TaskFlow> sides = new ArrayList<>(2);
        if (flow.src != null && flow.src.task != null) {
            sides.add(new TaskFlow(ServiceKeys.of(flow.src.task), flow, true));
        }
        if (flow.dst != null && flow.dst.task != null) {
            sides.add(new TaskFlow(ServiceKeys.of(flow.dst.task), flow, false));
        }
        return sides;
    }

    public FlowRecord record() {
        return flow.record;
    }

    public FlowEndpoint local() {
        return taskIsSource ? flow.src : flow.dst;
    }

    public FlowEndpoint peer() {
        return taskIsSource ? flow.dst : flow.src;
    }

    public TaskIdentity task() {
        return local().task;
    }

    public String peerAddress() {
        FlowEndpoint peer = peer();
        return peer == null ? null : peer.address;
    }

    public PeerClass peerClass() {
        FlowEndpoint peer = peer();
        return peer == null ? null : peer.peerClass;
    }

    public boolean peerIsInternet() {
        return peerClass() == PeerClass.INTERNET;
    }

    public Integer localPort() {
        return taskIsSource ? record().srcPort : record().dstPort;
    }

    public Integer peerPort() {
        return taskIsSource ? record().dstPort : record().srcPort;
    }

    /**
     * Whether the task opened the connection, so the peer's port is the service it reached. Flow logs do not say who
     * connected; ports say it best: a server listens on a well-known or registered port and the client's is
     * ephemeral. When both or neither look ephemeral, TCP flags decide as AWS records them (SYN without ACK on the
     * initiator's packets, SYN-ACK = 18 on the responder's); without flags, the lower port is the server's.
     */
    public boolean taskInitiated() {
        Integer local = localPort();
        Integer peer = peerPort();
        if (local == null || peer == null) {
            return taskIsSource;
        }
        boolean localEphemeral = Ports.isEphemeral(local);
        boolean peerEphemeral = Ports.isEphemeral(peer);
        if (localEphemeral != peerEphemeral) {
            return localEphemeral;
        }
        Integer flags = record().tcpFlags;
        if (flags != null && (flags & 2) != 0) {
            boolean synAck = (flags & 18) == 18;
            // the record's source sent these packets: SYN-ACK marks the responder, a bare SYN the initiator
            return taskIsSource != synAck;
        }
        if (!local.equals(peer)) {
            return local > peer;
        }
        return taskIsSource;
    }

    /** The port of the service the task reached, or {@code null} when the peer connected to the task. */
    public Integer reachedPort() {
        return taskInitiated() ? peerPort() : null;
    }

    /**
     * Whether the record was captured on the task's own interface: the ENI whose security group or ACL accepted or
     * rejected it. The v5 {@code flow-direction} says which end is the interface's; else an end attributed by the
     * record's {@code interface-id} is; else a task with a dedicated ENI (Fargate, or not a trunk's branch) records
     * only on that ENI. A trunk's records, naming no task's ENI, count as its branches' own.
     */
    public boolean recordedHere() {
        FlowRecord record = record();
        if ("egress".equals(record.flowDirection)) {
            return taskIsSource;
        }
        if ("ingress".equals(record.flowDirection)) {
            return !taskIsSource;
        }
        FlowEndpoint peer = peer();
        if (local().attribution == AttributionMethod.ENI) {
            return true;
        }
        if (peer != null && peer.attribution == AttributionMethod.ENI) {
            return false;
        }
        TaskIdentity task = task();
        if (record.interfaceId == null || record.interfaceId.equals(task.eniId)) {
            return true;
        }
        boolean dedicated = "FARGATE".equals(task.launchType)
                || task.interfaceType != null && !"branch".equals(task.interfaceType);
        return !dedicated;
    }

    /** Bytes the task sent in this record (the record's bytes when the task is its source, else 0). */
    public long bytesOut() {
        return taskIsSource && record().bytes != null ? record().bytes : 0;
    }

    public long bytes() {
        return record().bytes == null ? 0 : record().bytes;
    }

    public long packets() {
        return record().packets == null ? 0 : record().packets;
    }

    public boolean rejected() {
        return "REJECT".equals(record().action);
    }

    /** The record's event time, epoch seconds: the end of its capture window (its start when the end is absent). */
    public long time() {
        FlowRecord record = record();
        return record.end != null ? record.end : record.start == null ? 0 : record.start;
    }

    /** The start of the record's capture window, epoch seconds. */
    public long startTime() {
        FlowRecord record = record();
        return record.start != null ? record.start : time();
    }

    public Integer protocol() {
        return record().protocol;
    }
}
