package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.schemas.alert.AlertKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertScorerTest {
    @TempDir
    Path dir;

    @Test
    void recallAndPrecisionPerKind() throws Exception {
        List<Incident> incidents = List.of(new Incident(AlertKind.PORT_SCAN, "t1", 100, 200, "10.0.0.9"),
                new Incident(AlertKind.PORT_SCAN, "t2", 300, 400, "10.0.0.8"),
                new Incident(AlertKind.BEACONING, "t3", 0, 1000, "192.0.2.99"));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, String.join("\n",
                alert("port-scan", 150, 160, "t1"),
                alert("port-scan", 170, 180, "t1"), // same incident again
                alert("port-scan", 310, 320, "t9"), // wrong task
                alert("port-scan", 410, 420, "t2"), // right task, after the incident
                alert("exfiltration", 10, 20, "t3"), // no such incident
                "{\"kind\":\"beaconing\",\"start\":10,\"end\":20,\"tasks\":[]}")); // blames no task

        Map<AlertKind, AlertScorer.KindScore> scores = new AlertScorer().score(incidents, alerts);

        assertThat(scores.get(AlertKind.PORT_SCAN).recall()).isEqualTo(0.5);
        assertThat(scores.get(AlertKind.PORT_SCAN).precision()).isEqualTo(2.0 / 4);
        assertThat(scores.get(AlertKind.BEACONING).recall()).isZero();
        assertThat(scores.get(AlertKind.BEACONING).precision()).isZero();
        assertThat(scores.get(AlertKind.EXFILTRATION).incidents).isZero();
        assertThat(scores.get(AlertKind.EXFILTRATION).precision()).isZero();
        assertThat(scores).containsOnlyKeys(AlertKind.PORT_SCAN, AlertKind.BEACONING, AlertKind.EXFILTRATION);
    }

    @Test
    void anAlertOfSeveralTasksDetectsTheIncidentOfAnyOfThem() throws Exception {
        List<Incident> incidents = List.of(new Incident(AlertKind.EXFILTRATION, "t2", 100, 200, "192.0.2.200"));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, "{\"kind\":\"exfiltration\",\"start\":100,\"end\":200,"
                + "\"tasks\":[{\"task-id\":\"t1\"},{\"task-id\":\"t2\"}]}\n");

        AlertScorer.KindScore score = new AlertScorer().score(incidents, alerts).get(AlertKind.EXFILTRATION);

        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.precision()).isEqualTo(1.0);
    }

    @Test
    void anAlertOfAnImpliedKindIsTrueButDetectsNothingForRecall() throws Exception {
        // a port scan whose REJECTs are also a reject storm, and a reject storm of its own on another task
        List<Incident> incidents = List.of(
                new Incident(AlertKind.PORT_SCAN, "fast-port-scan", List.of("t1"), 100, 200, "10.0.0.9",
                        List.of(AlertKind.REJECT_STORM)),
                new Incident(AlertKind.REJECT_STORM, Incident.BASE, List.of("t2"), 100, 200, null, List.of()));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, String.join("\n",
                alert("reject-storm", 150, 160, "t1"), // implied by the scan: true
                alert("unusual-port", 150, 160, "t1"))); // the scan is not that: false

        Map<AlertKind, AlertScorer.KindScore> scores = new AlertScorer().score(incidents, alerts);

        AlertScorer.KindScore storm = scores.get(AlertKind.REJECT_STORM);
        assertThat(storm.trueAlerts).isEqualTo(1);
        assertThat(storm.precision()).isEqualTo(1.0);
        assertThat(storm.incidents).isEqualTo(1); // only the incident whose primary kind it is
        assertThat(storm.detected).isZero(); // the true alert was on the scan, not on the storm
        assertThat(scores.get(AlertKind.PORT_SCAN).detected).isZero(); // a storm alert does not detect the scan
        assertThat(scores.get(AlertKind.UNUSUAL_PORT).precision()).isZero();
    }

    @Test
    void anAlertNamingAnyTaskOfAnIncidentSpreadOverTasksDetectsIt() throws Exception {
        List<Incident> incidents = List.of(new Incident(AlertKind.EXFILTRATION, "spread-exfiltration",
                List.of("t1", "t2", "t3"), 100, 200, "198.18.1.1", List.of(AlertKind.NEW_EXTERNAL_DESTINATION)));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, alert("exfiltration", 100, 200, "t3") + "\n"
                + alert("new-external-destination", 100, 200, "t2") + "\n");

        Map<AlertKind, AlertScorer.KindScore> scores = new AlertScorer().score(incidents, alerts);

        assertThat(scores.get(AlertKind.EXFILTRATION).recall()).isEqualTo(1.0);
        assertThat(scores.get(AlertKind.NEW_EXTERNAL_DESTINATION).precision()).isEqualTo(1.0);
        assertThat(scores.get(AlertKind.NEW_EXTERNAL_DESTINATION).incidents).isZero();
    }

    @Test
    void theTruthsIncidentsReadBackWithTheirTasksVariantsAndImpliedKinds() throws Exception {
        Simulation sim = new Simulation(SimConfig.defaults().withDuration(IncidentSet.VARIANTS_MINUTES)
                .withIncidentSet(IncidentSet.ALL));
        new ScenarioWriter(sim, dir, ScenarioWriter.Layout.LINES).write();

        List<Incident> read = AlertScorer.incidents(dir);

        assertThat(read).isEqualTo(sim.incidents());
        assertThat(read).anySatisfy(incident -> assertThat(incident.taskIds()).hasSizeGreaterThan(1));
        assertThat(read).anySatisfy(incident -> assertThat(incident.implied()).isNotEmpty());
    }

    @Test
    void aTruthOfOneTaskPerIncidentReadsAsSuch() throws Exception {
        Files.createDirectories(dir.resolve("truth"));
        Files.writeString(dir.resolve("truth/incidents.json"),
                "[{\"kind\":\"port-scan\",\"taskId\":\"t1\",\"start\":1,\"end\":2,\"peer\":\"10.0.0.9\"}]");

        assertThat(AlertScorer.incidents(dir)).containsExactly(new Incident(AlertKind.PORT_SCAN, "t1", 1, 2,
                "10.0.0.9"));
    }

    @Test
    void anUnknownImpliedKindIsAnErrorNamingTheIncident() throws Exception {
        Files.createDirectories(dir.resolve("truth"));
        Files.writeString(dir.resolve("truth/incidents.json"), "[{\"kind\":\"port-scan\",\"taskIds\":[\"t1\"],"
                + "\"start\":1,\"end\":2,\"implied\":[\"port-sweep\"]}]");

        assertThatThrownBy(() -> AlertScorer.incidents(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("incident 1").hasMessageContaining("port-sweep");
    }

    @Test
    void aLineThatIsNotAnAlertIsAnErrorNamingTheLine() throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, alert("port-scan", 1, 2, "t1") + "\n"
                + "{\"kind\":\"port-scan\",\"task-id\":\"t1\",\"start\":1,\"end\":2}\n"); // the old flat format

        assertThatThrownBy(() -> new AlertScorer().score(List.of(), alerts)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(alerts + ":2: ").hasMessageContaining("unknown alert field 'task-id'");
    }

    private static String alert(String kind, long start, long end, String taskId) {
        return "{\"kind\":\"" + kind + "\",\"start\":" + start + ",\"end\":" + end + ",\"tasks\":[{\"task-id\":\""
                + taskId + "\"}]}";
    }
}
