package dev.flowlens.jobs.kit;

import java.time.Duration;
import java.util.List;

/** Checkpoints of streaming jobs, on which their sinks commit. */
public final class CheckpointOptions {
    public static final JobOption<Duration> INTERVAL = JobOption.key("checkpoints.interval")
            .duration(Duration.ofMinutes(1), "streaming: checkpoint interval; Kafka transactions and Parquet/JSON"
                    + " files commit on checkpoints, so this is also the output latency and roughly one Parquet"
                    + " file per partition per subtask per interval");
    public static final JobOption<String> DIRECTORY = JobOption.key("checkpoints.directory")
            .text(null, "streaming: where checkpoints go (file:// or s3://; default: the cluster's setting, in"
                    + " memory on the embedded mini-cluster)");

    public static final List<JobOption<?>> ALL = List.of(INTERVAL, DIRECTORY);

    private CheckpointOptions() {}
}
