package dev.flowlens.jobs.kit.serializers;

import dev.flowlens.schemas.FlowRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link FlowRecord} in binary, without reflection, for the keyed edge into the streaming attribution and its held
 * flows. Most of a record's 72 fields are null (a version-2 record has 14), so a record is a presence bitmap of its
 * non-null fields, then only those fields, in {@link FlowRecord}'s declaration order:
 *
 * <ul>
 *   <li>the bitmap: fields 0 to 63 as an unsigned variable-length long, fields 64 on as an unsigned variable-length
 *       int (a version-2 record's bitmap is 3 bytes);
 *   <li>an {@code Integer} or {@code Long}: zig-zag variable-length (a port is 1 to 3 bytes, epoch seconds 5);
 *   <li>a {@code String}: ASCII text as a variable-length header ({@code length << 1}) and its bytes, copied in
 *       bulk; any other text as the header {@code 1} and Flink's {@link StringValue} form (the one
 *       {@code StringSerializer} writes), so every string and length is allowed.
 * </ul>
 *
 * <p>New fields are appended to {@link #FIELDS} (a test checks it lists every field of {@link FlowRecord}): data
 * written with fewer fields then still reads, the new ones null. Stateless, so one instance serves every thread.
 */
public final class FlowRecordSerializer extends TypeSerializer<FlowRecord> {
    private static final long serialVersionUID = 1L;

    /** The one instance (the serializer holds no state). */
    public static final FlowRecordSerializer INSTANCE = new FlowRecordSerializer();

    /** The fields in the order of the bitmap's bits and of the record's bytes; the snapshot records them. */
    public static final List<String> FIELDS = List.of(
            "version",
            "accountId",
            "interfaceId",
            "srcAddr",
            "dstAddr",
            "srcPort",
            "dstPort",
            "protocol",
            "packets",
            "bytes",
            "start",
            "end",
            "action",
            "logStatus",
            "vpcId",
            "subnetId",
            "instanceId",
            "tcpFlags",
            "type",
            "pktSrcAddr",
            "pktDstAddr",
            "region",
            "azId",
            "sublocationType",
            "sublocationId",
            "pktSrcAwsService",
            "pktDstAwsService",
            "flowDirection",
            "trafficPath",
            "ecsClusterArn",
            "ecsClusterName",
            "ecsContainerInstanceArn",
            "ecsContainerInstanceId",
            "ecsContainerId",
            "ecsSecondContainerId",
            "ecsServiceName",
            "ecsTaskDefinitionArn",
            "ecsTaskArn",
            "ecsTaskId",
            "rejectReason",
            "resourceId",
            "encryptionStatus",
            "instanceTag",
            "instanceTag2",
            "interfaceTag",
            "interfaceTag2",
            "asgTag",
            "asgTag2",
            "interfaceType",
            "nextHopInterfaceId",
            "nextHopSubnetId",
            "nextHopAzId",
            "nextHopVpcId",
            "nextHopInterfaceType",
            "resourceType",
            "tgwId",
            "tgwAttachmentId",
            "tgwSrcVpcAccountId",
            "tgwDstVpcAccountId",
            "tgwSrcVpcId",
            "tgwDstVpcId",
            "tgwSrcSubnetId",
            "tgwDstSubnetId",
            "tgwSrcEni",
            "tgwDstEni",
            "tgwSrcAzId",
            "tgwDstAzId",
            "tgwPairAttachmentId",
            "packetsLostNoRoute",
            "packetsLostBlackhole",
            "packetsLostMtuExceeded",
            "packetsLostTtlExpired"
    );

    private FlowRecordSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public FlowRecordSerializer duplicate() {
        return this;
    }

    @Override
    public FlowRecord createInstance() {
        return new FlowRecord();
    }

    @Override
    public FlowRecord copy(FlowRecord from) {
        return copy(from, new FlowRecord());
    }

    @Override
    public FlowRecord copy(FlowRecord from, FlowRecord to) {
        // every field is a String or a boxed number, all immutable: a shallow copy is a deep one
        to.version = from.version;
        to.accountId = from.accountId;
        to.interfaceId = from.interfaceId;
        to.srcAddr = from.srcAddr;
        to.dstAddr = from.dstAddr;
        to.srcPort = from.srcPort;
        to.dstPort = from.dstPort;
        to.protocol = from.protocol;
        to.packets = from.packets;
        to.bytes = from.bytes;
        to.start = from.start;
        to.end = from.end;
        to.action = from.action;
        to.logStatus = from.logStatus;
        to.vpcId = from.vpcId;
        to.subnetId = from.subnetId;
        to.instanceId = from.instanceId;
        to.tcpFlags = from.tcpFlags;
        to.type = from.type;
        to.pktSrcAddr = from.pktSrcAddr;
        to.pktDstAddr = from.pktDstAddr;
        to.region = from.region;
        to.azId = from.azId;
        to.sublocationType = from.sublocationType;
        to.sublocationId = from.sublocationId;
        to.pktSrcAwsService = from.pktSrcAwsService;
        to.pktDstAwsService = from.pktDstAwsService;
        to.flowDirection = from.flowDirection;
        to.trafficPath = from.trafficPath;
        to.ecsClusterArn = from.ecsClusterArn;
        to.ecsClusterName = from.ecsClusterName;
        to.ecsContainerInstanceArn = from.ecsContainerInstanceArn;
        to.ecsContainerInstanceId = from.ecsContainerInstanceId;
        to.ecsContainerId = from.ecsContainerId;
        to.ecsSecondContainerId = from.ecsSecondContainerId;
        to.ecsServiceName = from.ecsServiceName;
        to.ecsTaskDefinitionArn = from.ecsTaskDefinitionArn;
        to.ecsTaskArn = from.ecsTaskArn;
        to.ecsTaskId = from.ecsTaskId;
        to.rejectReason = from.rejectReason;
        to.resourceId = from.resourceId;
        to.encryptionStatus = from.encryptionStatus;
        to.instanceTag = from.instanceTag;
        to.instanceTag2 = from.instanceTag2;
        to.interfaceTag = from.interfaceTag;
        to.interfaceTag2 = from.interfaceTag2;
        to.asgTag = from.asgTag;
        to.asgTag2 = from.asgTag2;
        to.interfaceType = from.interfaceType;
        to.nextHopInterfaceId = from.nextHopInterfaceId;
        to.nextHopSubnetId = from.nextHopSubnetId;
        to.nextHopAzId = from.nextHopAzId;
        to.nextHopVpcId = from.nextHopVpcId;
        to.nextHopInterfaceType = from.nextHopInterfaceType;
        to.resourceType = from.resourceType;
        to.tgwId = from.tgwId;
        to.tgwAttachmentId = from.tgwAttachmentId;
        to.tgwSrcVpcAccountId = from.tgwSrcVpcAccountId;
        to.tgwDstVpcAccountId = from.tgwDstVpcAccountId;
        to.tgwSrcVpcId = from.tgwSrcVpcId;
        to.tgwDstVpcId = from.tgwDstVpcId;
        to.tgwSrcSubnetId = from.tgwSrcSubnetId;
        to.tgwDstSubnetId = from.tgwDstSubnetId;
        to.tgwSrcEni = from.tgwSrcEni;
        to.tgwDstEni = from.tgwDstEni;
        to.tgwSrcAzId = from.tgwSrcAzId;
        to.tgwDstAzId = from.tgwDstAzId;
        to.tgwPairAttachmentId = from.tgwPairAttachmentId;
        to.packetsLostNoRoute = from.packetsLostNoRoute;
        to.packetsLostBlackhole = from.packetsLostBlackhole;
        to.packetsLostMtuExceeded = from.packetsLostMtuExceeded;
        to.packetsLostTtlExpired = from.packetsLostTtlExpired;
        return to;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(FlowRecord record, DataOutputView target) throws IOException {
        long low = 0;
        int high = 0;
        if (record.version != null) {
            low |= 1L << 0;
        }
        if (record.accountId != null) {
            low |= 1L << 1;
        }
        if (record.interfaceId != null) {
            low |= 1L << 2;
        }
        if (record.srcAddr != null) {
            low |= 1L << 3;
        }
        if (record.dstAddr != null) {
            low |= 1L << 4;
        }
        if (record.srcPort != null) {
            low |= 1L << 5;
        }
        if (record.dstPort != null) {
            low |= 1L << 6;
        }
        if (record.protocol != null) {
            low |= 1L << 7;
        }
        if (record.packets != null) {
            low |= 1L << 8;
        }
        if (record.bytes != null) {
            low |= 1L << 9;
        }
        if (record.start != null) {
            low |= 1L << 10;
        }
        if (record.end != null) {
            low |= 1L << 11;
        }
        if (record.action != null) {
            low |= 1L << 12;
        }
        if (record.logStatus != null) {
            low |= 1L << 13;
        }
        if (record.vpcId != null) {
            low |= 1L << 14;
        }
        if (record.subnetId != null) {
            low |= 1L << 15;
        }
        if (record.instanceId != null) {
            low |= 1L << 16;
        }
        if (record.tcpFlags != null) {
            low |= 1L << 17;
        }
        if (record.type != null) {
            low |= 1L << 18;
        }
        if (record.pktSrcAddr != null) {
            low |= 1L << 19;
        }
        if (record.pktDstAddr != null) {
            low |= 1L << 20;
        }
        if (record.region != null) {
            low |= 1L << 21;
        }
        if (record.azId != null) {
            low |= 1L << 22;
        }
        if (record.sublocationType != null) {
            low |= 1L << 23;
        }
        if (record.sublocationId != null) {
            low |= 1L << 24;
        }
        if (record.pktSrcAwsService != null) {
            low |= 1L << 25;
        }
        if (record.pktDstAwsService != null) {
            low |= 1L << 26;
        }
        if (record.flowDirection != null) {
            low |= 1L << 27;
        }
        if (record.trafficPath != null) {
            low |= 1L << 28;
        }
        if (record.ecsClusterArn != null) {
            low |= 1L << 29;
        }
        if (record.ecsClusterName != null) {
            low |= 1L << 30;
        }
        if (record.ecsContainerInstanceArn != null) {
            low |= 1L << 31;
        }
        if (record.ecsContainerInstanceId != null) {
            low |= 1L << 32;
        }
        if (record.ecsContainerId != null) {
            low |= 1L << 33;
        }
        if (record.ecsSecondContainerId != null) {
            low |= 1L << 34;
        }
        if (record.ecsServiceName != null) {
            low |= 1L << 35;
        }
        if (record.ecsTaskDefinitionArn != null) {
            low |= 1L << 36;
        }
        if (record.ecsTaskArn != null) {
            low |= 1L << 37;
        }
        if (record.ecsTaskId != null) {
            low |= 1L << 38;
        }
        if (record.rejectReason != null) {
            low |= 1L << 39;
        }
        if (record.resourceId != null) {
            low |= 1L << 40;
        }
        if (record.encryptionStatus != null) {
            low |= 1L << 41;
        }
        if (record.instanceTag != null) {
            low |= 1L << 42;
        }
        if (record.instanceTag2 != null) {
            low |= 1L << 43;
        }
        if (record.interfaceTag != null) {
            low |= 1L << 44;
        }
        if (record.interfaceTag2 != null) {
            low |= 1L << 45;
        }
        if (record.asgTag != null) {
            low |= 1L << 46;
        }
        if (record.asgTag2 != null) {
            low |= 1L << 47;
        }
        if (record.interfaceType != null) {
            low |= 1L << 48;
        }
        if (record.nextHopInterfaceId != null) {
            low |= 1L << 49;
        }
        if (record.nextHopSubnetId != null) {
            low |= 1L << 50;
        }
        if (record.nextHopAzId != null) {
            low |= 1L << 51;
        }
        if (record.nextHopVpcId != null) {
            low |= 1L << 52;
        }
        if (record.nextHopInterfaceType != null) {
            low |= 1L << 53;
        }
        if (record.resourceType != null) {
            low |= 1L << 54;
        }
        if (record.tgwId != null) {
            low |= 1L << 55;
        }
        if (record.tgwAttachmentId != null) {
            low |= 1L << 56;
        }
        if (record.tgwSrcVpcAccountId != null) {
            low |= 1L << 57;
        }
        if (record.tgwDstVpcAccountId != null) {
            low |= 1L << 58;
        }
        if (record.tgwSrcVpcId != null) {
            low |= 1L << 59;
        }
        if (record.tgwDstVpcId != null) {
            low |= 1L << 60;
        }
        if (record.tgwSrcSubnetId != null) {
            low |= 1L << 61;
        }
        if (record.tgwDstSubnetId != null) {
            low |= 1L << 62;
        }
        if (record.tgwSrcEni != null) {
            low |= 1L << 63;
        }
        if (record.tgwDstEni != null) {
            high |= 1 << 0;
        }
        if (record.tgwSrcAzId != null) {
            high |= 1 << 1;
        }
        if (record.tgwDstAzId != null) {
            high |= 1 << 2;
        }
        if (record.tgwPairAttachmentId != null) {
            high |= 1 << 3;
        }
        if (record.packetsLostNoRoute != null) {
            high |= 1 << 4;
        }
        if (record.packetsLostBlackhole != null) {
            high |= 1 << 5;
        }
        if (record.packetsLostMtuExceeded != null) {
            high |= 1 << 6;
        }
        if (record.packetsLostTtlExpired != null) {
            high |= 1 << 7;
        }
        writeUnsignedLong(target, low);
        writeUnsignedInt(target, high);
        if (record.version != null) {
            writeInt(target, record.version);
        }
        if (record.accountId != null) {
            writeString(target, record.accountId);
        }
        if (record.interfaceId != null) {
            writeString(target, record.interfaceId);
        }
        if (record.srcAddr != null) {
            writeString(target, record.srcAddr);
        }
        if (record.dstAddr != null) {
            writeString(target, record.dstAddr);
        }
        if (record.srcPort != null) {
            writeInt(target, record.srcPort);
        }
        if (record.dstPort != null) {
            writeInt(target, record.dstPort);
        }
        if (record.protocol != null) {
            writeInt(target, record.protocol);
        }
        if (record.packets != null) {
            writeLong(target, record.packets);
        }
        if (record.bytes != null) {
            writeLong(target, record.bytes);
        }
        if (record.start != null) {
            writeLong(target, record.start);
        }
        if (record.end != null) {
            writeLong(target, record.end);
        }
        if (record.action != null) {
            writeString(target, record.action);
        }
        if (record.logStatus != null) {
            writeString(target, record.logStatus);
        }
        if (record.vpcId != null) {
            writeString(target, record.vpcId);
        }
        if (record.subnetId != null) {
            writeString(target, record.subnetId);
        }
        if (record.instanceId != null) {
            writeString(target, record.instanceId);
        }
        if (record.tcpFlags != null) {
            writeInt(target, record.tcpFlags);
        }
        if (record.type != null) {
            writeString(target, record.type);
        }
        if (record.pktSrcAddr != null) {
            writeString(target, record.pktSrcAddr);
        }
        if (record.pktDstAddr != null) {
            writeString(target, record.pktDstAddr);
        }
        if (record.region != null) {
            writeString(target, record.region);
        }
        if (record.azId != null) {
            writeString(target, record.azId);
        }
        if (record.sublocationType != null) {
            writeString(target, record.sublocationType);
        }
        if (record.sublocationId != null) {
            writeString(target, record.sublocationId);
        }
        if (record.pktSrcAwsService != null) {
            writeString(target, record.pktSrcAwsService);
        }
        if (record.pktDstAwsService != null) {
            writeString(target, record.pktDstAwsService);
        }
        if (record.flowDirection != null) {
            writeString(target, record.flowDirection);
        }
        if (record.trafficPath != null) {
            writeInt(target, record.trafficPath);
        }
        if (record.ecsClusterArn != null) {
            writeString(target, record.ecsClusterArn);
        }
        if (record.ecsClusterName != null) {
            writeString(target, record.ecsClusterName);
        }
        if (record.ecsContainerInstanceArn != null) {
            writeString(target, record.ecsContainerInstanceArn);
        }
        if (record.ecsContainerInstanceId != null) {
            writeString(target, record.ecsContainerInstanceId);
        }
        if (record.ecsContainerId != null) {
            writeString(target, record.ecsContainerId);
        }
        if (record.ecsSecondContainerId != null) {
            writeString(target, record.ecsSecondContainerId);
        }
        if (record.ecsServiceName != null) {
            writeString(target, record.ecsServiceName);
        }
        if (record.ecsTaskDefinitionArn != null) {
            writeString(target, record.ecsTaskDefinitionArn);
        }
        if (record.ecsTaskArn != null) {
            writeString(target, record.ecsTaskArn);
        }
        if (record.ecsTaskId != null) {
            writeString(target, record.ecsTaskId);
        }
        if (record.rejectReason != null) {
            writeString(target, record.rejectReason);
        }
        if (record.resourceId != null) {
            writeString(target, record.resourceId);
        }
        if (record.encryptionStatus != null) {
            writeInt(target, record.encryptionStatus);
        }
        if (record.instanceTag != null) {
            writeString(target, record.instanceTag);
        }
        if (record.instanceTag2 != null) {
            writeString(target, record.instanceTag2);
        }
        if (record.interfaceTag != null) {
            writeString(target, record.interfaceTag);
        }
        if (record.interfaceTag2 != null) {
            writeString(target, record.interfaceTag2);
        }
        if (record.asgTag != null) {
            writeString(target, record.asgTag);
        }
        if (record.asgTag2 != null) {
            writeString(target, record.asgTag2);
        }
        if (record.interfaceType != null) {
            writeString(target, record.interfaceType);
        }
        if (record.nextHopInterfaceId != null) {
            writeString(target, record.nextHopInterfaceId);
        }
        if (record.nextHopSubnetId != null) {
            writeString(target, record.nextHopSubnetId);
        }
        if (record.nextHopAzId != null) {
            writeString(target, record.nextHopAzId);
        }
        if (record.nextHopVpcId != null) {
            writeString(target, record.nextHopVpcId);
        }
        if (record.nextHopInterfaceType != null) {
            writeString(target, record.nextHopInterfaceType);
        }
        if (record.resourceType != null) {
            writeString(target, record.resourceType);
        }
        if (record.tgwId != null) {
            writeString(target, record.tgwId);
        }
        if (record.tgwAttachmentId != null) {
            writeString(target, record.tgwAttachmentId);
        }
        if (record.tgwSrcVpcAccountId != null) {
            writeString(target, record.tgwSrcVpcAccountId);
        }
        if (record.tgwDstVpcAccountId != null) {
            writeString(target, record.tgwDstVpcAccountId);
        }
        if (record.tgwSrcVpcId != null) {
            writeString(target, record.tgwSrcVpcId);
        }
        if (record.tgwDstVpcId != null) {
            writeString(target, record.tgwDstVpcId);
        }
        if (record.tgwSrcSubnetId != null) {
            writeString(target, record.tgwSrcSubnetId);
        }
        if (record.tgwDstSubnetId != null) {
            writeString(target, record.tgwDstSubnetId);
        }
        if (record.tgwSrcEni != null) {
            writeString(target, record.tgwSrcEni);
        }
        if (record.tgwDstEni != null) {
            writeString(target, record.tgwDstEni);
        }
        if (record.tgwSrcAzId != null) {
            writeString(target, record.tgwSrcAzId);
        }
        if (record.tgwDstAzId != null) {
            writeString(target, record.tgwDstAzId);
        }
        if (record.tgwPairAttachmentId != null) {
            writeString(target, record.tgwPairAttachmentId);
        }
        if (record.packetsLostNoRoute != null) {
            writeLong(target, record.packetsLostNoRoute);
        }
        if (record.packetsLostBlackhole != null) {
            writeLong(target, record.packetsLostBlackhole);
        }
        if (record.packetsLostMtuExceeded != null) {
            writeLong(target, record.packetsLostMtuExceeded);
        }
        if (record.packetsLostTtlExpired != null) {
            writeLong(target, record.packetsLostTtlExpired);
        }
    }

    @Override
    public FlowRecord deserialize(DataInputView source) throws IOException {
        return deserialize(new FlowRecord(), source);
    }

    @Override
    public FlowRecord deserialize(FlowRecord record, DataInputView source) throws IOException {
        long low = readUnsignedLong(source);
        int high = readUnsignedInt(source);
        record.version = (low & (1L << 0)) == 0 ? null : readInt(source);
        record.accountId = (low & (1L << 1)) == 0 ? null : readString(source);
        record.interfaceId = (low & (1L << 2)) == 0 ? null : readString(source);
        record.srcAddr = (low & (1L << 3)) == 0 ? null : readString(source);
        record.dstAddr = (low & (1L << 4)) == 0 ? null : readString(source);
        record.srcPort = (low & (1L << 5)) == 0 ? null : readInt(source);
        record.dstPort = (low & (1L << 6)) == 0 ? null : readInt(source);
        record.protocol = (low & (1L << 7)) == 0 ? null : readInt(source);
        record.packets = (low & (1L << 8)) == 0 ? null : readLong(source);
        record.bytes = (low & (1L << 9)) == 0 ? null : readLong(source);
        record.start = (low & (1L << 10)) == 0 ? null : readLong(source);
        record.end = (low & (1L << 11)) == 0 ? null : readLong(source);
        record.action = (low & (1L << 12)) == 0 ? null : readString(source);
        record.logStatus = (low & (1L << 13)) == 0 ? null : readString(source);
        record.vpcId = (low & (1L << 14)) == 0 ? null : readString(source);
        record.subnetId = (low & (1L << 15)) == 0 ? null : readString(source);
        record.instanceId = (low & (1L << 16)) == 0 ? null : readString(source);
        record.tcpFlags = (low & (1L << 17)) == 0 ? null : readInt(source);
        record.type = (low & (1L << 18)) == 0 ? null : readString(source);
        record.pktSrcAddr = (low & (1L << 19)) == 0 ? null : readString(source);
        record.pktDstAddr = (low & (1L << 20)) == 0 ? null : readString(source);
        record.region = (low & (1L << 21)) == 0 ? null : readString(source);
        record.azId = (low & (1L << 22)) == 0 ? null : readString(source);
        record.sublocationType = (low & (1L << 23)) == 0 ? null : readString(source);
        record.sublocationId = (low & (1L << 24)) == 0 ? null : readString(source);
        record.pktSrcAwsService = (low & (1L << 25)) == 0 ? null : readString(source);
        record.pktDstAwsService = (low & (1L << 26)) == 0 ? null : readString(source);
        record.flowDirection = (low & (1L << 27)) == 0 ? null : readString(source);
        record.trafficPath = (low & (1L << 28)) == 0 ? null : readInt(source);
        record.ecsClusterArn = (low & (1L << 29)) == 0 ? null : readString(source);
        record.ecsClusterName = (low & (1L << 30)) == 0 ? null : readString(source);
        record.ecsContainerInstanceArn = (low & (1L << 31)) == 0 ? null : readString(source);
        record.ecsContainerInstanceId = (low & (1L << 32)) == 0 ? null : readString(source);
        record.ecsContainerId = (low & (1L << 33)) == 0 ? null : readString(source);
        record.ecsSecondContainerId = (low & (1L << 34)) == 0 ? null : readString(source);
        record.ecsServiceName = (low & (1L << 35)) == 0 ? null : readString(source);
        record.ecsTaskDefinitionArn = (low & (1L << 36)) == 0 ? null : readString(source);
        record.ecsTaskArn = (low & (1L << 37)) == 0 ? null : readString(source);
        record.ecsTaskId = (low & (1L << 38)) == 0 ? null : readString(source);
        record.rejectReason = (low & (1L << 39)) == 0 ? null : readString(source);
        record.resourceId = (low & (1L << 40)) == 0 ? null : readString(source);
        record.encryptionStatus = (low & (1L << 41)) == 0 ? null : readInt(source);
        record.instanceTag = (low & (1L << 42)) == 0 ? null : readString(source);
        record.instanceTag2 = (low & (1L << 43)) == 0 ? null : readString(source);
        record.interfaceTag = (low & (1L << 44)) == 0 ? null : readString(source);
        record.interfaceTag2 = (low & (1L << 45)) == 0 ? null : readString(source);
        record.asgTag = (low & (1L << 46)) == 0 ? null : readString(source);
        record.asgTag2 = (low & (1L << 47)) == 0 ? null : readString(source);
        record.interfaceType = (low & (1L << 48)) == 0 ? null : readString(source);
        record.nextHopInterfaceId = (low & (1L << 49)) == 0 ? null : readString(source);
        record.nextHopSubnetId = (low & (1L << 50)) == 0 ? null : readString(source);
        record.nextHopAzId = (low & (1L << 51)) == 0 ? null : readString(source);
        record.nextHopVpcId = (low & (1L << 52)) == 0 ? null : readString(source);
        record.nextHopInterfaceType = (low & (1L << 53)) == 0 ? null : readString(source);
        record.resourceType = (low & (1L << 54)) == 0 ? null : readString(source);
        record.tgwId = (low & (1L << 55)) == 0 ? null : readString(source);
        record.tgwAttachmentId = (low & (1L << 56)) == 0 ? null : readString(source);
        record.tgwSrcVpcAccountId = (low & (1L << 57)) == 0 ? null : readString(source);
        record.tgwDstVpcAccountId = (low & (1L << 58)) == 0 ? null : readString(source);
        record.tgwSrcVpcId = (low & (1L << 59)) == 0 ? null : readString(source);
        record.tgwDstVpcId = (low & (1L << 60)) == 0 ? null : readString(source);
        record.tgwSrcSubnetId = (low & (1L << 61)) == 0 ? null : readString(source);
        record.tgwDstSubnetId = (low & (1L << 62)) == 0 ? null : readString(source);
        record.tgwSrcEni = (low & (1L << 63)) == 0 ? null : readString(source);
        record.tgwDstEni = (high & (1 << 0)) == 0 ? null : readString(source);
        record.tgwSrcAzId = (high & (1 << 1)) == 0 ? null : readString(source);
        record.tgwDstAzId = (high & (1 << 2)) == 0 ? null : readString(source);
        record.tgwPairAttachmentId = (high & (1 << 3)) == 0 ? null : readString(source);
        record.packetsLostNoRoute = (high & (1 << 4)) == 0 ? null : readLong(source);
        record.packetsLostBlackhole = (high & (1 << 5)) == 0 ? null : readLong(source);
        record.packetsLostMtuExceeded = (high & (1 << 6)) == 0 ? null : readLong(source);
        record.packetsLostTtlExpired = (high & (1 << 7)) == 0 ? null : readLong(source);
        return record;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowRecordSerializer;
    }

    @Override
    public int hashCode() {
        return FlowRecordSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<FlowRecord> snapshotConfiguration() {
        return new FlowRecordSerializerSnapshot();
    }

    /** Keeps deserialization to the one instance, after Java serialization of a job graph. */
    private Object readResolve() {
        return INSTANCE;
    }

    /**
     * ASCII text (almost every string of a flow log: IDs, ARNs, names, addresses) as its bytes in one write; other
     * text in Flink's {@link StringValue} form. The header's low bit tells which: {@code length << 1} or {@code 1}.
     */
    private static void writeString(DataOutputView target, String text) throws IOException {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                writeUnsignedInt(target, 1);
                StringValue.writeString(text, target);
                return;
            }
        }
        writeUnsignedInt(target, length << 1);
        target.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readString(DataInputView source) throws IOException {
        int header = readUnsignedInt(source);
        if ((header & 1) != 0) {
            return StringValue.readString(source);
        }
        byte[] ascii = new byte[header >>> 1];
        source.readFully(ascii);
        return new String(ascii, StandardCharsets.ISO_8859_1);
    }

    private static void writeInt(DataOutputView target, int value) throws IOException {
        writeUnsignedInt(target, (value << 1) ^ (value >> 31));
    }

    private static void writeLong(DataOutputView target, long value) throws IOException {
        writeUnsignedLong(target, (value << 1) ^ (value >> 63));
    }

    private static int readInt(DataInputView source) throws IOException {
        int zigZag = readUnsignedInt(source);
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    private static long readLong(DataInputView source) throws IOException {
        long zigZag = readUnsignedLong(source);
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    private static void writeUnsignedInt(DataOutputView target, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            target.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        target.writeByte(value);
    }

    private static void writeUnsignedLong(DataOutputView target, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            target.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        target.writeByte((int) value);
    }

    private static int readUnsignedInt(DataInputView source) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = source.readByte();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length int in a FlowRecord");
    }

    private static long readUnsignedLong(DataInputView source) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = source.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length long in a FlowRecord");
    }
}
