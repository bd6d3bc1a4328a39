package dev.flowlens.testkit;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EnrichedFlow} of one record. Each end takes its address from the record; an end given a task is
 * attributed by {@code ip-time} as a {@code task} peer, any other end is unattributed ({@code never-seen}, or
 * {@code no-address} without an address) as an {@code internet} peer (or {@code none}). The direction and
 * {@code sameAz} follow from the ends as the contract defines them, unless set.
 */
public final class EnrichedFlowBuilder {
    private final FlowRecord record;
    private final End src = new End();
    private final End dst = new End();
    private FlowDirection direction;
    private boolean v7Mismatch;

    EnrichedFlowBuilder(FlowRecord record) {
        this.record = record;
    }

    /** The source end belonged to {@code task}. */
    public EnrichedFlowBuilder srcTask(TaskIdentity task) {
        src.task = task;
        return this;
    }

    /** The destination end belonged to {@code task}. */
    public EnrichedFlowBuilder dstTask(TaskIdentity task) {
        dst.task = task;
        return this;
    }

    /** How the source's task was found, if not by {@code ip-time}. */
    public EnrichedFlowBuilder srcAttribution(AttributionMethod method) {
        src.attribution = method;
        return this;
    }

    /** How the destination's task was found, if not by {@code ip-time}. */
    public EnrichedFlowBuilder dstAttribution(AttributionMethod method) {
        dst.attribution = method;
        return this;
    }

    /** Why the source names no task, if not {@code never-seen}. */
    public EnrichedFlowBuilder srcUnattributed(UnattributedReason reason) {
        src.reason = reason;
        return this;
    }

    /** Why the destination names no task, if not {@code never-seen}. */
    public EnrichedFlowBuilder dstUnattributed(UnattributedReason reason) {
        dst.reason = reason;
        return this;
    }

    /** What the source is, if not the default for its attribution. */
    public EnrichedFlowBuilder srcPeer(PeerClass peerClass) {
        src.peerClass = peerClass;
        return this;
    }

    /** What the destination is, if not the default for its attribution. */
    public EnrichedFlowBuilder dstPeer(PeerClass peerClass) {
        dst.peerClass = peerClass;
        return this;
    }

    /** The destination is an address of this AWS service ({@code S3}, ...), an {@code aws-service} peer. */
    public EnrichedFlowBuilder dstAwsService(String service) {
        dst.awsService = service;
        dst.peerClass = PeerClass.AWS_SERVICE;
        return this;
    }

    /** The deny or threat lists the destination is on. */
    public EnrichedFlowBuilder dstThreatLists(String... lists) {
        dst.threatLists = List.of(lists);
        return this;
    }

    public EnrichedFlowBuilder direction(FlowDirection flowDirection) {
        this.direction = flowDirection;
        return this;
    }

    /** The record's v7 ECS fields named another task than the index did. */
    public EnrichedFlowBuilder v7Mismatch() {
        this.v7Mismatch = true;
        return this;
    }

    /** A new flow (its ends new, the record and task identities shared) on every call. */
    public EnrichedFlow build() {
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = src.endpoint(record.srcAddr);
        flow.dst = dst.endpoint(record.dstAddr);
        boolean srcTask = flow.src.task != null;
        boolean dstTask = flow.dst.task != null;
        flow.direction = direction != null ? direction
                : srcTask && dstTask ? FlowDirection.EAST_WEST
                : srcTask ? FlowDirection.EGRESS
                : dstTask ? FlowDirection.INGRESS
                : FlowDirection.UNKNOWN;
        flow.sameAz = srcTask && dstTask
                ? Objects.equals(flow.src.task.availabilityZone, flow.dst.task.availabilityZone) : null;
        flow.v7Mismatch = v7Mismatch;
        return flow;
    }

    /** What was said about one end. */
    private static final class End {
        TaskIdentity task;
        AttributionMethod attribution;
        UnattributedReason reason;
        PeerClass peerClass;
        String awsService;
        List<String> threatLists = List.of();

        FlowEndpoint endpoint(String address) {
            FlowEndpoint end = new FlowEndpoint();
            end.address = address;
            end.task = task;
            end.awsService = awsService;
            end.threatLists = new ArrayList<>(threatLists);
            if (task != null) {
                end.attribution = attribution != null ? attribution : AttributionMethod.IP_TIME;
                end.peerClass = peerClass != null ? peerClass : PeerClass.TASK;
            } else {
                end.attribution = AttributionMethod.UNATTRIBUTED;
                end.unattributedReason = reason != null ? reason
                        : address == null ? UnattributedReason.NO_ADDRESS : UnattributedReason.NEVER_SEEN;
                end.peerClass = peerClass != null ? peerClass : address == null ? PeerClass.NONE : PeerClass.INTERNET;
            }
            return end;
        }
    }
}
