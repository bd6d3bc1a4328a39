package dev.flowlens.bench;

import dev.flowlens.jobs.enrich.EnrichmentJob;
import dev.flowlens.jobs.enrich.EnrichmentSettings;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flows per second of the enrichment job end to end on an embedded mini-cluster (this machine's cores): local S3-
 * layout objects (gzip) in, Parquet out (and the same without Parquet, JSON lines only), over a generated scenario.
 * Run: {@code java -cp bench/target/benchmarks.jar dev.flowlens.bench.JobThroughput [minutes]}.
 */
public final class JobThroughput {
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path root = Files.createTempDirectory("flowlens-job-bench-");
        try {
            Path scenario = root.resolve("scenario");
            Simulation simulation = new Simulation(SimConfig.defaults().withDuration(minutes));
            long records = new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.S3).write();
            System.out.printf("scenario: %,d records in %s%n", records, scenario);
            for (int round = 0; round < 3; round++) {
                for (boolean parquet : new boolean[] {true, false}) {
                    Path out = root.resolve("out-" + round + "-" + parquet);
                    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                            Runtime.getRuntime().availableProcessors(), new Configuration());
                    JobExecutionResult result = EnrichmentJob.run(env,
                            new EnrichmentJob.Inputs(scenario.resolve("flowlogs"),
                                    scenario.resolve("metadata/events.jsonl"),
                                    scenario.resolve("metadata/snapshot.json"), parquet ? null : out.resolve("json"),
                                    parquet ? out.resolve("parquet") : null, out.resolve("dead")),
                            new EnrichmentSettings(simulation.format().toAwsFormatString(), "events", 86_400_000L,
                                    List.of("10.0.0.0/16"), Map.of()));
                    double seconds = result.getNetRuntime() / 1000.0;
                    System.out.printf("round %d  %-28s %,10d flows in %6.1f s = %,10.0f flows/s%n", round,
                            parquet ? "S3 objects -> Parquet" : "S3 objects -> JSON lines", records, seconds,
                            records / seconds);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
