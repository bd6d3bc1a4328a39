package dev.flowlens.cli;

import dev.flowlens.jobs.kit.FlinkFileSystems;
import dev.flowlens.jobs.kit.JobConfig;
import dev.flowlens.jobs.report.RunUsageReport;
import dev.flowlens.jobs.report.UsageReportOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens run usage-report --config FILE}: the usage report as the bounded Flink job (the dataset local or on
 * S3, the report files written to a folder, local or on S3), on an embedded mini-cluster, or on the cluster when
 * submitted with {@code flink run}. {@code report usage} is the same report from a local dataset on one machine.
 */
@Command(name = "usage-report", mixinStandardHelpOptions = true,
        description = {"Run the usage report as a bounded Flink job: per-service network usage and its estimated"
                + " cost over a period of the enriched-flow dataset (a directory or s3://), written as CSV, JSON"
                + " and HTML files to a folder (a directory or s3://). YAML; report.* keys in the README;"
                + " environment variables FLOWLENS_<KEY> override them.",
            "Runs on an embedded Flink mini-cluster, or on the cluster when submitted with 'flink run'."})
final class RunUsageReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RunCommand.Enrich.Source source;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = source.read(UsageReportOptions.ALL);
        FlinkFileSystems.initialize(FlinkFileSystems.options(jobConfig), RunCommand.Enrich.pluginsRoot());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunUsageReport.Plan plan;
        try { // what fails before the job starts is the configuration's or its inputs'
            plan = RunUsageReport.define(env, jobConfig, Instant.now());
        } catch (IllegalArgumentException | IOException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        JobExecutionResult result;
        try {
            result = env.execute("flowlens usage report");
        } catch (Exception e) {
            throw new RunCommand.Enrich.JobFailedException(e);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!result.isJobExecutionResult()) { // submitted detached: its outcome is the cluster's to show
            err.printf("%s: submitted as job %s%n", spec.qualifiedName(), result.getJobID());
            err.flush();
            return 0;
        }
        long records;
        try {
            records = RunUsageReport.finished(result, plan);
        } catch (IllegalArgumentException e) {
            throw new Flowlens.UsageException(e.getMessage());
        }
        err.printf("%s: %s: %,d flow records of %d day partition%s; written to %s: %s; done in %.1f s%n",
                spec.qualifiedName(), plan.period(), records, plan.partitions().size(),
                plan.partitions().size() == 1 ? "" : "s", plan.output(), String.join(", ", plan.files()),
                result.getNetRuntime() / 1000.0);
        err.flush();
        return 0;
    }
}
