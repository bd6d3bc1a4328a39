package dev.flowlens.jobs.report;

import dev.flowlens.jobs.kit.JobConfig;
import java.time.Instant;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The usage report's entry point on a cluster ({@code flink run -c dev.flowlens.jobs.report.UsageReportJob
 * flowlens-cluster.jar --config FILE}, or the scheduled {@code FlinkDeployment} of
 * {@code deploy/kubernetes/flowlens-usage-report.yaml}): a bounded job that ends when the report is written. A period
 * relative to the run ({@code report.period: last 7 days}) is taken from the clock when it starts. It never calls
 * {@code System.exit}: it may run inside the JobManager; a failure is an exception, so the application fails.
 */
public final class UsageReportJob {
    private UsageReportJob() {}

    public static void main(String[] args) throws Exception {
        RunUsageReport.run(StreamExecutionEnvironment.getExecutionEnvironment(), config(args), Instant.now());
    }

    /** The configuration {@code args} name. */
    static JobConfig config(String[] args) throws java.io.IOException {
        return JobConfig.fromArguments(args, UsageReportOptions.ALL, "UsageReportJob");
    }
}
