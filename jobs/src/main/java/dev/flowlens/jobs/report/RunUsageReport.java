package dev.flowlens.jobs.report;

import static dev.flowlens.jobs.report.UsageReportOptions.*;

import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.kit.RuntimeModes;
import dev.flowlens.report.Period;
import dev.flowlens.report.Prices;
import dev.flowlens.report.ReportFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the usage-report job from a {@link JobConfig} of {@link UsageReportOptions}: checks what can be checked before
 * it runs (the period, the dataset's partitions of it, the prices, that no file of another's is in the way), then
 * builds {@link UsageReportTopology} in BATCH mode with {@link WriteUsageReport} as its sink.
 */
public final class RunUsageReport {
    private RunUsageReport() {}

    /**
     * What the job will do.
     *
     * @param period the period reported
     * @param partitions the dataset's {@code dt=} folders of the period that exist
     * @param output the folder of the report files
     * @param files the files it writes there
     */
    public record Plan(Period period, List<Path> partitions, Path output, List<String> files) {}

    /** Defines the job, runs it and checks it counted records. */
    public static Plan run(StreamExecutionEnvironment env, JobConfig config, Instant now) throws Exception {
        Plan plan = define(env, config, now);
        finished(env.execute("flowlens usage report"), plan);
        return plan;
    }

    /**
     * Builds the job on {@code env}.
     *
     * @throws IllegalArgumentException for a configuration that cannot run (naming the key), a dataset without a
     *     partition of the period, or an output with a file in the way
     * @throws IOException when the dataset or the output cannot be looked at
     */
    public static Plan define(StreamExecutionEnvironment env, JobConfig config, Instant now) throws IOException {
        env.configure(Configuration.fromMap(config.flinkOptions()));
        Period period = period(config, now);
        List<ReportFormat> formats = formats(config);
        Prices prices;
        try {
            prices = config.isSet(PRICES) ? Prices.load(java.nio.file.Path.of(config.get(PRICES))) : Prices.defaults();
        } catch (Prices.InvalidPricesException e) {
            throw new IllegalArgumentException(PRICES.key() + ": " + e.getMessage());
        }
        int top = config.get(TOP);
        if (top < 1) {
            throw new IllegalArgumentException(TOP.key() + " " + top + ": show at least 1 destination per service");
        }
        List<Path> partitions = partitions(config.required(DATASET), period);
        Path output = new Path(config.required(OUTPUT));
        String refusal = UsageReportFiles.refusal(output, period, formats);
        if (refusal != null) {
            throw new IllegalArgumentException(OUTPUT.key() + ": " + refusal);
        }
        RuntimeModes.bounded(env);
        UsageReportTopology.build(UsageReportTopology.readDataset(env, partitions), period,
                whole -> whole.sinkTo(new WriteUsageReport(output.toString(), formats, prices, top))
                        .setParallelism(1).uid("usage-report-files").name("usage report files"));
        List<String> files = formats.stream().map(format -> UsageReportFiles.fileName(period, format)).toList();
        return new Plan(period, partitions, output, files);
    }

    /**
     * Checks a finished run: a period without a single flow record wrote nothing, which is a configuration's error
     * (the wrong period or dataset), not a report.
     *
     * @return the records of the period
     */
    public static long finished(JobExecutionResult result, Plan plan) {
        if (!result.isJobExecutionResult()) {
            return -1; // submitted detached: the cluster has its outcome
        }
        Long records = result.getAccumulatorResult(MergeUsage.RECORDS);
        if (records == null || records == 0) {
            throw new IllegalArgumentException("the dataset has no flow record from " + plan.period()
                    + ", so no report was written: check report.period and report.dataset");
        }
        return records;
    }

    static Period period(JobConfig config, Instant now) {
        boolean relative = config.isSet(PERIOD);
        boolean absolute = config.isSet(PERIOD_START) || config.isSet(PERIOD_END);
        if (relative && absolute) {
            throw new IllegalArgumentException("set " + PERIOD.key() + " or " + PERIOD_START.key() + " and "
                    + PERIOD_END.key() + ", not both");
        }
        if (relative) {
            try {
                return Period.last(config.get(PERIOD), now);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PERIOD.key() + ": " + e.getMessage());
            }
        }
        if (!config.isSet(PERIOD_START) || !config.isSet(PERIOD_END)) {
            throw new IllegalArgumentException("the period is required: set " + PERIOD.key()
                    + " ('last 7 days') or both " + PERIOD_START.key() + " and " + PERIOD_END.key());
        }
        long start = time(PERIOD_START.key(), config.get(PERIOD_START));
        long end = time(PERIOD_END.key(), config.get(PERIOD_END));
        if (end <= start) {
            throw new IllegalArgumentException(PERIOD_END.key() + " must be after " + PERIOD_START.key()
                    + " (the period is [start, end))");
        }
        return new Period(start, end);
    }

    private static long time(String key, String text) {
        try {
            return Period.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static List<ReportFormat> formats(JobConfig config) {
        List<ReportFormat> formats = new ArrayList<>();
        for (String name : config.get(FORMATS)) {
            ReportFormat format = null;
            for (ReportFormat candidate : ReportFormat.values()) {
                if (candidate.optionName().equals(name)) {
                    format = candidate;
                }
            }
            if (format == null) {
                throw new IllegalArgumentException(FORMATS.key() + " '" + name + "': expected csv, json or html");
            }
            if (!formats.contains(format)) {
                formats.add(format);
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException(FORMATS.key() + ": name at least one of csv, json and html");
        }
        return formats;
    }

    /** The dataset's {@code dt=} folders of the period that exist. */
    private static List<Path> partitions(String dataset, Period period) throws IOException {
        Path root = new Path(dataset);
        FileSystem fs;
        try {
            fs = root.getFileSystem();
        } catch (IOException e) {
            throw new IllegalArgumentException(DATASET.key() + " '" + dataset + "': no file system for it ("
                    + e.getMessage() + ")");
        }
        if (!fs.exists(root) || !fs.getFileStatus(root).isDir()) {
            throw new IllegalArgumentException(DATASET.key() + " '" + dataset + "': no such folder; give the"
                    + " enriched-flow dataset's root (holding dt=... folders)");
        }
        List<Path> partitions = new ArrayList<>();
        LocalDate last = LocalDate.parse(period.lastDay());
        for (LocalDate day = LocalDate.parse(period.firstDay()); !day.isAfter(last); day = day.plusDays(1)) {
            Path partition = new Path(root, "dt=" + day);
            if (fs.exists(partition)) {
                partitions.add(partition);
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException(DATASET.key() + " '" + dataset + "' has no partition of the period "
                    + period + " (no dt=" + period.firstDay() + (period.firstDay().equals(period.lastDay()) ? ""
                    : " to dt=" + period.lastDay()) + "): check " + PERIOD.key() + " and the dataset");
        }
        return partitions;
    }
}
