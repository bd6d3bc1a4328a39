package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens run enrich --config}: the configured job on an embedded mini-cluster, directory in, files out. */
class RunEnrichCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheConfiguredJob() throws Exception {
        Path scenario = dir.resolve("scenario");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "4").exitCode()).isZero();
        long records = Files.readAllLines(scenario.resolve("truth/flows.tsv")).size() - 1;
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "flow-logs:\n  source: directory\n  directory: " + scenario.resolve("flowlogs")
                + "\nmetadata:\n  events: " + scenario.resolve("metadata/events.jsonl") + "\n  snapshot: "
                + scenario.resolve("metadata/snapshot.json") + "\nenrichment:\n  vpc-cidrs: [10.0.0.0/16]\n"
                + "sinks:\n  enriched-json: " + dir.resolve("out/json") + "\n  parquet: " + dir.resolve("out/parquet")
                + "\n  dead-letters: " + dir.resolve("out/dead") + "\n");

        Cli.Run run = Cli.run("", "run", "enrich", "--config", config.toString());

        assertThat(run.exitCode()).as(run.errText()).isZero();
        long enriched = 0;
        try (Stream<Path> files = Files.walk(dir.resolve("out/json"))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                enriched += Files.readAllLines(file).size();
            }
        }
        assertThat(enriched).isEqualTo(records);
        try (Stream<Path> parquet = Files.walk(dir.resolve("out/parquet"))) {
            assertThat(parquet.filter(p -> p.toString().endsWith(".snappy.parquet"))).isNotEmpty();
        }
    }

    @Test
    void configurationMistakesAreUsageErrors() throws Exception {
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "sinks:\n  dead-letters: x\nflow-logs:\n  source: tape\n");
        Cli.Run run = Cli.run("", "run", "enrich", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errText()).contains("flow-logs.source must be directory, kafka, s3 or sqs");
        assertThat(Cli.run("", "run", "enrich", "--config", dir.resolve("none.yaml").toString()).exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("", "run", "enrich", "--config", config.toString(), "--property-groups",
                config.toString()).exitCode()).as("one configuration source only").isEqualTo(2);

        Path groups = dir.resolve("application_properties.json");
        Files.writeString(groups, "[{\"PropertyGroupId\": \"flow-logs\", \"PropertyMap\": {\"source\": \"tape\"}},"
                + "{\"PropertyGroupId\": \"sinks\", \"PropertyMap\": {\"dead-letters\": \"x\"}}]");
        Cli.Run fromGroups = Cli.run("", "run", "enrich", "--property-groups", groups.toString());
        assertThat(fromGroups.exitCode()).isEqualTo(2);
        assertThat(fromGroups.errText()).contains("flow-logs.source must be directory, kafka, s3 or sqs: tape");
    }
}
