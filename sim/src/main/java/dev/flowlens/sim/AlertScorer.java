package dev.flowlens.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores alerts against the injected incidents, per incident kind. An alert is a JSON object per line with
 * {@code kind} (an incident kind), {@code task-id} (the task it blames), {@code start} and {@code end} (epoch
 * seconds). It detects an incident of the same kind and task whose time it overlaps; recall is the share of incidents
 * detected, precision the share of alerts that detect one.
 */
public final class AlertScorer {
    /** Per-kind detection scores. */
    public static final class KindScore {
        public long incidents;
        public long detected;
        public long alerts;
        public long trueAlerts;

        public double recall() {
            return incidents == 0 ? Double.NaN : (double) detected / incidents;
        }

        public double precision() {
            return alerts == 0 ? Double.NaN : (double) trueAlerts / alerts;
        }
    }

    private record Alert(String kind, String taskId, long start, long end) {}

    public Map<String, KindScore> score(List<Incident> incidents, Path alertsFile) throws IOException {
        List<Alert> alerts = read(alertsFile);
        Map<String, KindScore> scores = new TreeMap<>();
        for (Incident incident : incidents) {
            scores.computeIfAbsent(incident.kind(), k -> new KindScore()).incidents++;
        }
        boolean[] detected = new boolean[incidents.size()];
        for (Alert alert : alerts) {
            KindScore score = scores.computeIfAbsent(alert.kind(), k -> new KindScore());
            score.alerts++;
            boolean hit = false;
            for (int i = 0; i < incidents.size(); i++) {
                Incident incident = incidents.get(i);
                if (incident.kind().equals(alert.kind()) && incident.taskId().equals(alert.taskId())
                        && alert.start() < incident.end() && incident.start() < alert.end()) {
                    hit = true;
                    if (!detected[i]) {
                        detected[i] = true;
                        score.detected++;
                    }
                }
            }
            score.trueAlerts += hit ? 1 : 0;
        }
        return scores;
    }

    private static List<Alert> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Alert> alerts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode alert = json.readTree(line);
                if (!alert.hasNonNull("kind") || !alert.hasNonNull("start") || !alert.hasNonNull("end")) {
                    throw new IOException(file + ":" + number + ": an alert needs kind, start and end");
                }
                alerts.add(new Alert(alert.get("kind").asText(), alert.path("task-id").asText(""),
                        alert.get("start").asLong(), alert.get("end").asLong()));
            }
        }
        return alerts;
    }

    /** The incidents of a generated scenario ({@code truth/incidents.json}). */
    public static List<Incident> incidents(Path scenario) throws IOException {
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(scenario.resolve("truth/incidents.json").toFile())) {
            incidents.add(new Incident(node.path("kind").asText(), node.path("taskId").asText(null),
                    node.path("start").asLong(), node.path("end").asLong(), node.path("peer").asText(null)));
        }
        return incidents;
    }
}
