package dev.flowlens.jobs.enrich;

import static dev.flowlens.jobs.enrich.EnrichmentOptions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.jobs.kit.JobConfig;
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
                "FLOWLENS_ENRICHMENT_VPC_CIDRS", "10.1.0.0/16, 10.2.0.0/16", "UNRELATED", "x"), ALL);

        assertThat(config.get(FLOW_LOGS_KAFKA.topic())).isEqualTo("b");
        assertThat(config.get(VPC_CIDRS)).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        assertThat(config.get(RETENTION)).isEqualTo(Duration.ofHours(6));
        assertThat(config.get(THREAT_LISTS)).containsEntry("deny", "d.txt");
        assertThat(config.properties(FLOW_LOGS_KAFKA.properties())).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.required(DEAD_LETTERS)).isEqualTo("dl");
        assertThatThrownBy(() -> config.required(PARQUET)).hasMessageContaining("'sinks.parquet' is required");
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "sinks:\n  parket: x\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of(), ALL)).hasMessageContaining("'sinks.parket'");
        Files.writeString(file, "enrichment:\n  retention: a day\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of(), ALL))
                .hasMessage("enrichment.retention: expected a non-negative ISO-8601 duration such as PT24H or PT30S,"
                        + " not 'a day'");
        Files.writeString(file, "enrichment:\n  retention: PT9999999999999H\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of(), ALL)).hasMessageStartingWith("enrichment.retention:");
        Files.writeString(file, "enrichment:\n  max-held-per-interface: many\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of(), ALL))
                .hasMessage("enrichment.max-held-per-interface: expected a whole number, not 'many'");
    }

    @Test
    void unknownEnvironmentOverridesAreErrors() throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "sinks:\n  dead-letters: dl\n");
        assertThatThrownBy(() -> JobConfig.read(file, Map.of("FLOWLENS_SINKS_PARKET", "x"), ALL))
                .hasMessageContaining("FLOWLENS_SINKS_PARKET names no configuration key");
        // the launcher's own variable is not a key
        assertThat(JobConfig.read(file, Map.of("FLOWLENS_JAVA_OPTS", "-Xmx1g"), ALL).get(DEAD_LETTERS))
                .isEqualTo("dl");
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
        JobConfig config = JobConfig.readPropertyGroups(file, Map.of("FLOWLENS_FLOW_LOGS_KAFKA_TOPIC", "b"), ALL);

        assertThat(config.get(SOURCE)).isEqualTo("kafka");
        assertThat(config.get(FLOW_LOGS_KAFKA.topic())).isEqualTo("b");
        assertThat(config.get(KAFKA_BOUNDED)).isFalse();
        assertThat(config.properties(FLOW_LOGS_KAFKA.properties())).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.get(VPC_CIDRS)).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        assertThat(config.get(THREAT_LISTS)).containsEntry("deny", "lists/deny.txt");
        assertThat(config.get(HOLD_BACK)).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.required(DEAD_LETTERS)).isEqualTo("dl");

        Files.writeString(file, "[{\"PropertyGroupId\": \"sinks\", \"PropertyMap\": {\"parket\": \"x\"}}]");
        assertThatThrownBy(() -> JobConfig.readPropertyGroups(file, Map.of(), ALL)).hasMessageContaining("'sinks.parket'");
        Files.writeString(file, "{\"PropertyGroupId\": \"sinks\"}");
        assertThatThrownBy(() -> JobConfig.readPropertyGroups(file, Map.of(), ALL)).hasMessageContaining("JSON array");
    }

    /** The examples in deploy/ use only keys the job knows, with values it accepts. */
    @Test
    void deployExamplesAreValid() throws Exception {
        for (JobConfig config : List.of(JobConfig.read(Path.of("../deploy/enrich.example.yaml"), Map.of(), ALL),
                JobConfig.readPropertyGroups(Path.of("../deploy/msf-application-properties.json"), Map.of(), ALL))) {
            assertThat(config.get(SOURCE)).isEqualTo("kafka");
            assertThat(config.get(KAFKA_BOUNDED)).isFalse();
            assertThat(config.get(RECONCILE_INTERVAL)).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.get(VPC_CIDRS)).isNotEmpty();
            assertThat(config.required(PARQUET)).startsWith("s3://");
        }
    }
}
