package dev.flowlens.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.kit.webhook.WebhookSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert outputs from a job's configuration, and the one-line errors of a wrong one. */
class AlertSinkOptionsTest {
    @TempDir
    Path dir;

    @Test
    void nothingSetIsNoOutput() throws Exception {
        AlertSinks sinks = AlertSinkOptions.from(config("{}"));
        assertThat(sinks.any()).isFalse();
        assertThat(sinks.format()).isEqualTo(AlertSinks.Format.FLOWLENS);
    }

    @Test
    void everyOutputWithItsSettings() throws Exception {
        AlertSinks sinks = AlertSinkOptions.from(config("""
                alerts:
                  format: ocsf
                  json: /tmp/alerts-json
                  parquet: s3://bucket/alerts
                  kafka:
                    bootstrap-servers: broker:9092
                    topic: alerts
                    properties:
                      security.protocol: SSL
                  webhook:
                    url: https://hooks.example.com/flowlens
                    headers:
                      Authorization: Bearer abc
                    max-attempts: 3
                    timeout: PT2S
                    max-backoff: PT5S
                """));
        assertThat(sinks.format()).isEqualTo(AlertSinks.Format.OCSF);
        assertThat(sinks.json()).isEqualTo("/tmp/alerts-json");
        assertThat(sinks.parquet()).isEqualTo("s3://bucket/alerts");
        assertThat(sinks.kafka().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(sinks.kafka().topic()).isEqualTo("alerts");
        assertThat(sinks.kafka().transactionalIdPrefix()).isEqualTo("flowlens-alerts");
        assertThat(sinks.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(sinks.webhook()).isEqualTo(new WebhookSettings(URI.create("https://hooks.example.com/flowlens"),
                Map.of("Authorization", "Bearer abc"), 3, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        // what Flink ships to the task managers must serialize
        assertThat(InstantiationUtil.clone(sinks.webhook())).isEqualTo(sinks.webhook());
    }

    @Test
    void webhookDefaults() throws Exception {
        WebhookSettings webhook = AlertSinkOptions.from(config("alerts.webhook.url: http://localhost:8080/hook"))
                .webhook();
        assertThat(webhook.maxAttempts()).isEqualTo(5);
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(webhook.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(webhook.headers()).isEmpty();
    }

    @Test
    void wrongValuesAreOneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.format: cef")))
                .hasMessage("alerts.format: 'cef' is no alert format; use flowlens (schemas/alert.md) or ocsf"
                        + " (OCSF Detection Finding)");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.webhook.url: ftp://example.com/x")))
                .hasMessageStartingWith("alerts.webhook.url: the webhook URL 'ftp://example.com/x' is not an http://");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.webhook.url: 'http://exa mple.com'")))
                .hasMessageStartingWith("alerts.webhook.url: 'http://exa mple.com' is not a URL");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("""
                alerts.webhook.url: http://localhost/hook
                alerts.webhook.max-attempts: 0
                """))).hasMessageStartingWith("alerts.webhook.max-attempts: 0 attempts would send nothing");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("""
                alerts.webhook.url: http://localhost/hook
                alerts.webhook.headers:
                  Host: elsewhere
                """))).hasMessageStartingWith("alerts.webhook.headers: the webhook header 'Host' cannot be sent");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.webhook.max-attempts: 2")))
                .hasMessageContaining("alerts.webhook.url is not");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.kafka.topic: alerts")))
                .hasMessage("configuration key 'alerts.kafka.bootstrap-servers' is required");
        assertThatThrownBy(() -> AlertSinkOptions.from(config("alerts.kafka.bootstrap-servers: b:9092")))
                .hasMessageContaining("alerts.kafka.topic is not");
        assertThatThrownBy(() -> config("alerts.webhook.timeout: 10s"))
                .hasMessageStartingWith("alerts.webhook.timeout: expected a non-negative ISO-8601 duration");
    }

    @Test
    void keysAreUniqueAndAllUnderAlerts() {
        List<String> keys = AlertSinkOptions.ALL.stream().map(JobOption::key).toList();
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        assertThat(keys).allMatch(key -> key.startsWith("alerts."));
        assertThat(keys).contains("alerts.kafka.bootstrap-servers", "alerts.kafka.topic", "alerts.kafka.properties",
                "alerts.kafka.transactional-id-prefix", "alerts.json", "alerts.parquet", "alerts.webhook.url",
                "alerts.webhook.headers", "alerts.webhook.max-attempts", "alerts.webhook.timeout",
                "alerts.webhook.max-backoff", "alerts.format");
    }

    private JobConfig config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return JobConfig.read(file, Map.of(), AlertSinkOptions.ALL);
    }
}
