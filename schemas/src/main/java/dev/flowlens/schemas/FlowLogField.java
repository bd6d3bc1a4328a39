package dev.flowlens.schemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field AWS defines for VPC flow log records, in the order of AWS's "available fields" table.
 *
 * <p>Each field knows its AWS name (hyphenated, as in format strings and S3 header lines), its Parquet column name
 * (underscored, as in AWS's own Parquet delivery), the flow-log version that introduced it, and the type of its value.
 * Transit-gateway flow logs (version 6) share most fields and add their own, listed last (in the order of their table).
 */
public enum FlowLogField {
    VERSION("version", 2, Type.INT, "flow-log version of the record", 0, Integer.MAX_VALUE),
    ACCOUNT_ID("account-id", 2, Type.STRING, "AWS account that owns the interface the record was captured on"),
    INTERFACE_ID("interface-id", 2, Type.STRING,
            "network interface the record was captured on (a trunk ENI for trunked tasks)"),
    SRCADDR("srcaddr", 2, Type.IP, "source address (for outgoing traffic, the interface's own address)"),
    DSTADDR("dstaddr", 2, Type.IP, "destination address (for incoming traffic, the interface's own address)"),
    SRCPORT("srcport", 2, Type.INT, "source port", 0, 65535),
    DSTPORT("dstport", 2, Type.INT, "destination port", 0, 65535),
    PROTOCOL("protocol", 2, Type.INT, "IANA protocol number (6 TCP, 17 UDP, 1 ICMP)", 0, 255),
    PACKETS("packets", 2, Type.LONG, "packets in the capture window", 0, Long.MAX_VALUE),
    BYTES("bytes", 2, Type.LONG, "bytes in the capture window", 0, Long.MAX_VALUE),
    START("start", 2, Type.TIMESTAMP, "capture window start, epoch seconds", 0, Long.MAX_VALUE),
    END("end", 2, Type.TIMESTAMP, "capture window end, epoch seconds", 0, Long.MAX_VALUE),
    ACTION("action", 2, Type.ACTION, "ACCEPT or REJECT (by security groups and network ACLs)"),
    LOG_STATUS("log-status", 2, Type.LOG_STATUS, "OK, NODATA (no traffic in the window) or SKIPDATA (records skipped)"),
    VPC_ID("vpc-id", 3, Type.STRING, "VPC of the interface"),
    SUBNET_ID("subnet-id", 3, Type.STRING, "subnet of the interface"),
    INSTANCE_ID("instance-id", 3, Type.STRING, "instance of the interface, when the instance is in the account"),
    TCP_FLAGS("tcp-flags", 3, Type.INT, "bitwise OR of the TCP flags seen in the window", 0, 255),
    TYPE("type", 3, Type.STRING, "traffic type: IPv4, IPv6 or EFA"),
    PKT_SRCADDR("pkt-srcaddr", 3, Type.IP,
            "packet-level source address (differs from srcaddr through a NAT gateway or a load balancer)"),
    PKT_DSTADDR("pkt-dstaddr", 3, Type.IP, "packet-level destination address"),
    REGION("region", 4, Type.STRING, "Region of the interface"),
    AZ_ID("az-id", 4, Type.STRING, "Availability Zone ID of the interface"),
    SUBLOCATION_TYPE("sublocation-type", 4, Type.STRING,
            "wavelength, outpost or localzone, when the interface is in one"),
    SUBLOCATION_ID("sublocation-id", 4, Type.STRING, "ID of that sublocation"),
    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5, Type.STRING,
            "AWS service of pkt-srcaddr, when it is in AWS's ranges"),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5, Type.STRING,
            "AWS service of pkt-dstaddr, when it is in AWS's ranges"),
    FLOW_DIRECTION("flow-direction", 5, Type.STRING, "ingress or egress, relative to the interface"),
    TRAFFIC_PATH("traffic-path", 5, Type.INT,
            "the path egress traffic took to its destination (a code from 1 to 8)", 1, 255),
    ECS_CLUSTER_ARN("ecs-cluster-arn", 7, Type.STRING,
            "ECS cluster of the task that owns the interface (as AWS logs it)"),
    ECS_CLUSTER_NAME("ecs-cluster-name", 7, Type.STRING, "ECS cluster name (as AWS logs it)"),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7, Type.STRING,
            "ECS container instance of the task (as AWS logs it)"),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7, Type.STRING,
            "ECS container instance ID (as AWS logs it)"),
    ECS_CONTAINER_ID("ecs-container-id", 7, Type.STRING, "Docker ID of a container of the task (as AWS logs it)"),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7, Type.STRING,
            "Docker ID of a second container of the task (as AWS logs it)"),
    ECS_SERVICE_NAME("ecs-service-name", 7, Type.STRING, "ECS service of the task (as AWS logs it)"),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7, Type.STRING, "task definition of the task (as AWS logs it)"),
    ECS_TASK_ARN("ecs-task-arn", 7, Type.STRING, "ECS task (as AWS logs it)"),
    ECS_TASK_ID("ecs-task-id", 7, Type.STRING, "ECS task ID (as AWS logs it)"),
    REJECT_REASON("reject-reason", 8, Type.STRING, "why the traffic was rejected, when AWS says (e.g. BPA)"),
    RESOURCE_ID("resource-id", 9, Type.STRING, "ID of the resource the record concerns, when AWS sets one"),
    ENCRYPTION_STATUS("encryption-status", 10, Type.INT,
            "in-transit encryption status, a code from 0 to 3 as AWS defines it", 0, 3),
    INSTANCE_TAG("instance-tag", 11, Type.STRING,
            "value of the first instance tag key the flow log's tag-field specification names"),
    INSTANCE_TAG_2("instance-tag-2", 11, Type.STRING,
            "value of the second instance tag key the flow log's tag-field specification names"),
    INTERFACE_TAG("interface-tag", 11, Type.STRING,
            "value of the first network-interface tag key the flow log's tag-field specification names"),
    INTERFACE_TAG_2("interface-tag-2", 11, Type.STRING,
            "value of the second network-interface tag key the flow log's tag-field specification names"),
    ASG_TAG("asg-tag", 11, Type.STRING,
            "value of the first Auto Scaling group tag key the flow log's tag-field specification names"),
    ASG_TAG_2("asg-tag-2", 11, Type.STRING,
            "value of the second Auto Scaling group tag key the flow log's tag-field specification names"),
    INTERFACE_TYPE("interface-type", 11, Type.STRING,
            "type of the interface, when AWS manages it: nat_gateway, network_load_balancer, transit_gateway, ..."),
    NEXT_HOP_INTERFACE_ID("next-hop-interface-id", 11, Type.STRING,
            "next-hop interface: the receiving one for egress, the sending one for ingress"),
    NEXT_HOP_SUBNET_ID("next-hop-subnet-id", 11, Type.STRING, "subnet of the next-hop interface"),
    NEXT_HOP_AZ_ID("next-hop-az-id", 11, Type.STRING, "Availability Zone ID of the next-hop interface"),
    NEXT_HOP_VPC_ID("next-hop-vpc-id", 11, Type.STRING, "VPC of the next-hop interface"),
    NEXT_HOP_INTERFACE_TYPE("next-hop-interface-type", 11, Type.STRING,
            "type of the next-hop interface, for AWS-managed ones (as interface-type)"),
    // the fields only transit-gateway (version 6) flow logs have, in the order of their "available fields" table
    RESOURCE_TYPE("resource-type", 6, Type.STRING,
            "transit-gateway records: the resource the flow log is on (TransitGateway)"),
    TGW_ID("tgw-id", 6, Type.STRING, "transit-gateway records: the transit gateway that recorded the traffic"),
    TGW_ATTACHMENT_ID("tgw-attachment-id", 6, Type.STRING,
            "transit-gateway records: the attachment that recorded the traffic"),
    TGW_SRC_VPC_ACCOUNT_ID("tgw-src-vpc-account-id", 6, Type.STRING,
            "transit-gateway records: account of the source VPC"),
    TGW_DST_VPC_ACCOUNT_ID("tgw-dst-vpc-account-id", 6, Type.STRING,
            "transit-gateway records: account of the destination VPC"),
    TGW_SRC_VPC_ID("tgw-src-vpc-id", 6, Type.STRING, "transit-gateway records: the source VPC"),
    TGW_DST_VPC_ID("tgw-dst-vpc-id", 6, Type.STRING, "transit-gateway records: the destination VPC"),
    TGW_SRC_SUBNET_ID("tgw-src-subnet-id", 6, Type.STRING, "transit-gateway records: subnet of the source traffic"),
    TGW_DST_SUBNET_ID("tgw-dst-subnet-id", 6, Type.STRING,
            "transit-gateway records: subnet of the destination traffic"),
    TGW_SRC_ENI("tgw-src-eni", 6, Type.STRING,
            "transit-gateway records: the source attachment's ENI (the transit gateway's, not a task's)"),
    TGW_DST_ENI("tgw-dst-eni", 6, Type.STRING,
            "transit-gateway records: the destination attachment's ENI (the transit gateway's, not a task's)"),
    TGW_SRC_AZ_ID("tgw-src-az-id", 6, Type.STRING, "transit-gateway records: Availability Zone ID of the source"),
    TGW_DST_AZ_ID("tgw-dst-az-id", 6, Type.STRING, "transit-gateway records: Availability Zone ID of the destination"),
    TGW_PAIR_ATTACHMENT_ID("tgw-pair-attachment-id", 6, Type.STRING,
            "transit-gateway records: the other attachment of the flow (egress or ingress, by direction)"),
    PACKETS_LOST_NO_ROUTE("packets-lost-no-route", 6, Type.LONG,
            "transit-gateway records: packets lost for want of a route", 0, Long.MAX_VALUE),
    PACKETS_LOST_BLACKHOLE("packets-lost-blackhole", 6, Type.LONG,
            "transit-gateway records: packets lost to a blackhole route", 0, Long.MAX_VALUE),
    PACKETS_LOST_MTU_EXCEEDED("packets-lost-mtu-exceeded", 6, Type.LONG,
            "transit-gateway records: packets lost for exceeding the MTU", 0, Long.MAX_VALUE),
    PACKETS_LOST_TTL_EXPIRED("packets-lost-ttl-expired", 6, Type.LONG,
            "transit-gateway records: packets lost to an expired time-to-live", 0, Long.MAX_VALUE);

    /** How a field's text is typed. */
    public enum Type {
        /** 32-bit integer within [min, max]. */
        INT,
        /** 64-bit integer within [min, max]. */
        LONG,
        /** Epoch seconds; 13-digit millisecond values are normalised to seconds. */
        TIMESTAMP,
        /** Free text, kept as written. */
        STRING,
        /** An IPv4 or IPv6 address, validated, kept as written. */
        IP,
        /** {@code ACCEPT} or {@code REJECT}. */
        ACTION,
        /** {@code OK}, {@code NODATA} or {@code SKIPDATA}. */
        LOG_STATUS
    }

    /** The 14 version-2 fields in AWS's default order: the format of a flow log created without a custom format. */
    public static final List<FlowLogField> DEFAULT_FORMAT = List.of(
            VERSION, ACCOUNT_ID, INTERFACE_ID, SRCADDR, DSTADDR, SRCPORT, DSTPORT,
            PROTOCOL, PACKETS, BYTES, START, END, ACTION, LOG_STATUS);

    /**
     * The default format of a transit-gateway flow log: every version 2 to 6 field of AWS's transit-gateway table, in
     * its order (it has no {@code interface-id} and no {@code action}).
     */
    public static final List<FlowLogField> TRANSIT_GATEWAY_DEFAULT_FORMAT = List.of(
            VERSION, RESOURCE_TYPE, ACCOUNT_ID, TGW_ID, TGW_ATTACHMENT_ID, TGW_SRC_VPC_ACCOUNT_ID,
            TGW_DST_VPC_ACCOUNT_ID, TGW_SRC_VPC_ID, TGW_DST_VPC_ID, TGW_SRC_SUBNET_ID, TGW_DST_SUBNET_ID, TGW_SRC_ENI,
            TGW_DST_ENI, TGW_SRC_AZ_ID, TGW_DST_AZ_ID, TGW_PAIR_ATTACHMENT_ID, SRCADDR, DSTADDR, SRCPORT, DSTPORT,
            PROTOCOL, PACKETS, BYTES, START, END, LOG_STATUS, TYPE, PACKETS_LOST_NO_ROUTE, PACKETS_LOST_BLACKHOLE,
            PACKETS_LOST_MTU_EXCEEDED, PACKETS_LOST_TTL_EXPIRED, TCP_FLAGS, REGION, FLOW_DIRECTION,
            PKT_SRC_AWS_SERVICE, PKT_DST_AWS_SERVICE);

    private static final Map<String, FlowLogField> BY_NAME = new HashMap<>();

    static {
        for (FlowLogField field : values()) {
            BY_NAME.put(field.awsName, field);
            BY_NAME.put(field.parquetName, field);
        }
    }

    private final String awsName;
    private final String parquetName;
    private final int version;
    private final Type type;
    private final String meaning;
    private final long min;
    private final long max;

    FlowLogField(String awsName, int version, Type type, String meaning) {
        this(awsName, version, type, meaning, 0, 0);
    }

    FlowLogField(String awsName, int version, Type type, String meaning, long min, long max) {
        this.awsName = awsName;
        this.parquetName = awsName.replace('-', '_');
        this.version = version;
        this.type = type;
        this.meaning = meaning;
        this.min = min;
        this.max = max;
    }

    /** The hyphenated name AWS uses in format strings ({@code ${pkt-srcaddr}}), S3 header lines and JSON output. */
    public String awsName() {
        return awsName;
    }

    /** The underscored column name of AWS's Parquet delivery ({@code pkt_srcaddr}). */
    public String parquetName() {
        return parquetName;
    }

    /** The flow-log version that introduced the field. */
    public int version() {
        return version;
    }

    public Type type() {
        return type;
    }

    /** What the field says, in one line (after AWS's "available fields" table). */
    public String meaning() {
        return meaning;
    }

    /** Smallest accepted value of a numeric field. */
    public long min() {
        return min;
    }

    /** Largest accepted value of a numeric field. */
    public long max() {
        return max;
    }

    /** The field with this AWS name or Parquet column name, or {@code null}. */
    public static FlowLogField byName(String name) {
        return BY_NAME.get(name);
    }

    /** This field's value in {@code record}, or {@code null} when absent ({@code -} in the text). */
    public Object get(FlowRecord record) {
        switch (this) {
            case VERSION: return record.version;
            case ACCOUNT_ID: return record.accountId;
            case INTERFACE_ID: return record.interfaceId;
            case SRCADDR: return record.srcAddr;
            case DSTADDR: return record.dstAddr;
            case SRCPORT: return record.srcPort;
            case DSTPORT: return record.dstPort;
            case PROTOCOL: return record.protocol;
            case PACKETS: return record.packets;
            case BYTES: return record.bytes;
            case START: return record.start;
            case END: return record.end;
            case ACTION: return record.action;
            case LOG_STATUS: return record.logStatus;
            case VPC_ID: return record.vpcId;
            case SUBNET_ID: return record.subnetId;
            case INSTANCE_ID: return record.instanceId;
            case TCP_FLAGS: return record.tcpFlags;
            case TYPE: return record.type;
            case PKT_SRCADDR: return record.pktSrcAddr;
            case PKT_DSTADDR: return record.pktDstAddr;
            case REGION: return record.region;
            case AZ_ID: return record.azId;
            case SUBLOCATION_TYPE: return record.sublocationType;
            case SUBLOCATION_ID: return record.sublocationId;
            case PKT_SRC_AWS_SERVICE: return record.pktSrcAwsService;
            case PKT_DST_AWS_SERVICE: return record.pktDstAwsService;
            case FLOW_DIRECTION: return record.flowDirection;
            case TRAFFIC_PATH: return record.trafficPath;
            case ECS_CLUSTER_ARN: return record.ecsClusterArn;
            case ECS_CLUSTER_NAME: return record.ecsClusterName;
            case ECS_CONTAINER_INSTANCE_ARN: return record.ecsContainerInstanceArn;
            case ECS_CONTAINER_INSTANCE_ID: return record.ecsContainerInstanceId;
            case ECS_CONTAINER_ID: return record.ecsContainerId;
            case ECS_SECOND_CONTAINER_ID: return record.ecsSecondContainerId;
            case ECS_SERVICE_NAME: return record.ecsServiceName;
            case ECS_TASK_DEFINITION_ARN: return record.ecsTaskDefinitionArn;
            case ECS_TASK_ARN: return record.ecsTaskArn;
            case ECS_TASK_ID: return record.ecsTaskId;
            case REJECT_REASON: return record.rejectReason;
            case RESOURCE_ID: return record.resourceId;
            case ENCRYPTION_STATUS: return record.encryptionStatus;
            case INSTANCE_TAG: return record.instanceTag;
            case INSTANCE_TAG_2: return record.instanceTag2;
            case INTERFACE_TAG: return record.interfaceTag;
            case INTERFACE_TAG_2: return record.interfaceTag2;
            case ASG_TAG: return record.asgTag;
            case ASG_TAG_2: return record.asgTag2;
            case INTERFACE_TYPE: return record.interfaceType;
            case NEXT_HOP_INTERFACE_ID: return record.nextHopInterfaceId;
            case NEXT_HOP_SUBNET_ID: return record.nextHopSubnetId;
            case NEXT_HOP_AZ_ID: return record.nextHopAzId;
            case NEXT_HOP_VPC_ID: return record.nextHopVpcId;
            case NEXT_HOP_INTERFACE_TYPE: return record.nextHopInterfaceType;
            case RESOURCE_TYPE: return record.resourceType;
            case TGW_ID: return record.tgwId;
            case TGW_ATTACHMENT_ID: return record.tgwAttachmentId;
            case TGW_SRC_VPC_ACCOUNT_ID: return record.tgwSrcVpcAccountId;
            case TGW_DST_VPC_ACCOUNT_ID: return record.tgwDstVpcAccountId;
            case TGW_SRC_VPC_ID: return record.tgwSrcVpcId;
            case TGW_DST_VPC_ID: return record.tgwDstVpcId;
            case TGW_SRC_SUBNET_ID: return record.tgwSrcSubnetId;
            case TGW_DST_SUBNET_ID: return record.tgwDstSubnetId;
            case TGW_SRC_ENI: return record.tgwSrcEni;
            case TGW_DST_ENI: return record.tgwDstEni;
            case TGW_SRC_AZ_ID: return record.tgwSrcAzId;
            case TGW_DST_AZ_ID: return record.tgwDstAzId;
            case TGW_PAIR_ATTACHMENT_ID: return record.tgwPairAttachmentId;
            case PACKETS_LOST_NO_ROUTE: return record.packetsLostNoRoute;
            case PACKETS_LOST_BLACKHOLE: return record.packetsLostBlackhole;
            case PACKETS_LOST_MTU_EXCEEDED: return record.packetsLostMtuExceeded;
            case PACKETS_LOST_TTL_EXPIRED: return record.packetsLostTtlExpired;
            default: throw new AssertionError(this);
        }
    }

    /**
     * Sets this field of {@code record}; {@code value} must be of the field's Java type
     * ({@link Integer} for INT, {@link Long} for LONG and TIMESTAMP, {@link String} otherwise) or {@code null}.
     */
    public void set(FlowRecord record, Object value) {
        switch (type) {
            case INT: setInt(record, (Integer) value); break;
            case LONG:
            case TIMESTAMP: setLong(record, (Long) value); break;
            default: setString(record, (String) value);
        }
    }

    /** Sets an INT field. */
    private void setInt(FlowRecord record, Integer value) {
        switch (this) {
            case VERSION: record.version = value; break;
            case SRCPORT: record.srcPort = value; break;
            case DSTPORT: record.dstPort = value; break;
            case PROTOCOL: record.protocol = value; break;
            case TCP_FLAGS: record.tcpFlags = value; break;
            case TRAFFIC_PATH: record.trafficPath = value; break;
            case ENCRYPTION_STATUS: record.encryptionStatus = value; break;
            default: throw new IllegalArgumentException(awsName + " is not an INT field");
        }
    }

    /** Sets a LONG or TIMESTAMP field. */
    private void setLong(FlowRecord record, Long value) {
        switch (this) {
            case PACKETS: record.packets = value; break;
            case BYTES: record.bytes = value; break;
            case START: record.start = value; break;
            case END: record.end = value; break;
            case PACKETS_LOST_NO_ROUTE: record.packetsLostNoRoute = value; break;
            case PACKETS_LOST_BLACKHOLE: record.packetsLostBlackhole = value; break;
            case PACKETS_LOST_MTU_EXCEEDED: record.packetsLostMtuExceeded = value; break;
            case PACKETS_LOST_TTL_EXPIRED: record.packetsLostTtlExpired = value; break;
            default: throw new IllegalArgumentException(awsName + " is not a LONG field");
        }
    }

    /** Sets a STRING, IP, ACTION or LOG_STATUS field. */
    private void setString(FlowRecord record, String value) {
        switch (this) {
            case ACCOUNT_ID: record.accountId = value; break;
            case INTERFACE_ID: record.interfaceId = value; break;
            case SRCADDR: record.srcAddr = value; break;
            case DSTADDR: record.dstAddr = value; break;
            case ACTION: record.action = value; break;
            case LOG_STATUS: record.logStatus = value; break;
            case VPC_ID: record.vpcId = value; break;
            case SUBNET_ID: record.subnetId = value; break;
            case INSTANCE_ID: record.instanceId = value; break;
            case TYPE: record.type = value; break;
            case PKT_SRCADDR: record.pktSrcAddr = value; break;
            case PKT_DSTADDR: record.pktDstAddr = value; break;
            case REGION: record.region = value; break;
            case AZ_ID: record.azId = value; break;
            case SUBLOCATION_TYPE: record.sublocationType = value; break;
            case SUBLOCATION_ID: record.sublocationId = value; break;
            case PKT_SRC_AWS_SERVICE: record.pktSrcAwsService = value; break;
            case PKT_DST_AWS_SERVICE: record.pktDstAwsService = value; break;
            case FLOW_DIRECTION: record.flowDirection = value; break;
            case ECS_CLUSTER_ARN: record.ecsClusterArn = value; break;
            case ECS_CLUSTER_NAME: record.ecsClusterName = value; break;
            case ECS_CONTAINER_INSTANCE_ARN: record.ecsContainerInstanceArn = value; break;
            case ECS_CONTAINER_INSTANCE_ID: record.ecsContainerInstanceId = value; break;
            case ECS_CONTAINER_ID: record.ecsContainerId = value; break;
            case ECS_SECOND_CONTAINER_ID: record.ecsSecondContainerId = value; break;
            case ECS_SERVICE_NAME: record.ecsServiceName = value; break;
            case ECS_TASK_DEFINITION_ARN: record.ecsTaskDefinitionArn = value; break;
            case ECS_TASK_ARN: record.ecsTaskArn = value; break;
            case ECS_TASK_ID: record.ecsTaskId = value; break;
            case REJECT_REASON: record.rejectReason = value; break;
            case RESOURCE_ID: record.resourceId = value; break;
            case INSTANCE_TAG: record.instanceTag = value; break;
            case INSTANCE_TAG_2: record.instanceTag2 = value; break;
            case INTERFACE_TAG: record.interfaceTag = value; break;
            case INTERFACE_TAG_2: record.interfaceTag2 = value; break;
            case ASG_TAG: record.asgTag = value; break;
            case ASG_TAG_2: record.asgTag2 = value; break;
            case INTERFACE_TYPE: record.interfaceType = value; break;
            case NEXT_HOP_INTERFACE_ID: record.nextHopInterfaceId = value; break;
            case NEXT_HOP_SUBNET_ID: record.nextHopSubnetId = value; break;
            case NEXT_HOP_AZ_ID: record.nextHopAzId = value; break;
            case NEXT_HOP_VPC_ID: record.nextHopVpcId = value; break;
            case NEXT_HOP_INTERFACE_TYPE: record.nextHopInterfaceType = value; break;
            case RESOURCE_TYPE: record.resourceType = value; break;
            case TGW_ID: record.tgwId = value; break;
            case TGW_ATTACHMENT_ID: record.tgwAttachmentId = value; break;
            case TGW_SRC_VPC_ACCOUNT_ID: record.tgwSrcVpcAccountId = value; break;
            case TGW_DST_VPC_ACCOUNT_ID: record.tgwDstVpcAccountId = value; break;
            case TGW_SRC_VPC_ID: record.tgwSrcVpcId = value; break;
            case TGW_DST_VPC_ID: record.tgwDstVpcId = value; break;
            case TGW_SRC_SUBNET_ID: record.tgwSrcSubnetId = value; break;
            case TGW_DST_SUBNET_ID: record.tgwDstSubnetId = value; break;
            case TGW_SRC_ENI: record.tgwSrcEni = value; break;
            case TGW_DST_ENI: record.tgwDstEni = value; break;
            case TGW_SRC_AZ_ID: record.tgwSrcAzId = value; break;
            case TGW_DST_AZ_ID: record.tgwDstAzId = value; break;
            case TGW_PAIR_ATTACHMENT_ID: record.tgwPairAttachmentId = value; break;
            default: throw new IllegalArgumentException(awsName + " is not a text field");
        }
    }
}
