package dev.flowlens.testkit;

import dev.flowlens.schemas.FlowRecord;

/**
 * A {@link FlowRecord} with every field of the default (version 2) format set: by default an accepted TCP flow
 * from {@value #DEFAULT_SRC_ADDR}:40000 to {@value #DEFAULT_DST_ADDR}:443 of 10 packets and 5000 bytes, captured on
 * {@value #DEFAULT_INTERFACE_ID} in the 60-second window starting at {@value #DEFAULT_START_SECOND} (epoch seconds).
 */
public final class FlowRecordBuilder {
    public static final String DEFAULT_INTERFACE_ID = "eni-0test";
    public static final String DEFAULT_SRC_ADDR = "10.0.1.10";
    public static final String DEFAULT_DST_ADDR = "52.216.10.1";
    public static final long DEFAULT_START_SECOND = 1_700_000_000L;
    /** The aggregation window's length, in seconds. */
    public static final long WINDOW_SECONDS = 60;

    private String accountId = TestAccount.ACCOUNT_ID;
    private String interfaceId = DEFAULT_INTERFACE_ID;
    private String srcAddr = DEFAULT_SRC_ADDR;
    private String dstAddr = DEFAULT_DST_ADDR;
    private Integer srcPort = 40000;
    private Integer dstPort = 443;
    private Integer protocol = 6;
    private Long packets = 10L;
    private Long bytes = 5000L;
    private long startSecond = DEFAULT_START_SECOND;
    private String action = "ACCEPT";
    private String logStatus = "OK";
    private String ecsTaskId;
    private String pktDstAwsService;

    FlowRecordBuilder() {}

    public FlowRecordBuilder accountId(String id) {
        this.accountId = id;
        return this;
    }

    /** The interface the record was captured on. */
    public FlowRecordBuilder interfaceId(String eni) {
        this.interfaceId = eni;
        return this;
    }

    /** The source address; {@code null} for none. */
    public FlowRecordBuilder from(String address) {
        this.srcAddr = address;
        return this;
    }

    /** The destination address; {@code null} for none. */
    public FlowRecordBuilder to(String address) {
        this.dstAddr = address;
        return this;
    }

    public FlowRecordBuilder srcPort(int port) {
        this.srcPort = port;
        return this;
    }

    /** The destination port: the service the flow went to. */
    public FlowRecordBuilder port(int port) {
        this.dstPort = port;
        return this;
    }

    /** IANA protocol number (6 TCP, 17 UDP). */
    public FlowRecordBuilder protocol(int number) {
        this.protocol = number;
        return this;
    }

    public FlowRecordBuilder packets(long count) {
        this.packets = count;
        return this;
    }

    public FlowRecordBuilder bytes(long count) {
        this.bytes = count;
        return this;
    }

    /** The capture window: from {@code startSecond} (epoch seconds), {@value #WINDOW_SECONDS} seconds long. */
    public FlowRecordBuilder at(long startSecond) {
        this.startSecond = startSecond;
        return this;
    }

    /** Rejected by a security group or network ACL ({@code action = REJECT}). */
    public FlowRecordBuilder rejected() {
        this.action = "REJECT";
        return this;
    }

    /** A window without traffic ({@code NODATA}): no addresses, ports, protocol, counts or action. */
    public FlowRecordBuilder noData() {
        srcAddr = null;
        dstAddr = null;
        srcPort = null;
        dstPort = null;
        protocol = null;
        packets = null;
        bytes = null;
        action = null;
        logStatus = "NODATA";
        return this;
    }

    /** The v7 {@code ecs-task-id} field: the task the record itself names. */
    public FlowRecordBuilder ecsTaskId(String taskId) {
        this.ecsTaskId = taskId;
        return this;
    }

    /** The v5 {@code pkt-dst-aws-service} field ({@code S3}, {@code DYNAMODB}, ...). */
    public FlowRecordBuilder dstAwsService(String service) {
        this.pktDstAwsService = service;
        return this;
    }

    /** A new record on every call. */
    public FlowRecord build() {
        FlowRecord record = new FlowRecord();
        record.version = 2;
        record.accountId = accountId;
        record.interfaceId = interfaceId;
        record.srcAddr = srcAddr;
        record.dstAddr = dstAddr;
        record.srcPort = srcPort;
        record.dstPort = dstPort;
        record.protocol = protocol;
        record.packets = packets;
        record.bytes = bytes;
        record.start = startSecond;
        record.end = startSecond + WINDOW_SECONDS;
        record.action = action;
        record.logStatus = logStatus;
        record.ecsTaskId = ecsTaskId;
        record.pktDstAwsService = pktDstAwsService;
        return record;
    }
}
