package dev.flowlens.enrich;

import dev.flowlens.enrich.index.AttributionIndex;
import dev.flowlens.enrich.index.InterfaceEvidence;
import dev.flowlens.enrich.index.IpKeys;
import dev.flowlens.enrich.index.Lookup;
import dev.flowlens.enrich.peer.PeerClassifier;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.util.Objects;

/**
 * Attributes both ends of a flow-log record: a pure function of the record, the index and the peer classifier.
 *
 * <p>Each end is looked up by address at the flow's start time ({@code ip-time}). The recording side is also known
 * by the record's {@code interface-id}: when that ENI belonged to a task then, the end holding the task's address is
 * attributed by {@code eni}. With ENI trunking the record carries the trunk's id, which no task owns, and the
 * address lookup stands. When the record has v7 ECS fields naming the same task the index found, the end is
 * {@code v7-fields}; when they name another task, the index's answer is kept and the flow flagged. A NODATA or
 * SKIPDATA record has no addresses: the task that held its {@code interface-id} at its start is named on {@code src}
 * ({@code eni}), {@code dst} stays {@code no-address} and the direction {@code unknown}.
 *
 * <p>With {@link InterfaceEvidence}, what other records showed counts too: {@link #observe} collects which interface
 * used which address as its own (a bounded run observes every record first, a stream the records seen so far), and
 * an end the index gives to a task whose dedicated ENI is contradicted by another interface's use of the address
 * answers {@code owner-uncertain}.
 */
public final class FlowAttributor {
    private final AttributionIndex index;
    private final PeerClassifier peers;
    private final InterfaceEvidence evidence;

    public FlowAttributor(AttributionIndex index, PeerClassifier peers) {
        this(index, peers, null);
    }

    /** @param evidence what records showed of interfaces and their addresses, or {@code null} to use none */
    public FlowAttributor(AttributionIndex index, PeerClassifier peers, InterfaceEvidence evidence) {
        this.index = index;
        this.peers = peers;
        this.evidence = evidence;
    }

    /**
     * Adds what the record shows to the evidence: its interface used one of its addresses as its own at the flow's
     * time. Which one: the address of the interface's task when metadata names the ENI; else the record's
     * {@code flow-direction}, an intermediate's rewritten address ({@code pkt-*} fields), or the only end inside the
     * VPC; else the evidence finds the address common to the interface's records.
     */
    public void observe(FlowRecord record) {
        long at = flowTimeMillis(record);
        if (evidence == null || at == Long.MIN_VALUE || record.interfaceId == null || record.srcAddr == null
                || record.dstAddr == null) {
            return;
        }
        TaskIdentity owner = index.lookupEni(record.interfaceId, at).task();
        String scope = scope(record, owner);
        if (owner != null) {
            String own = holds(owner, record.srcAddr) ? record.srcAddr
                    : holds(owner, record.dstAddr) ? record.dstAddr : null;
            if (own != null) {
                evidence.used(scope, record.interfaceId, own, at);
            }
            return;
        }
        String own = ownAddress(record);
        if (own != null) {
            evidence.used(scope, record.interfaceId, own, at);
        } else {
            evidence.recorded(scope, record.interfaceId, record.srcAddr, record.dstAddr, at);
        }
    }

    /** The recording interface's own address when a single record tells it, else {@code null}. */
    private String ownAddress(FlowRecord record) {
        if ("egress".equals(record.flowDirection)) {
            return record.srcAddr;
        }
        if ("ingress".equals(record.flowDirection)) {
            return record.dstAddr;
        }
        // an intermediate (NAT gateway, load balancer) records the original address beside its own
        if (record.pktSrcAddr != null && !IpKeys.sameAddress(record.pktSrcAddr, record.srcAddr)) {
            return record.srcAddr;
        }
        if (record.pktDstAddr != null && !IpKeys.sameAddress(record.pktDstAddr, record.dstAddr)) {
            return record.dstAddr;
        }
        boolean srcInside = peers.couldBeTask(record.srcAddr);
        boolean dstInside = peers.couldBeTask(record.dstAddr);
        return srcInside == dstInside ? null : srcInside ? record.srcAddr : record.dstAddr;
    }

