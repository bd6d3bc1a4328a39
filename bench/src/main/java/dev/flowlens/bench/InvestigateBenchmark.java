package dev.flowlens.bench;

import dev.flowlens.investigate.Counterpart;
import dev.flowlens.investigate.Investigation;
import dev.flowlens.investigate.Investigations;
import dev.flowlens.investigate.Investigator;
import dev.flowlens.investigate.Subject;
import dev.flowlens.investigate.Summarizer;
import dev.flowlens.investigate.TimeRange;
import dev.flowlens.jobs.enrich.BoundedEnrichment;
import dev.flowlens.jobs.enrich.EnrichmentSettings;
import dev.flowlens.jobs.enrich.operators.IndexSettings;
import dev.flowlens.jobs.kit.sinks.DatasetFileWriter;
import dev.flowlens.jobs.kit.sinks.EnrichedFlowParquet;
import dev.flowlens.schemas.dataset.EnrichedFlowColumns;
import dev.flowlens.sim.ScenarioWriter;
import dev.flowlens.sim.SimConfig;
import dev.flowlens.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.io.LocalOutputFile;

/**
 * {@code flowlens investigate} over a large dataset, side by side with the same question as raw DuckDB SQL over every
 * file (no partition pruning). The dataset: one simulated day written by the bounded enrichment job, then copied to
 * further days with every time shifted by whole days, written by the job's own file writer (so each copy has the
 * job's layout: sorted runs, ZSTD, bloom filters, and its own partitions and statistics) until it holds {@code days}
 * days. Summarizes every hour ({@code flowlens summarize}, timed; then again, every hour current). Asks who talked
 * to the day's busiest AWS service over the last day (a one-day window) and over the whole dataset, without and with
 * the hour summaries; each answer must equal the raw SQL's.
 *
 * <p>Run: {@code java -Xmx8g -cp bench/target/benchmarks.jar dev.flowlens.bench.InvestigateBenchmark DIR [minutes]
 * [days] [rounds]} (defaults 1440 minutes, 61 days, 3 rounds: the default scenario's day is about 1.7M
 * flows, so 61 days are about 100M); {@code DIR} is kept, so a second run reuses the
 * dataset.
 */
