package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.KafkaBroker;
import dev.flowlens.jobs.enrich.KafkaBrokerExtension;
import dev.flowlens.jobs.enrich.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowlens run detect --config}: the detection job on an embedded mini-cluster, reading a real broker's topic
 * of enriched flows, as {@code run enrich} wrote one. Which alerts it raises is the jobs module's test
 * ({@code RunDetectionTest}); here: the exit codes, the summary line and the one-line errors.
 */
class RunDetectCommandTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    /** A bounded read of one enriched flow and one bad message: exit 1, the counts said in one line. */
    @Test
    void runsTheConfiguredJobAndExitsOneOnDeadLetters() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KafkaBroker.createTopics(bootstrap, Map.of("enriched", 1));
        KafkaBroker.send(bootstrap, "enriched", List.of(enrichedFlow().getBytes(StandardCharsets.UTF_8),
                "not an enriched flow".getBytes(StandardCharsets.UTF_8)));
        Path config = Files.writeString(dir.resolve("detect.yaml"), "enriched:\n  kafka:\n    bootstrap-servers: '"
                + bootstrap + "'\n    topic: enriched\n    bounded: true\nsinks:\n  dead-letters: "
                + dir.resolve("dead") + "\nalerts:\n  json: " + dir.resolve("alerts") + "\n");

        Cli.Run run = Cli.run("", "run", "detect", "--config", config.toString());

        assertThat(run.exitCode()).as(run.errText()).isEqualTo(1);
        assertThat(run.outText()).isEmpty();
        assertThat(run.errText()).matches("flowlens run detect: 0 incidents \\(0 alert records\\), 1 dead letter;"
                + " done in [0-9.]+ s\n");
        assertThat(OutputFiles.lines(dir.resolve("dead"))).singleElement()
                .satisfies(letter -> assertThat(letter).contains("\"origin\":\"enriched[0]").contains("BAD_ENRICHED_FLOW"));
    }

    @Test
    void configurationMistakesAreOneLineUsageErrors() throws Exception {
        assertRefused("detection:\n  enabled: true\n", "unknown configuration key 'detection.enabled'");
        assertRefused("sinks:\n  dead-letters: " + dir.resolve("dead") + "\n",
                "no alert output is configured: set alerts.json, alerts.parquet, alerts.kafka.topic or"
                        + " alerts.webhook.url");
        assertRefused("sinks:\n  dead-letters: " + dir.resolve("dead") + "\nalerts:\n  json: " + dir + "\n",
                "configuration key 'enriched.kafka.bootstrap-servers' is required");
        assertRefused("sinks:\n  dead-letters: " + dir.resolve("dead") + "\nalerts:\n  json: " + dir + "\nmetadata:\n"
                + "  network-interfaces: " + dir.resolve("absent.json") + "\n", "metadata.network-interfaces '"
                + dir.resolve("absent.json") + "': no such file; give the output of 'aws ec2"
                + " describe-network-interfaces'");
        assertThat(Cli.run("", "run", "detect", "--config", dir.resolve("none.yaml").toString()).exitCode())
                .isEqualTo(2);
    }

    private void assertRefused(String yaml, String message) throws Exception {
        Path config = Files.writeString(dir.resolve("job-" + System.nanoTime() + ".yaml"), yaml);
        Cli.Run run = Cli.run("", "run", "detect", "--config", config.toString());
        assertThat(run.exitCode()).as(run.errText()).isEqualTo(2);
        assertThat(run.errText()).endsWith(message + "\n").startsWith("flowlens run detect: ")
                .doesNotContain("\n\t"); // one line, no stack trace
    }

    /** One flow-log line enriched by {@code flowlens run enrich} to JSON lines: the form the topic holds. */
    private String enrichedFlow() throws Exception {
        Path flows = Files.createDirectories(dir.resolve("flows"));
        Files.writeString(flows.resolve("a.log"), "2 111122223333 eni-old 10.0.1.5 52.216.10.1 40000 443 6 10 5000 "
                + "1714986000 1714986060 ACCEPT OK\n");
        Path events = Files.writeString(dir.resolve("events.jsonl"), AttributeCommandTest.event("old", "checkout",
                "10.0.1.5", "eni-old", "2024-05-06T09:00:00Z", null, 1, "RUNNING") + "\n");
        Path config = Files.writeString(dir.resolve("enrich.yaml"), "flow-logs:\n  directory: " + flows
                + "\nmetadata:\n  events: " + events + "\nsinks:\n  enriched-json: " + dir.resolve("enriched")
                + "\n  dead-letters: " + dir.resolve("enrich-dead") + "\n");
        Cli.Run enrich = Cli.run("", "run", "enrich", "--config", config.toString());
        assertThat(enrich.exitCode()).as(enrich.errText()).isZero();
        return OutputFiles.lines(dir.resolve("enriched")).get(0);
    }
}
