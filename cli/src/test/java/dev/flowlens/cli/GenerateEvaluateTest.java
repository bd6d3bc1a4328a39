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
                scenario.resolve("metadata/snapshot.json").toString(), "--network-interfaces",
                scenario.resolve("metadata/network-interfaces.json").toString(), "--services",
                scenario.resolve("metadata/services.json").toString(), "--vpc-cidr", "10.0.0.0/16", "--threat-list",
                "deny=" + scenario.resolve("deny-list.txt"), scenario.resolve("flowlogs").toString());
        assertThat(attribute.exitCode()).isZero();
        Files.writeString(enriched, attribute.outText());

        assertThat(Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString())
                .exitCode()).isZero();

        Cli.Run full = Cli.run(new Cli.FullDisk(100), "", "evaluate", "--truth", scenario.toString(), "--enriched",
                enriched.toString(), "--json", dir.resolve("full.json").toString());
        assertThat(full.exitCode()).isEqualTo(3);
        assertThat(full.errText()).isEqualTo("flowlens evaluate: cannot write to standard output: No space left on"
                + " device\n");
        assertThat(dir.resolve("full.json")).as("no scores from a run that failed").doesNotExist();

        JsonNode scores = new ObjectMapper().readTree(scenario.resolve("evaluation.json").toFile()).path("attribution");
        assertThat(scores.path("missing").asLong()).isZero();
        assertThat(scores.path("unexpected").asLong()).isZero();
        double flowlens = share(scores.path("flowlens"));
        double naive = share(scores.path("naive"));
        assertThat(flowlens).isGreaterThan(0.99);
        assertThat(flowlens).isGreaterThan(naive);
        assertThat(scores.path("flowlens").path("outcomes").path("wrong").asLong()).isZero();
        // security groups from the exports: known for nearly every task end, and never another task's
        assertThat(scores.path("taskEndsWithGroups").asDouble() / scores.path("taskEnds").asDouble())
                .isGreaterThan(0.99);
        assertThat(scores.path("securityGroups").path("outcomes").path("wrong").asLong()).isZero();
        assertThat(scores.path("securityGroups").path("outcomes").path("correct").asLong()).isGreaterThan(1000);
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
        // evaluate scores attribution too, so it needs the scenario's enriched flows
        Path enriched = Files.write(dir.resolve("enriched.jsonl"), Cli.run("", "attribute", "--events",
                scenario.resolve("metadata/events.jsonl").toString(), scenario.resolve("flowlogs").toString())
                .outText().lines().toList());

        Cli.Run evaluate = Cli.run("", "evaluate", "--truth", scenario.toString(), "--enriched", enriched.toString(),
                "--alerts", alerts.toString());

        assertThat(evaluate.exitCode()).as(evaluate.errText()).isZero();
        assertThat(evaluate.outText()).contains("port-scan", "threat-list-match", "new-external-destination")
                .containsPattern("kind +incidents +detected +recall +alerts +true +precision\n")
                .containsPattern("port-scan +1 +1 +100% +1 +1 +100%\n");
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

    @Test
    void generateInjectsTheChosenIncidentSet() throws Exception {
        Path scenario = dir.resolve("variants");
        Cli.Run generate = Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "240", "--layout",
                "lines", "--incidents", "variants");
        assertThat(generate.exitCode()).as(generate.errText()).isZero();
        assertThat(generate.errText()).doesNotContain("left out").contains(" 17 incidents");
        JsonNode truth = new ObjectMapper().readTree(scenario.resolve("truth/incidents.json").toFile());
        assertThat(truth).hasSize(17);
        assertThat(truth).noneMatch(incident -> incident.path("variant").asText().equals("base"));
        assertThat(truth).anyMatch(incident -> incident.path("taskIds").size() >= 3);
        assertThat(truth).anyMatch(incident -> incident.path("implied").size() > 0);
        assertThat(Files.readString(scenario.resolve("truth/flows.tsv"))).contains("variant:slow-port-scan");

        Cli.Run tooShort = Cli.run("", "generate", "--out", dir.resolve("short").toString(), "--incidents", "all");
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.errText()).contains("needs at least 240 minutes").contains("--minutes");
        Cli.Run unknown = Cli.run("", "generate", "--out", dir.resolve("unknown").toString(), "--incidents", "some");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errText()).contains("--incidents: unknown incident set 'some': use base, variants or all");
    }

    /** Input that cannot be scored is a usage error naming what is wrong, never a table of zeros. */
    @Test
    void evaluateSaysWhyNothingCanBeScored() throws Exception {
        Path scenario = dir.resolve("seven");
        Path other = dir.resolve("eight");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "1", "--seed", "7")
                .exitCode()).isZero();
        assertThat(Cli.run("", "generate", "--out", other.toString(), "--minutes", "1", "--seed", "8")
                .exitCode()).isZero();
        Cli.Run attribute = Cli.run("", "attribute", "--events", scenario.resolve("metadata/events.jsonl").toString(),
                scenario.resolve("flowlogs").toString());
        List<String> lines = attribute.outText().lines().toList();
        Path enriched = Files.write(dir.resolve("enriched.jsonl"), lines);

        Cli.Run otherSeed = evaluate(other, enriched);
        assertThat(otherSeed.exitCode()).isEqualTo(2);
        assertThat(otherSeed.errText()).isEqualTo(String.format("flowlens evaluate: none of the %,d enriched",
                lines.size())
                + " flows in '" + enriched + "' is a record of the truth in '" + other + "': were they made from"
                + " another scenario or seed?\n");
        assertThat(other.resolve("evaluation.json")).doesNotExist();

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Cli.Run none = evaluate(scenario, empty);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errText()).isEqualTo("flowlens evaluate: --enriched '" + empty + "' holds no enriched"
                + " flows\n");

        List<String> withBadLine = new ArrayList<>(lines.subList(0, 5));
        withBadLine.add("{\"flow\": {\"srcaddr");
        withBadLine.addAll(lines.subList(5, lines.size()));
        Path bad = Files.write(dir.resolve("bad.jsonl"), withBadLine);
        Cli.Run badLine = evaluate(scenario, bad);
        assertThat(badLine.exitCode()).isEqualTo(2);
        assertThat(badLine.errText()).isEqualTo("flowlens evaluate: '" + bad + "' line 6: not an enriched flow"
                + " (invalid JSON); give the JSON lines of 'flowlens attribute' or 'flowlens run enrich'\n");

        Path binary = Files.write(dir.resolve("enriched.jsonl.gz"),
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, (byte) 0xff});
        Cli.Run notText = evaluate(scenario, binary);
        assertThat(notText.exitCode()).isEqualTo(2);
        assertThat(notText.errText()).isEqualTo("flowlens evaluate: '" + binary + "' line 1: not UTF-8 text; give"
                + " the JSON lines of 'flowlens attribute' or 'flowlens run enrich'\n");
    }

    private static Cli.Run evaluate(Path truth, Path enriched) {
        return Cli.run("", "evaluate", "--truth", truth.toString(), "--enriched", enriched.toString());
    }

    @Test
    void generateUsageErrorsAreOneLineAndExitTwo() throws Exception {
        Cli.Run minutes = Cli.run("", "generate", "--out", dir.resolve("s").toString(), "--minutes", "ten");
        assertThat(minutes.exitCode()).isEqualTo(2);
        assertThat(minutes.errText()).isEqualTo("flowlens generate: --minutes: expected a whole number, not 'ten'"
                + " (see 'flowlens generate --help')\n");

        Path file = Files.writeString(dir.resolve("a-file"), "mine\n");
        Cli.Run underFile = Cli.run("", "generate", "--out", file.resolve("scenario").toString(), "--minutes", "1");
        assertThat(underFile.exitCode()).isEqualTo(2);
        assertThat(underFile.errText()).isEqualTo("flowlens generate: --out '" + file.resolve("scenario")
                + "': cannot create the directory: '" + file + "' is a file\n");
        assertThat(file).hasContent("mine");
    }

    private static double share(JsonNode counts) {
        return counts.path("outcomes").path("correct").asDouble() / counts.path("ends").asDouble();
    }

}