public final class InvestigateBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 1440;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 61;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dataset = dir.resolve("parquet");
        SimConfig config = SimConfig.defaults().withDuration(minutes);
        LocalDate first = LocalDate.ofInstant(config.start(), java.time.ZoneOffset.UTC);
        if (!Files.isDirectory(dataset.resolve("dt=" + first))) {
            long started = System.nanoTime();
            Simulation simulation = new Simulation(config);
            Path scenario = dir.resolve("scenario");
            long records = new ScenarioWriter(simulation, scenario, ScenarioWriter.Layout.S3).write();
            EnrichmentSettings settings = new EnrichmentSettings(simulation.format().toAwsFormatString(), "events",
                    new IndexSettings(Duration.ofHours(24), simulation.vpcCidrs(), Map.of()));
            BoundedEnrichment.run(StreamExecutionEnvironment.createLocalEnvironment(
                    Runtime.getRuntime().availableProcessors(), new Configuration()),
                    new BoundedEnrichment.Inputs(scenario.resolve("flowlogs"), scenario.resolve("metadata/events.jsonl"),
                            scenario.resolve("metadata/snapshot.json"), null, dataset, dir.resolve("dead-letters")),
                    settings);
            System.out.printf("day written by the job: %,d records in %.0f s%n", records,
                    (System.nanoTime() - started) / 1e9);
        }
        copy(dataset, dir.resolve("copies"), days);
        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = sql.createStatement()) {
            String all = dataset + "/*/*/*.parquet";
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + all + "')")) {
                count.next();
                System.out.printf("dataset: %,d flows, the job's day and %d shifted copies, %s%n", count.getLong(1),
                        days - 1, dataset);
            }
            String service;
            try (ResultSet busiest = statement.executeQuery("SELECT dst_aws_service FROM read_parquet('"
                    + dataset.resolve("dt=" + first) + "/*/*.parquet') WHERE dst_aws_service IS NOT NULL"
                    + " GROUP BY ALL ORDER BY count(*) DESC LIMIT 1")) {
                busiest.next();
                service = busiest.getString(1);
            }
            Subject subject = Subject.awsService(service);
            for (int run = 0; run < 2; run++) { // the second run finds every hour current
                long started = System.nanoTime();
                List<Summarizer.Hour> hours = Summarizer.run(dataset.toString(), null, null, TimeRange.ALL,
                        (done, total) -> { });
                double seconds = (System.nanoTime() - started) / 1e9;
                List<Summarizer.Hour> hourly = hours.stream().filter(hour -> hour.partition().contains("/")).toList();
                List<Summarizer.Hour> daily = hours.stream().filter(hour -> !hour.partition().contains("/")).toList();
                System.out.printf("summarize: %.1f s, %,d hours: %,d written (%,d flows), %,d already current, %,d"
                        + " summary rows; %,d days: %,d written, %,d summary rows%n", seconds, hourly.size(),
                        hourly.stream().filter(hour -> hour.outcome() == Summarizer.Outcome.WRITTEN).count(),
                        hourly.stream().mapToLong(Summarizer.Hour::flows).sum(),
                        hourly.stream().filter(hour -> hour.outcome() == Summarizer.Outcome.CURRENT).count(),
                        hourly.stream().mapToLong(Summarizer.Hour::rows).sum(), daily.size(),
                        daily.stream().filter(hour -> hour.outcome() == Summarizer.Outcome.WRITTEN).count(),
                        daily.stream().mapToLong(Summarizer.Hour::rows).sum());
            }
            LocalDate last = first.plusDays(days - 1); // its 00-09 from copy days-2, its 09-24 from copy days-1
            List<TimeRange> ranges = List.of(TimeRange.parse(last.toString(), last.toString()), TimeRange.ALL);
            for (TimeRange range : ranges) {
                String label = range.unbounded() ? "whole dataset" : "one day (" + last + ")";
                for (int round = 0; round < rounds; round++) {
                    long started = System.nanoTime();
                    Investigation investigation = Investigations.run(dataset.toString(), null, null, subject, range,
                            false, false, Investigations.Listener.NONE);
                    double investigateSeconds = (System.nanoTime() - started) / 1e9;
                    started = System.nanoTime();
                    Investigation summarized = Investigations.run(dataset.toString(), null, null, subject, range,
                            false, true, Investigations.Listener.NONE);
                    double summarizedSeconds = (System.nanoTime() - started) / 1e9;
                    started = System.nanoTime();
                    List<Counterpart> raw = raw(sql, subject, range, Path.of(all));
                    double rawSeconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("round %d  %-24s investigate %6.2f s (%,d of %,d partitions, %,d rows)"
                            + "   with summaries %6.2f s (%,d hours from summaries)   raw DuckDB SQL %6.2f s"
                            + "   same answers: %s%n", round, label, investigateSeconds,
                            investigation.pruning().kept().size(), investigation.pruning().kept().size()
                                    + investigation.pruning().skipped().size(), investigation.rows().size(),
                            summarizedSeconds, summarized.summarizedHours(), rawSeconds,
                            raw.equals(investigation.rows()) && raw.equals(summarized.rows()));
                }
            }
        }
    }

    /**
     * Copies each of the job's files to days 1 to {@code days - 1}, every {@code start} and {@code end} shifted by
     * whole days, through the job's writer ({@link EnrichedFlowParquet#rowWriter}). Day after day, two files at a time
     * (the cores); each day is marked done when all its files are written, so an interrupted run resumes, and a run
     * stopped early leaves whole days.
     */
    private static void copy(Path dataset, Path marks, int days) throws Exception {
        Files.createDirectories(marks);
        List<Path> written;
        try (Stream<Path> walk = Files.walk(dataset)) {
            written = walk.filter(file -> file.getFileName().toString().endsWith(".parquet")
                    && !file.getFileName().toString().startsWith("flows-copy-")).sorted().toList();
        }
        int start = EnrichedFlowColumns.names().indexOf("start");
        int end = EnrichedFlowColumns.names().indexOf("end");
        List<List<Object[]>> rows = null;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int day = 1; day < days; day++) {
                Path done = marks.resolve("day-" + day + ".done");
                if (Files.exists(done)) {
                    continue;
                }
                if (rows == null) { // the job's rows, read once
                    rows = new ArrayList<>();
                    for (Path file : written) {
                        rows.add(DatasetRows.read(file));
                    }
                }
                long started = System.nanoTime();
                long shift = day * 86_400L;
                int copyDay = day;
                List<java.util.concurrent.Future<?>> copies = new ArrayList<>();
                for (int i = 0; i < written.size(); i++) {
                    Path file = written.get(i);
                    List<Object[]> fileRows = rows.get(i);
                    copies.add(pool.submit(() -> {
                        Path hour = file.getParent();
                        LocalDate dt = LocalDate.parse(
                                hour.getParent().getFileName().toString().substring("dt=".length()));
                        Path target = Files.createDirectories(dataset.resolve("dt=" + dt.plusDays(copyDay))
                                .resolve(hour.getFileName().toString()))
                                .resolve("flows-copy-" + copyDay + "-" + file.getFileName());
                        if (Files.exists(target)) {
                            return null; // whole: an interrupted run moved it into place before it stopped
                        }
                        // written under a hidden name and moved whole, so a run never deletes or overwrites a file
                        Path partial = target.resolveSibling("." + target.getFileName() + "."
                                + java.util.UUID.randomUUID() + ".tmp");
                        DatasetFileWriter<?> writer = EnrichedFlowParquet.rowWriter(new LocalOutputFile(partial));
                        for (Object[] row : fileRows) {
                            Object[] shifted = row.clone();
                            if (shifted[start] != null) {
                                shifted[start] = (Long) shifted[start] + shift;
                            }
                            if (shifted[end] != null) {
                                shifted[end] = (Long) shifted[end] + shift;
                            }
                            writer.addRow(shifted);
                        }
                        writer.finish();
                        Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> copy : copies) {
                    copy.get();
                }
                Files.writeString(done, "");
                long count = rows.stream().mapToLong(List::size).sum();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("copy %d written by the job's writer: %,d rows in %.0f s (%,.0f rows/s)%n", day,
                        count, seconds, count / seconds);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The same question as one DuckDB query over every file (a glob), no pruning but DuckDB's own. */
    private static List<Counterpart> raw(Connection connection, Subject subject, TimeRange range, Path glob)
            throws Exception {
        String query = Investigator.sql(subject, range, List.of(glob));
        List<Counterpart> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                java.sql.Array groups = result.getArray("security_groups");
                rows.add(new Counterpart(result.getString("task_id"), result.getString("service"),
                        result.getString("cluster"), groups == null ? null
                                : Stream.of((Object[]) groups.getArray()).map(String::valueOf).toList(),
                        result.getString("address"), result.getString("peer_class"), result.getString("aws_service"),
                        java.time.Instant.ofEpochSecond(result.getLong("first_seen")),
                        java.time.Instant.ofEpochSecond(result.getLong("last_seen")), result.getLong("flows"),
                        result.getLong("bytes"), result.getLong("packets"), result.getLong("accepted"),
                        result.getLong("rejected")));
            }
        }
        return rows;
    }
}
