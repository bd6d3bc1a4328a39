package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.aws.AwsSettings;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in, Kafka out, on a real KRaft broker started in-process: flow-log messages (plain lines and a CloudWatch
 * Logs payload) are enriched and written exactly once; a read_committed consumer sees every flow once.
 */
class KafkaEnrichmentTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
            .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
            .build());

    private static KafkaClusterTestKit kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void kafkaToKafkaExactlyOnce() throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(8).withSeed(5)), scenario,
                ScenarioWriter.Layout.LINES).write();
        List<String> lines = Files.readAllLines(scenario.resolve("flowlogs.log"));
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("flow-logs", 2, (short) 1), new NewTopic("enriched", 2,
                    (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("flow-logs", cloudWatchPayload(lines.subList(0, 3)))).get();
            for (int i = 3; i < lines.size(); i += 100) {
                String chunk = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 100))) + "\n";
                producer.send(new ProducerRecord<>("flow-logs", chunk.getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(new ProducerRecord<>("flow-logs", "this is not a flow log\n".getBytes())).get();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunEnrichment.bounded(env);
        EnrichmentSettings settings = new EnrichmentSettings(FlowLogFormatString.DEFAULT, "events.jsonl",
                86_400_000L, List.of("10.0.0.0/16"), Map.of());
        EnrichmentTopology.build(
                EnrichmentTopology.readMessages(env.fromSource(
                        KafkaConnectors.flowLogSource(bootstrap, "flow-logs", "flowlens-test", true, new Properties()),
                        KafkaConnectors.watermarks(), "flow logs (Kafka)"), settings.format(), AwsSettings.of("us-east-1")),
                RunEnrichment.events(env, scenario.resolve("metadata/events.jsonl")),
                RunEnrichment.snapshot(env, scenario.resolve("metadata/snapshot.json")),
                settings,
                new KafkaSinks(bootstrap, "enriched", "flowlens-test", new Properties(),
                        new FileSinks(null, null, dir.resolve("dead").toString())));
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
