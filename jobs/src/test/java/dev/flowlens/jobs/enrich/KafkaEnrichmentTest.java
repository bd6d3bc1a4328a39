package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.jobs.kit.kafka.KafkaConnectors;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in, Kafka out, on a real KRaft broker started in-process: flow-log messages (plain lines and a CloudWatch
 * Logs payload) are enriched and written exactly once; a read_committed consumer sees every flow once.
 */
class KafkaEnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;



    @Test
    void kafkaToKafkaExactlyOnce() throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(5)), scenario,
                ScenarioWriter.Layout.LINES).write();
        List<String> lines = Files.readAllLines(scenario.resolve("flowlogs.log"));
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("flow-logs", 2, "enriched", 2));
        List<byte[]> messages = new ArrayList<>();
        messages.add(cloudWatchPayload(lines.subList(0, 3)));
        for (int i = 3; i < lines.size(); i += 100) {
            messages.add((String.join("\n", lines.subList(i, Math.min(lines.size(), i + 100))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        messages.add("this is not a flow log\n".getBytes(StandardCharsets.UTF_8));
        KafkaBroker.send(bootstrap, "flow-logs", messages);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RuntimeModes.bounded(env);
        EnrichmentSettings settings = new EnrichmentSettings(FlowLogFormatString.DEFAULT, "events.jsonl",
                new IndexSettings(Duration.ofHours(24), List.of("10.0.0.0/16"), Map.of()));
        EnrichmentTopology.build(
                EnrichmentTopology.readMessages(env.fromSource(
                        KafkaConnectors.flowLogSource(bootstrap, "flow-logs", "flowlens-test", true, new Properties()),
                        KafkaConnectors.watermarks(), "flow logs (Kafka)"), settings.format(),
                        AwsSettings.of("us-east-1")),
                TaskMetadata.events(env, scenario.resolve("metadata/events.jsonl")),
                TaskMetadata.snapshot(env, scenario.resolve("metadata/snapshot.json")),
                settings,
                new EnrichmentSinks(null, null, dir.resolve("dead").toString(),
                        new EnrichmentSinks.Kafka(bootstrap, "enriched", "flowlens-test", new Properties())));
        env.execute("kafka enrichment test");

        List<String> enriched = KafkaBroker.readCommitted(bootstrap, "enriched", lines.size());
        assertThat(enriched).hasSize(lines.size());
        Path enrichedFile = dir.resolve("enriched.jsonl");
        Files.write(enrichedFile, enriched);
        Evaluation evaluation = new Evaluator().evaluate(scenario, List.of(enrichedFile));
        assertThat(evaluation.missing).isZero();
        assertThat(evaluation.unexpected).isZero(); // nothing duplicated
        assertThat(evaluation.flowlens.wrong()).isZero();
        List<String> deadLetters = new ArrayList<>();
        for (Path file : Files.walk(dir.resolve("dead")).filter(Files::isRegularFile).toList()) {
            deadLetters.addAll(Files.readAllLines(file));
        }
        assertThat(deadLetters).singleElement().satisfies(letter -> assertThat(letter).contains("flow-logs[")
                .contains("FIELD_COUNT"));
    }

    private static byte[] cloudWatchPayload(List<String> lines) throws Exception {
        StringBuilder json = new StringBuilder("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\","
                + "\"logGroup\":\"/vpc/flow-logs\",\"logStream\":\"eni-all\",\"subscriptionFilters\":[\"f\"],"
                + "\"logEvents\":[");
        for (int i = 0; i < lines.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"timestamp\":1,\"message\":\"")
                    .append(lines.get(i)).append("\"}");
        }
        json.append("]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }


    /** The default v2 format as an AWS format string. */
    private static final class FlowLogFormatString {
        static final String DEFAULT = dev.flowlens.ingest.FlowLogFormat.defaultFormat().toAwsFormatString();
    }
}
