package dev.flowlens.schemas.dataset;

import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.TaskIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The enriched-flow dataset's columns, in order: the contract between the Parquet writer (in {@code jobs}) and
 * whatever reads the dataset (investigations, reports, Athena). Documented column by column in
 * {@code schemas/enriched-flow.md}.
 *
 * <p>First every flow-log field under AWS's own Parquet column name and type, so queries written for AWS's Parquet
 * flow logs still work; then, for each end ({@code src_}, {@code dst_}), who it was; then the flow's direction and
 * flags. Every column is optional: absent flow-log fields and non-task ends are null.
 */
public final class EnrichedFlowColumns {
    /** The Parquet message name. */
    public static final String DATASET = "enriched_flow";

    /** Every column, in order. */
    public static final List<EnrichedFlowColumn> ALL = List.copyOf(columns());

    private EnrichedFlowColumns() {}

    /** Column names in order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ALL.size());
        for (EnrichedFlowColumn column : ALL) {
            names.add(column.name());
        }
        return names;
    }

    /** The dataset type of a flow-log field: AWS's Parquet delivery uses int32, int64 and string. */
    public static ColumnType typeOf(FlowLogField field) {
        switch (field.type()) {
            case INT: return ColumnType.INT32;
            case LONG:
            case TIMESTAMP: return ColumnType.INT64;
            default: return ColumnType.STRING;
        }
    }

    private static List<EnrichedFlowColumn> columns() {
        List<EnrichedFlowColumn> columns = new ArrayList<>();
        for (FlowLogField field : FlowLogField.values()) {
            columns.add(new EnrichedFlowColumn(field.parquetName(), typeOf(field), true, field.meaning(),
                    f -> field.get(f.record)));
        }
        for (String side : new String[] {"src", "dst"}) {
            String end = side.equals("src") ? "source" : "destination";
            Function<EnrichedFlow, FlowEndpoint> at = side.equals("src") ? f -> f.src : f -> f.dst;
            string(columns, side + "_task_id", "ID of the task that held the " + end + " address at the flow's time",
                    f -> task(at, f, t -> t.taskId));
            string(columns, side + "_task_arn", "ARN of that task", f -> task(at, f, t -> t.taskArn));
            string(columns, side + "_service", "ECS service of that task (null for a standalone task)",
                    f -> task(at, f, t -> t.serviceName));
            string(columns, side + "_cluster", "ECS cluster name of that task", f -> task(at, f, t -> t.clusterName));
            string(columns, side + "_task_definition", "task definition of that task, family:revision",
                    f -> task(at, f, t -> t.taskDefinition));
            string(columns, side + "_launch_type", "launch type of that task: FARGATE, EC2 or EXTERNAL",
                    f -> task(at, f, t -> t.launchType));
            string(columns, side + "_availability_zone", "Availability Zone of that task",
                    f -> task(at, f, t -> t.availabilityZone));
            string(columns, side + "_eni_id", "ENI of that task (a branch ENI on a trunked instance)",
                    f -> task(at, f, t -> t.eniId));
            list(columns, side + "_security_groups",
                    "security groups of that task's ENI; null when no source knows them, empty when it has none",
                    f -> task(at, f, t -> t.securityGroups == null ? null : List.copyOf(t.securityGroups)));
            string(columns, side + "_attribution",
                    "how the " + end + " end was attributed: v7-fields, eni, ip-time or unattributed:<reason>",
                    f -> at.apply(f).attributionLabel());
            string(columns, side + "_peer_class",
                    "what the " + end + " end is: task, same-vpc, aws-service, internet or none",
                    f -> at.apply(f).peerClass == null ? null : at.apply(f).peerClass.wireName());
            string(columns, side + "_aws_service", "AWS service of an aws-service " + end + " end (S3, DYNAMODB, ...)",
                    f -> at.apply(f).awsService);
            list(columns, side + "_threat_lists", "threat lists that contain the " + end + " address; null for none",
                    f -> at.apply(f).threatLists.isEmpty() ? null : List.copyOf(at.apply(f).threatLists));
        }
        string(columns, "direction", "egress, ingress, east-west or unknown, relative to the tasks at the ends",
                f -> f.direction == null ? null : f.direction.wireName());
        columns.add(new EnrichedFlowColumn("same_az", ColumnType.BOOLEAN, true,
                "both ends are tasks in the same Availability Zone; null unless both ends are tasks", f -> f.sameAz));
        columns.add(new EnrichedFlowColumn("v7_mismatch", ColumnType.BOOLEAN, true,
                "the record's v7 ECS fields name another task than the index does for the recording side",
                f -> f.v7Mismatch));
        return columns;
    }

    private static void string(List<EnrichedFlowColumn> columns, String name, String meaning,
            Function<EnrichedFlow, Object> value) {
        columns.add(new EnrichedFlowColumn(name, ColumnType.STRING, true, meaning, value));
    }

    private static void list(List<EnrichedFlowColumn> columns, String name, String meaning,
            Function<EnrichedFlow, Object> value) {
        columns.add(new EnrichedFlowColumn(name, ColumnType.STRING_LIST, true, meaning, value));
    }

    private static Object task(Function<EnrichedFlow, FlowEndpoint> end, EnrichedFlow flow,
            Function<TaskIdentity, Object> field) {
        TaskIdentity identity = end.apply(flow).task;
        return identity == null ? null : field.apply(identity);
    }
}
