package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.kit.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (args.length == 0 && Files.isRegularFile(JobConfig.MANAGED_FLINK_PROPERTIES)) {
            return JobConfig.readPropertyGroups(JobConfig.MANAGED_FLINK_PROPERTIES, System.getenv(),
                    DetectionJobOptions.ALL);
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return JobConfig.read(Path.of(args[1]), System.getenv(), DetectionJobOptions.ALL);
        }
        if (args.length == 2 && args[0].equals("--property-groups")) {
            return JobConfig.readPropertyGroups(Path.of(args[1]), System.getenv(), DetectionJobOptions.ALL);
        }
        throw new IllegalArgumentException("usage: DetectionJob --config FILE | --property-groups FILE (or no"
                + " arguments on Managed Service for Apache Flink)");
    }
}
