package dev.flowlens.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    @TempDir
    Path dir;

    @Test
    void yamlWithEnvironmentOverrides() throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "flow-logs:\n  source: kafka\n  kafka:\n    topic: a\n    properties:\n"
                + "      security.protocol: SASL_SSL\n      sasl.mechanism: SCRAM-SHA-512\n"
                + "enrichment:\n  retention: PT6H\n  vpc-cidrs: [10.0.0.0/16]\n  threat-lists:\n    deny: d.txt\n"
                + "sinks:\n  dead-letters: dl\n");
        JobConfig config = JobConfig.read(file, Map.of("FLOWLENS_FLOW_LOGS_KAFKA_TOPIC", "b",
                "FLOWLENS_ENRICHMENT_VPC_CIDRS", "10.1.0.0/16, 10.2.0.0/16", "UNRELATED", "x"));

        assertThat(config.text("flow-logs.kafka.topic", null)).isEqualTo("b");
        assertThat(config.list("enrichment.vpc-cidrs")).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        assertThat(config.duration("enrichment.retention", Duration.ZERO)).isEqualTo(Duration.ofHours(6));
        assertThat(config.map("enrichment.threat-lists")).containsEntry("deny", "d.txt");
        assertThat(config.kafkaProperties("flow-logs")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.required("sinks.dead-letters")).isEqualTo("dl");
        assertThatThrownBy(() -> config.required("sinks.parquet")).hasMessageContaining("'sinks.parquet' is required");
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "sinks:\n  parket: x\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of())).hasMessageContaining("'sinks.parket'");
        Files.writeString(file, "enrichment:\n  retention: a day\n");
        JobConfig config = JobConfig.read(file, Map.of());
        assertThatThrownBy(() -> config.duration("enrichment.retention", Duration.ZERO))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void managedFlinkPropertyGroupsMeanTheSameKeys() throws Exception {
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, """
                [
                  {"PropertyGroupId": "flow-logs", "PropertyMap": {"source": "kafka", "kafka.topic": "a",
                    "kafka.bounded": "false", "kafka.properties.security.protocol": "SASL_SSL"}},
                  {"PropertyGroupId": "enrichment", "PropertyMap": {"vpc-cidrs": "10.1.0.0/16,10.2.0.0/16",
                    "threat-lists.deny": "lists/deny.txt", "hold-back": "PT3M"}},
                  {"PropertyGroupId": "FlinkApplicationProperties", "PropertyMap": {"sinks.dead-letters": "dl"}}
                ]""");
        JobConfig config = JobConfig.readPropertyGroups(file, Map.of("FLOWLENS_FLOW_LOGS_KAFKA_TOPIC", "b"));

        assertThat(config.text("flow-logs.source", null)).isEqualTo("kafka");
        assertThat(config.text("flow-logs.kafka.topic", null)).isEqualTo("b");
        assertThat(config.bool("flow-logs.kafka.bounded", true)).isFalse();
        assertThat(config.kafkaProperties("flow-logs")).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.list("enrichment.vpc-cidrs")).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        assertThat(config.map("enrichment.threat-lists")).containsEntry("deny", "lists/deny.txt");
        assertThat(config.duration("enrichment.hold-back", Duration.ZERO)).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.required("sinks.dead-letters")).isEqualTo("dl");

        Files.writeString(file, "[{\"PropertyGroupId\": \"sinks\", \"PropertyMap\": {\"parket\": \"x\"}}]");
        assertThatThrownBy(() -> JobConfig.readPropertyGroups(file, Map.of())).hasMessageContaining("'sinks.parket'");
        Files.writeString(file, "{\"PropertyGroupId\": \"sinks\"}");
        assertThatThrownBy(() -> JobConfig.readPropertyGroups(file, Map.of())).hasMessageContaining("JSON array");
    }

    /** The examples in deploy/ use only keys the job knows, with values it accepts. */
    @Test
    void deployExamplesAreValid() throws Exception {
        for (JobConfig config : List.of(JobConfig.read(Path.of("../deploy/enrich.example.yaml"), Map.of()),
                JobConfig.readPropertyGroups(Path.of("../deploy/msf-application-properties.json"), Map.of()))) {
            assertThat(config.text("flow-logs.source", null)).isEqualTo("kafka");
            assertThat(config.bool("flow-logs.kafka.bounded", true)).isFalse();
            assertThat(config.duration("metadata.reconcile.interval", null)).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.list("enrichment.vpc-cidrs")).isNotEmpty();
            assertThat(config.required("sinks.parquet")).startsWith("s3://");
        }
    }
}