    /** The evidence's scope of a record: its account (else its interface's task's) and VPC. */
    private static String scope(FlowRecord record, TaskIdentity interfaceOwner) {
        String account = record.accountId != null ? record.accountId
                : interfaceOwner != null ? interfaceOwner.accountId : null;
        return InterfaceEvidence.scope(account, record.vpcId);
    }

    public EnrichedFlow enrich(FlowRecord record) {
        long at = flowTimeMillis(record);
        FlowEndpoint src;
        FlowEndpoint dst;
        if (isTransitGateway(record)) {
            // a Transit Gateway record names the VPC (and account) of each end: each is looked up in its own
            src = endpoint(record.tgwSrcVpcAccountId, record.tgwSrcVpcId, record.srcAddr, at);
            dst = endpoint(record.tgwDstVpcAccountId, record.tgwDstVpcId, record.dstAddr, at);
        } else {
            // both ends in the recording interface's account and VPC (the same CIDRs are reused across accounts and
            // VPCs); a peer outside that VPC's known blocks beyond it (endpoint)
            String[] recording = index.interfaceScope(record.interfaceId, at);
            String account = record.accountId != null ? record.accountId : recording[0];
            String vpc = record.vpcId != null ? record.vpcId : recording[1];
            src = endpoint(account, vpc, record.srcAddr, at);
            dst = endpoint(account, vpc, record.dstAddr, at);
        }
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = src;
        flow.dst = dst;

        Lookup recorder = index.lookupEni(record.interfaceId, at);
        FlowEndpoint recordingEnd = recordingEnd(record, recorder.task(), src, dst);
        if (recorder.isFound() && recordingEnd != null) {
            recordingEnd.task = recorder.task();
            recordingEnd.attribution = AttributionMethod.ENI;
            recordingEnd.unattributedReason = null;
        }
        if (!recorder.isFound() && record.interfaceId != null && !index.knowsEni(record.interfaceId)) {
            contradictedByTheRecordingInterface(record.interfaceId, src, dst);
        }
        if (evidence != null && at != Long.MIN_VALUE) {
            String scope = scope(record, recorder.task());
            contradictedByOtherRecords(scope, src, record.interfaceId, at);
            contradictedByOtherRecords(scope, dst, record.interfaceId, at);
        }
        applyV7Fields(record, recordingEnd, flow, at);

        for (FlowEndpoint end : new FlowEndpoint[] {src, dst}) {
            // metadata still on its way cannot name an address outside the VPC: that one is simply no task
            if (end.unattributedReason == UnattributedReason.INDEX_BEHIND && !peers.couldBeTask(end.address)) {
                end.unattributedReason = UnattributedReason.NEVER_SEEN;
            }
        }
        peers.classify(src, record.pktSrcAwsService);
        peers.classify(dst, record.pktDstAwsService);
        flow.direction = direction(src, dst);
        if (src.task != null && dst.task != null) {
            flow.sameAz = Objects.equals(src.task.availabilityZone, dst.task.availabilityZone);
        }
        if (recorder.isFound() && isWindowWithoutRecords(record)) {
            // a window without records has no addresses: its interface's task is named on src, the recording end
            src.task = recorder.task();
            src.attribution = AttributionMethod.ENI;
            src.unattributedReason = null;
            src.peerClass = PeerClass.TASK;
        }
        return flow;
    }

    /**
     * Whether the answer for this flow may still change: it is newer than what the metadata is complete until and an
     * end could be a task's (for a record without addresses, its interface's). Not only an unknown address ({@code index-behind}) may change — an owner found may have
     * stopped, and the next owner started, in events not yet seen. A streaming job holds such a flow back a while.
     *
     * @param metadataOutOfOrdernessMillis how far out of order metadata arrives: the index is complete only up to
     *     its newest observation minus this
     */
    public boolean waitsForMetadata(EnrichedFlow flow, long metadataOutOfOrdernessMillis) {
        long at = flowTimeMillis(flow.record);
        long completeUntil = index.knownUntil() == Long.MIN_VALUE ? Long.MIN_VALUE
                : index.knownUntil() - metadataOutOfOrdernessMillis;
        return at != Long.MIN_VALUE && at > completeUntil
                && (couldBeTask(flow.src.address) || couldBeTask(flow.dst.address) || carriesInterfaceTask(flow));
    }

