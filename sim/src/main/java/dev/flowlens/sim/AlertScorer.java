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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores alerts against the injected incidents, per kind. The alerts file holds one alert per line in the JSON of
 * {@code schemas/alert.md} ({@link AlertJson}). An alert matches an incident when one of its tasks is one of the
 * incident's tasks and its window overlaps the incident's. An alert is true when it matches an incident whose
 * primary kind or one of whose implied kinds ({@link Incident#implied()}) is the alert's kind: a port scan's
 * REJECTs truly are a reject storm. Recall per kind counts only the incidents whose primary kind it is, each
 * detected by a matching alert of that kind; an alert of an implied kind is true, but detects nothing for recall.
 * Precision is the share of a kind's alerts that are true.
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
        return score(incidents, List.of(alertsFile));
    }

    /** As {@link #score(List, Path)}, over alerts written to several files (a sink's part files). */
    public Map<AlertKind, KindScore> score(List<Incident> incidents, List<Path> alertsFiles) throws IOException {
        List<Alert> alerts = read(alertsFiles);
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
                if (incident.is(alert.kind) && blames(alert, incident.taskIds())
                        && alert.start < incident.end() && incident.start() < alert.end) {
                    hit = true;
                    if (incident.kind() == alert.kind && !detected[i]) {
                        detected[i] = true;
                        score.detected++;
                    }
                }
            }
            score.trueAlerts += hit ? 1 : 0;
        }
        return scores;
    }

    private static boolean blames(Alert alert, List<String> taskIds) {
        for (AlertTask task : alert.tasks) {
            if (task.taskId != null && taskIds.contains(task.taskId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The alerts of a file, one per incident: the records of one {@code id} (open, updated, closed) are one alert,
     * with the widest window and every task they name.
     */
    private static List<Alert> read(List<Path> files) throws IOException {
        Map<String, Alert> byId = new java.util.LinkedHashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (Path file : files) {
            read(file, byId, alerts);
        }
        return alerts;
    }

    private static void read(Path file, Map<String, Alert> byId, List<Alert> alerts) throws IOException {
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
                        if (!blames(first, Collections.singletonList(task.taskId))) {
                            first.tasks.add(task);
                        }
                    }
                }
            }
        }
    }

    /**
     * The incidents of a generated scenario ({@code truth/incidents.json}). A scenario written before incidents had
     * several tasks and implied kinds names one {@code taskId} and nothing implied; it reads as such.
     */
    public static List<Incident> incidents(Path scenario) throws IOException {
        List<Incident> incidents = new ArrayList<>();
        Path file = scenario.resolve("truth/incidents.json");
        int number = 0;
        for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            number++;
            try {
                AlertKind kind = AlertKind.fromWireName(node.path("kind").asText());
                List<String> tasks = new ArrayList<>();
                if (node.has("taskIds")) {
                    node.get("taskIds").forEach(id -> tasks.add(id.asText()));
                } else if (node.hasNonNull("taskId")) {
                    tasks.add(node.get("taskId").asText());
                }
                if (tasks.isEmpty()) {
                    throw new IllegalArgumentException("it names no task (taskIds)");
                }
                List<AlertKind> implied = new ArrayList<>();
                for (JsonNode other : node.path("implied")) {
                    implied.add(AlertKind.fromWireName(other.asText()));
                }
                incidents.add(new Incident(kind, node.path("variant").asText(Incident.BASE), tasks,
                        node.path("start").asLong(), node.path("end").asLong(), node.path("peer").asText(null),
                        implied));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": incident " + number + ": " + e.getMessage()
                        + "; regenerate the scenario with 'flowlens generate'", e);
            }
        }
        return incidents;
    }
}
