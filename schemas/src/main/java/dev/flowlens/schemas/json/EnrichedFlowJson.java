package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.flowlens.schemas.AttributionMethod;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.schemas.FlowDirection;
import dev.flowlens.schemas.FlowEndpoint;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.UnattributedReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of an {@link EnrichedFlow}, one object per flow; documented field by field in
 * {@code schemas/enriched-flow.md}. Record fields keep AWS's hyphenated names (absent fields are left out);
 * enrichment fields are hyphenated too.
 *
 * <p>Reading ({@link #parse}, {@link #read}) is the writer's inverse and strict, so a flow written by another version
 * or by hand cannot be silently misread: an unknown or repeated field, an unknown enum wire name or attribution
 * label, a value of the wrong type, or a record number outside its field's range is an error naming the field.
 * {@code flow}, {@code src} and {@code dst} are required; any other field may be absent or {@code null} and is then
 * its Java default, except that {@code security-groups} stays {@code null} (unknown), never {@code []} (none).
 */
public final class EnrichedFlowJson {
    /** Repeated fields are errors: the last one silently winning would hide a broken writer. */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> ACTIONS = Set.of("ACCEPT", "REJECT");
    private static final Set<String> LOG_STATUSES = Set.of("OK", "NODATA", "SKIPDATA");

    /*
     * Field names quoted and UTF-8-encoded once: written per flow as plain strings, Jackson re-encodes every name
     * character by character (a fifth of the JSON time in the streaming job's profile). Same bytes.
     */
    private static final SerializedString FLOW = new SerializedString("flow");
    private static final SerializedString DIRECTION = new SerializedString("direction");
    private static final SerializedString SAME_AZ = new SerializedString("same-az");
    private static final SerializedString V7_MISMATCH = new SerializedString("v7-mismatch");
    private static final SerializedString SRC = new SerializedString("src");
    private static final SerializedString DST = new SerializedString("dst");
    private static final SerializedString ADDRESS = new SerializedString("address");
    private static final SerializedString ATTRIBUTION = new SerializedString("attribution");
    private static final SerializedString PEER_CLASS = new SerializedString("peer-class");
    private static final SerializedString AWS_SERVICE = new SerializedString("aws-service");
    private static final SerializedString THREAT_LISTS = new SerializedString("threat-lists");
    private static final SerializedString TASK = new SerializedString("task");
    private static final SerializedString ACCOUNT_ID = new SerializedString("account-id");
    private static final SerializedString REGION = new SerializedString("region");
    private static final SerializedString CLUSTER = new SerializedString("cluster");
    private static final SerializedString CLUSTER_ARN = new SerializedString("cluster-arn");
    private static final SerializedString SERVICE = new SerializedString("service");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString TASK_ARN = new SerializedString("task-arn");
    private static final SerializedString TASK_ID = new SerializedString("task-id");
    private static final SerializedString TASK_DEFINITION = new SerializedString("task-definition");
    private static final SerializedString LAUNCH_TYPE = new SerializedString("launch-type");
    private static final SerializedString AVAILABILITY_ZONE = new SerializedString("availability-zone");
    private static final SerializedString SUBNET_ID = new SerializedString("subnet-id");
    private static final SerializedString ENI_ID = new SerializedString("eni-id");
    private static final SerializedString INTERFACE_TYPE = new SerializedString("interface-type");
    private static final SerializedString SECURITY_GROUPS = new SerializedString("security-groups");
    /** {@code values()} copies the array on every call; the record writer walks it per flow. */
    private static final FlowLogField[] RECORD_FIELDS = FlowLogField.values();
    /** The AWS name of each record field, by ordinal. */
    private static final SerializedString[] RECORD_NAMES = new SerializedString[RECORD_FIELDS.length];

    static {
        for (FlowLogField field : RECORD_FIELDS) {
            RECORD_NAMES[field.ordinal()] = new SerializedString(field.awsName());
        }
    }

    private EnrichedFlowJson() {}

    /** The flow as one line of JSON, as {@link #write} writes it. */
    public static String toJson(EnrichedFlow flow) {
        return JsonText.of(flow, EnrichedFlowJson::write);
    }

    public static void write(JsonGenerator json, EnrichedFlow flow) throws IOException {
        json.writeStartObject();
        json.writeFieldName(FLOW);
        writeRecord(json, flow.record);
        json.writeFieldName(DIRECTION);
        json.writeString(flow.direction == null ? null : flow.direction.wireName());
        json.writeFieldName(SAME_AZ);
        if (flow.sameAz == null) {
            json.writeNull();
        } else {
            json.writeBoolean(flow.sameAz);
        }
        json.writeFieldName(V7_MISMATCH);
        json.writeBoolean(flow.v7Mismatch);
        json.writeFieldName(SRC);
        writeEndpoint(json, flow.src);
        json.writeFieldName(DST);
        writeEndpoint(json, flow.dst);
        json.writeEndObject();
    }

    /** The record's present fields, keyed by AWS names, numbers as numbers. */
    public static void writeRecord(JsonGenerator json, FlowRecord record) throws IOException {
        json.writeStartObject();
        for (FlowLogField field : RECORD_FIELDS) {
            Object value = field.get(record);
            if (value == null) {
                continue;
            }
            json.writeFieldName(RECORD_NAMES[field.ordinal()]);
            if (value instanceof Integer) {
                json.writeNumber((Integer) value);
            } else if (value instanceof Long) {
                json.writeNumber((Long) value);
            } else {
                json.writeString(value.toString());
            }
        }
        json.writeEndObject();
    }

    private static void writeEndpoint(JsonGenerator json, FlowEndpoint end) throws IOException {
        json.writeStartObject();
        string(json, ADDRESS, end.address);
        string(json, ATTRIBUTION, end.attributionLabel());
        string(json, PEER_CLASS, end.peerClass == null ? null : end.peerClass.wireName());
        string(json, AWS_SERVICE, end.awsService);
        JsonLists.strings(json, THREAT_LISTS, end.threatLists);
        json.writeFieldName(TASK);
        if (end.task == null) {
            json.writeNull();
        } else {
            writeTask(json, end.task);
        }
        json.writeEndObject();
    }

    private static void writeTask(JsonGenerator json, TaskIdentity task) throws IOException {
        json.writeStartObject();
        string(json, ACCOUNT_ID, task.accountId);
        string(json, REGION, task.region);
        string(json, CLUSTER, task.clusterName);
        string(json, CLUSTER_ARN, task.clusterArn);
        string(json, SERVICE, task.serviceName);
        string(json, GROUP, task.group);
        string(json, TASK_ARN, task.taskArn);
        string(json, TASK_ID, task.taskId);
        string(json, TASK_DEFINITION, task.taskDefinition);
        string(json, LAUNCH_TYPE, task.launchType);
        string(json, AVAILABILITY_ZONE, task.availabilityZone);
        string(json, SUBNET_ID, task.subnetId);
        string(json, ENI_ID, task.eniId);
        string(json, INTERFACE_TYPE, task.interfaceType);
        JsonLists.stringsOrUnknown(json, SECURITY_GROUPS, task.securityGroups);
        json.writeEndObject();
    }

    /** As {@link JsonGenerator#writeStringField}, the same bytes, with the name already quoted and encoded. */
    private static void string(JsonGenerator json, SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    /** One enriched flow from its JSON text (one object, nothing after it but white space). */
    public static EnrichedFlow parse(String text) throws IOException {
        try (JsonParser json = FACTORY.createParser(text)) {
            EnrichedFlow flow = read(json);
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "text after the enriched flow object");
            }
            return flow;
        }
    }

    /**
     * Reads the enriched flow object at the parser's current token (its next token, if it has not started), leaving
     * the parser on the object's end.
     */
    public static EnrichedFlow read(JsonParser json) throws IOException {
        expect(json, json.currentToken() == null ? json.nextToken() : json.currentToken(), JsonToken.START_OBJECT,
                "an enriched flow object");
        EnrichedFlow flow = new EnrichedFlow();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "flow" -> flow.record = isNull(json) ? null : readRecord(json);
                case "direction" -> flow.direction = wire(json, field, FlowDirection.values(), FlowDirection::wireName);
                case "same-az" -> flow.sameAz = bool(json, field);
                case "v7-mismatch" -> flow.v7Mismatch = Boolean.TRUE.equals(bool(json, field));
                case "src" -> flow.src = isNull(json) ? null : endpoint(json, field);
                case "dst" -> flow.dst = isNull(json) ? null : endpoint(json, field);
                default -> throw new JsonParseException(json, "unknown enriched flow field '" + field + "'");
            }
        }
        if (flow.record == null || flow.src == null || flow.dst == null) {
            throw new JsonParseException(json, "an enriched flow needs 'flow', 'src' and 'dst' objects");
        }
        return flow;
    }

    /**
     * Reads the record object at the parser's current token, the inverse of {@link #writeRecord}: AWS names only,
     * numbers as JSON integers within their field's range, {@code action} and {@code log-status} from their closed
     * sets; an absent or {@code null} field is absent.
     */
    public static FlowRecord readRecord(JsonParser json) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_OBJECT, "'flow' as an object");
        FlowRecord record = new FlowRecord();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            FlowLogField field = FlowLogField.byName(name);
            if (field == null || !field.awsName().equals(name)) { // byName also knows the Parquet names
                throw new JsonParseException(json, "unknown flow-log field '" + name + "' in 'flow'");
            }
            json.nextToken();
            if (!isNull(json)) {
                field.set(record, recordValue(json, field));
            }
        }
        return record;
    }

    private static Object recordValue(JsonParser json, FlowLogField field) throws IOException {
        String name = "flow." + field.awsName();
        switch (field.type()) {
            case INT, LONG, TIMESTAMP -> {
                expect(json, json.currentToken(), JsonToken.VALUE_NUMBER_INT, "'" + name + "' as an integer");
                if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || json.getLongValue() < field.min() || json.getLongValue() > field.max()) {
                    throw new JsonParseException(json, "'" + name + "' must be within [" + field.min() + ", "
                            + field.max() + "], found " + json.getText());
                }
                return field.type() == FlowLogField.Type.INT ? (Object) json.getIntValue() : json.getLongValue();
            }
            case ACTION -> {
                return oneOf(json, name, ACTIONS);
            }
            case LOG_STATUS -> {
                return oneOf(json, name, LOG_STATUSES);
            }
            default -> {
                return string(json, name);
            }
        }
    }

    private static String oneOf(JsonParser json, String field, Set<String> allowed) throws IOException {
        String value = string(json, field);
        if (!allowed.contains(value)) {
            throw new JsonParseException(json, "'" + field + "' must be one of " + String.join(", ", allowed.stream()
                    .sorted().toList()) + ", found '" + value + "'");
        }
        return value;
    }

    private static FlowEndpoint endpoint(JsonParser json, String end) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_OBJECT, "'" + end + "' as an object");
        FlowEndpoint endpoint = new FlowEndpoint();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            String path = end + "." + field;
            json.nextToken();
            switch (field) {
                case "address" -> endpoint.address = string(json, path);
                case "attribution" -> attribution(json, path, endpoint);
                case "peer-class" -> endpoint.peerClass = wire(json, path, PeerClass.values(), PeerClass::wireName);
                case "aws-service" -> endpoint.awsService = string(json, path);
                case "threat-lists" -> endpoint.threatLists = isNull(json) ? new ArrayList<>() : strings(json, path);
                case "task" -> endpoint.task = isNull(json) ? null : task(json, path);
                default -> throw new JsonParseException(json, "unknown endpoint field '" + path + "'");
            }
        }
        return endpoint;
    }

    /** The inverse of {@link FlowEndpoint#attributionLabel()}: a method, or {@code unattributed[:<reason>]}. */
    private static void attribution(JsonParser json, String field, FlowEndpoint endpoint) throws IOException {
        String label = string(json, field);
        if (label == null) {
            return;
        }
        String unattributed = AttributionMethod.UNATTRIBUTED.wireName() + ":";
        if (label.startsWith(unattributed)) {
            endpoint.attribution = AttributionMethod.UNATTRIBUTED;
            endpoint.unattributedReason = lookup(json, field, label.substring(unattributed.length()),
                    UnattributedReason.values(), UnattributedReason::wireName);
        } else {
            endpoint.attribution = lookup(json, field, label, AttributionMethod.values(), AttributionMethod::wireName);
        }
    }

    private static TaskIdentity task(JsonParser json, String path) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_OBJECT, "'" + path + "' as an object");
        TaskIdentity task = new TaskIdentity();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            String name = path + "." + field;
            json.nextToken();
            switch (field) {
                case "account-id" -> task.accountId = string(json, name);
                case "region" -> task.region = string(json, name);
                case "cluster" -> task.clusterName = string(json, name);
                case "cluster-arn" -> task.clusterArn = string(json, name);
                case "service" -> task.serviceName = string(json, name);
                case "group" -> task.group = string(json, name);
                case "task-arn" -> task.taskArn = string(json, name);
                case "task-id" -> task.taskId = string(json, name);
                case "task-definition" -> task.taskDefinition = string(json, name);
                case "launch-type" -> task.launchType = string(json, name);
                case "availability-zone" -> task.availabilityZone = string(json, name);
                case "subnet-id" -> task.subnetId = string(json, name);
                case "eni-id" -> task.eniId = string(json, name);
                case "interface-type" -> task.interfaceType = string(json, name);
                // null is "no source knows them", [] is "none": the distinction survives the round trip
                case "security-groups" -> task.securityGroups = isNull(json) ? null : strings(json, name);
                default -> throw new JsonParseException(json, "unknown task field '" + name + "'");
            }
        }
        return task;
    }

    private interface WireName<T> {
        String of(T value);
    }

    private static <T> T wire(JsonParser json, String field, T[] values, WireName<T> wireName) throws IOException {
        String name = string(json, field);
        return name == null ? null : lookup(json, field, name, values, wireName);
    }

    private static <T> T lookup(JsonParser json, String field, String name, T[] values, WireName<T> wireName)
            throws IOException {
        List<String> known = new ArrayList<>();
        for (T value : values) {
            if (wireName.of(value).equals(name)) {
                return value;
            }
            known.add(wireName.of(value));
        }
        throw new JsonParseException(json, "'" + field + "': unknown value '" + name + "' (one of "
                + String.join(", ", known) + ")");
    }

    private static boolean isNull(JsonParser json) {
        return json.currentToken() == JsonToken.VALUE_NULL;
    }

    private static String string(JsonParser json, String field) throws IOException {
        if (isNull(json)) {
            return null;
        }
        expect(json, json.currentToken(), JsonToken.VALUE_STRING, "'" + field + "' as a string");
        return json.getText();
    }

    private static Boolean bool(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            expect(json, token, JsonToken.VALUE_TRUE, "'" + field + "' as a boolean");
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private static List<String> strings(JsonParser json, String field) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_ARRAY, "'" + field + "' as an array of strings");
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            expect(json, json.currentToken(), JsonToken.VALUE_STRING, "'" + field + "' as an array of strings");
            values.add(json.getText());
        }
        return values;
    }

    private static void expect(JsonParser json, JsonToken actual, JsonToken expected, String what)
            throws IOException {
        if (actual != expected) {
            throw new JsonParseException(json, "expected " + what + ", found " + (actual == null ? "the end" : actual));
        }
    }
}
