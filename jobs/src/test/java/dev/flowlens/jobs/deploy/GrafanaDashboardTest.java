package dev.flowlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/flowlens.json names only metrics that exist: Flowlens's own as the code registers them in group
 * {@code flowlens} (as Flink's Prometheus reporter names operator metrics), Flink's standard ones from a list here.
 */
class GrafanaDashboardTest {
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    private static final String FLOWLENS = OPERATOR + "flowlens_";
    /** Flink's own metrics the dashboard uses (Flink's metrics documentation; FLIP-33 for pendingRecords). */
    private static final Set<String> FLINK_STANDARD = Set.of(
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_numRestarts",
            OPERATOR + "pendingRecords");
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    private static final Pattern SIMPLE = Pattern.compile("\\.(?:counter|gauge)\\(\"([A-Za-z0-9]+)\"");
    private static final Pattern KEYED = Pattern.compile(
            "\\.addGroup\\(\"([A-Za-z0-9]+)\",[^;]*?\\)\\.(?:counter|gauge)\\(\"([A-Za-z0-9]+)\"");

    @Test
    void everyMetricTheDashboardNamesExists() throws Exception {
        Set<String> registered = flowlensMetricsInTheCode();
        assertThat(registered).contains("records", "deadLetters", "enrichedFlows", "heldBack", "attribution_ends",
                "indexTasks", "indexKnownUntil", "reconcileFailures", "reconcileLastSuccess");
        Set<String> used = new TreeSet<>();
        for (String expr : expressions(DeployFiles.json("grafana/flowlens.json"))) {
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                used.add(metric.group());
            }
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> {
            if (name.startsWith(FLOWLENS)) {
                assertThat(registered).as("registered in jobs/src/main/java").contains(name.substring(FLOWLENS
                        .length()));
            } else {
                assertThat(FLINK_STANDARD).as("a Flink metric listed here").contains(name);
            }
        });
        // and the dashboard charts every Flowlens metric there is
        assertThat(used).containsAll(registered.stream().map(name -> FLOWLENS + name).toList());
        assertThat(used).containsAll(FLINK_STANDARD);
    }

    /** The attribution counter is a key-value group: its method is the label the panel groups by. */
    @Test
    void attributionByMethodGroupsByTheLabel() throws Exception {
        assertThat(expressions(DeployFiles.json("grafana/flowlens.json")))
                .anyMatch(expr -> expr.contains("sum by (attribution)") && expr.contains(FLOWLENS
                        + "attribution_ends"));
    }

    /** Metric names registered in group {@code flowlens}: {@code counter("x")}, and {@code key_x} in key groups. */
    private static Set<String> flowlensMetricsInTheCode() throws Exception {
        Set<String> names = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            if (!text.contains("addGroup(\"flowlens\")")) {
                continue;
            }
            Matcher keyed = KEYED.matcher(text);
            Set<Integer> keyedAt = new TreeSet<>();
            while (keyed.find()) {
                names.add(keyed.group(1) + "_" + keyed.group(2));
                keyedAt.add(keyed.start(2));
            }
            Matcher simple = SIMPLE.matcher(text);
            while (simple.find()) {
                if (!keyedAt.contains(simple.start(1))) {
                    names.add(simple.group(1));
                }
            }
        }
        return names;
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }
}
