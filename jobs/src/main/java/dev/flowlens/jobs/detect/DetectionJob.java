package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.kit.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detection job's entry point on a cluster ({@code flink run -c dev.flowlens.jobs.detect.DetectionJob
 * flowlens-cluster.jar --config FILE}): reads its configuration and runs it on the cluster's environment.
 * {@code --config FILE} for YAML, {@code --property-groups FILE} for Managed Service for Apache Flink's runtime
 * properties; with no arguments, the properties the service writes to {@link JobConfig#MANAGED_FLINK_PROPERTIES}.
 * It never calls {@code System.exit}: it may run inside the JobManager.
 */
public final class DetectionJob {
    private DetectionJob() {}

    public static void main(String[] args) throws Exception {
        RunDetection.run(StreamExecutionEnvironment.getExecutionEnvironment(), config(args));
    }

    /** The configuration {@code args} name. */
    static JobConfig config(String[] args) throws java.io.IOException {
        return JobConfig.fromArguments(args, DetectionJobOptions.ALL, "DetectionJob");
    }
}
