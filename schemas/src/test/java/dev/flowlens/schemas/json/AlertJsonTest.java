package dev.flowlens.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowlens.schemas.MarkdownTables;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertPeer;
import dev.flowlens.schemas.alert.AlertSeverity;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.alert.AlertTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    private static final Path DOC = Path.of("alert.md");

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        Alert alert = fullAlert();
        Alert read = AlertJson.parse(AlertJson.toJson(alert));
        assertThat(read).usingRecursiveComparison().isEqualTo(alert);
    }

    @Test
    void enumsAreWrittenAsTheirWireNames() {
        String json = AlertJson.toJson(fullAlert());
        assertThat(json).contains("\"kind\":\"network-sweep\"", "\"severity\":\"medium\"", "\"status\":\"updated\"",
                "\"peer-class\":\"same-vpc\"");
    }

    @Test
    void alertMdDocumentsExactlyTheWrittenFields() throws Exception {
        List<String> documented = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(DOC, "alert-fields")) {
            documented.add(MarkdownTables.code(row.get(0)));
        }
        assertThat(documented).containsExactlyElementsOf(paths(AlertJson.toJson(fullAlert())));
    }

    @Test
    void alertMdListsEveryKindWithItsMeaning() throws Exception {
        List<String> documented = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(DOC, "alert-kinds")) {
            documented.add(MarkdownTables.code(row.get(0)) + " | " + row.get(1));
        }
        List<String> declared = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            declared.add(kind.wireName() + " | " + kind.meaning());
        }
        assertThat(documented).containsExactlyElementsOf(declared);
    }

    @Test
    void theExampleInAlertMdReads() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```json", doc.indexOf("<!-- alert-example -->")) + "```json".length();
        Alert example = AlertJson.parse(doc.substring(start, doc.indexOf("```", start)));
        assertThat(example.kind).isEqualTo(AlertKind.PORT_SCAN);
        assertThat(example.tasks).extracting(t -> t.taskId).containsExactly("0123456789abcdef");
        assertThat(example.peer.peerClass).isEqualTo(PeerClass.TASK);
        assertThat(example.evidence.distinctPorts).isEqualTo(200);
        assertThat(example.evidence.samples).hasSize(2);
    }

    @Test
    void onlyKindStartAndEndAreRequired() throws Exception {
        Alert alert = AlertJson.parse("{\"kind\":\"port-scan\",\"start\":100,\"end\":160,\"peer\":null}");
        assertThat(alert.kind).isEqualTo(AlertKind.PORT_SCAN);
        assertThat(alert.start).isEqualTo(100);
        assertThat(alert.end).isEqualTo(160);
        assertThat(alert.id).isNull();
        assertThat(alert.tasks).isEmpty();
        assertThat(alert.peer).isNull();
        assertThat(alert.evidence.flows).isZero();
        assertThat(alert.evidence.samples).isEmpty();

        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"start\":100}"))
                .isInstanceOf(IOException.class).hasMessageContaining("needs kind, start and end");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":null,\"start\":100,\"end\":160}"))
                .isInstanceOf(IOException.class).hasMessageContaining("needs kind, start and end");
    }

    @Test
    void readingIsStrict() {
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"task-id\":\"t1\",\"start\":1,\"end\":2}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown alert field 'task-id'");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"c2-beaconing\",\"start\":1,\"end\":2}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown alert kind 'c2-beaconing'")
                .hasMessageContaining("beaconing, unknown-workload");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"start\":\"1\",\"end\":2}"))
                .isInstanceOf(IOException.class).hasMessageContaining("'start' as an integer");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"start\":1,\"end\":2,"
                + "\"tasks\":[{\"task\":\"t1\"}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown task field 'task'");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"start\":1,\"end\":2,"
                + "\"peer\":{\"peer-class\":\"moon\"}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown peer class 'moon'");
        assertThatThrownBy(() -> AlertJson.parse("{\"kind\":\"port-scan\",\"start\":1,\"end\":2} {}"))
                .isInstanceOf(IOException.class).hasMessageContaining("text after the alert object");
    }

    /** Every field name in the JSON, nested ones as {@code peer.address} and {@code tasks[].task-id}, in order. */
    private static List<String> paths(String json) throws IOException {
        Set<String> paths = new LinkedHashSet<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            collect(parser, "", paths);
        }
        return new ArrayList<>(paths);
    }

    private static void collect(JsonParser parser, String prefix, Set<String> paths) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix + parser.currentName();
            paths.add(path);
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                collect(parser, path + ".", paths);
            } else if (value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == JsonToken.START_OBJECT) {
                        collect(parser, path + "[].", paths);
                    }
                }
            }
        }
    }

    /** Every field set, nested objects included, no two values alike. */
    static Alert fullAlert() {
        Alert alert = new Alert();
        alert.id = "network-sweep/api/t1/1714986720";
        alert.kind = AlertKind.NETWORK_SWEEP;
        alert.severity = AlertSeverity.MEDIUM;
        alert.status = AlertStatus.UPDATED;
        alert.start = 1_714_986_720L;
        alert.end = 1_714_986_900L;
        alert.accountId = "123456789012";
        alert.region = "eu-west-1";
        alert.cluster = "prod";
        alert.service = "api";
        AlertTask task = new AlertTask();
        task.taskArn = "arn:aws:ecs:eu-west-1:123456789012:task/prod/t1";
        task.taskId = "t1";
        task.taskDefinition = "api:3";
        task.eniId = "eni-1";
        task.address = "10.0.1.5";
        task.securityGroups = new ArrayList<>(List.of("sg-1", "sg-2"));
        AlertTask other = new AlertTask();
        other.taskId = "t2";
        alert.tasks = new ArrayList<>(List.of(task, other));
        AlertPeer peer = new AlertPeer();
        peer.address = "10.0.2.0/24";
        peer.port = 22;
        peer.protocol = 6;
        peer.peerClass = PeerClass.SAME_VPC;
        peer.threatLists = new ArrayList<>(List.of("deny"));
        alert.peer = peer;
        alert.evidence.flows = 100;
        alert.evidence.packets = 101;
        alert.evidence.bytes = 4_040;
        alert.evidence.rejected = 99;
        alert.evidence.distinctPorts = 1;
        alert.evidence.distinctHosts = 100;
        alert.evidence.samples = new ArrayList<>(List.of("1714986720 10.0.1.5:40000 > 10.0.2.4:22 6 REJECT 1 40"));
        alert.explanation = "Task t1 of api reached port 22 on 100 hosts of 10.0.2.0/24 in three minutes.";
        alert.suggestedResponse = "Stop the task.";
        return alert;
    }
}
