package dev.flowlens.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.enrich.MiniClusters;
import dev.flowlens.jobs.enrich.RunEnrichment;
import dev.flowlens.jobs.enrich.S3Server;
import dev.flowlens.jobs.kit.FlinkFileSystems;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.report.Period;
import dev.flowlens.report.Prices;
import dev.flowlens.report.ReportFormat;
import dev.flowlens.report.UsageQuery;
import dev.flowlens.report.UsageReport;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage-report job at parallelism 2 on a dataset the enrichment job wrote from a simulated scenario: its CSV, JSON
 * and HTML files are byte for byte what {@code flowlens report usage} (report's DuckDB {@link UsageQuery}) makes of
 * the same dataset and period, from a local folder and from S3 (S3Proxy) to S3. DuckDB and the job read the same
 * files, the job's own and a copy of each.
 */
class UsageReportJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.withSlots(2);

    @TempDir
    static Path dir;
    static Path dataset;
    static Period span;
    static S3Server s3;

    @BeforeAll
    static void datasetWrittenByTheEnrichmentJob() throws Exception {
        Path scenario = dir.resolve("scenario");
        new ScenarioWriter(new Simulation(SimConfig.defaults().withDuration(75).withSeed(23)), scenario,
                ScenarioWriter.Layout.S3).write();
        dataset = dir.resolve("parquet");
        Path config = Files.writeString(dir.resolve("enrich.yaml"), String.join("\n",
                "flow-logs: {directory: " + scenario.resolve("flowlogs") + "}",
                "metadata: {events: " + scenario.resolve("metadata/events.jsonl") + ", snapshot: "
                        + scenario.resolve("metadata/snapshot.json") + "}",
                "enrichment: {vpc-cidrs: [10.0.0.0/16]}",
                "sinks: {parquet: " + dataset + ", dead-letters: " + dir.resolve("dead") + "}",
                ""));
        RunEnrichment.run(env(), JobConfig.read(config, Map.of(), EnrichmentOptions.ALL));
        // the job writes one file an hour here; a copy beside each gives the readers more files than subtasks
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".parquet")).toList()) {
                Files.copy(file, file.resolveSibling("copy-" + file.getFileName()));
            }
        }
        span = new UsageQuery(dataset).span();
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void theDatasetHasMoreFilesThanSubtasksAndSeveralHours() throws Exception {
        try (Stream<Path> files = Files.walk(dataset)) {
            assertThat(files.filter(file -> file.toString().endsWith(".parquet")).count()).isGreaterThanOrEqualTo(4);
        }
        assertThat(span.end() - span.start()).isGreaterThanOrEqualTo(2 * 3600);
    }

    @Test
    void theWholeSpanIsReportUsagesByteForByte() throws Exception {
        Path out = dir.resolve("whole");
        run(dataset.toString(), span, out.toString(), Map.of());
        assertSameAsDuckDb(span, out);
    }

    @Test
    void aPeriodInsideTheHoursCountsOnlyItsRecords() throws Exception {
        Period inside = new Period(span.start() + 1234, span.end() - 2000);
        Path out = dir.resolve("inside");
        run(dataset.toString(), inside, out.toString(), Map.of());
        assertSameAsDuckDb(inside, out);
        assertThat(csv(new UsageQuery(dataset).run(inside, Prices.defaults(), 10)))
                .isNotEqualTo(csv(new UsageQuery(dataset).run(span, Prices.defaults(), 10)));
    }

    /** The dataset read from S3 through Flink's S3 file system (the plugin, as a cluster loads it), the report to S3. */
    @Test
    void fromS3ToS3() throws Exception {
        s3.upload("lake", dataset.getParent()); // keys parquet/dt=.../hour=.../*.parquet
        s3.createBucket("reports");
        Configuration options = S3Server.flinkFileSystemOptions();
        Map<String, String> aws = Map.of("aws.s3.endpoint", s3.endpoint(), "aws.s3.path-style", "true");
        JobConfig job = config("s3://lake/parquet", span, "s3://reports/weekly", aws);
        Configuration fileSystems = FlinkFileSystems.options(job);
        fileSystems.addAll(options);
        FlinkFileSystems.initialize(fileSystems, Path.of("target/plugins"));
        try {
            RunUsageReport.run(env(), job, Instant.now());
        } finally {
            FlinkFileSystems.initialize(new Configuration(), dir.resolve("no-plugins"));
        }
        Path local = dir.resolve("from-s3");
        List<String> keys = s3.download("reports", local);
        assertThat(keys).containsExactlyInAnyOrder("weekly/" + UsageReportFiles.fileName(span, ReportFormat.CSV),
                "weekly/" + UsageReportFiles.fileName(span, ReportFormat.JSON),
                "weekly/" + UsageReportFiles.fileName(span, ReportFormat.HTML));
        assertSameAsDuckDb(span, local.resolve("weekly"));
    }

    private static void assertSameAsDuckDb(Period period, Path out) throws Exception {
        UsageReport expected = new UsageQuery(dataset).run(period, Prices.defaults(), 10);
        assertThat(expected.rows()).hasSizeGreaterThan(10);
        for (ReportFormat format : ReportFormat.values()) {
            StringWriter text = new StringWriter();
            format.write(expected, text);
            assertThat(Files.readString(out.resolve(UsageReportFiles.fileName(period, format))))
                    .as(format.optionName()).isEqualTo(text.toString());
        }
    }

    private static String csv(UsageReport report) throws Exception {
        StringWriter text = new StringWriter();
        ReportFormat.CSV.write(report, text);
        return text.toString();
    }

    private static void run(String dataset, Period period, String output, Map<String, String> more)
            throws Exception {
        RunUsageReport.run(env(), config(dataset, period, output, more), Instant.now());
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    static JobConfig config(String dataset, Period period, String output, Map<String, String> more)
            throws Exception {
        StringBuilder yaml = new StringBuilder("report:\n")
                .append("  dataset: '").append(dataset).append("'\n")
                .append("  period-start: '").append(Instant.ofEpochSecond(period.start())).append("'\n")
                .append("  period-end: '").append(Instant.ofEpochSecond(period.end())).append("'\n")
                .append("  output: '").append(output).append("'\n");
        more.forEach((key, value) -> yaml.append(key).append(": '").append(value).append("'\n"));
        Path file = Files.writeString(Files.createTempFile(dir, "usage-report", ".yaml"), yaml.toString());
        return JobConfig.read(file, Map.of(), UsageReportOptions.ALL);
    }
}
