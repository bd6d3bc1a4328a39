package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertTask;
import dev.flowlens.schemas.json.AlertJson;
import dev.flowlens.sim.AlertScorer;
import dev.flowlens.sim.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → attribute → evaluate through the command line, on a small scenario with IP reuse and lost events. */
class GenerateEvaluateTest {
    @TempDir
    Path dir;

    @Test
    void attributionBeatsTheNaiveJoinOnGeneratedData() throws Exception {
        Path scenario = dir.resolve("scenario");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "15", "--seed", "7")
                .exitCode()).isZero();
        Path enriched = dir.resolve("enriched.jsonl");
        Cli.Run attribute = Cli.run("", "attribute", "--events",
                scenario.resolve("metadata/events.jsonl").toString(), "--snapshot",
                scenario.resolve("metadata/snapshot.json").toString(), "--vpc-cidr", "10.0.0.0/16", "--threat-list",
                "deny=" + scenario.resolve("deny-list.txt"), scenario.resolve("flowlogs").toString());
        assertThat(attribute.exitCode()).isZero();
        Files.writeString(enriched, attribute.outText());

        assertThat(Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString())
                .exitCode()).isZero();

        JsonNode scores = new ObjectMapper().readTree(scenario.resolve("evaluation.json").toFile()).path("attribution");
        assertThat(scores.path("missing").asLong()).isZero();
        assertThat(scores.path("unexpected").asLong()).isZero();
        double flowlens = share(scores.path("flowlens"));
        double naive = share(scores.path("naive"));
        assertThat(flowlens).isGreaterThan(0.99);
        assertThat(flowlens).isGreaterThan(naive);
        assertThat(scores.path("flowlens").path("outcomes").path("wrong").asLong()).isZero();
        // under IP reuse the naive join names wrong tasks; Flowlens names none (what it cannot know, it says so)
        JsonNode reused = scores.path("flowlensBySituation").path("reused-ip");
        JsonNode naiveReused = scores.path("naiveBySituation").path("reused-ip");
        assertThat(reused.path("ends").asLong()).isGreaterThan(100);
        assertThat(reused.path("outcomes").path("wrong").asLong()).isZero();
        assertThat(naiveReused.path("outcomes").path("wrong").asLong()).isPositive();
    }

    @Test
    void alertsAreScoredPerKindByWireName() throws Exception {
        Path scenario = dir.resolve("scenario");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "15", "--seed", "7")
                .exitCode()).isZero();
        List<Incident> incidents = AlertScorer.incidents(scenario);
        assertThat(incidents).isNotEmpty();
        List<String> lines = new ArrayList<>();
        for (Incident incident : incidents) { // a perfect detector: one alert per incident
            Alert alert = new Alert();
            alert.kind = incident.kind();
            alert.start = incident.start();
            alert.end = incident.end();
            AlertTask task = new AlertTask();
            task.taskId = incident.taskId();
            alert.tasks.add(task);
            lines.add(AlertJson.toJson(alert));
        }
        Alert wrong = new Alert(); // and one alert of a kind nothing injected
        wrong.kind = AlertKind.NEW_EXTERNAL_DESTINATION;
        wrong.start = incidents.get(0).start();
        wrong.end = incidents.get(0).end();
        lines.add(AlertJson.toJson(wrong));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.write(alerts, lines);
        Path enriched = Files.writeString(dir.resolve("none.jsonl"), "");

        Cli.Run evaluate = Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString(),
                "--alerts", alerts.toString());

        assertThat(evaluate.exitCode()).as(evaluate.errText()).isZero();
        assertThat(evaluate.outText()).contains("port-scan", "threat-list-match", "new-external-destination");
        JsonNode detection = new ObjectMapper().readTree(scenario.resolve("evaluation.json").toFile())
                .path("detection");
        for (Incident incident : incidents) {
            JsonNode score = detection.path(incident.kind().wireName());
            assertThat(score.path("incidents").asLong()).as(incident.kind().wireName()).isEqualTo(1);
            assertThat(score.path("detected").asLong()).as(incident.kind().wireName()).isEqualTo(1);
        }
        assertThat(detection.path("new-external-destination").path("alerts").asLong()).isEqualTo(1);
        assertThat(detection.path("new-external-destination").path("trueAlerts").asLong()).isZero();
    }

    private static double share(JsonNode counts) {
        return counts.path("outcomes").path("correct").asDouble() / counts.path("ends").asDouble();
    }

}
