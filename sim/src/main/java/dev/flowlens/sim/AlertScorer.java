package dev.flowlens.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertTask;
import dev.flowlens.schemas.json.AlertJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores alerts against the injected incidents, per kind. The alerts file holds one alert per line in the JSON of
 * {@code schemas/alert.md} ({@link AlertJson}). An alert detects an incident of the same kind when one of its tasks
 * is the incident's task and its window overlaps the incident's; recall is the share of incidents detected,
 * precision the share of alerts that detect one.
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

    /** Scores by kind, in {@link AlertKind} order, for every kind with an incident or an alert. */
    public Map<AlertKind, KindScore> score(List<Incident> incidents, Path alertsFile) throws IOException {
        List<Alert> alerts = read(alertsFile);
        Map<AlertKind, KindScore> scores = new EnumMap<>(AlertKind.class);
        for (Incident incident : incidents) {
            scores.computeIfAbsent(incident.kind(), k -> new KindScore()).incidents++;
        }
        boolean[] detected = new boolean[incidents.size()];
        for (Alert alert : alerts) {
            KindScore score = scores.computeIfAbsent(alert.kind, k -> new KindScore());
            score.alerts++;
            boolean hit = false;
            for (int i = 0; i < incidents.size(); i++) {
                Incident incident = incidents.get(i);
                if (incident.kind() == alert.kind && blames(alert, incident.taskId())
                        && alert.start < incident.end() && incident.start() < alert.end) {
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

    private static boolean blames(Alert alert, String taskId) {
        for (AlertTask task : alert.tasks) {
            if (Objects.equals(task.taskId, taskId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The alerts of a file, one per incident: the records of one {@code id} (open, updated, closed) are one alert,
     * with the widest window and every task they name.
     */
    private static List<Alert> read(Path file) throws IOException {
        Map<String, Alert> byId = new java.util.LinkedHashMap<>();
        List<Alert> alerts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Alert alert;
                try {
                    alert = AlertJson.parse(line);
                } catch (IOException e) {
                    throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
                }
                Alert first = alert.id == null ? null : byId.putIfAbsent(alert.id, alert);
                if (first == null) {
                    alerts.add(alert);
                } else {
                    first.start = Math.min(first.start, alert.start);
                    first.end = Math.max(first.end, alert.end);
                    for (AlertTask task : alert.tasks) {
                        if (!blames(first, task.taskId)) {
                            first.tasks.add(task);
                        }
                    }
                }
            }
        }
        return alerts;
    }

    /** The incidents of a generated scenario ({@code truth/incidents.json}). */
    public static List<Incident> incidents(Path scenario) throws IOException {
        List<Incident> incidents = new ArrayList<>();
        Path file = scenario.resolve("truth/incidents.json");
        for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            AlertKind kind;
            try {
                kind = AlertKind.fromWireName(node.path("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            incidents.add(new Incident(kind, node.path("taskId").asText(null), node.path("start").asLong(),
                    node.path("end").asLong(), node.path("peer").asText(null)));
        }
        return incidents;
    }
}
