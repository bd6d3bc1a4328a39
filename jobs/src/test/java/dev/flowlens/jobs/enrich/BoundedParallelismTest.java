package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.schemas.json.AlertJson;
import dev.flowlens.sim.DirectDetection;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's bounded pipeline (enrichment and detection in one BATCH job) at parallelism 1 and 2: two subtasks really
 * run, and every output is the same — the alerts in every field, the enriched flows (JSON lines and Parquet rows) as
 * multisets, the dead letters.
 */
class BoundedParallelismTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @TempDir
    Path dir;

    @Test
    void theSameScenarioGivesTheSameOutputsAtParallelismOneAndTwo() throws Exception {
        Path scenario = dir.resolve("scenario");
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(30).withSeed(42));
        new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.S3).write();
        Files.writeString(scenario.resolve("flowlogs/not-a-flow-log.txt"), "hello\nworld\n");
        Files.writeString(scenario.resolve("metadata/events.jsonl"), "{\"not\": \"an event\"}\n",
                StandardOpenOption.APPEND);

        Outputs one = run(simulation, scenario, 1);
        Outputs two = run(simulation, scenario, 2);

        assertThat(one.writers).as("subtasks writing enriched flows at p1").hasSize(1);
        assertThat(two.writers).as("subtasks writing enriched flows at p2").hasSize(2);
        assertThat(two.alertWriters).as("subtasks writing alerts at p2").hasSize(2);
        assertThat(one.alerts).as("alerts at p1").hasSizeGreaterThan(10);
        assertThat(two.alerts).as("alerts at p2, every field, sorted").isEqualTo(one.alerts);
        assertThat(one.enriched).as("enriched flows at p1").hasSizeGreaterThan(10_000);
        assertThat(two.enriched).as("enriched flows at p2, as a multiset").isEqualTo(one.enriched);
        assertThat(two.parquetRows).as("Parquet rows at p2: count and hash sum").isEqualTo(one.parquetRows);
        assertThat(one.deadLetters).as("dead letters at p1").hasSize(3);
        assertThat(two.deadLetters).as("dead letters at p2").isEqualTo(one.deadLetters);
    }

    private record Outputs(List<String> alerts, List<String> enriched, List<String> deadLetters, String parquetRows,
            Set<String> writers, Set<String> alertWriters) {}

    private Outputs run(Simulation simulation, Path scenario, int parallelism) throws Exception {
        Path out = dir.resolve("p" + parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        BoundedEnrichment.run(env,
                new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"), scenario.resolve("metadata/events.jsonl"),
                        scenario.resolve("metadata/snapshot.json"), out.resolve("enriched"), out.resolve("parquet"),
                        out.resolve("dead-letters")),
                new EnrichmentSettings(simulation.format().toAwsFormatString(), "metadata/events.jsonl",
                        new IndexSettings(EnrichmentOptions.RETENTION.defaultValue(), simulation.vpcCidrs(),
                                Map.of("deny", simulation.denyList()))),
                new BoundedEnrichment.Detection(DirectDetection.forAccount(DetectionSettings.defaults(), simulation,
                        scenario), DetectionOptions.LATENESS.defaultValue(), out.resolve("alerts")));
        List<String> alerts = new ArrayList<>();
        for (String line : sortedLines(out.resolve("alerts"))) {
            alerts.add(AlertJson.toJson(AlertJson.parse(line))); // parsed: every field the alert has, in one form
        }
        alerts.sort(null);
        String rows;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            ResultSet sum = sql.executeQuery("select count(*), sum(hash(t)) from read_parquet('" + out.resolve("parquet")
                    + "/**/*.parquet', hive_partitioning = true) t");
            sum.next();
            rows = sum.getLong(1) + " rows, hash sum " + sum.getString(2);
        }
        return new Outputs(alerts, sortedLines(out.resolve("enriched")), sortedLines(out.resolve("dead-letters")),
                rows, writers(out.resolve("enriched")), writers(out.resolve("alerts")));
    }

    /** Every line of the files under {@code dir}, sorted. */
    private static List<String> sortedLines(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path file : files(dir)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        lines.sort(null);
        return lines;
    }

    /** The writers of the part files under {@code dir}: each subtask's sink names its files {@code part-UUID-N}. */
    private static Set<String> writers(Path dir) throws Exception {
        Pattern part = Pattern.compile("^(.+)-\\d+$");
        Set<String> writers = new TreeSet<>();
        for (Path file : files(dir)) {
            Matcher name = part.matcher(file.getFileName().toString());
            assertThat(name.matches()).as("a part file: %s", file).isTrue();
            writers.add(name.group(1));
        }
        return writers;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList());
        }
    }
}
