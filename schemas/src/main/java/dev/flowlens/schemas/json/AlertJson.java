package dev.flowlens.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertEvidence;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of an {@link Alert}, one object per alert (an alerts file is one per line); documented in
 * {@code schemas/alert.md}. Names are hyphenated, enums are their wire names.
 *
 * <p>Reading is strict, so a misspelt field cannot silently score as a miss: an unknown field, an unknown kind,
 * severity, status or peer class, or a value of the wrong type is an error naming it. {@code kind}, {@code start} and
 * {@code end} are required; an absent or {@code null} field is otherwise its Java default (null, 0, empty list).
 */
public final class AlertJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AlertJson() {}

    /** The alert as one line of JSON. */
    public static String toJson(Alert alert) {
        return JsonText.of(alert, AlertJson::write);
    }

    public static void write(JsonGenerator json, Alert alert) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", alert.id);
        json.writeStringField("kind", alert.kind == null ? null : alert.kind.wireName());
        json.writeStringField("severity", alert.severity == null ? null : alert.severity.wireName());
        json.writeStringField("status", alert.status == null ? null : alert.status.wireName());
        json.writeNumberField("start", alert.start);
        json.writeNumberField("end", alert.end);
        json.writeStringField("account-id", alert.accountId);
        json.writeStringField("region", alert.region);
        json.writeStringField("cluster", alert.cluster);
        json.writeStringField("service", alert.service);
        json.writeArrayFieldStart("tasks");
        for (AlertTask task : alert.tasks == null ? List.<AlertTask>of() : alert.tasks) {
            json.writeStartObject();
            json.writeStringField("task-arn", task.taskArn);
            json.writeStringField("task-id", task.taskId);
            json.writeStringField("task-definition", task.taskDefinition);
            json.writeStringField("eni-id", task.eniId);
            json.writeStringField("address", task.address);
            JsonLists.stringsOrUnknown(json, "security-groups", task.securityGroups);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("peer");
        if (alert.peer == null) {
            json.writeNull();
        } else {
            AlertPeer peer = alert.peer;
            json.writeStartObject();
            json.writeStringField("address", peer.address);
            integer(json, "port", peer.port);
            integer(json, "protocol", peer.protocol);
            json.writeStringField("peer-class", peer.peerClass == null ? null : peer.peerClass.wireName());
            JsonLists.strings(json, "threat-lists", peer.threatLists);
            json.writeEndObject();
        }
        json.writeFieldName("evidence");
        AlertEvidence evidence = alert.evidence == null ? new AlertEvidence() : alert.evidence;
        json.writeStartObject();
        json.writeNumberField("flows", evidence.flows);
        json.writeNumberField("packets", evidence.packets);
        json.writeNumberField("bytes", evidence.bytes);
        json.writeNumberField("rejected", evidence.rejected);
        json.writeNumberField("distinct-ports", evidence.distinctPorts);
        json.writeNumberField("distinct-hosts", evidence.distinctHosts);
        JsonLists.strings(json, "samples", evidence.samples);
        json.writeEndObject();
        json.writeStringField("explanation", alert.explanation);
        json.writeStringField("suggested-response", alert.suggestedResponse);
        json.writeEndObject();
    }

    /** One alert from its JSON text. */
    public static Alert parse(String text) throws IOException {
        try (JsonParser json = FACTORY.createParser(text)) {
            Alert alert = read(json);
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "text after the alert object");
            }
            return alert;
        }
    }

    /** Reads the alert object at the parser's current token (its next token, if it has not started). */
    public static Alert read(JsonParser json) throws IOException {
        expect(json, json.currentToken() == null ? json.nextToken() : json.currentToken(), JsonToken.START_OBJECT,
                "an alert object");
        Alert alert = new Alert();
        boolean kind = false;
        boolean start = false;
        boolean end = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "id" -> alert.id = string(json, field);
                case "kind" -> {
                    alert.kind = wire(json, field, AlertKind::fromWireName);
                    kind = alert.kind != null;
                }
                case "severity" -> alert.severity = wire(json, field, AlertSeverity::fromWireName);
                case "status" -> alert.status = wire(json, field, AlertStatus::fromWireName);
                case "start" -> {
                    alert.start = number(json, field);
                    start = value != JsonToken.VALUE_NULL;
                }
                case "end" -> {
                    alert.end = number(json, field);
                    end = value != JsonToken.VALUE_NULL;
                }
                case "account-id" -> alert.accountId = string(json, field);
                case "region" -> alert.region = string(json, field);
                case "cluster" -> alert.cluster = string(json, field);
                case "service" -> alert.service = string(json, field);
                case "tasks" -> alert.tasks = tasks(json);
                case "peer" -> alert.peer = value == JsonToken.VALUE_NULL ? null : peer(json);
                case "evidence" -> alert.evidence =
                        value == JsonToken.VALUE_NULL ? new AlertEvidence() : evidence(json);
                case "explanation" -> alert.explanation = string(json, field);
                case "suggested-response" -> alert.suggestedResponse = string(json, field);
                default -> throw new JsonParseException(json, "unknown alert field '" + field + "'");
            }
        }
        if (!kind || !start || !end) {
            throw new JsonParseException(json, "an alert needs kind, start and end");
        }
        return alert;
    }

    private static List<AlertTask> tasks(JsonParser json) throws IOException {
        List<AlertTask> tasks = new ArrayList<>();
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return tasks;
        }
        expect(json, json.currentToken(), JsonToken.START_ARRAY, "'tasks' as an array");
        while (json.nextToken() != JsonToken.END_ARRAY) {
            expect(json, json.currentToken(), JsonToken.START_OBJECT, "a task object");
            AlertTask task = new AlertTask();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "task-arn" -> task.taskArn = string(json, field);
                    case "task-id" -> task.taskId = string(json, field);
                    case "task-definition" -> task.taskDefinition = string(json, field);
                    case "eni-id" -> task.eniId = string(json, field);
                    case "address" -> task.address = string(json, field);
                    case "security-groups" -> task.securityGroups = json.currentToken() == JsonToken.VALUE_NULL ? null
                            : strings(json, field);
                    default -> throw new JsonParseException(json, "unknown task field '" + field + "'");
                }
            }
            tasks.add(task);
        }
        return tasks;
    }

    private static AlertPeer peer(JsonParser json) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_OBJECT, "'peer' as an object");
        AlertPeer peer = new AlertPeer();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "address" -> peer.address = string(json, field);
                case "port" -> peer.port = integer(json, field);
                case "protocol" -> peer.protocol = integer(json, field);
                case "peer-class" -> peer.peerClass = wire(json, field, AlertJson::peerClass);
                case "threat-lists" -> peer.threatLists = strings(json, field);
                default -> throw new JsonParseException(json, "unknown peer field '" + field + "'");
            }
        }
        return peer;
    }

    private static AlertEvidence evidence(JsonParser json) throws IOException {
        expect(json, json.currentToken(), JsonToken.START_OBJECT, "'evidence' as an object");
        AlertEvidence evidence = new AlertEvidence();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "flows" -> evidence.flows = number(json, field);
                case "packets" -> evidence.packets = number(json, field);
                case "bytes" -> evidence.bytes = number(json, field);
                case "rejected" -> evidence.rejected = number(json, field);
                case "distinct-ports" -> evidence.distinctPorts = number(json, field);
                case "distinct-hosts" -> evidence.distinctHosts = number(json, field);
                case "samples" -> evidence.samples = strings(json, field);
                default -> throw new JsonParseException(json, "unknown evidence field '" + field + "'");
            }
        }
        return evidence;
    }

    private static PeerClass peerClass(String name) {
        for (PeerClass peerClass : PeerClass.values()) {
            if (peerClass.wireName().equals(name)) {
                return peerClass;
            }
        }
        throw new IllegalArgumentException("unknown peer class '" + name + "'");
    }

    private interface WireName<T> {
        T of(String name);
    }

    private static <T> T wire(JsonParser json, String field, WireName<T> lookup) throws IOException {
        String name = string(json, field);
        if (name == null) {
            return null;
        }
        try {
            return lookup.of(name);
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(json, "'" + field + "': " + e.getMessage());
        }
    }

    private static String string(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, token, JsonToken.VALUE_STRING, "'" + field + "' as a string");
        return json.getText();
    }

    private static long number(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(json, token, JsonToken.VALUE_NUMBER_INT, "'" + field + "' as an integer");
        return json.getLongValue();
    }

    private static Integer integer(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, token, JsonToken.VALUE_NUMBER_INT, "'" + field + "' as an integer");
        return json.getIntValue();
    }

    private static List<String> strings(JsonParser json, String field) throws IOException {
        List<String> values = new ArrayList<>();
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return values;
        }
        expect(json, json.currentToken(), JsonToken.START_ARRAY, "'" + field + "' as an array of strings");
        while (json.nextToken() != JsonToken.END_ARRAY) {
            expect(json, json.currentToken(), JsonToken.VALUE_STRING, "'" + field + "' as an array of strings");
            values.add(json.getText());
        }
        return values;
    }


    private static void integer(JsonGenerator json, String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static void expect(JsonParser json, JsonToken actual, JsonToken expected, String what)
            throws IOException {
        if (actual != expected) {
            throw new JsonParseException(json, "expected " + what + ", found " + (actual == null ? "the end" : actual));
        }
    }
}
