package dev.flowlens.sim;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<Incident> incidents = List.of(new Incident("port-scan", "t1", 100, 200, "10.0.0.9"),
                new Incident("port-scan", "t2", 300, 400, "10.0.0.8"),
                new Incident("c2-beaconing", "t3", 0, 1000, "192.0.2.99"));
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, String.join("\n",
                "{\"kind\":\"port-scan\",\"task-id\":\"t1\",\"start\":150,\"end\":160}",
                "{\"kind\":\"port-scan\",\"task-id\":\"t1\",\"start\":170,\"end\":180}", // same incident again
                "{\"kind\":\"port-scan\",\"task-id\":\"t9\",\"start\":310,\"end\":320}", // wrong task
                "{\"kind\":\"exfiltration\",\"task-id\":\"t3\",\"start\":10,\"end\":20}")); // no such incident

        Map<String, AlertScorer.KindScore> scores = new AlertScorer().score(incidents, alerts);

        assertThat(scores.get("port-scan").recall()).isEqualTo(0.5);
        assertThat(scores.get("port-scan").precision()).isEqualTo(2.0 / 3);
        assertThat(scores.get("c2-beaconing").recall()).isZero();
        assertThat(scores.get("c2-beaconing").precision()).isNaN();
        assertThat(scores.get("exfiltration").precision()).isZero();
    }
}
