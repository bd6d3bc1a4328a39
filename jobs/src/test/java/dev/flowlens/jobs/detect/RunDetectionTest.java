package dev.flowlens.jobs.detect;

import static dev.flowlens.testkit.EnrichedFlows.enriched;
import static dev.flowlens.testkit.Flows.flow;
import static dev.flowlens.testkit.TaskStates.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.KafkaBrokerExtension;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.jobs.enrich.OutputFiles;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.schemas.Origin;
import dev.flowlens.schemas.PeerClass;
import dev.flowlens.schemas.TaskIdentity;
import dev.flowlens.schemas.alert.Alert;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.schemas.alert.AlertStatus;
import dev.flowlens.schemas.json.AlertJson;
import dev.flowlens.schemas.json.EnrichedFlowJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection job as configured, on a real Kafka broker: enriched flows of a port scan (a task reaching 20 ports
 * of one host) and one bad message are read from the topic; the scan comes out as one incident, the bad message as a
 * dead letter with its topic, partition and offset.
 */
class RunDetectionTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long T0 = 1_714_986_000L; // 2024-05-06T09:00:00Z
    private static final TaskIdentity WEB = task("web1").service("web").ip("10.0.1.5").identity();
    private static final int SCANNED_PORTS = 20;

    @TempDir
    Path dir;

    @Test
    void aBoundedReadTurnsAPortScanIntoOneIncidentAndABadMessageIntoADeadLetter() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("enriched-bounded", 1));
        List<byte[]> messages = scan();
        messages.add("this is not an enriched flow".getBytes(StandardCharsets.UTF_8)); // offset 20 of partition 0
        KafkaBroker.send(bootstrap, "enriched-bounded", messages);
        JobConfig config = config(bootstrap, "enriched-bounded", "enriched.kafka.bounded: true\n");

        JobExecutionResult result = RunDetection.run(StreamExecutionEnvironment.getExecutionEnvironment(), config);

        List<Alert> alerts = alerts(OutputFiles.lines(dir.resolve("alerts")));
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.kind).isEqualTo(AlertKind.PORT_SCAN);
            assertThat(alert.tasks).singleElement().satisfies(t -> assertThat(t.taskId).isEqualTo(WEB.taskId));
            assertThat(alert.peer.address).isEqualTo("10.0.3.9");
        });
        assertThat(alerts).extracting(alert -> alert.id).as("one incident").containsOnly(alerts.get(0).id);
        assertThat(alerts.get(0).status).isEqualTo(AlertStatus.OPEN);
        assertThat(alerts.get(alerts.size() - 1).status).isEqualTo(AlertStatus.CLOSED);
        assertThat(alerts.get(alerts.size() - 1).evidence.distinctPorts).isEqualTo(SCANNED_PORTS);

        List<String> deadLetters = OutputFiles.lines(dir.resolve("dead"));
        assertThat(deadLetters).singleElement().satisfies(line -> {
            JsonNode letter = new ObjectMapper().readTree(line);
            assertThat(letter.get("origin").asText()).isEqualTo(Origin.kafka("enriched-bounded", 0, 20).toString());
            assertThat(letter.get("reason").asText()).isEqualTo("BAD_ENRICHED_FLOW");
            assertThat(letter.get("raw").asText()).isEqualTo("this is not an enriched flow");
        });
        DetectionCounts counts = DetectionCounts.of(result.getAllAccumulatorResults());
        assertThat(counts).isEqualTo(new DetectionCounts(1, alerts.size(), 1));
    }

    /**
     * Streaming, the scan opens as its flows arrive and is committed on a checkpoint; the flows of a later hour, on
     * the same partition, move the watermark past the scan's quiet time and close it. The topic has one partition
     * and the source two subtasks: the one without a partition holds the watermark back until it goes idle, so this
     * also shows {@code enriched.idleness} applied (at its default of a minute the close would take that long).
     */
    @Test
    void streamingOpensTheScanOnItsFlowsAndClosesItOnTheWatermark() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("enriched-streaming", 1));
        KafkaBroker.send(bootstrap, "enriched-streaming", scan());
        JobConfig config = config(bootstrap, "enriched-streaming", "checkpoints.interval: PT0.5S\nenriched.idleness: PT1S\n");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunDetection.define(env, config);
        JobClient job = env.executeAsync("detection streaming test");
        try {
            List<Alert> opened = alerts(OutputFiles.awaitLines(dir.resolve("alerts"), 1, Duration.ofSeconds(60)));
            assertThat(opened).first().satisfies(alert -> {
                assertThat(alert.kind).isEqualTo(AlertKind.PORT_SCAN);
                assertThat(alert.status).isEqualTo(AlertStatus.OPEN);
            });
            // an hour later, another task's ordinary flow: event time moves on, the quiet scan closes
            KafkaBroker.send(bootstrap, "enriched-streaming", List.of(json(enriched(flow()
                    .from("10.0.1.6").srcPort(40_000).to("10.0.3.10").port(443).at(T0 + 3600).build())
                    .srcTask(task("web2").service("web").ip("10.0.1.6").identity())
                    .dstPeer(PeerClass.SAME_VPC).build())));
            long deadline = System.currentTimeMillis() + 60_000;
            List<Alert> alerts = alerts(OutputFiles.lines(dir.resolve("alerts")));
            while (alerts.stream().noneMatch(alert -> alert.status == AlertStatus.CLOSED)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(300);
                alerts = alerts(OutputFiles.lines(dir.resolve("alerts")));
            }
            assertThat(alerts).extracting(alert -> alert.status).contains(AlertStatus.OPEN, AlertStatus.CLOSED);
            assertThat(alerts).extracting(alert -> alert.id).containsOnly(opened.get(0).id);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aJobWithoutAlertOutputsOrDeadLettersIsRefused() throws Exception {
        Path yaml = Files.writeString(dir.resolve("none.yaml"), "enriched:\n  kafka:\n    bootstrap-servers: x:1\n"
                + "    topic: t\nsinks:\n  dead-letters: " + dir.resolve("dead") + "\n");
        assertThatThrownBy(() -> RunDetection.define(StreamExecutionEnvironment.getExecutionEnvironment(),
                JobConfig.read(yaml, Map.of(), DetectionJobOptions.ALL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no alert output is configured: set"
                        + " alerts.json, alerts.parquet, alerts.kafka.topic or alerts.webhook.url");
        Path noDeadLetters = Files.writeString(dir.resolve("no-dead.yaml"), "alerts:\n  json: " + dir + "\n");
        assertThatThrownBy(() -> RunDetection.define(StreamExecutionEnvironment.getExecutionEnvironment(),
                JobConfig.read(noDeadLetters, Map.of(), DetectionJobOptions.ALL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration key 'sinks.dead-letters' is required");
        Path enabled = Files.writeString(dir.resolve("enabled.yaml"), "detection:\n  enabled: true\n");
        assertThatThrownBy(() -> JobConfig.read(enabled, Map.of(), DetectionJobOptions.ALL))
                .as("this job always detects").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown configuration key 'detection.enabled'");
    }

    /** Task web1 of service web reaches ports 1..20 of 10.0.3.9, ten seconds apart: a port scan. */
    private static List<byte[]> scan() {
        List<byte[]> messages = new ArrayList<>();
        for (int port = 1; port <= SCANNED_PORTS; port++) {
            messages.add(json(enriched(flow().from(WEB.privateIpv4).srcPort(40_000).to("10.0.3.9").port(port)
                    .rejected().at(T0 + port * 10L).build()).srcTask(WEB).dstPeer(PeerClass.SAME_VPC).build()));
        }
        return messages;
    }

    private static byte[] json(dev.flowlens.schemas.EnrichedFlow flow) {
        return EnrichedFlowJson.toJson(flow).getBytes(StandardCharsets.UTF_8);
    }

    /** The job's configuration in dotted keys (YAML keys too), plus {@code more} lines. */
    private JobConfig config(String bootstrap, String topic, String more) throws IOException {
        Path yaml = Files.writeString(dir.resolve(topic + ".yaml"), "enriched.kafka.bootstrap-servers: '" + bootstrap
                + "'\nenriched.kafka.topic: " + topic + "\nenriched.kafka.group-id: " + topic + "-test\n"
                + "sinks.dead-letters: " + dir.resolve("dead") + "\nalerts.json: " + dir.resolve("alerts") + "\n"
                + more);
        return JobConfig.read(yaml, Map.of(), DetectionJobOptions.ALL);
    }

    private static List<Alert> alerts(List<String> lines) {
        List<Alert> alerts = new ArrayList<>();
        for (String line : lines) {
            try {
                alerts.add(AlertJson.parse(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        alerts.sort(java.util.Comparator.comparingLong((Alert alert) -> alert.end)
                .thenComparing(alert -> alert.status.ordinal()));
        return alerts;
    }
}
