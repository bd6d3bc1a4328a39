package dev.flowlens.jobs.report;

import dev.flowlens.jobs.kit.AwsOptions;
import dev.flowlens.jobs.kit.JobOption;
import java.util.List;

/** Every configuration key of the usage-report job ({@code flowlens run usage-report}, {@code UsageReportJob}). */
public final class UsageReportOptions {
    public static final JobOption<String> DATASET = JobOption.key("report.dataset")
            .text(null, "the enriched-flow dataset's root, holding its dt=... folders: a directory or"
                    + " s3://bucket/prefix (required); only the days of the period are read");
    public static final JobOption<String> PERIOD = JobOption.key("report.period")
            .text(null, "the period relative to the run: 'last N days' (the N whole UTC days before today),"
                    + " 'last N weeks' or 'last N hours'; or set report.period-start and report.period-end");
    public static final JobOption<String> PERIOD_START = JobOption.key("report.period-start")
            .text(null, "period start, inclusive: a UTC date (2026-05-01), date-time (2026-05-01T10:00) or instant"
                    + " (2026-05-01T10:00:00Z)");
    public static final JobOption<String> PERIOD_END = JobOption.key("report.period-end")
            .text(null, "period end, exclusive, in the same forms");
    public static final JobOption<String> OUTPUT = JobOption.key("report.output")
            .text(null, "folder the report files usage-FROM-UNTIL.csv/.json/.html go to: a directory or"
                    + " s3://bucket/prefix (required); a file there is replaced only when it is a report of the same"
                    + " form this job wrote");
    public static final JobOption<List<String>> FORMATS = withDefault(JobOption.key("report.formats")
            .list("the forms to write: csv and json (the ServiceUsage rows), html (the page with charts)"),
            List.of("csv", "json", "html"));
    public static final JobOption<String> PRICES = JobOption.key("report.prices")
            .text(null, "prices file (YAML or JSON) overriding the defaults, as 'flowlens report usage --prices'"
                    + " takes it; read where the job is submitted");
    public static final JobOption<Integer> TOP = JobOption.key("report.top")
            .integer(10, "internet destinations the page shows per service");

    /** Every key of the job, in the README's order. */
    public static final List<JobOption<?>> ALL = List.of(DATASET, PERIOD, PERIOD_START, PERIOD_END, OUTPUT, FORMATS,
            PRICES, TOP, AwsOptions.S3_ENDPOINT, AwsOptions.S3_PATH_STYLE);

    private UsageReportOptions() {}

    private static <T> JobOption<T> withDefault(JobOption<T> option, T defaultValue) {
        return new JobOption<>(option.key(), option.type(), defaultValue, option.description(), option.parser());
    }
}
