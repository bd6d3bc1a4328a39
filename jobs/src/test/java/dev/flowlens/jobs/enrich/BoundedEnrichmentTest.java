package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The enrichment topology on a Flink mini-cluster, over a generated scenario with IP reuse and lost events. */
class BoundedEnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @TempDir
    Path dir;

    @Test
    void aBoundedRunTakesSecurityGroupsFromTheAccountExports() throws Exception {
        Path scenario = dir.resolve("scenario");
        Simulation simulation = new Simulation(SimConfig.defaults().withDuration(10).withSeed(5));
        new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.S3).write();
        Path enriched = dir.resolve("enriched");
        Path parquet = dir.resolve("parquet");
        BoundedEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"), scenario.resolve("metadata/events.jsonl"),
                        scenario.resolve("metadata/snapshot.json"), enriched, parquet, dir.resolve("dead-letters")),
                new EnrichmentSettings(simulation.format().toAwsFormatString(), "events.jsonl", new IndexSettings(
                        Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()))
                        .withExports(dev.flowlens.enrich.aws.AccountExports.read(
                                scenario.resolve("metadata/network-interfaces.json"),
                                scenario.resolve("metadata/services.json"))));

        Evaluation evaluation = new Evaluator().evaluate(scenario, files(enriched));
        assertThat(evaluation.groupsKnownShare()).isGreaterThan(99.0);
        assertThat(evaluation.securityGroups.wrong()).isZero();
        assertThat(evaluation.securityGroups.correct()).isPositive();
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement sql = duckdb.createStatement()) {
            java.sql.ResultSet row = sql.executeQuery("select count(*) filter (where list_contains("
                    + "src_security_groups, src_security_groups[1])), count(src_task_id) from read_parquet('"
                    + parquet + "/**/*.parquet', hive_partitioning = true)");
            row.next();
            assertThat(row.getLong(1)).isPositive().isGreaterThan(row.getLong(2) * 99 / 100);
        }
    }

    @Test
    void attributesEveryFlowAndDeadLettersEveryBadInput() throws Exception {
        Path scenario = dir.resolve("scenario");
        long records = new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(10).withSeed(3)), scenario,
                ScenarioWriter.Layout.S3).write();
        Files.writeString(scenario.resolve("flowlogs/not-a-flow-log.txt"), "hello\nworld\n");
        Files.writeString(scenario.resolve("metadata/events.jsonl"), "{\"not\": \"an event\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path enriched = dir.resolve("enriched");
        Path deadLetters = dir.resolve("dead-letters");
        Path parquet = dir.resolve("parquet");

        BoundedEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"), scenario.resolve("metadata/events.jsonl"),
                        scenario.resolve("metadata/snapshot.json"), enriched, parquet, deadLetters),
                new EnrichmentSettings("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport}"
                        + " ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                        "events.jsonl", new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"),
                        Map.of("deny", List.of("198.51.100.0/24")))));

        List<String> letters = lines(deadLetters);
        assertThat(letters).hasSize(3); // two bad lines, one bad event
        assertThat(letters).anyMatch(l -> l.contains("BAD_EVENT")).anyMatch(l -> l.contains("not-a-flow-log.txt"));
        assertThat(lines(enriched)).hasSize((int) records); // records in = enriched out (+ the dead letters)

        Evaluation evaluation = new Evaluator().evaluate(scenario, files(enriched));
        assertThat(evaluation.missing).isZero();
        assertThat(evaluation.unexpected).isZero();
        assertThat(evaluation.flowlens.wrong()).isZero();
        assertThat(evaluation.flowlens.share(evaluation.flowlens.correct())).isGreaterThan(99.0);
        assertThat(evaluation.naive.wrong()).isPositive();

        // the Parquet dataset, read back by an independent reader
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement sql = duckdb.createStatement()) {
            String dataset = "read_parquet('" + parquet + "/**/*.parquet', hive_partitioning = true)";
            java.sql.ResultSet counts = sql.executeQuery("select count(*), count(src_task_id) + count(dst_task_id),"
                    + " count(distinct dt), min(hour), sum(bytes) from " + dataset);
            counts.next();
            assertThat(counts.getLong(1)).isEqualTo(records);
            assertThat(counts.getLong(2)).isPositive();
            assertThat(counts.getString(3)).isEqualTo("1");
            assertThat(counts.getLong(5)).isPositive();
            java.sql.ResultSet columns = sql.executeQuery("select column_name, column_type from (describe select *"
                    + " from " + dataset + ")");
            Map<String, String> types = new java.util.HashMap<>();
            while (columns.next()) {
                types.put(columns.getString(1), columns.getString(2));
            }
            assertThat(types).containsEntry("account_id", "VARCHAR").containsEntry("pkt_srcaddr", "VARCHAR")
                    .containsEntry("bytes", "BIGINT").containsEntry("srcport", "INTEGER")
                    .containsEntry("src_service", "VARCHAR").containsEntry("same_az", "BOOLEAN");
            java.sql.ResultSet deny = sql.executeQuery("select count(*) from " + dataset
                    + " where list_contains(dst_threat_lists, 'deny')");
            deny.next();
            assertThat(deny.getLong(1)).isPositive(); // the threat-list-match incident
        }
    }

    /**
     * The retention holds in bounded runs too, where the index is never expired: a task stopped more than the
     * retention before a flow is not given it, even when the record's v7 fields name it, as the streaming job would
     * have dropped the task by then. Within the retention the v7 fields still name it.
     */
    @Test
    void aTaskStoppedLongerAgoThanTheRetentionIsNotGivenALaterFlow() throws Exception {
        Path events = Files.write(dir.resolve("events.jsonl"),
                Files.readAllLines(Path.of("../samples/ecs-events.jsonl")).subList(0, 1)); // stopped 10:00
        String task = "arn:aws:ecs:us-east-1:111122223333:task/prod/a1b2c3d4e5f6478899aabbccddeeff01";
        Path flowLogs = Files.createDirectories(dir.resolve("flowlogs"));
        List<String> lines = new java.util.ArrayList<>(List.of("version account-id interface-id srcaddr dstaddr"
                + " srcport dstport protocol packets bytes start end action log-status flow-direction ecs-task-arn"));
        for (long start : new long[] {1714987800L, 1714991400L, 1715000400L}) { // 09:30, 10:30, 13:00 UTC
            lines.add("7 111122223333 eni-0aaa1111bbbb2222c 10.0.1.5 52.216.1.1 40000 443 6 10 5000 " + start + " "
                    + (start + 60) + " ACCEPT OK egress " + task);
        }
        Files.write(flowLogs.resolve("late.log"), lines);

        BoundedEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                new BoundedEnrichment.Inputs(flowLogs, events, null, dir.resolve("enriched"), null,
                        dir.resolve("dead-letters")),
                new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(), "events.jsonl",
                        new IndexSettings(Duration.ofHours(1), List.of("10.0.0.0/16"), Map.of())));

        Map<Long, JsonNode> byStart = new java.util.TreeMap<>();
        for (String line : lines(dir.resolve("enriched"))) {
            JsonNode flow = new ObjectMapper().readTree(line);
            byStart.put(flow.path("flow").path("start").asLong(), flow.path("src"));
        }
        assertThat(byStart).hasSize(3);
        assertThat(byStart.get(1714987800L).path("task").path("task-arn").asText()).as("while it ran")
                .isEqualTo(task);
        assertThat(byStart.get(1714991400L).path("task").path("task-arn").asText()).as("30 min after the stop")
                .isEqualTo(task);
        assertThat(byStart.get(1715000400L).path("task").isNull()).as("3 h after the stop: %s", byStart.get(1715000400L))
                .isTrue();
        assertThat(byStart.get(1715000400L).path("attribution").asText()).startsWith("unattributed:");
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList());
        }
    }

    private static List<String> lines(Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (Path file : files(dir)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
