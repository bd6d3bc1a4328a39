package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.jobs.kit.sinks.EnrichedFlowParquet;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;

/** deploy/cloudformation/flowlens.yaml: its references resolve, and it wires what the job reads and writes. */
class CloudFormationTest {
    private static final String TEMPLATE = "cloudformation/flowlens.yaml";

    @Test
    void longFormIntrinsicsOnlyAndEveryReferenceResolves() throws Exception {
        String text = Files.readString(DeployFiles.DEPLOY.resolve(TEMPLATE));
        assertThat(text).doesNotContainPattern("(?m)(:|-)\\s+!(Ref|GetAtt|Sub|Join|If|Equals)\\b");
        JsonNode template = DeployFiles.yaml(TEMPLATE);
        assertThat(template.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        Set<String> names = new HashSet<>();
        template.path("Resources").fieldNames().forEachRemaining(names::add);
        template.path("Parameters").fieldNames().forEachRemaining(names::add);
        List<String> refs = new ArrayList<>();
        List<String> getAtts = new ArrayList<>();
        collect(template.path("Resources"), refs, getAtts);
        collect(template.path("Outputs"), refs, getAtts);
        assertThat(refs).isNotEmpty().allMatch(ref -> names.contains(ref) || ref.startsWith("AWS::"));
        assertThat(getAtts).isNotEmpty().allMatch(template.path("Resources")::has);
        template.path("Resources").forEach(resource -> assertThat(resource.path("Type").asText())
                .matches("AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"));
        template.path("Resources").fields().forEachRemaining(resource -> {
            JsonNode dependsOn = resource.getValue().path("DependsOn");
            if (!dependsOn.isMissingNode()) {
                assertThat(template.path("Resources").has(dependsOn.asText())).as(resource.getKey()).isTrue();
            }
        });
    }

    @Test
    void ecsTaskStateChangesGoToAQueueOnlyTheRuleMaySendTo() throws Exception {
        JsonNode resources = DeployFiles.yaml(TEMPLATE).path("Resources");
        JsonNode rule = resources.path("EcsTaskStateChangeRule");
        assertThat(rule.path("Type").asText()).isEqualTo("AWS::Events::Rule");
        JsonNode pattern = rule.path("Properties").path("EventPattern");
        assertThat(pattern.path("source").get(0).asText()).isEqualTo("aws.ecs");
        assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo("ECS Task State Change");
        String queue = rule.path("Properties").path("Targets").get(0).path("Arn").path("Fn::GetAtt").get(0).asText();
        assertThat(resources.path(queue).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        JsonNode statement = queuePolicyStatement(resources, queue);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::GetAtt").get(0)
                .asText()).isEqualTo("EcsTaskStateChangeRule");
    }

    @Test
    void newFlowLogObjectsAreAnnouncedOnAQueueOnlyTheBucketMaySendTo() throws Exception {
        JsonNode resources = DeployFiles.yaml(TEMPLATE).path("Resources");
        JsonNode bucket = resources.path("FlowLogBucket").path("Properties");
        JsonNode notification = bucket.path("NotificationConfiguration").path("QueueConfigurations").get(0);
        assertThat(notification.path("Event").asText()).isEqualTo("s3:ObjectCreated:*");
        String queue = notification.path("Queue").path("Fn::GetAtt").get(0).asText();
        assertThat(resources.path(queue).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        // messages stay hidden as long as the job's own visibility timeout says (deploy/kubernetes/configmap.yaml)
        assertThat(resources.path(queue).path("Properties").path("VisibilityTimeout").asInt()).isEqualTo(600);
        assertThat(resources.path(queue).path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt())
                .isPositive();
        JsonNode statement = queuePolicyStatement(resources, queue);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(statement.path("Condition").path("ArnLike").path("aws:SourceArn").path("Fn::Sub").asText())
                .isEqualTo(bucket.path("BucketName").path("Fn::Sub").asText().replace("flowlens-flow-logs",
                        "arn:aws:s3:::flowlens-flow-logs"));
        assertThat(resources.path("FlowLogBucket").path("DependsOn").asText()).isEqualTo("FlowLogObjectsQueuePolicy");
        JsonNode flowLog = resources.path("VpcFlowLog").path("Properties");
        assertThat(flowLog.path("LogDestinationType").asText()).isEqualTo("s3");
        assertThat(flowLog.path("LogDestination").path("Fn::GetAtt").get(0).asText()).isEqualTo("FlowLogBucket");
    }

    /** The Glue table's columns are the Parquet dataset's, in order, each under its Athena type. */
    @Test
    void glueTableColumnsAreTheDatasetContractWithPartitionProjection() throws Exception {
        JsonNode table = DeployFiles.yaml(TEMPLATE).path("Resources").path("EnrichedFlowsTable").path("Properties")
                .path("TableInput");
        Map<String, String> glue = new LinkedHashMap<>();
        table.path("StorageDescriptor").path("Columns")
                .forEach(column -> glue.put(column.path("Name").asText(), column.path("Type").asText()));
        Map<String, String> parquet = new LinkedHashMap<>();
        for (Type field : EnrichedFlowParquet.SCHEMA.getFields()) {
            parquet.put(field.getName(), field.isPrimitive() ? athenaType(field.asPrimitiveType())
                    : "array<" + athenaType(listElement(field)) + ">");
        }
        assertThat(glue).containsExactlyEntriesOf(parquet);
        assertThat(table.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");

        assertThat(table.path("PartitionKeys").toString())
                .isEqualTo("[{\"Name\":\"dt\",\"Type\":\"string\"},{\"Name\":\"hour\",\"Type\":\"int\"}]");
        JsonNode parameters = table.path("Parameters");
        assertThat(parameters.path("projection.enabled").asText()).isEqualTo("true");
        assertThat(parameters.path("projection.dt.type").asText()).isEqualTo("date");
        assertThat(parameters.path("projection.dt.format").asText()).isEqualTo("yyyy-MM-dd");
        assertThat(parameters.path("projection.hour.type").asText()).isEqualTo("integer");
        assertThat(parameters.path("projection.hour.range").asText()).isEqualTo("0,23");
        assertThat(parameters.path("projection.hour.digits").asText()).isEqualTo("2");
        // the writer's layout (HivePartitions): dt=YYYY-MM-DD/hour=HH under sinks.parquet
        assertThat(parameters.path("storage.location.template").path("Fn::Join").get(1).toString())
                .endsWith("\"/enriched-flows/dt=${dt}/hour=${hour}/\"]");
    }

    /** The element of a three-level LIST column. */
    private static PrimitiveType listElement(Type field) {
        assertThat(field.getLogicalTypeAnnotation()).as(field.getName()).isEqualTo(LogicalTypeAnnotation.listType());
        return field.asGroupType().getType("list").asGroupType().getType("element").asPrimitiveType();
    }

    private static String athenaType(PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> "int";
            case INT64 -> "bigint";
            case BOOLEAN -> "boolean";
            case BINARY -> {
                assertThat(type.getLogicalTypeAnnotation()).as(type.getName())
                        .isEqualTo(LogicalTypeAnnotation.stringType());
                yield "string";
            }
            default -> throw new AssertionError("no Athena type for " + type);
        };
    }

    private static JsonNode queuePolicyStatement(JsonNode resources, String queue) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    && resource.path("Properties").path("Queues").get(0).path("Ref").asText().equals(queue)) {
                found.add(resource.path("Properties").path("PolicyDocument").path("Statement"));
            }
        });
        assertThat(found).as("one policy for " + queue).hasSize(1);
        assertThat(found.get(0)).hasSize(1);
        return found.get(0).get(0);
    }

    private static void collect(JsonNode node, List<String> refs, List<String> getAtts) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                refs.add(node.path("Ref").asText());
            }
            if (node.has("Fn::GetAtt")) {
                getAtts.add(node.path("Fn::GetAtt").get(0).asText());
            }
            node.forEach(child -> collect(child, refs, getAtts));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, refs, getAtts));
        }
    }
}
