package dev.flowlens.jobs.enrich;

import dev.flowlens.jobs.kit.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The cluster jar's entry point: reads the enrichment job's configuration and runs it on the cluster's environment.
 * {@code --config FILE} for YAML, {@code --property-groups FILE} for Managed Service for Apache Flink's runtime
 * properties; with no arguments, the properties the service writes to {@link JobConfig#MANAGED_FLINK_PROPERTIES}.
 * It never calls {@code System.exit}: it may run inside the JobManager.
 */
public final class EnrichmentJob {
    private EnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        RunEnrichment.run(StreamExecutionEnvironment.getExecutionEnvironment(), config(args));
    }

    /** The configuration {@code args} name. */
    static JobConfig config(String[] args) throws java.io.IOException {
        return JobConfig.fromArguments(args, EnrichmentOptions.ALL, "EnrichmentJob");
    }
}