    /** A NODATA or SKIPDATA record names its interface's task, which metadata not yet seen may tell. */
    private static boolean carriesInterfaceTask(EnrichedFlow flow) {
        return flow.record.interfaceId != null && isWindowWithoutRecords(flow.record);
    }

    /** A NODATA or SKIPDATA record: a capture window without traffic (or skipped), so without addresses. */
    private static boolean isWindowWithoutRecords(FlowRecord record) {
        return record.srcAddr == null && record.dstAddr == null
                && ("NODATA".equals(record.logStatus) || "SKIPDATA".equals(record.logStatus));
    }

    private boolean couldBeTask(String address) {
        return address != null && peers.couldBeTask(address);
    }

    /** The flow's time: its capture window start (epoch seconds in the record), as epoch millis. */
    static long flowTimeMillis(FlowRecord record) {
        Long seconds = record.start != null ? record.start : record.end;
        return seconds == null ? Long.MIN_VALUE : seconds * 1000;
    }

    /** A Transit Gateway flow-log record (version 6, {@code resource-type} {@code TransitGateway}). */
    private static boolean isTransitGateway(FlowRecord record) {
        return "TransitGateway".equals(record.resourceType);
    }

    /**
     * An end looked up in account {@code accountId} and VPC {@code vpcId} ({@code null}: any); an address outside
     * the VPC's described blocks cannot be one of its tasks, so it is looked up in every account and VPC.
     */
    private FlowEndpoint endpoint(String accountId, String vpcId, String address, long at) {
        FlowEndpoint end = new FlowEndpoint();
        end.address = address;
        boolean inVpc = index.mayBeInVpc(vpcId, address);
        Lookup owner = address == null || at == Long.MIN_VALUE
                ? Lookup.unknown(UnattributedReason.NO_ADDRESS)
                : inVpc ? index.lookup(accountId, vpcId, address, at) : index.lookup(null, null, address, at);
        if (owner.isFound()) {
            end.task = owner.task();
            end.attribution = AttributionMethod.IP_TIME;
        } else {
            end.attribution = AttributionMethod.UNATTRIBUTED;
            end.unattributedReason = owner.reason();
        }
        return end;
    }

    /**
     * The end recorded by the flow's interface: the one holding the ENI owner's address; without an owner, the end
     * the record's {@code flow-direction} names as local.
     */
    private static FlowEndpoint recordingEnd(FlowRecord record, TaskIdentity eniOwner, FlowEndpoint src,
            FlowEndpoint dst) {
        if (eniOwner != null) {
            if (holds(eniOwner, src.address)) {
                return src;
            }
            return holds(eniOwner, dst.address) ? dst : null;
        }
        if ("egress".equals(record.flowDirection)) {
            return src;
        }
        return "ingress".equals(record.flowDirection) ? dst : null;
    }

