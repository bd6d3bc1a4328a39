package dev.flowlens.schemas;

import java.util.Objects;

/**
 * One VPC flow log record, every AWS-defined field typed.
 *
 * <p>{@code null} means the field was absent: {@code -} in the text, a null Parquet value, or not in the record's
 * format. It is never encoded as {@code 0} or the string {@code "-"}. A plain Flink POJO (public fields, no-arg
 * constructor) so that Flink serializes it without Kryo; field-by-field access by AWS name is {@link FlowLogField}.
 */
public class FlowRecord {
    /** VPC flow log version of the record. */
    public Integer version;
    /** Account that owns the recording interface; kept as text (leading zeros, or {@code unknown}). */
    public String accountId;
    /** The network interface the record was captured on (a trunk ENI for trunked tasks). */
    public String interfaceId;
    /** Source address (IPv4 or IPv6 text). */
    public String srcAddr;
    /** Destination address (IPv4 or IPv6 text). */
    public String dstAddr;
    public Integer srcPort;
    public Integer dstPort;
    /** IANA protocol number. */
    public Integer protocol;
    public Long packets;
    public Long bytes;
    /** Capture window start, epoch seconds (millisecond inputs are normalised). */
    public Long start;
    /** Capture window end, epoch seconds (millisecond inputs are normalised). */
    public Long end;
    /** {@code ACCEPT} or {@code REJECT}. */
    public String action;
    /** {@code OK}, {@code NODATA} or {@code SKIPDATA}. */
    public String logStatus;
    public String vpcId;
    public String subnetId;
    public String instanceId;
    /** Bitwise OR of the TCP flags seen in the window. */
    public Integer tcpFlags;
    /** {@code IPv4}, {@code IPv6} or {@code EFA}. */
    public String type;
    public String pktSrcAddr;
    public String pktDstAddr;
    public String region;
    public String azId;
    public String sublocationType;
    public String sublocationId;
    public String pktSrcAwsService;
    public String pktDstAwsService;
    /** {@code ingress} or {@code egress}, relative to the recording interface. */
    public String flowDirection;
    public Integer trafficPath;
    public String ecsClusterArn;
    public String ecsClusterName;
    public String ecsContainerInstanceArn;
    public String ecsContainerInstanceId;
    public String ecsContainerId;
    public String ecsSecondContainerId;
    public String ecsServiceName;
    public String ecsTaskDefinitionArn;
    public String ecsTaskArn;
    public String ecsTaskId;
    public String rejectReason;
    public String resourceId;
    public Integer encryptionStatus;
    // version 11: tag values, the interface's type, the next hop
    public String instanceTag;
    public String instanceTag2;
    public String interfaceTag;
    public String interfaceTag2;
    public String asgTag;
    public String asgTag2;
    public String interfaceType;
    public String nextHopInterfaceId;
    public String nextHopSubnetId;
    public String nextHopAzId;
    public String nextHopVpcId;
    public String nextHopInterfaceType;
    // transit-gateway (version 6) records: both VPCs, accounts and subnets of the flow, the attachments, losses
    public String resourceType;
    public String tgwId;
    public String tgwAttachmentId;
    public String tgwSrcVpcAccountId;
    public String tgwDstVpcAccountId;
    public String tgwSrcVpcId;
    public String tgwDstVpcId;
    public String tgwSrcSubnetId;
    public String tgwDstSubnetId;
    public String tgwSrcEni;
    public String tgwDstEni;
    public String tgwSrcAzId;
    public String tgwDstAzId;
    public String tgwPairAttachmentId;
    public Long packetsLostNoRoute;
    public Long packetsLostBlackhole;
    public Long packetsLostMtuExceeded;
    public Long packetsLostTtlExpired;

    public FlowRecord() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowRecord)) {
            return false;
        }
        FlowRecord that = (FlowRecord) o;
        for (FlowLogField field : FlowLogField.values()) {
            if (!Objects.equals(field.get(this), field.get(that))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(interfaceId, srcAddr, dstAddr, srcPort, dstPort, protocol, start, end, bytes);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FlowRecord{");
        for (FlowLogField field : FlowLogField.values()) {
            Object value = field.get(this);
            if (value != null) {
                text.append(field.awsName()).append('=').append(value).append(", ");
            }
        }
        if (text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 2);
        }
        return text.append('}').toString();
    }
}
