package dev.flowlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.LocalAwsEndpoint;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens run enrich --config}: the configured job on an embedded mini-cluster, directory in, files out. */
class RunEnrichCommandTest {
    @TempDir
    Path dir;

    /** A run that dead-lettered input exits 1 and says how many flows and dead letters it wrote. */
    @Test
    void runsTheConfiguredJob() throws Exception {
        Path scenario = dir.resolve("scenario");
        assertThat(Cli.run("", "generate", "--out", scenario.toString(), "--minutes", "4").exitCode()).isZero();
        long records = Files.readAllLines(scenario.resolve("truth/flows.tsv")).size() - 1;
        Files.writeString(scenario.resolve("flowlogs/broken.log"), "not a flow log\n");
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "flow-logs:\n  source: directory\n  directory: " + scenario.resolve("flowlogs")
                + "\nmetadata:\n  events: " + scenario.resolve("metadata/events.jsonl") + "\n  snapshot: "
                + scenario.resolve("metadata/snapshot.json") + "\nenrichment:\n  vpc-cidrs: [10.0.0.0/16]\n"
                + "sinks:\n  enriched-json: " + dir.resolve("out/json") + "\n  parquet: " + dir.resolve("out/parquet")
                + "\n  dead-letters: " + dir.resolve("out/dead") + "\n");

        Cli.Run run = Cli.run("", "run", "enrich", "--config", config.toString());

