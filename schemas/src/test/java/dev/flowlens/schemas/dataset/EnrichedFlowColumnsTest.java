package dev.flowlens.schemas.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.MarkdownTables;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichedFlowColumnsTest {

    @Test
    void enrichedFlowMdDocumentsExactlyTheContractsColumns() throws Exception {
        List<String> documented = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(Path.of("enriched-flow.md"), "enriched-flow-columns")) {
            documented.add(MarkdownTables.code(row.get(0)) + " | " + row.get(1) + " | " + row.get(2) + " | "
                    + row.get(3));
        }
        List<String> declared = new ArrayList<>();
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
            declared.add(column.name() + " | " + column.type() + " | " + (column.nullable() ? "yes" : "no") + " | "
                    + column.meaning());
        }
        assertThat(documented).as("rows of the enriched-flow-columns table in schemas/enriched-flow.md")
                .containsExactlyElementsOf(declared);
    }

    @Test
    void flowLogFieldsComeFirstUnderAwsParquetNamesThenBothEndsThenTheFlags() {
        List<String> names = EnrichedFlowColumns.names();
        FlowLogField[] fields = FlowLogField.values();
        for (int i = 0; i < fields.length; i++) {
            assertThat(names.get(i)).isEqualTo(fields[i].parquetName());
        }
        assertThat(names.get(fields.length)).isEqualTo("src_task_id");
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("direction", "same_az",
                "v7_mismatch");
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(EnrichedFlowColumns.typeOf(FlowLogField.START)).isEqualTo(ColumnType.INT64);
        assertThat(EnrichedFlowColumns.typeOf(FlowLogField.DSTPORT)).isEqualTo(ColumnType.INT32);
        assertThat(EnrichedFlowColumns.typeOf(FlowLogField.SRCADDR)).isEqualTo(ColumnType.STRING);
    }

    @Test
    void everyValueIsOfItsColumnsJavaType() {
        EnrichedFlow flow = flow();
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
            Object value = column.value().apply(flow);
            assertThat(value).as(column.name()).isNotNull().isInstanceOf(column.type().javaType());
        }
    }

    @Test
    void listsAreListsUnknownGroupsNullAndNoThreatListNull() {
        EnrichedFlow flow = flow();
        flow.dst.threatLists.clear();
        assertThat(EnrichedFlowColumns.ALL.stream().filter(c -> c.type() == ColumnType.STRING_LIST)
                .map(EnrichedFlowColumn::name)).containsExactly("src_security_groups", "src_threat_lists",
                        "dst_security_groups", "dst_threat_lists");
        assertThat(value("src_security_groups", flow)).isEqualTo(List.of("sg-1", "sg-2"));
        assertThat(value("src_threat_lists", flow)).isEqualTo(List.of("deny", "feed"));
        assertThat(value("dst_threat_lists", flow)).isNull();
        flow.src.task.securityGroups = new java.util.ArrayList<>();
        assertThat(value("src_security_groups", flow)).isEqualTo(List.of()); // known: none
        flow.src.task.securityGroups = null;
        assertThat(value("src_security_groups", flow)).isNull(); // unknown
        flow.dst.task = null;
        assertThat(value("dst_task_id", flow)).isNull();
        assertThat(value("dst_attribution", flow)).isEqualTo("eni");
    }

    private static Object value(String name, EnrichedFlow flow) {
        for (EnrichedFlowColumn column : EnrichedFlowColumns.ALL) {
            if (column.name().equals(name)) {
                return column.value().apply(flow);
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** Every field set, so that every column has a value. */
    private static EnrichedFlow flow() {
        FlowRecord record = new FlowRecord();
        for (FlowLogField field : FlowLogField.values()) {
            switch (field.type()) {
                case INT -> field.set(record, 1);
                case LONG, TIMESTAMP -> field.set(record, 1_715_000_000L);
                default -> field.set(record, "x");
            }
        }
        EnrichedFlow flow = new EnrichedFlow();
        flow.record = record;
        flow.src = end();
        flow.src.threatLists.addAll(List.of("deny", "feed"));
        flow.dst = end();
        flow.dst.threatLists.add("deny");
        flow.direction = FlowDirection.EAST_WEST;
        flow.sameAz = true;
        return flow;
    }

    private static FlowEndpoint end() {
        TaskIdentity task = new TaskIdentity();
        task.taskId = "t";
        task.taskArn = "arn";
        task.serviceName = "svc";
        task.clusterName = "c";
        task.taskDefinition = "svc:1";
        task.launchType = "EC2";
        task.availabilityZone = "us-east-1a";
        task.eniId = "eni-1";
        task.securityGroups = new java.util.ArrayList<>(List.of("sg-1", "sg-2"));
        FlowEndpoint end = new FlowEndpoint();
        end.address = "10.0.0.1";
        end.task = task;
        end.attribution = AttributionMethod.ENI;
        end.peerClass = PeerClass.TASK;
        end.awsService = "S3";
        return end;
    }
}
