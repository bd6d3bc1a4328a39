package dev.flowlens.cli;

import dev.flowlens.detect.DetectionSettings;
import dev.flowlens.jobs.detect.DetectionOptions;
import dev.flowlens.jobs.enrich.BoundedEnrichment;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.enrich.EnrichmentSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.enrich.operators.ReconcileTasks;
import dev.flowlens.jobs.kit.AwsSettings;
import dev.flowlens.schemas.alert.AlertKind;
import dev.flowlens.sim.AlertScorer;
import dev.flowlens.sim.DirectDetection;
import dev.flowlens.sim.Evaluation;
import dev.flowlens.sim.Evaluator;
import dev.flowlens.sim.LocalAwsEndpoint;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens demo}: a simulated ECS account through the enrichment job on an embedded Flink mini-cluster,
 * scored against the truth. Needs no AWS account, Kafka or cluster.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Generate a default scenario (an ECS fleet with IP churn and injected incidents), run the enrichment job"
                    + " on an embedded Flink mini-cluster, score the result against the truth and print a summary.",
            "Everything is written under --out."})
final class DemoCommand implements Callable<Integer> {
    /**
     * Left in --out: the directory is a demo's. It lists every file the demo wrote, so a later demo removes exactly
     * those and refuses when anything else is in its folders.
     */
    static final String MARKER = ".flowlens-demo";
    private static final String MARKER_HEADER = "# Written by flowlens demo: the files it wrote, which the next demo"
            + " into this directory removes (and nothing else).";
    /** What a demo writes under --out, and all that a later demo replaces. */
    private static final List<String> FOLDERS = List.of("scenario", "enriched", "parquet", "dead-letters", "alerts");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "flowlens-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}); the files a previous demo wrote there are"
                    + " replaced, nothing else.")
    Path out;

    @Option(names = "--minutes", defaultValue = "30", description = "Simulated time (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (minutes < 1) {
            throw new Flowlens.UsageException("--minutes must be at least 1");
        }
        claim(this.out);
        try {
            return run(out);
        } finally {
            recordWritten(this.out); // also after a failed run, so the next demo may remove what this one left
        }
    }

    private int run(PrintWriter out) throws Exception {
        Path scenario = this.out.resolve("scenario");
        Path enriched = this.out.resolve("enriched");
        Path deadLetters = this.out.resolve("dead-letters");
        Path parquet = this.out.resolve("parquet");
        Path alerts = this.out.resolve("alerts");
        long started = System.nanoTime();

        SimConfig config = SimConfig.defaults().withSeed(seed).withDuration(minutes);
        Simulation simulation = new Simulation(config);
        Progress progress = Progress.of(spec);
        long records = new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.S3)
                .onProgress(progress.percent("generating the scenario")).write();
        progress.clear();
        out.printf("generated   %,d flow-log records from a simulated fleet (%d injected incidents) in %s%n", records,
                simulation.incidents().size(), scenario.resolve("flowlogs"));
        out.flush();

        long jobStarted = System.nanoTime();
        int listedTasks;
        int apiCalls;
        String endpoint;
        // The production path: the job's reconciler reads the simulated account through the real SDK clients,
        // from an endpoint speaking ECS's and EC2's wire protocols, closed when the job ends or fails.
        try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(simulation)) {
            endpoint = aws.uri().toString();
            BoundedEnrichment.run(JobProgress.environment(progress, records),
                    new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"),
                            scenario.resolve("metadata/events.jsonl"), scenario.resolve("metadata/snapshot.json"),
                            enriched, parquet, deadLetters),
                    new EnrichmentSettings(simulation.format().toAwsFormatString(), "metadata/events.jsonl",
                            new IndexSettings(EnrichmentOptions.RETENTION.defaultValue(), simulation.vpcCidrs(),
                                    Map.of("deny", simulation.denyList()))),
                    new BoundedEnrichment.Detection(DirectDetection.forAccount(
                            DetectionSettings.defaults(), simulation, scenario),
                            DetectionOptions.LATENESS.defaultValue(), alerts),
                    ReconcileTasks.once(AwsSettings.of(aws.region()), endpoint, endpoint,
                            new ReconcileTasks.LocalCredentials("AKIDLOCALDEMO", "local-endpoint-checks-none")));
            listedTasks = aws.listedTasks();
            apiCalls = aws.calls().size();
        }
        double jobSeconds = (System.nanoTime() - jobStarted) / 1e9;

        long deadLetterCount = countLines(filesIn(deadLetters));
        progress.show("scoring against the truth");
        Evaluation evaluation = new Evaluator().evaluate(scenario, filesIn(enriched));
        progress.clear();
        Map<String, Long> methods = evaluation.attributionMethods;
        long ends = evaluation.flowlens.ends;
        long attributed = ends - methods.entrySet().stream().filter(e -> e.getKey().startsWith("unattributed"))
                .mapToLong(Map.Entry::getValue).sum();

        out.printf("enriched    %,d flows on an embedded Flink mini-cluster in %.1f s; %,d dead letters%n",
                ends / 2, jobSeconds, deadLetterCount);
        out.printf("attributed  %,d of %,d flow ends to a task (%.1f%%); the rest are peers (internet, AWS services,"
                + " load balancers) or said why not%n", attributed, ends, 100.0 * attributed / ends);
        out.printf("  by method:");
        methods.forEach((method, count) -> out.printf("  %s %,d", method, count));
        out.printf("%nscored      against the truth: %.2f%% of ends correct, %.2f%% wrong, %.2f%% unattributed;"
                + " the naive IP-only join: %.2f%% correct, %.2f%% wrong%n",
                evaluation.flowlens.share(evaluation.flowlens.correct()),
                evaluation.flowlens.share(evaluation.flowlens.wrong()),
                evaluation.flowlens.share(evaluation.flowlens.unattributed()),
                evaluation.naive.share(evaluation.naive.correct()), evaluation.naive.share(evaluation.naive.wrong()));
        Evaluation.Counts groups = evaluation.securityGroups;
        out.printf("groups      %.2f%% of task ends have security groups (the job's reconciler read %,d tasks from a"
                + " local ECS/EC2 endpoint at %s serving the simulated account, %d API calls through the AWS SDK);"
                + " against the truth: %.2f%% correct, %.2f%% wrong, %.2f%% unknown%n",
                evaluation.groupsKnownShare(), listedTasks, endpoint, apiCalls, groups.share(groups.correct()),
                groups.share(groups.wrong()), groups.share(groups.outcomes.getOrDefault("unknown", 0L)));
        printAlerts(out, simulation, alerts);
        out.printf("files       enriched flows, Parquet (dt=/hour= partitions): %s%n"
                + "            enriched flows, JSON lines: %s%n            dead letters: %s%n"
                + "            alerts, JSON lines: %s%n"
                + "            scenario, metadata and truth: %s%n", parquet, enriched,
                deadLetterCount == 0 ? "none" : deadLetters, alerts, scenario); // the sink writes no folder for none
        out.printf("try         duckdb -c \"select src_service, dst_aws_service, sum(bytes) as bytes from"
                + " read_parquet('%s/**/*.parquet', hive_partitioning = true) where dst_peer_class = 'aws-service'"
                + " group by all order by bytes desc\"%n", parquet);
        out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return deadLetterCount > 0 ? Flowlens.EXIT_DEAD_LETTERS : 0;
    }

    /** The alerts raised, by kind, beside the incidents injected, with recall and precision. */
    private static void printAlerts(PrintWriter out, Simulation simulation, Path alerts) throws IOException {
        Map<AlertKind, AlertScorer.KindScore> scores = new AlertScorer().score(simulation.incidents(),
                Files.isDirectory(alerts) ? filesIn(alerts) : List.of());
        long raised = scores.values().stream().mapToLong(score -> score.alerts).sum();
        long injected = scores.values().stream().mapToLong(score -> score.incidents).sum();
        long detected = scores.values().stream().mapToLong(score -> score.detected).sum();
        long right = scores.values().stream().mapToLong(score -> score.trueAlerts).sum();
        out.printf("alerts      %d raised for %d injected incidents: recall %s, precision %s (warm-up %d min)%n",
                raised, injected, percent(detected, injected), percent(right, raised), DetectionSettings.defaults().warmUp().toMinutes());
        out.printf("  %-26s %9s %8s %7s %7s %10s%n", "kind", "incidents", "detected", "alerts", "true", "precision");
        scores.forEach((kind, score) -> out.printf("  %-26s %9d %8d %7d %7d %10s%n", kind.wireName(),
                score.incidents, score.detected, score.alerts, score.trueAlerts,
                percent(score.trueAlerts, score.alerts)));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    /**
     * Makes {@code dir} the demo's. A new or empty directory gets the marker. One with the marker is an earlier
     * demo's: the files it lists are removed, and if anything else stands in the demo's folders (a user's file, or
     * one a crashed demo left unlisted) the demo refuses, naming it, before removing anything. Any other directory
     * is the user's, and the demo refuses to touch it.
     */
    private static void claim(Path dir) throws IOException {
        Outputs.directory("--out", dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new Flowlens.UsageException("--out '" + dir + "' holds files no demo wrote (no " + MARKER
                            + " marker); give a new or empty directory, or an earlier demo's output");
                }
            }
            Files.writeString(marker, MARKER_HEADER + "\n");
            return;
        }
        Set<String> written = new HashSet<>(Files.readAllLines(marker));
        List<Path> present = filesUnder(dir);
        for (Path file : present) {
            if (!written.contains(dir.relativize(file).toString())) {
                throw new Flowlens.UsageException("--out '" + dir + "': '" + file + "' was not written by the"
                        + " previous demo; move it away, or give a new or empty directory");
            }
        }
        for (Path file : present) {
            Files.delete(file);
        }
        for (String folder : FOLDERS) {
            removeEmptyDirectories(dir.resolve(folder));
        }
    }

    /** Lists in the marker every file now in the demo's folders: what this demo wrote. */
    private static void recordWritten(Path dir) throws IOException {
        StringBuilder listing = new StringBuilder(MARKER_HEADER).append('\n');
        for (Path file : filesUnder(dir)) {
            listing.append(dir.relativize(file)).append('\n');
        }
        Files.writeString(dir.resolve(MARKER), listing);
    }

    /** The files (not directories) in the demo's folders under {@code dir}. */
    private static List<Path> filesUnder(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path root = dir.resolve(folder);
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Removes the directories under {@code root} (and it) that hold nothing: empty ones hold no one's data. */
    private static void removeEmptyDirectories(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(root)) {
            directories = walk.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path directory : directories) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(directory);
                }
            }
        }
    }

    /** The sink's committed part files; a sink that received nothing writes no directory at all. */
    private static List<Path> filesIn(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Inputs.files(dir) : List.of();
    }

    private static long countLines(List<Path> files) throws IOException {
        long lines = 0;
        for (Path file : files) {
            try (Stream<String> stream = Files.lines(file)) {
                lines += stream.count();
            }
        }
        return lines;
    }
}