        assertThat(run.exitCode()).as(run.errText()).isEqualTo(1);
        assertThat(run.outText()).isEmpty();
        assertThat(run.errText()).matches(String.format("flowlens run enrich: %,d flows enriched, 1 dead letter;"
                + " done in [0-9.]+ s\n", records));
        assertThat(lines(dir.resolve("out/json"))).isEqualTo(records);
        assertThat(lines(dir.resolve("out/dead"))).isEqualTo(1);
        try (Stream<Path> parquet = Files.walk(dir.resolve("out/parquet"))) {
            assertThat(parquet.filter(p -> p.toString().endsWith(".zstd.parquet"))).isNotEmpty();
        }
    }

    /** An empty directory runs (there is nothing to read), with a warning that says so. */
    @Test
    void anEmptyFlowLogDirectoryIsAWarning() throws Exception {
        Map<String, String> config = valid();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        config.put("flow-logs.directory", empty.toString());

        Cli.Run run = Cli.run("", "run", "enrich", "--config", yaml(config).toString());

        assertThat(run.exitCode()).as(run.errText()).isZero();
        assertThat(run.errText()).matches("flowlens run enrich: warning: flow-logs.directory '" + empty + "' holds 0"
                + " files: the job reads no flow logs\nflowlens run enrich: 0 flows enriched, 0 dead letters; done in"
                + " [0-9.]+ s\n");
    }

    /** Inputs, sinks, CIDRs and brokers are checked before the job starts, so no output is committed by a job
     * that cannot finish (item 5: enriched flows committed, then the dead letters lost). */
    @Test
    void checksInputsSinksAndBrokersBeforeTheJobStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine\n");
        assertRefused(Map.of("sinks.dead-letters", file.resolve("dead").toString()), "sinks.dead-letters '"
                + file.resolve("dead") + "': '" + file + "' is a file, not a directory");
        assertThat(dir.resolve("out")).as("nothing written").doesNotExist();
        assertRefused(Map.of("enrichment.vpc-cidrs", "[10.0.0.0/99]"),
                "enrichment.vpc-cidrs: prefix length out of range in '10.0.0.0/99'");
        Path absent = dir.resolve("absent");
        assertRefused(Map.of("metadata.events", absent.toString()), "metadata.events '" + absent + "': no such file");
        assertRefused(Map.of("metadata.snapshot", absent.toString()),
                "metadata.snapshot '" + absent + "': no such file");
        assertRefused(Map.of("flow-logs.directory", absent.toString()),
                "flow-logs.directory '" + absent + "': no such file or directory");
        assertRefused(Map.of("enrichment.threat-lists", "{deny: " + absent + "}"),
                "enrichment.threat-lists.deny '" + absent + "': no such file");

        assertRefused(Map.of("flow-logs.watch-interval", "PT10S", "metadata.reconcile.once", "true"),
                "metadata.reconcile.once: for bounded runs; a streaming job reconciles every"
                        + " metadata.reconcile.interval instead");

        long started = System.nanoTime();
        assertRefused(Map.of("flow-logs.source", "kafka", "flow-logs.kafka.bootstrap-servers", "'127.0.0.1:1'",
                "flow-logs.kafka.topic", "flows"), "flow-logs.kafka.bootstrap-servers: no Kafka broker answered at"
                + " 127.0.0.1:1 within 10 s; check the address and that the brokers are up");
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
    }

    /**
     * {@code metadata.reconcile.once}: a bounded job reads the account once from the ECS/EC2 APIs (sim's local
     * endpoint, through the SDK's default credential chain) before its flows; the events carry no groups, the
     * reconciliation gives them. A pass that fails fails the job, naming the reconciler's error.
     */
    @Test
    void reconcileOnceGivesABoundedJobTheAccountsGroupsOrFailsIt() throws Exception {
        Simulation sim = new Simulation(SimConfig.defaults().withSeed(3).withDuration(5));
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(sim, scenario, ScenarioWriter.Layout.S3).write();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("flow-logs.directory", scenario.resolve("flowlogs").toString());
        config.put("metadata.events", scenario.resolve("metadata/events.jsonl").toString());
        config.put("metadata.reconcile.once", "true");
        config.put("enrichment.vpc-cidrs", "[10.0.0.0/16]");
        config.put("sinks.enriched-json", dir.resolve("out/json").toString());
        config.put("sinks.dead-letters", dir.resolve("out/dead").toString());
        System.setProperty("aws.accessKeyId", "AKIDLOCAL"); // the SDK's default chain; the endpoint checks none
        System.setProperty("aws.secretAccessKey", "local");
        try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(sim)) {
            config.put("aws.region", aws.region());
            config.put("aws.ecs.endpoint", aws.uri().toString());
            config.put("aws.ec2.endpoint", aws.uri().toString());
            Cli.Run run = Cli.run("", "run", "enrich", "--config", yaml(config).toString());
            assertThat(run.exitCode()).as(run.errText()).isZero();
            assertThat(aws.calls()).contains("ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces");

            config.put("aws.ecs.endpoint", "http://127.0.0.1:1"); // nothing listens there
            config.put("sinks.enriched-json", dir.resolve("out/json-unreachable").toString());
            Cli.Run failed = Cli.run("", "run", "enrich", "--config", yaml(config).toString());
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.errText()).startsWith("flowlens run enrich: the job failed:")
                    .contains("the ECS/EC2 reconciliation before the flows failed (");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        Evaluation evaluation = new Evaluator().evaluate(scenario, Inputs.files(dir.resolve("out/json")));
        assertThat(evaluation.groupsKnownShare()).isGreaterThanOrEqualTo(99.9);
        assertThat(evaluation.securityGroups.wrong()).isZero();
        assertThat(evaluation.flowlens.wrong()).isZero();
    }

    /** A job that fails while running names its root cause in one line, not Flink's "Job execution failed.". */
    @Test
    void aFailedJobReportsItsRootCause() throws Exception {
        Map<String, String> config = valid();
        config.put("sinks.dead-letters", "nofs://bucket/dead");

        Cli.Run run = Cli.run("", "run", "enrich", "--config", yaml(config).toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.outText()).isEmpty();
        assertThat(run.errText()).isEqualTo("flowlens run enrich: the job failed:"
                + " org.apache.hadoop.fs.UnsupportedFileSystemException: No FileSystem for scheme \"nofs\"\n");
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

        Files.writeString(config, "sinks:\n  dead-letters: x\nenrichment:\n  retention: PT9999999999999H\n");
        Cli.Run overflow = Cli.run("", "run", "enrich", "--config", config.toString());
        assertThat(overflow.exitCode()).isEqualTo(2);
        assertThat(overflow.errText()).isEqualTo("flowlens run enrich: enrichment.retention: expected a non-negative"
                + " ISO-8601 duration such as PT24H or PT30S, not 'PT9999999999999H'\n");
    }

    /** A configuration that runs: one flow-log line, one task event, file sinks under {@code out}. */
    private Map<String, String> valid() throws Exception {
        Path flows = Files.createDirectories(dir.resolve("flows"));
        Files.writeString(flows.resolve("a.log"), "2 111122223333 eni-old 10.0.1.5 52.216.10.1 40000 443 6 10 5000 "
                + "1714986000 1714986060 ACCEPT OK\n");
        Path events = Files.writeString(dir.resolve("events.jsonl"), AttributeCommandTest.event("old", "checkout",
                "10.0.1.5", "eni-old", "2024-05-06T09:00:00Z", null, 1, "RUNNING") + "\n");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("flow-logs.directory", flows.toString());
        config.put("metadata.events", events.toString());
        config.put("sinks.enriched-json", dir.resolve("out/json").toString());
        config.put("sinks.dead-letters", dir.resolve("out/dead").toString());
        return config;
    }

    private void assertRefused(Map<String, String> changes, String message) throws Exception {
        Map<String, String> config = valid();
        config.putAll(changes);
        Cli.Run run = Cli.run("", "run", "enrich", "--config", yaml(config).toString());
        assertThat(run.exitCode()).as(run.errText()).isEqualTo(2);
        assertThat(run.errText()).isEqualTo("flowlens run enrich: " + message + "\n");
    }

    /** Dotted keys are YAML keys too: the configuration flattens its mappings into them. */
    private Path yaml(Map<String, String> config) throws Exception {
        List<String> lines = config.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return Files.write(dir.resolve("job-" + System.nanoTime() + ".yaml"), lines);
    }

    private static long lines(Path directory) throws Exception {
        long lines = 0;
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                lines += Files.readAllLines(file).size();
            }
        }
        return lines;
    }
}
