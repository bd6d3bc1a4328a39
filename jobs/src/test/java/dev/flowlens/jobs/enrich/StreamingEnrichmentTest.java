package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.enrich.aws.FakeAwsApis;
import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.enrich.operators.HoldBackSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.schemas.FlowLogField;
import dev.flowlens.schemas.FlowRecord;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unbounded job on a real KRaft broker: event time, checkpoints, held-back flows, exactly-once sinks across a
 * failure. Each test cancels its job once the committed output is complete.
 */
class StreamingEnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(4);

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;



    /**
     * Flow logs are read (and checkpointed) before any task event exists; the flows wait in keyed state; the events
     * come; a later flow moves event time past the hold-back; every held flow goes out attributed, none wrongly.
     */
    @Test
    void heldBackFlowsWaitForLateMetadata() throws Exception {
        Path scenario = scenario(9);
        List<String> lines = Files.readAllLines(scenario.resolve("flowlogs.log"));
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("held-flow-logs", 2, "held-task-events", 1, "held-enriched", 2));
        List<byte[]> messages = chunks(lines, 50);
        messages.add("2 not a flow log\n".getBytes(StandardCharsets.UTF_8));
        KafkaBroker.send(bootstrap, "held-flow-logs", messages);

        Path config = dir.resolve("job.yaml");
        Files.writeString(config, String.join("\n",
                "flow-logs:",
                "  source: kafka",
                "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: held-flow-logs, group-id: held,"
                        + " bounded: false}",
                "metadata:",
                "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: held-task-events, group-id: held-meta}",
                "enrichment: {vpc-cidrs: [10.0.0.0/16], hold-back: PT1H, idleness: PT1S}",
                "checkpoints: {interval: PT0.3S}",
                "sinks:",
                "  dead-letters: " + dir.resolve("dead"),
                "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: held-enriched,"
                        + " transactional-id-prefix: held-test}",
                ""));
        List<String> bounded = boundedRun(scenario); // first: the streaming job takes every slot
        JobClient job = MiniClusters.submit(config, "held-back test");
        try {
            awaitCommittedOffsets(bootstrap, "held", "held-flow-logs", messages.size());
            // Before any metadata, every flow waits: one with addresses may be a task's, and a NODATA/SKIPDATA record
            // names its interface's task. The checkpoint that committed every input offset has completed, so
            // whatever had gone out would be committed and readable now.
            assertThat(lines).as("the scenario has records without addresses").anyMatch(line -> !line.endsWith(" OK"));
            assertThat(KafkaBroker.readCommitted(bootstrap, "held-enriched", 0, Duration.ofSeconds(10)))
                    .as("flows out before the metadata came").isEmpty();

            KafkaBroker.send(bootstrap, "held-task-events", Files.readAllLines(scenario.resolve(
                    "metadata/events.jsonl")).stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList());
            long lastStart = lastStart(lines);
            KafkaBroker.send(bootstrap, "held-flow-logs", List.of(Judged.clockRecordBytes(lastStart + 7200)));

            List<String> enriched = KafkaBroker.readCommitted(bootstrap, "held-enriched", lines.size() + 1,
                    OUTPUT_TIMEOUT);
            assertThat(enriched).hasSize(lines.size() + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir);
            // Each held flow got what attributing with all the metadata first gives: a bounded run of the same
            // input. (Not "over 99% correct": with events only, no snapshot, the flows of the tasks whose events
            // the scenario lost are unattributed in both, 1.07% of the ends.)
            assertThat(enriched.stream().filter(flow -> !flow.contains("\"interface-id\":\"eni-clock\""))
                    .map(StreamingEnrichmentTest::row).toList())
                    .containsExactlyInAnyOrderElementsOf(bounded.stream().map(StreamingEnrichmentTest::row).toList());
            assertThat(enriched).noneMatch(flow -> flow.contains("index-behind"));
            assertThat(OutputFiles.awaitLines(dir.resolve("dead"), 1, OUTPUT_TIMEOUT)).singleElement()
                    .satisfies(letter -> assertThat(letter).contains("held-flow-logs[").contains("FIELD_COUNT"));
        } finally {
            job.cancel().get();
        }
    }

    /**
     * An operator fails once mid-stream; the job restarts from its last checkpoint. The committed Kafka output and
     * the committed Parquet rows each hold every flow exactly once.
     */
    @Test
    void exactlyOnceAcrossAFailure() throws Exception {
        Path scenario = scenario(13);
        List<String> lines = Files.readAllLines(scenario.resolve("flowlogs.log"));
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("failing-flow-logs", 2, "failing-enriched", 2));
        long lastStart = lastStart(lines);
        List<byte[]> messages = chunks(lines, 20);
        messages.add(Judged.clockRecordBytes(lastStart + 7200));
        KafkaBroker.send(bootstrap, "failing-flow-logs", messages);

        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RuntimeModes.streaming(env, JobConfig.read(write(dir.resolve("checkpoints.yaml"),
                "checkpoints: {interval: PT0.2S}\n"), Map.of(), EnrichmentOptions.ALL));
        env.setParallelism(2);
        EnrichmentSettings settings = new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(),
                "events.jsonl",
                new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()))
                .withStreaming(new EnrichmentSettings.Streaming(
                        new HoldBackSettings(Duration.ofMinutes(5), 10_000, Duration.ofMinutes(1)),
                        Duration.ofMinutes(10), Duration.ofSeconds(1)));
        EnrichmentTopology.FlowInput.Records input = EnrichmentTopology.readMessages(env.fromSource(
                KafkaConnectors.flowLogSource(bootstrap, "failing-flow-logs", "failing", false, new Properties()),
                KafkaConnectors.watermarks(), "flow logs (Kafka)"), settings.format(), AwsSettings.of("us-east-1"));
        DataStream<FlowRecord> records = input.records()
                .map(new FailOnce<>(lines.size() / 4, dir.resolve("failed").toString())).name("fails once");
        EnrichmentTopology.build(new EnrichmentTopology.FlowInput.Records(records, input.rejects()),
                TaskMetadata.events(env, scenario.resolve("metadata/events.jsonl")),
                TaskMetadata.snapshot(env, scenario.resolve("metadata/snapshot.json")), settings,
                new EnrichmentSinks(null, dir.resolve("parquet").toString(), dir.resolve("dead").toString(),
                        new EnrichmentSinks.Kafka(bootstrap, "failing-enriched", "failing-test", new Properties())));
        JobClient job = env.executeAsync("exactly once across a failure");
        try {
            List<String> enriched = KafkaBroker.readCommitted(bootstrap, "failing-enriched", lines.size() + 1,
                    OUTPUT_TIMEOUT);
            assertThat(enriched).hasSize(lines.size() + 1);
            Judged.everyFlowOnceNoneWrong(scenario, enriched, dir); // nothing duplicated by the replay
            assertThat(OutputFiles.awaitParquetRows(dir.resolve("parquet"), lines.size() + 1,
                    Duration.ofSeconds(20))).isEqualTo(lines.size() + 1);
            // Not only as many rows: the same rows as the Kafka output just judged, each once.
            assertThat(parquetRows(dir.resolve("parquet")))
                    .containsExactlyInAnyOrderElementsOf(enriched.stream().map(StreamingEnrichmentTest::row).toList());
            try (Stream<Path> markers = Files.list(dir)) {
                assertThat(markers.filter(p -> p.getFileName().toString().startsWith("failed-")))
                        .as("the failure happened").isNotEmpty();
            }
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Task metadata from the ECS and EC2 APIs only (a local endpoint speaking their wire protocols), reconciled
     * inside the job: a flow is attributed to the task, with the security groups EC2 reports for its ENI.
     */
    @Test
    void reconcilerInsideTheJobFeedsTheIndex() throws Exception {
        long t0 = 1_700_000_000L;
        try (FakeAwsApis aws = new FakeAwsApis()) {
            String cluster = "arn:aws:ecs:us-east-1:111122223333:cluster/prod";
            aws.addTask(cluster, aws.task(cluster, "web5", "web", "RUNNING", "10.0.0.15", "eni-00000000000000005",
                    t0, null, 3));
            aws.enis.put("eni-00000000000000005", List.of("sg-0web", "interface"));
            aws.services.put(cluster + "/web", List.of("sg-0web"));
            String bootstrap = KAFKA.bootstrapServers();
            KafkaBroker.createTopics(bootstrap, Map.of("reconciled-flow-logs", 1, "reconciled-enriched", 1));
            KafkaBroker.send(bootstrap, "reconciled-flow-logs", List.of(
                    ("2 111122223333 eni-00000000000000005 10.0.0.15 52.216.10.1 40000 443 6 10 5000 " + (t0 + 60)
                            + " " + (t0 + 120) + " ACCEPT OK\n").getBytes(StandardCharsets.UTF_8),
                    Judged.clockRecordBytes(t0 + 7200)));
            System.setProperty("aws.accessKeyId", "AKIDTEST");
            System.setProperty("aws.secretAccessKey", "secret");

            Path config = write(dir.resolve("reconcile.yaml"), String.join("\n",
                    "flow-logs:",
                    "  source: kafka",
                    "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: reconciled-flow-logs, bounded: false}",
                    "metadata: {reconcile: {interval: PT2S}}",
                    "aws: {ecs: {endpoint: '" + aws.endpoint() + "'}, ec2: {endpoint: '" + aws.endpoint() + "'}}",
                    "enrichment: {vpc-cidrs: [10.0.0.0/16], idleness: PT1S}",
                    "checkpoints: {interval: PT0.3S}",
                    "sinks:",
                    "  dead-letters: " + dir.resolve("dead"),
                    "  kafka: {bootstrap-servers: '" + bootstrap + "', topic: reconciled-enriched,"
                            + " transactional-id-prefix: reconciled-test}",
                    ""));
            JobClient job = MiniClusters.submit(config, "reconciler test");
            try {
                List<String> enriched = KafkaBroker.readCommitted(bootstrap, "reconciled-enriched", 2,
                        OUTPUT_TIMEOUT);
                assertThat(enriched).hasSize(2).anySatisfy(flow -> assertThat(flow)
                        .contains("\"task-id\":\"web5\"").contains("\"security-groups\":[\"sg-0web\"]"));
                assertThat(aws.calls).contains("ecs:DescribeTasks(1)");
            } finally {
                job.cancel().get();
            }
        }
    }

    /** An eight-minute scenario as plain lines of the default format. */
    private Path scenario(long seed) throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(seed)), scenario,
                ScenarioWriter.Layout.LINES).write();
        return scenario;
    }

    /** The latest {@code start} of the lines (the eleventh field of the default format). */
    private static long lastStart(List<String> lines) {
        return lines.stream().mapToLong(line -> Long.parseLong(line.split(" ")[10])).max().orElseThrow();
    }

    private static List<byte[]> chunks(List<String> lines, int size) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += size) {
            messages.add((String.join("\n", lines.subList(i, Math.min(lines.size(), i + size))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    /** Waits until the group's offsets, committed on checkpoints, cover every message of the topic. */
    private static void awaitCommittedOffsets(String bootstrap, String group, String topic, long messages)
            throws Exception {
        long deadline = System.currentTimeMillis() + OUTPUT_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                        .mapToLong(entry -> entry.getValue() == null ? 0 : entry.getValue().offset()).sum();
                if (committed >= messages) {
                    return;
                }
                assertThat(System.currentTimeMillis()).as("offsets committed in time").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }


    /** The enriched JSON lines of the bounded job over the scenario's lines and events, as the streaming job has. */
    private List<String> boundedRun(Path scenario) throws Exception {
        Path out = dir.resolve("bounded");
        BoundedEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(), new BoundedEnrichment.Inputs(
                        scenario.resolve("flowlogs.log"), scenario.resolve("metadata/events.jsonl"), null,
                        out.resolve("json"), null, out.resolve("dead")),
                new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(), "events.jsonl",
                        new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of())));
        return OutputFiles.lines(out.resolve("json"));
    }

    /** What {@link #row(String)} makes of each committed Parquet row, by DuckDB. */
    private static List<String> parquetRows(Path dataset) throws Exception {
        List<String> columns = new ArrayList<>();
        for (FlowLogField field : FlowLogField.values()) {
            columns.add(field.parquetName());
        }
        columns.addAll(List.of("src_attribution", "src_task_arn", "dst_attribution", "dst_task_arn"));
        String row = String.join(" || '|' || ", columns.stream()
                .map(column -> "coalesce(cast(\"" + column + "\" as varchar), 'null')").toList());
        List<String> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("select " + row + " from read_parquet('" + dataset
                        + "/**/*.parquet')")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** An enriched flow's JSON as one line of text: every flow-log field, then each end's attribution and task. */
    private static String row(String enrichedJson) {
        JsonNode flow = json(enrichedJson);
        List<String> values = new ArrayList<>();
        for (FlowLogField field : FlowLogField.values()) {
            JsonNode value = flow.path("flow").path(field.awsName());
            values.add(value.isMissingNode() || value.isNull() ? "null" : value.asText());
        }
        for (String end : List.of("src", "dst")) {
            values.add(flow.path(end).path("attribution").asText());
            JsonNode task = flow.path(end).path("task");
            values.add(task.isObject() ? task.path("task-arn").asText() : "null");
        }
        return String.join("|", values);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.writeString(file, text);
    }
}
