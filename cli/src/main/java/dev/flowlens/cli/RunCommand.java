package dev.flowlens.cli;

import dev.flowlens.jobs.detect.DetectionCounts;
import dev.flowlens.jobs.detect.DetectionJobOptions;
import dev.flowlens.jobs.detect.RunDetection;
import dev.flowlens.jobs.enrich.EnrichmentCounts;
import dev.flowlens.jobs.enrich.EnrichmentOptions;
import dev.flowlens.jobs.enrich.RunEnrichment;
import dev.flowlens.jobs.kit.FlinkFileSystems;
import dev.flowlens.jobs.kit.JobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlens run}: runs a Flowlens job. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a Flowlens Flink job.",
        subcommands = {RunCommand.Enrich.class, RunCommand.Detect.class, RunUsageReportCommand.class})
final class RunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a job: enrich, detect or usage-report");
    }

    /**
     * {@code flowlens run enrich --config FILE}: the enrichment job on an embedded mini-cluster, or — when the same
     * jar is submitted with {@code flink run} — on that cluster, since Flink's environment is whichever runs it.
     */
    @Command(name = "enrich", mixinStandardHelpOptions = true,
            description = {"Run the enrichment job as configured (YAML; keys in the README; environment variables"
                    + " FLOWLENS_<KEY> override them).",
                "Runs on an embedded Flink mini-cluster, or on the cluster when submitted with 'flink run'."})
    static final class Enrich implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        /** One configuration source: the YAML file, or Managed Service for Apache Flink property groups. */
        static final class Source {
            @Option(names = "--config", required = true, paramLabel = "FILE", description = "The job's YAML file.")
            Path config;

            @Option(names = "--property-groups", required = true, paramLabel = "FILE",
                    description = "Managed Service for Apache Flink runtime properties (JSON), e.g. "
                            + "/etc/flink/application_properties.json.")
            Path propertyGroups;

            /** The job's configuration of {@code options}; a missing file or a bad key is a usage error. */
            JobConfig read(java.util.List<dev.flowlens.jobs.kit.JobOption<?>> options) {
                Path file = config != null ? config : propertyGroups;
                if (!Files.isRegularFile(file)) {
                    throw new Flowlens.UsageException("'" + file + "': no such file");
                }
                try {
                    return config != null ? JobConfig.read(file, System.getenv(), options)
                            : JobConfig.readPropertyGroups(file, System.getenv(), options);
                } catch (IllegalArgumentException | IOException e) {
                    throw new Flowlens.UsageException(e.getMessage());
                }
            }
        }

        @Override
        public Integer call() throws Exception {
            JobConfig jobConfig = source.read(EnrichmentOptions.ALL);
            FlinkFileSystems.initialize(FlinkFileSystems.options(jobConfig), pluginsRoot());
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = Progress.of(spec);
            StreamExecutionEnvironment env = JobProgress.environment(progress, 0);
            try { // what fails before the job starts is the configuration's or its inputs'
                RunEnrichment.define(env, jobConfig, warning -> {
                    err.println(spec.qualifiedName() + ": warning: " + warning);
                    err.flush();
                });
            } catch (IllegalArgumentException | IOException e) {
                throw new Flowlens.UsageException(e.getMessage());
            }
            JobExecutionResult result;
            try {
                result = env.execute("flowlens enrichment");
            } catch (Exception e) {
                throw new JobFailedException(e);
            }
            if (!result.isJobExecutionResult()) { // submitted detached: its counts are the cluster's to show
                err.printf("%s: submitted as job %s%n", spec.qualifiedName(), result.getJobID());
                err.flush();
                return 0;
            }
            EnrichmentCounts counts = EnrichmentCounts.of(result.getAllAccumulatorResults());
            err.printf("%s: %,d flows enriched, %,d dead letter%s; done in %.1f s%n", spec.qualifiedName(),
                    counts.enrichedFlows(), counts.deadLetters(), counts.deadLetters() == 1 ? "" : "s",
                    result.getNetRuntime() / 1000.0);
            err.flush();
            return counts.deadLetters() > 0 ? Flowlens.EXIT_DEAD_LETTERS : 0;
        }
    
        /** The job failed while running: its root cause, not Flink's "Job execution failed." wrapper. */
        static final class JobFailedException extends RuntimeException {
            JobFailedException(Throwable failure) {
                super("the job failed: " + rootCause(failure), failure);
            }

            private static String rootCause(Throwable failure) {
                Throwable root = failure;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return root.toString();
            }
        }

        /** {@code FLINK_PLUGINS_DIR}, else the {@code plugins} folder beside the jar (the build puts S3's there). */
        static Path pluginsRoot() throws java.net.URISyntaxException {
            String configured = System.getenv("FLINK_PLUGINS_DIR");
            if (configured != null) {
                return Path.of(configured);
            }
            Path code = Path.of(RunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.resolveSibling("plugins");
        }
    }

    /**
     * {@code flowlens run detect --config FILE}: the detection job (enriched flows from Kafka to alerts) on an embedded
     * mini-cluster, or on the cluster when the same jar is submitted with {@code flink run}.
     */
    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = {"Run the detection job as configured: enriched flows from the enrichment job's Kafka topic"
                    + " to the alert outputs (YAML; keys in the README; environment variables FLOWLENS_<KEY>"
                    + " override them).",
                "Runs on an embedded Flink mini-cluster, or on the cluster when submitted with 'flink run'."})
    static final class Detect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Enrich.Source source;

        @Override
        public Integer call() throws Exception {
            JobConfig jobConfig = source.read(DetectionJobOptions.ALL);
            FlinkFileSystems.initialize(FlinkFileSystems.options(jobConfig), Enrich.pluginsRoot());
            PrintWriter err = spec.commandLine().getErr();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            try { // what fails before the job starts is the configuration's or its inputs'
                RunDetection.define(env, jobConfig);
            } catch (IllegalArgumentException | IOException e) {
                throw new Flowlens.UsageException(e.getMessage());
            }
            JobExecutionResult result;
            try {
                result = env.execute("flowlens detection");
            } catch (Exception e) {
                throw new Enrich.JobFailedException(e);
            }
            if (!result.isJobExecutionResult()) { // submitted detached: its counts are the cluster's to show
                err.printf("%s: submitted as job %s%n", spec.qualifiedName(), result.getJobID());
                err.flush();
                return 0;
            }
            DetectionCounts counts = DetectionCounts.of(result.getAllAccumulatorResults());
            err.printf("%s: %,d incident%s (%,d alert records), %,d dead letter%s; done in %.1f s%n",
                    spec.qualifiedName(), counts.incidents(), counts.incidents() == 1 ? "" : "s",
                    counts.alertRecords(), counts.deadLetters(), counts.deadLetters() == 1 ? "" : "s",
                    result.getNetRuntime() / 1000.0);
            err.flush();
            return counts.deadLetters() > 0 ? Flowlens.EXIT_DEAD_LETTERS : 0;
        }
    }
}