    /**
     * The record's own evidence against the index. An interface records only traffic of its own address (its
     * private address, in {@code srcaddr} or {@code dstaddr}), and a task with a dedicated ENI (Fargate, or an ENI
     * EC2 says is not a trunk branch) has its traffic recorded on that ENI alone. So when a record comes from an
     * interface no metadata names, and the index gives an end's address to a task with another, dedicated ENI, that
     * answer stands only if the other end is the interface's own; when the other end cannot be (outside the VPC) or
     * is also given to another dedicated ENI, the record contradicts the index: that end's claimant (both, when both
     * are claimed) did not hold the address then, and who did no metadata says. The end answers
     * {@code owner-uncertain}, never the contradicted task. This is the case of an owner whose STOPPED was lost and
     * whose successor is in no metadata.
     */
    private void contradictedByTheRecordingInterface(String interfaceId, FlowEndpoint src, FlowEndpoint dst) {
        boolean srcClaimed = claimedByAnotherDedicatedEni(src, interfaceId);
        boolean dstClaimed = claimedByAnotherDedicatedEni(dst, interfaceId);
        boolean srcNotOwn = src.address != null && !peers.couldBeTask(src.address);
        boolean dstNotOwn = dst.address != null && !peers.couldBeTask(dst.address);
        if (srcClaimed && (dstClaimed || dstNotOwn)) {
            uncertain(src);
        }
        if (dstClaimed && (srcClaimed || srcNotOwn)) {
            uncertain(dst);
        }
    }

    /**
     * An end the index gives to a task with a dedicated ENI, while other records show another interface using the
     * address when the task cannot have held it ({@link InterfaceEvidence#contradicts}): {@code owner-uncertain}.
     */
    private void contradictedByOtherRecords(String scope, FlowEndpoint end, String interfaceId, long at) {
        if (claimedByAnotherDedicatedEni(end, interfaceId) && evidence.contradicts(scope, end.address, end.task,
                index.lastEvidence(end.task.taskArn), at)) {
            uncertain(end);
        }
    }

    private static boolean claimedByAnotherDedicatedEni(FlowEndpoint end, String interfaceId) {
        TaskIdentity task = end.task;
        if (task == null || end.attribution != AttributionMethod.IP_TIME || task.eniId == null
                || task.eniId.equals(interfaceId)) {
            return false;
        }
        return "FARGATE".equals(task.launchType)
                || task.interfaceType != null && !"branch".equals(task.interfaceType)
                        && !"trunk".equals(task.interfaceType);
    }

    private static void uncertain(FlowEndpoint end) {
        end.task = null;
        end.attribution = AttributionMethod.UNATTRIBUTED;
        end.unattributedReason = UnattributedReason.OWNER_UNCERTAIN;
    }

    private void applyV7Fields(FlowRecord record, FlowEndpoint recordingEnd, EnrichedFlow flow, long at) {
        if (record.ecsTaskArn == null && record.ecsTaskId == null) {
            return;
        }
        FlowEndpoint end = recordingEnd;
        if (end == null) {
            end = namesTask(record, flow.src.task) ? flow.src : namesTask(record, flow.dst.task) ? flow.dst : null;
        }
        if (end == null) {
            return;
        }
        if (end.task == null) {
            // only a task the retention still keeps at the flow's time: the fields alone do not outlast it
            TaskIdentity named = record.ecsTaskArn == null ? null : index.task(record.ecsTaskArn, at);
            if (named != null && holds(named, end.address)) {
                end.task = named;
                end.attribution = AttributionMethod.V7_FIELDS;
                end.unattributedReason = null;
            }
            return;
        }
        if (namesTask(record, end.task)) {
            end.attribution = AttributionMethod.V7_FIELDS;
        } else {
            flow.v7Mismatch = true;
        }
    }

    private static boolean namesTask(FlowRecord record, TaskIdentity task) {
        if (task == null) {
            return false;
        }
        return record.ecsTaskArn != null ? record.ecsTaskArn.equals(task.taskArn)
                : record.ecsTaskId.equals(task.taskId);
    }

    /** By value: another spelling of the task's IPv6 address, or its IPv4 one mapped into IPv6, is its address. */
    private static boolean holds(TaskIdentity task, String address) {
        return address != null
                && (IpKeys.sameAddress(address, task.privateIpv4) || IpKeys.sameAddress(address, task.ipv6));
    }

    private static FlowDirection direction(FlowEndpoint src, FlowEndpoint dst) {
        if (src.task != null) {
            return dst.task != null ? FlowDirection.EAST_WEST : FlowDirection.EGRESS;
        }
        return dst.task != null ? FlowDirection.INGRESS : FlowDirection.UNKNOWN;
    }
}
