package dev.flowlens.jobs.detect;

import dev.flowlens.jobs.kit.AwsOptions;
import dev.flowlens.jobs.kit.CheckpointOptions;
import dev.flowlens.jobs.kit.JobOption;
import dev.flowlens.jobs.kit.kafka.KafkaOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key of the detection job ({@code flowlens run detect}), declared once: the enriched-flows topic
 * it reads, its dead letters, an optional ENI export, checkpoints, the S3 endpoint (for an {@code s3://} alert dataset), and the enrichment job's {@code detection.*} and
 * {@code alerts.*} keys. {@code detection.enabled} is not one of them: this job always detects, so the key would
 * only say something false when set to {@code false}.
 */
public final class DetectionJobOptions {
    public static final KafkaOptions ENRICHED_KAFKA = KafkaOptions.source("enriched", "enriched flows",
            "flowlens-detect");
    public static final JobOption<Boolean> KAFKA_BOUNDED = JobOption.key("enriched.kafka.bounded")
            .bool(false, "true: read what is in the topic, then finish (BATCH mode); false: stream (STREAMING"
                    + " mode, event time, checkpoints)");
    public static final JobOption<Duration> OUT_OF_ORDERNESS = JobOption.key("enriched.out-of-orderness")
            .duration(Duration.ofMinutes(2), "streaming: how far out of order enriched flows arrive by their"
                    + " capture window's start");
    public static final JobOption<Duration> IDLENESS = JobOption.key("enriched.idleness")
            .duration(Duration.ofMinutes(1), "streaming: a partition quiet this long stops holding event time back");
    public static final JobOption<String> DEAD_LETTERS = JobOption.key("sinks.dead-letters")
            .text(null, "directory for dead letters (messages that are no enriched flow) as JSON lines (required)");
    public static final JobOption<String> NETWORK_INTERFACES = JobOption.key("metadata.network-interfaces")
            .text(null, "'aws ec2 describe-network-interfaces' output (optional): its addresses are known"
                    + " workloads, never unknown ones");

    /** Every key of the job, in the README's order. */
    public static final List<JobOption<?>> ALL = all();

    private DetectionJobOptions() {}

    private static List<JobOption<?>> all() {
        List<JobOption<?>> all = new ArrayList<>(ENRICHED_KAFKA.all());
        all.addAll(List.of(KAFKA_BOUNDED, OUT_OF_ORDERNESS, IDLENESS, DEAD_LETTERS, NETWORK_INTERFACES));
        all.addAll(CheckpointOptions.ALL);
        all.addAll(List.of(AwsOptions.S3_ENDPOINT, AwsOptions.S3_PATH_STYLE)); // for an s3:// alert dataset
        DetectionOptions.ALL.stream().filter(option -> option != DetectionOptions.ENABLED).forEach(all::add);
        all.addAll(AlertSinkOptions.ALL);
        return List.copyOf(all);
    }
}
