package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.ingest.FlowLogFormat;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.readers.FlowLogSources;
import dev.flowlens.schemas.DeadLetter;
import dev.flowlens.schemas.EnrichedFlow;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure injected mid-stream (an operator that fails once on its first attempt): after recovery, the Kafka
 * output read with read_committed and the Parquet rows equal those of the failure-free run — nothing lost, nothing
 * duplicated — and records in = enriched out + dead letters.
 */
class FailureRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopics() throws Exception {
        KafkaBroker.createTopics(KAFKA.bootstrapServers(), Map.of("clean", 2, "recovered", 2));
    }

    @Test
    void recoveredRunEqualsTheFailureFreeRun() throws Exception {
        Path scenario = dir.resolve("scenario");
        long records = new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(21)), scenario,
                ScenarioWriter.Layout.S3).write();
        Files.writeString(scenario.resolve("flowlogs/junk.log"), "junk line\n");

        run(scenario, "clean", dir.resolve("clean"), false);
        JobExecutionResult recovered = run(scenario, "recovered", dir.resolve("recovered"), true);

        List<String> clean = KafkaBroker.readCommitted(KAFKA.bootstrapServers(), "clean", records);
        List<String> afterFailure = KafkaBroker.readCommitted(KAFKA.bootstrapServers(), "recovered", records);
        assertThat(clean).hasSize((int) records);
        assertThat(afterFailure).containsExactlyInAnyOrderElementsOf(clean);
        assertThat(parquetDigest(dir.resolve("recovered/parquet")))
                .isEqualTo(parquetDigest(dir.resolve("clean/parquet")));
        // records in = enriched out + dead letters
        assertThat(OutputFiles.lines(dir.resolve("recovered/dead"))).hasSize(1);
        try (Stream<Path> markers = Files.list(dir)) {
            assertThat(markers.filter(p -> p.getFileName().toString().startsWith("failed-"))).isNotEmpty();
        }
        assertThat(recovered.getNetRuntime()).isPositive();
    }

    private JobExecutionResult run(Path scenario, String topic, Path out, boolean injectFailure) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, injectFailure ? "fixed-delay" : "none");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RuntimeModes.bounded(env);
        EnrichmentSettings settings = new EnrichmentSettings(FlowLogFormat.defaultFormat().toAwsFormatString(),
                "events.jsonl",
                new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()));
        EnrichmentSinks sinks = new EnrichmentSinks(out.resolve("json").toString(), out.resolve("parquet").toString(),
                out.resolve("dead").toString(),
                new EnrichmentSinks.Kafka(KAFKA.bootstrapServers(), topic, "flowlens-" + topic, new Properties()));
        EnrichmentTopology.build(
                EnrichmentTopology.readFiles(FlowLogSources.fileList(env, scenario.resolve("flowlogs")),
                        settings.format()),
                TaskMetadata.events(env, scenario.resolve("metadata/events.jsonl")),
                TaskMetadata.snapshot(env, scenario.resolve("metadata/snapshot.json")), settings,
                new EnrichmentTopology.Sinks() {
                    @Override
                    public void enriched(DataStream<EnrichedFlow> flows) {
                        sinks.enriched(injectFailure ? flows.map(new FailOnce<EnrichedFlow>(300,
                                dir.resolve("failed").toString())).name("fails once") : flows);
                    }

                    @Override
                    public void deadLetters(DataStream<DeadLetter> deadLetters) {
                        sinks.deadLetters(deadLetters);
                    }
                });
        return env.execute("failure recovery test " + topic);
    }


    /** Row count and an order-independent checksum of every row, by DuckDB. */
    private static String parquetDigest(Path dataset) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("select count(*), sum(hash(t)::hugeint) from read_parquet('" + dataset
                        + "/**/*.parquet', hive_partitioning = true) t")) {
            result.next();
            return result.getLong(1) + "/" + result.getString(2);
        }
    }
}
