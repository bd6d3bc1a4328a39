package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.TaskIdentity;
import java.io.IOException;

/**
 * The JSON form of an {@link EnrichedFlow}, one object per flow; documented field by field in
 * {@code schemas/enriched-flow.md}. Record fields keep AWS's hyphenated names (absent fields are left out);
 * enrichment fields are hyphenated too.
 */
public final class EnrichedFlowJson {
    private EnrichedFlowJson() {}

    public static void write(JsonGenerator json, EnrichedFlow flow) throws IOException {
        json.writeStartObject();
        json.writeFieldName("flow");
        writeRecord(json, flow.record);
        json.writeStringField("direction", flow.direction == null ? null : flow.direction.wireName());
        if (flow.sameAz == null) {
            json.writeNullField("same-az");
        } else {
            json.writeBooleanField("same-az", flow.sameAz);
        }
        json.writeBooleanField("v7-mismatch", flow.v7Mismatch);
        json.writeFieldName("src");
        writeEndpoint(json, flow.src);
        json.writeFieldName("dst");
        writeEndpoint(json, flow.dst);
        json.writeEndObject();
    }

    /** The record's present fields, keyed by AWS names, numbers as numbers. */
    public static void writeRecord(JsonGenerator json, FlowRecord record) throws IOException {
        json.writeStartObject();
        for (FlowLogField field : FlowLogField.values()) {
            Object value = field.get(record);
            if (value instanceof Integer) {
                json.writeNumberField(field.awsName(), (Integer) value);
            } else if (value instanceof Long) {
                json.writeNumberField(field.awsName(), (Long) value);
            } else if (value != null) {
                json.writeStringField(field.awsName(), value.toString());
            }
        }
        json.writeEndObject();
    }

    private static void writeEndpoint(JsonGenerator json, FlowEndpoint end) throws IOException {
        json.writeStartObject();
        json.writeStringField("address", end.address);
        json.writeStringField("attribution", end.attributionLabel());
        json.writeStringField("peer-class", end.peerClass == null ? null : end.peerClass.wireName());
        json.writeStringField("aws-service", end.awsService);
        JsonLists.strings(json, "threat-lists", end.threatLists);
        json.writeFieldName("task");
        if (end.task == null) {
            json.writeNull();
        } else {
            writeTask(json, end.task);
        }
        json.writeEndObject();
    }

    private static void writeTask(JsonGenerator json, TaskIdentity task) throws IOException {
        json.writeStartObject();
        json.writeStringField("account-id", task.accountId);
        json.writeStringField("region", task.region);
        json.writeStringField("cluster", task.clusterName);
        json.writeStringField("cluster-arn", task.clusterArn);
        json.writeStringField("service", task.serviceName);
        json.writeStringField("group", task.group);
        json.writeStringField("task-arn", task.taskArn);
        json.writeStringField("task-id", task.taskId);
        json.writeStringField("task-definition", task.taskDefinition);
        json.writeStringField("launch-type", task.launchType);
        json.writeStringField("availability-zone", task.availabilityZone);
        json.writeStringField("subnet-id", task.subnetId);
        json.writeStringField("eni-id", task.eniId);
        json.writeStringField("interface-type", task.interfaceType);
        JsonLists.stringsOrUnknown(json, "security-groups", task.securityGroups);
        json.writeEndObject();
    }
}
