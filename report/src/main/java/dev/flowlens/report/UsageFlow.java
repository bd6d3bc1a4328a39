package dev.flowlens.report;

import java.util.List;

/**
 * The columns of one enriched-flow record ({@code schemas.dataset.EnrichedFlowColumns}) that the usage report reads,
 * under the same meaning and nullability: a reader of the dataset fills one per record for {@link UsageAggregate}.
 * Public fields and a no-argument constructor, so a Flink job passes it between operators as a POJO.
 */
public class UsageFlow {
    /** The dataset columns {@link #set} takes: a reader needs to read only these. */
    public static final List<String> COLUMNS = List.of("account_id", "interface_id",
            "interface_type", "flow_direction", "srcaddr", "dstaddr", "start", "bytes", "packets", "action",
            "log_status", "traffic_path", "vpc_id", "next_hop_interface_type", "next_hop_vpc_id", "same_az",
            "src_task_id", "src_cluster", "src_service", "src_eni_id", "src_attribution", "src_peer_class",
            "src_aws_service", "dst_task_id", "dst_cluster", "dst_service", "dst_eni_id", "dst_attribution",
            "dst_peer_class", "dst_aws_service");

    /** {@code account_id}. */
    public String accountId;
    /** {@code interface_id}: the interface that recorded the flow. */
    public String interfaceId;
    /** {@code interface_type}: set when AWS manages the recording interface (a NAT gateway's, a load balancer's). */
    public String interfaceType;
    /** {@code flow_direction}: ingress or egress, relative to the recording interface. */
    public String flowDirection;
    /** {@code srcaddr}. */
    public String srcaddr;
    /** {@code dstaddr}. */
    public String dstaddr;
    /** {@code start}: capture-window start, epoch seconds. */
    public Long start;
    /** {@code bytes}. */
    public Long bytes;
    /** {@code packets}. */
    public Long packets;
    /** {@code action}: ACCEPT or REJECT. */
    public String action;
    /** {@code log_status}: OK, NODATA or SKIPDATA. */
    public String logStatus;
    /** {@code traffic_path}. */
    public Integer trafficPath;
    /** {@code vpc_id}. */
    public String vpcId;
    /** {@code next_hop_interface_type}. */
    public String nextHopInterfaceType;
    /** {@code next_hop_vpc_id}. */
    public String nextHopVpcId;
    /** {@code same_az}. */
    public Boolean sameAz;
    /** The source end ({@code src_*} columns). */
    public End src = new End();
    /** The destination end ({@code dst_*} columns). */
    public End dst = new End();

    public UsageFlow() {}

    /** The columns of one end, {@code src_} or {@code dst_} then the name. */
    public static class End {
        /** {@code *_task_id}. */
        public String taskId;
        /** {@code *_cluster}. */
        public String cluster;
        /** {@code *_service}. */
        public String service;
        /** {@code *_eni_id}. */
        public String eniId;
        /** {@code *_attribution}. */
        public String attribution;
        /** {@code *_peer_class}. */
        public String peerClass;
        /** {@code *_aws_service}. */
        public String awsService;

        public End() {}
    }

    /**
     * Sets the field of dataset column {@code column} to {@code value} (a {@code String}, {@code Long},
     * {@code Integer} or {@code Boolean}, as the column's Parquet type reads); other columns are ignored.
     */
    public void set(String column, Object value) {
        if (column.startsWith("src_") || column.startsWith("dst_")) {
            End end = column.startsWith("src_") ? src : dst;
            String name = column.substring(4);
            switch (name) {
                case "task_id" -> end.taskId = (String) value;
                case "cluster" -> end.cluster = (String) value;
                case "service" -> end.service = (String) value;
                case "eni_id" -> end.eniId = (String) value;
                case "attribution" -> end.attribution = (String) value;
                case "peer_class" -> end.peerClass = (String) value;
                case "aws_service" -> end.awsService = (String) value;
                default -> { }
            }
            return;
        }
        switch (column) {
            case "account_id" -> accountId = (String) value;
            case "interface_id" -> interfaceId = (String) value;
            case "interface_type" -> interfaceType = (String) value;
            case "flow_direction" -> flowDirection = (String) value;
            case "srcaddr" -> srcaddr = (String) value;
            case "dstaddr" -> dstaddr = (String) value;
            case "start" -> start = (Long) value;
            case "bytes" -> bytes = (Long) value;
            case "packets" -> packets = (Long) value;
            case "action" -> action = (String) value;
            case "log_status" -> logStatus = (String) value;
            case "traffic_path" -> trafficPath = (Integer) value;
            case "vpc_id" -> vpcId = (String) value;
            case "next_hop_interface_type" -> nextHopInterfaceType = (String) value;
            case "next_hop_vpc_id" -> nextHopVpcId = (String) value;
            case "same_az" -> sameAz = (Boolean) value;
            default -> { }
        }
    }
}
