package dev.flowlens.jobs.kit.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import dev.flowlens.schemas.dataset.ColumnType;
import dev.flowlens.schemas.dataset.EnrichedFlowColumn;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet writer follows the dataset contract in schemas, and the dataset kept its schema when it became one. */
class EnrichedFlowParquetTest {
    /**
     * The schema as the writer produced it before the columns became a contract in schemas (commit 156497f), with
     * the version 11 and transit-gateway columns added since (issue 10) after {@code encryption_status}, and the
     * security-group and threat-list columns changed from comma-separated text to three-level lists of strings (issue
     * 10), so {@code list_contains} and Athena's {@code contains} work on them.
     */
    private static final String SCHEMA_BEFORE_THE_CONTRACT = """
            message enriched_flow {
              optional int32 version;
              optional binary account_id (STRING);
              optional binary interface_id (STRING);
              optional binary srcaddr (STRING);
              optional binary dstaddr (STRING);
              optional int32 srcport;
              optional int32 dstport;
              optional int32 protocol;
              optional int64 packets;
              optional int64 bytes;
              optional int64 start;
              optional int64 end;
              optional binary action (STRING);
              optional binary log_status (STRING);
              optional binary vpc_id (STRING);
              optional binary subnet_id (STRING);
              optional binary instance_id (STRING);
              optional int32 tcp_flags;
              optional binary type (STRING);
              optional binary pkt_srcaddr (STRING);
              optional binary pkt_dstaddr (STRING);
              optional binary region (STRING);
              optional binary az_id (STRING);
              optional binary sublocation_type (STRING);
              optional binary sublocation_id (STRING);
              optional binary pkt_src_aws_service (STRING);
              optional binary pkt_dst_aws_service (STRING);
              optional binary flow_direction (STRING);
              optional int32 traffic_path;
              optional binary ecs_cluster_arn (STRING);
              optional binary ecs_cluster_name (STRING);
              optional binary ecs_container_instance_arn (STRING);
              optional binary ecs_container_instance_id (STRING);
              optional binary ecs_container_id (STRING);
              optional binary ecs_second_container_id (STRING);
              optional binary ecs_service_name (STRING);
              optional binary ecs_task_definition_arn (STRING);
              optional binary ecs_task_arn (STRING);
              optional binary ecs_task_id (STRING);
              optional binary reject_reason (STRING);
              optional binary resource_id (STRING);
              optional int32 encryption_status;
              optional binary instance_tag (STRING);
              optional binary instance_tag_2 (STRING);
              optional binary interface_tag (STRING);
              optional binary interface_tag_2 (STRING);
              optional binary asg_tag (STRING);
              optional binary asg_tag_2 (STRING);
              optional binary interface_type (STRING);
              optional binary next_hop_interface_id (STRING);
              optional binary next_hop_subnet_id (STRING);
              optional binary next_hop_az_id (STRING);
              optional binary next_hop_vpc_id (STRING);
              optional binary next_hop_interface_type (STRING);
              optional binary resource_type (STRING);
              optional binary tgw_id (STRING);
              optional binary tgw_attachment_id (STRING);
              optional binary tgw_src_vpc_account_id (STRING);
              optional binary tgw_dst_vpc_account_id (STRING);
              optional binary tgw_src_vpc_id (STRING);
              optional binary tgw_dst_vpc_id (STRING);
              optional binary tgw_src_subnet_id (STRING);
              optional binary tgw_dst_subnet_id (STRING);
              optional binary tgw_src_eni (STRING);
              optional binary tgw_dst_eni (STRING);
              optional binary tgw_src_az_id (STRING);
              optional binary tgw_dst_az_id (STRING);
              optional binary tgw_pair_attachment_id (STRING);
              optional int64 packets_lost_no_route;
              optional int64 packets_lost_blackhole;
              optional int64 packets_lost_mtu_exceeded;
              optional int64 packets_lost_ttl_expired;
              optional binary src_task_id (STRING);
              optional binary src_task_arn (STRING);
              optional binary src_service (STRING);
              optional binary src_cluster (STRING);
              optional binary src_task_definition (STRING);
              optional binary src_launch_type (STRING);
              optional binary src_availability_zone (STRING);
              optional binary src_eni_id (STRING);
              optional group src_security_groups (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional binary src_attribution (STRING);
              optional binary src_peer_class (STRING);
              optional binary src_aws_service (STRING);
              optional group src_threat_lists (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional binary dst_task_id (STRING);
              optional binary dst_task_arn (STRING);
              optional binary dst_service (STRING);
              optional binary dst_cluster (STRING);
              optional binary dst_task_definition (STRING);
              optional binary dst_launch_type (STRING);
              optional binary dst_availability_zone (STRING);
              optional binary dst_eni_id (STRING);
              optional group dst_security_groups (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional binary dst_attribution (STRING);
              optional binary dst_peer_class (STRING);
              optional binary dst_aws_service (STRING);
              optional group dst_threat_lists (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional binary direction (STRING);
              optional boolean same_az;
              optional boolean v7_mismatch;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void schemaIsTheSameAsBeforeTheContract() {
        assertThat(EnrichedFlowParquet.SCHEMA.toString()).isEqualTo(SCHEMA_BEFORE_THE_CONTRACT);
        assertThat(EnrichedFlowParquet.SCHEMA)
                .isEqualTo(MessageTypeParser.parseMessageType(SCHEMA_BEFORE_THE_CONTRACT));
    }

    @Test
    void everyColumnHasTheContractsNameTypeAndRepetition() {
        List<Type> fields = EnrichedFlowParquet.SCHEMA.getFields();
        assertThat(fields).hasSameSizeAs(EnrichedFlowColumns.ALL);
        for (int i = 0; i < fields.size(); i++) {
            EnrichedFlowColumn column = EnrichedFlowColumns.ALL.get(i);
            Type declared = fields.get(i);
            assertThat(declared.getName()).isEqualTo(column.name());
            if (column.type() == ColumnType.STRING_LIST) {
                assertThat(declared.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
                assertThat(declared.getRepetition()).isEqualTo(Type.Repetition.OPTIONAL);
                Type list = declared.asGroupType().getType(0);
                assertThat(list.getName()).isEqualTo("list");
                assertThat(list.getRepetition()).isEqualTo(Type.Repetition.REPEATED);
                declared = list.asGroupType().getType(0);
                assertThat(declared.getName()).isEqualTo("element");
            }
            PrimitiveType field = declared.asPrimitiveType();
            assertThat(field.getPrimitiveTypeName().name()).as(column.name())
                    .isEqualTo(column.type().parquetPrimitive());
            assertThat(field.getLogicalTypeAnnotation() == null ? null : field.getLogicalTypeAnnotation().toString())
                    .as(column.name()).isEqualTo(column.type().parquetLogical());
            assertThat(field.getRepetition())
                    .isEqualTo(column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED);
        }
    }

    @Test
    void eachValueLandsInItsOwnColumn() throws Exception {
        EnrichedFlow flow = flowWithEveryFieldSet();
        Path file = dir.resolve("flow.parquet");
        try (ParquetWriter<EnrichedFlow> writer =
                EnrichedFlowParquet.builder().createWriter(new LocalOutputFile(file))) {
            writer.write(flow);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement();
                ResultSet row = sql.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            ResultSetMetaData columns = row.getMetaData();
            assertThat(row.next()).isTrue();
            assertThat(columns.getColumnCount()).isEqualTo(EnrichedFlowColumns.ALL.size());
            int nulls = 0;
            for (int i = 0; i < columns.getColumnCount(); i++) {
                EnrichedFlowColumn column = EnrichedFlowColumns.ALL.get(i);
                assertThat(columns.getColumnName(i + 1)).isEqualTo(column.name());
                Object expected = column.value().apply(flow);
                Object actual = row.getObject(i + 1);
                if (actual instanceof java.sql.Array array) {
                    actual = List.of((Object[]) array.getArray());
                }
                assertThat(actual).as(column.name()).isEqualTo(expected);
                nulls += expected == null ? 1 : 0;
            }
            // the destination is not a task: its 9 task columns are null, and nothing else is
            assertThat(nulls).isEqualTo(9);
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void groupAndThreatListColumnsAreListsThatListContainsQueries() throws Exception {
        EnrichedFlow known = flowWithEveryFieldSet();
        known.record.srcPort = 1;
        EnrichedFlow none = flowWithEveryFieldSet();
        none.record.srcPort = 2;
        none.src.task = none.src.task.copy();
        none.src.task.securityGroups = new java.util.ArrayList<>();
        EnrichedFlow unknown = flowWithEveryFieldSet();
        unknown.record.srcPort = 3;
        unknown.src.task = unknown.src.task.copy();
        unknown.src.task.securityGroups = null;
        Path file = dir.resolve("lists.parquet");
        try (ParquetWriter<EnrichedFlow> writer =
                EnrichedFlowParquet.builder().createWriter(new LocalOutputFile(file))) {
            writer.write(known);
            writer.write(none);
            writer.write(unknown);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            try (ResultSet types = sql.executeQuery("SELECT typeof(src_security_groups), typeof(dst_threat_lists)"
                    + " FROM read_parquet('" + file + "') LIMIT 1")) {
                assertThat(types.next()).isTrue();
                assertThat(types.getString(1)).isEqualTo("VARCHAR[]");
                assertThat(types.getString(2)).isEqualTo("VARCHAR[]");
            }
            try (ResultSet rows = sql.executeQuery("SELECT srcport, list_contains(src_security_groups, 'sg-2'),"
                    + " src_security_groups IS NULL, len(src_security_groups), list_contains(dst_threat_lists, 'feed')"
                    + " FROM read_parquet('" + file + "') ORDER BY srcport")) {
                List<String> seen = new ArrayList<>();
                while (rows.next()) {
                    seen.add(rows.getInt(1) + " " + rows.getObject(2) + " " + rows.getBoolean(3) + " "
                            + rows.getObject(4) + " " + rows.getObject(5));
                }
                // sg-2 in [sg-1, sg-2]; an empty list claims none; null stays unknown
                assertThat(seen).containsExactly(
                        "1 true false 2 true", "2 false false 0 true", "3 null true null true");
            }
        }
    }

    /** Every flow-log field with a distinct value; a task at the source, a listed internet peer at the destination. */
    private static EnrichedFlow flowWithEveryFieldSet() {
        FlowRecord record = new FlowRecord();
        int n = 0;
        for (FlowLogField field : FlowLogField.values()) {
            n++;
            switch (field.type()) {
                case INT -> field.set(record, n);
                case LONG, TIMESTAMP -> field.set(record, 1_715_000_000L + n);
                default -> field.set(record, field.awsName() + "-value");
            }
        }
        TaskIdentity task = new TaskIdentity();
        task.taskId = "0123456789abcdef";
        task.taskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef";
        task.serviceName = "checkout";
        task.clusterName = "prod";
        task.taskDefinition = "checkout:7";
        task.launchType = "FARGATE";
        task.availabilityZone = "us-east-1a";
        task.eniId = "eni-0a1b2c3d";
        task.securityGroups = new java.util.ArrayList<>(List.of("sg-1", "sg-2"));
        FlowEndpoint src = new FlowEndpoint();
        src.address = "10.0.1.5";
        src.task = task;
        src.attribution = AttributionMethod.IP_TIME;
        src.peerClass = PeerClass.TASK;
        src.awsService = "none-really";
        src.threatLists.add("own");
        FlowEndpoint dst = new FlowEndpoint();
        dst.address = "198.51.100.66";
        dst.attribution = AttributionMethod.UNATTRIBUTED;
        dst.unattributedReason = UnattributedReason.NEVER_SEEN;
        dst.peerClass = PeerClass.INTERNET;
        dst.awsService = "S3";
        dst.threatLists.addAll(List.of("deny", "feed"));
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = src;
        flow.dst = dst;
        flow.direction = FlowDirection.EGRESS;
        flow.sameAz = Boolean.FALSE;
        flow.v7Mismatch = true;
        return flow;
    }
}
