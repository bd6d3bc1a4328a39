package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.S3ObjectKey;
import dev.flowlens.jobs.kit.FlinkFileSystems;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow-log objects in a real S3-protocol server (S3Proxy), read by the job through the AWS SDK's S3 client: a
 * backfill of a time range by AWS's key layout, and objects announced by S3 event notifications on Kafka.
 */
class S3EnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static S3Server s3;

    @TempDir
    Path dir;
    private Path scenario;
    private List<String> keys;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        s3.close();
    }

    @BeforeEach
    void scenarioInABucket() throws Exception {
        scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(17)), scenario,
                ScenarioWriter.Layout.S3).write();
    }

    @Test
    void backfillReadsTheRangeByKeyLayout() throws Exception {
        String bucket = "backfill";
        keys = s3.upload(bucket, scenario.resolve("flowlogs"));
        S3ObjectKey layout = S3ObjectKey.parse(keys.get(0)).orElseThrow();
        Instant first = keys.stream().map(key -> S3ObjectKey.deliveredAt(key).orElseThrow()).min(Instant::compareTo)
                .orElseThrow();
        Instant last = keys.stream().map(key -> S3ObjectKey.deliveredAt(key).orElseThrow()).max(Instant::compareTo)
                .orElseThrow();
        String dayPrefix = S3ObjectKey.dayPrefix(layout.prefix(), layout.accountId(), layout.region(), layout.day());
        // A broken object inside the range, and a valid one two days later that the range leaves out.
        String broken = dayPrefix + layout.accountId() + "_vpcflowlogs_" + layout.region() + "_fl-0bad_"
                + stamp(first) + "_broken.log.gz";
        s3.put(bucket, broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
        String outside = S3ObjectKey.dayPrefix(layout.prefix(), layout.accountId(), layout.region(),
                layout.day().plusDays(2)) + "later_" + stamp(first.plus(2, ChronoUnit.DAYS)) + "_x.log.gz";
        s3.put(bucket, outside, Files.readAllBytes(scenario.resolve("flowlogs").resolve(keys.get(0))));

        Path config = write("backfill.yaml", String.join("\n",
                "flow-logs:",
                "  source: s3",
                "  s3: {bucket: " + bucket + ", account-id: '" + layout.accountId() + "', region: " + layout.region()
                        + ", from: '" + first.minusSeconds(60) + "', until: '" + last.plusSeconds(60) + "'}",
                "aws: {region: us-east-1, s3: {endpoint: '" + s3.endpoint() + "', path-style: true}}",
                metadataAndSinks()));
        RunEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(), JobConfig.read(config, Map.of(), EnrichmentOptions.ALL));

        assertEveryFlowAttributed(dir.resolve("out/json"));
        assertThat(OutputFiles.lines(dir.resolve("out/dead"))).singleElement().satisfies(letter -> assertThat(letter)
                .contains("s3://" + bucket + "/" + broken).contains("TRUNCATED_GZIP"));
    }

    @Test
    void kafkaNotificationsAnnounceObjectsToRead() throws Exception {
        String bucket = "announced";
        keys = s3.upload(bucket, scenario.resolve("flowlogs"));
        KafkaBroker.createTopics(KAFKA.bootstrapServers(), Map.of("s3-notifications", 2));
        List<byte[]> messages = new ArrayList<>();
        for (String key : keys) {
            messages.add(notification(bucket, key));
        }
        messages.add(notification(bucket, "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/01/gone.log.gz"));
        messages.add("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}"
                .getBytes(StandardCharsets.UTF_8));
        KafkaBroker.send(KAFKA.bootstrapServers(), "s3-notifications", messages);

        Path config = write("notifications.yaml", String.join("\n",
                "flow-logs:",
                "  source: kafka",
                "  kafka: {bootstrap-servers: '" + KAFKA.bootstrapServers() + "', topic: s3-notifications}",
                "aws: {s3: {endpoint: '" + s3.endpoint() + "', path-style: true}}",
                metadataAndSinks()));
        RunEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(), JobConfig.read(config, Map.of(), EnrichmentOptions.ALL));

        assertEveryFlowAttributed(dir.resolve("out/json"));
        assertThat(OutputFiles.lines(dir.resolve("out/dead"))).hasSize(2)
                .anySatisfy(letter -> assertThat(letter).contains("gone.log.gz").contains("READ_ERROR"))
                .anySatisfy(letter -> assertThat(letter).contains("s3-notifications[").contains("BAD_NOTIFICATION"));
    }

    /**
     * Parquet written to {@code s3://} through Flink's S3 file system (the plugin, loaded as a cluster would), read
     * back with DuckDB from a download of what the bucket holds.
     */
    @Test
    void parquetDatasetOnS3() throws Exception {
        String bucket = "dataset";
        s3.createBucket(bucket);
        Configuration options = S3Server.flinkFileSystemOptions();
        Path config = write("to-s3.yaml", String.join("\n",
                "flow-logs: {directory: " + scenario.resolve("flowlogs") + "}",
                "aws: {s3: {endpoint: '" + s3.endpoint() + "', path-style: true}}",
                "metadata: {events: " + scenario.resolve("metadata/events.jsonl") + ", snapshot: "
                        + scenario.resolve("metadata/snapshot.json") + "}",
                "enrichment: {vpc-cidrs: [10.0.0.0/16]}",
                "sinks: {parquet: 's3://" + bucket + "/flows', dead-letters: " + dir.resolve("out/dead") + "}",
                ""));
        JobConfig job = JobConfig.read(config, Map.of(), EnrichmentOptions.ALL);
        Configuration fileSystems = FlinkFileSystems.options(job);
        fileSystems.addAll(options);
        FlinkFileSystems.initialize(fileSystems, Path.of("target/plugins"));
        try {
            RunEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(), job);
        } finally {
            FlinkFileSystems.initialize(new Configuration(), dir.resolve("no-plugins"));
        }

        Path local = dir.resolve("downloaded");
        List<String> keys = s3.download(bucket, local);
        assertThat(keys).isNotEmpty().allMatch(key -> key.matches("flows/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/"
                + "flows-.*\\.zstd\\.parquet"));
        long records = Files.readAllLines(scenario.resolve("truth/flows.tsv")).size() - 1;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("select count(*), count(distinct src_task_arn) from read_parquet('"
                        + local + "/**/*.parquet', hive_partitioning = true)")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(records);
            assertThat(result.getLong(2)).isPositive();
        }
    }

    /** The scenario's events and snapshot, the VPC, enriched flows as JSON lines and dead letters under out/. */
    private String metadataAndSinks() {
        return String.join("\n",
                "metadata: {events: " + scenario.resolve("metadata/events.jsonl") + ", snapshot: "
                        + scenario.resolve("metadata/snapshot.json") + "}",
                "enrichment: {vpc-cidrs: [10.0.0.0/16]}",
                "sinks: {enriched-json: " + dir.resolve("out/json") + ", dead-letters: " + dir.resolve("out/dead")
                        + "}",
                "");
    }

    private void assertEveryFlowAttributed(Path enrichedJson) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(enrichedJson)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        Evaluation evaluation = new Evaluator().evaluate(scenario, files);
        assertThat(evaluation.records).isPositive();
        assertThat(evaluation.missing).isZero();
        assertThat(evaluation.unexpected).isZero();
        assertThat(evaluation.flowlens.wrong()).isZero();
    }

    /** An S3 event notification as S3 sends it, the key URL-encoded. */
    private static byte[] notification(String bucket, String key) {
        return ("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "\",\"size\":1}}}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String stamp(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
